import Testing
import XDRJSON
import XDRModel
@testable import XDRScenario

@Suite struct DemoAttackTests {
    @Test func isSmallAndSpansFourFormats() {
        let demo = DemoAttack()
        #expect((30...60).contains(demo.records.count))
        #expect(demo.formats == ["defender-email", "falcon", "suricata", "sysmon"])
        #expect(demo.truth.layers == [.email, .endpoint, .network])
        #expect(demo.truth.members.count == demo.records.count)
    }

    @Test func everyStepTellsWhatHappenedAndCarriesItsRecords() throws {
        let demo = DemoAttack(tenant: "acme")
        #expect(demo.steps.count >= 5)
        for step in demo.steps {
            #expect(step.narrative.count > 20)
            #expect(!step.records.isEmpty)
            #expect(step.batches.reduce(0) { $0 + $1.recordCount } == step.records.count)
            #expect(step.batches.allSatisfy { $0.tenant == "acme" && $0.path == "/v1/ingest/\($0.format)" })
            for batch in step.batches {
                for line in batch.body.split(separator: 0x0A) { _ = try JSONParser.parse(Array(line)) }
            }
        }
        #expect(demo.steps.map(\.number) == Array(1...demo.steps.count))
    }

    @Test func isDeterministicPerSeed() {
        #expect(DemoAttack(seed: 1).records.map(\.line) == DemoAttack(seed: 1).records.map(\.line))
        #expect(DemoAttack(seed: 1).records.map(\.line) != DemoAttack(seed: 2).records.map(\.line))
    }

    @Test func carriesTheCampaignIndicators() {
        let lines = DemoAttack().records.map(\.line)
        #expect(lines.contains { $0.contains(PhishingCampaign.attachmentHashes.sha256) })
        #expect(lines.contains { $0.contains(PhishingCampaign.attachmentHashes.sha256.uppercased()) })
        #expect(lines.contains { $0.contains(PhishingCampaign.c2IP) && $0.contains("CnC Beacon") })
        #expect(lines.contains { $0.contains("\"event_id\":\"4624\"") && $0.contains("filesrv01") && $0.contains("10.0.1.21") })
    }
}
