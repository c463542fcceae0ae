import Testing
import XDRJSON
import XDRModel
@testable import XDRScenario

@Suite struct ScenarioGeneratorTests {
    static let everything = ScenarioKind.allCases
    static let tenants = ["tenant-a", "tenant-b"]

    /// A lighter background than `.light`, to keep the suite quick in debug builds.
    static let background = NoiseLevel(recordsPerMinute: 1, minutes: 360)

    func build(seed: UInt64 = 7, noise: NoiseLevel = background) throws -> GeneratedDataset {
        try ScenarioGenerator(seed: seed).build(Self.everything, tenants: Self.tenants, noise: noise)
    }

    @Test func sameSeedGivesByteIdenticalBatches() throws {
        let first = try build()
        let second = try build()
        #expect(first.batches.count == second.batches.count)
        #expect(first.batches.map(\.body) == second.batches.map(\.body))
        #expect(first.batches.map(\.arrivesAt) == second.batches.map(\.arrivesAt))
    }

    @Test func differentSeedGivesDifferentRecords() throws {
        let first = try build(seed: 7)
        let other = try build(seed: 8)
        #expect(first.batches.map(\.body) != other.batches.map(\.body))
        // The stories stay the same: same attacks, same member counts.
        #expect(first.truth.attacks.map(\.id) == other.truth.attacks.map(\.id))
        #expect(first.truth.attacks.map(\.members.count) == other.truth.attacks.map(\.members.count))
    }

    @Test func everyLineIsOneValidJSONObject() throws {
        let dataset = try build()
        var count = 0
        for batch in dataset.batches {
            for line in batch.body.split(separator: 0x0A) {
                let value = try JSONParser.parse(Array(line))
                #expect(value.object != nil, "\(batch.format): not an object")
                count += 1
            }
        }
        let expected = dataset.batches.reduce(0) { $0 + ($1.format == "cloudtrail" ? 1 : $1.recordCount) }
        #expect(count == expected && count > 0)
        #expect(dataset.records.allSatisfy { !$0.line.contains("\n") })
    }

    @Test func batchesFrameIntoExactlyTheRecords() throws {
        let dataset = try build()
        var framed = 0
        for batch in dataset.batches {
            let (records, rejected) = BatchRecords.split(batch)
            #expect(rejected == 0)
            #expect(records.count == batch.recordCount)
            #expect(batch.body.count <= ScenarioGenerator.maximumBatchBytes + 64)
            framed += records.count
        }
        #expect(framed == dataset.records.count)
        // Ground truth names records by tenant and text, so those must be unique.
        #expect(Set(dataset.records.map(\.reference)).count == dataset.records.count, "every record is unique in its tenant")
    }

    @Test func recordsAreTimeOrderedWithinEachTenantAndFormat() throws {
        let dataset = try build()
        var lastTime: [String: Int64] = [:]
        let timeOf = Dictionary(dataset.records.map { ($0.line, $0.time) }, uniquingKeysWith: { a, _ in a })
        for batch in dataset.batches.sorted(by: { $0.arrivesAt < $1.arrivesAt }) {
            for record in BatchRecords.split(batch).records {
                let key = batch.tenant + "/" + batch.format
                let time = try #require(timeOf[record.text])
                #expect(time >= lastTime[key, default: .min], "\(key) goes back in time")
                lastTime[key] = time
            }
        }
    }

    @Test func networkBatchesArriveAfterTheEndpointRecordsOfTheSameMinute() throws {
        let dataset = try build(noise: .none)
        let attack = try #require(dataset.truth.attack("phishing-attachment@tenant-a"))
        let beaconAlert = try #require(attack.detections.first { $0.format == "suricata" })
        let powershell = try #require(attack.members.first { $0.format == "sysmon" && $0.line.contains("\"event_id\":\"1\"") && $0.line.contains("-Enc ") })
        func arrival(_ reference: RecordReference) -> Int64? {
            dataset.batches.first { $0.tenant == reference.tenant && $0.format == reference.format
                && BatchRecords.split($0).records.contains { $0.text == reference.line } }?.arrivesAt
        }
        let networkArrival = try #require(arrival(beaconAlert))
        let endpointArrival = try #require(arrival(powershell))
        #expect(networkArrival > endpointArrival + 120_000_000)
    }

    @Test func groundTruthMembersAllExistInTheBatches() throws {
        let dataset = try build()
        let present = BatchRecords.references(dataset.batches)
        #expect(dataset.truth.attacks.count == 5)
        for attack in dataset.truth.attacks {
            #expect(!attack.members.isEmpty)
            #expect(!attack.detections.isEmpty, "\(attack.id) has nothing to seed an incident")
            for member in attack.members {
                #expect(present.contains(member), "\(attack.id): missing \(member)")
                #expect(member.tenant == attack.tenant)
            }
            #expect(Set(attack.detections).isSubset(of: Set(attack.members)))
            let layers = Set(attack.members.compactMap { SourceFormat(rawValue: $0.format)?.layer })
            #expect(attack.layers.isSubset(of: layers), "\(attack.id) claims layers it has no records for")
        }
        for alert in dataset.truth.benignAlerts { #expect(present.contains(alert)) }
        let memberSet = Set(dataset.truth.attacks.flatMap(\.members))
        #expect(dataset.truth.benignAlerts.allSatisfy { !memberSet.contains($0) })
    }

    @Test func theTwoTenantsShareIndicatorsButNotIncidents() throws {
        let dataset = try build(noise: .none)
        let a = try #require(dataset.truth.attack("phishing-attachment@tenant-a"))
        let b = try #require(dataset.truth.attack("two-tenants@tenant-b"))
        #expect(a.tenant == "tenant-a" && b.tenant == "tenant-b")
        for indicator in [PhishingCampaign.c2IP, PhishingCampaign.attachmentHashes.sha256, "10.0.1.21", "alice@corp.example"] {
            #expect(a.members.contains { $0.line.contains(indicator) })
            #expect(b.members.contains { $0.line.contains(indicator) })
        }
        #expect(Set(a.members).isDisjoint(with: Set(b.members)))
    }

    @Test func dhcpReuseForbidsTheAfternoonAlertFromCarolsIncident() throws {
        let dataset = try build(noise: .none)
        let link = try #require(dataset.truth.forbiddenLinks.first)
        let carol = try #require(dataset.truth.attack(link.attackID))
        #expect(carol.members.contains { $0.line.contains("ws-carol") && $0.line.contains(DHCPReuseScenario.sharedIP) })
        #expect(link.record.line.contains(DHCPReuseScenario.sharedIP))
        #expect(dataset.truth.benignAlerts.contains(link.record))
        // ws-dave's own records show the new binding before the alert.
        let daveBinding = dataset.records.filter { $0.line.contains("\"hostname\":\"ws-dave\"") && $0.line.contains(DHCPReuseScenario.sharedIP) }
        #expect(!daveBinding.isEmpty)
        let alertTime = try #require(dataset.records.first { $0.line == link.record.line }?.time)
        #expect(daveBinding.allSatisfy { $0.time < alertTime })
        #expect(carol.members.allSatisfy { member in dataset.records.first { $0.line == member.line }!.time < alertTime - 3_600_000_000 })
    }

    @Test func benignAlertsAreLowSeverity() throws {
        let dataset = try build(noise: .none)
        #expect(dataset.truth.benignAlerts.count >= 5)
        for alert in dataset.truth.benignAlerts {
            let value = try JSONParser.parse(alert.line)
            switch alert.format {
            case "suricata": #expect(value[path: "alert.severity"]?.int == 3)
            case "falcon": #expect((value[path: "event.Severity"]?.int ?? 9) <= 2)
            case "falco": #expect(value["priority"]?.string == "Notice")
            case "defender-email": #expect(value[path: "properties.ThreatTypes"]?.string == "Spam")
            default: Issue.record("unexpected benign alert format \(alert.format)")
            }
        }
    }

    @Test func noiseLevelSetsTheBackgroundVolume() throws {
        let quiet = try ScenarioGenerator(seed: 1).build([], tenants: ["t"], noise: .none)
        #expect(quiet.records.isEmpty && quiet.batches.isEmpty)
        let level = NoiseLevel(recordsPerMinute: 3, minutes: 10)
        let noisy = try ScenarioGenerator(seed: 1).build([], tenants: ["t"], noise: level)
        #expect(noisy.records.count == 3 * 10 * ScenarioGenerator.backgroundFormats.count)
        #expect(!noisy.records.contains { $0.line.contains("ws-alice") })
    }

    @Test func refusesImpossibleRequests() {
        let generator = ScenarioGenerator(seed: 1)
        #expect(throws: ScenarioError.self) { try generator.build([.phishingAttachment], tenants: []) }
        #expect(throws: ScenarioError.self) { try generator.build([.twoTenants], tenants: ["only-one"]) }
        #expect(throws: ScenarioError.self) { try generator.build([], tenants: ["a", "a"]) }
    }
}
