import Foundation
import Testing
import XDRModel
@testable import XDRCorrelate

@Suite struct TenantEngineTests {
    @Test func phishingToLateralMovementBecomesOneIncidentThatTellsTheStory() throws {
        var factory = EventFactory()
        let scenario = PhishingScenario(factory: &factory)
        let engine = try builtInEngine()
        _ = engine.process(scenario.events)
        let incidents = engine.openIncidents
        #expect(incidents.count == 1)
        let incident = try #require(incidents.first)
        let title = incident.title
        let phishing = try #require(title.range(of: "Phishing attachment executed on ws-alice"))
        let c2 = try #require(title.range(of: "C2 203.0.113.50"))
        let lateral = try #require(title.range(of: "lateral movement to filesrv01"))
        #expect(phishing.lowerBound < c2.lowerBound && c2.lowerBound < lateral.lowerBound, "\(title)")
        #expect(incident.severity == .critical)
        #expect(incident.layers == [.endpoint, .email, .network])
        #expect(incident.eventIDs.contains(scenario.mailToAlice))
        #expect(incident.eventIDs.contains(scenario.c2Alert))
        #expect(!incident.eventIDs.contains(scenario.mailToBob))
        #expect(incident.derivedRules.contains("tsunagi.office-spawns-shell"))
        #expect(incident.derivedRules.contains("tsunagi.lateral-movement-from-incident-host"))
        #expect(incident.tactics.first == "initial_access")
        #expect(incident.tactics.contains("lateral_movement"))
        let roles = Dictionary(incident.entities.map { ($0.key, $0.role) }, uniquingKeysWith: { a, _ in a })
        #expect(roles["host:ws-alice"] == .victimHost)
        #expect(roles["ip:203.0.113.50"] == .attackerIP)
        #expect(roles["user:alice@corp.example"] == .compromisedUser)
        #expect(roles["host:filesrv01"] == .victimHost)
    }

    @Test func everyLinkRecordsItsReason() throws {
        var factory = EventFactory()
        let scenario = PhishingScenario(factory: &factory)
        let engine = try builtInEngine()
        _ = engine.process(scenario.events)
        let incident = try #require(engine.openIncidents.first)
        #expect(incident.members.filter { $0.role == .seed }.count == 1)
        for member in incident.members where member.role != .seed {
            #expect(["entity-window", "resolved", "merged"].contains(member.reason) || member.reason.hasPrefix("rule:"),
                    "\(member)")
            if member.reason == "entity-window" {
                #expect(member.entity != nil && member.window != nil)
            }
        }
        let mail = try #require(incident.members.first { $0.eventID == scenario.mailToAlice })
        #expect(mail.entity == "user:alice@corp.example")
        // Telemetry that shares only the user reaches the user's evidence window, not its 24 h link window.
        #expect(mail.window == 2 * EngineConfiguration.hour)
    }

    @Test func emailBlastRadiusListsOtherRecipientsAndWhoClicked() throws {
        var factory = EventFactory()
        let scenario = PhishingScenario(factory: &factory)
        let engine = try builtInEngine()
        _ = engine.process(scenario.events)
        let radius = try #require(engine.openIncidents.first?.blastRadius)
        #expect(radius.otherRecipients.map(\.address) == ["bob@corp.example", "carol@corp.example"])
        #expect(radius.otherRecipients[0].actions == ["clicked"])
        #expect(radius.otherRecipients[1].actions.isEmpty)
        #expect(radius.campaignKeys.contains("hash:\(PhishingScenario.hash)"))
    }

    @Test func bulkMailStaysOutOfTheBlastRadius() throws {
        var factory = EventFactory()
        let scenario = PhishingScenario(factory: &factory)
        // The phishing campaign reached three people; with a bulk threshold of two it counts as bulk.
        var configuration = corpConfiguration()
        configuration.maxCampaignRecipients = 2
        let engine = try builtInEngine(configuration: configuration)
        _ = engine.process(scenario.events)
        #expect(engine.openIncidents.first != nil)
        #expect(engine.openIncidents.first?.blastRadius == nil)
    }

    @Test func shuffledDeliveryGivesIdenticalIncidents() throws {
        var factory = EventFactory()
        let scenario = PhishingScenario(factory: &factory)
        let reference = try builtInEngine()
        _ = reference.process(scenario.events)
        let expected = reference.openIncidents
        var generator = SeededGenerator(state: 42)
        for _ in 0..<12 {
            let shuffled = scenario.events.shuffled(using: &generator)
            let engine = try builtInEngine()
            var index = 0
            while index < shuffled.count {
                let size = Int.random(in: 1...3, using: &generator)
                _ = engine.process(Array(shuffled[index..<min(index + size, shuffled.count)]))
                index += size
            }
            let actual = engine.openIncidents
            #expect(actual.map(\.id) == expected.map(\.id))
            #expect(actual.map(\.eventIDs) == expected.map(\.eventIDs))
            #expect(actual.map(\.derivedRules) == expected.map(\.derivedRules))
            #expect(actual.map(\.severity) == expected.map(\.severity))
            #expect(actual.map(\.title) == expected.map(\.title))
            #expect(actual.map { Set($0.entities.map(\.key)) } == expected.map { Set($0.entities.map(\.key)) })
        }
    }

    @Test func replayingABatchChangesNothing() throws {
        var factory = EventFactory()
        let scenario = PhishingScenario(factory: &factory)
        let engine = try builtInEngine()
        _ = engine.process(scenario.events)
        let before = engine.openIncidents
        let changes = engine.process(scenario.events)
        #expect(changes.created.isEmpty)
        #expect(changes.derived.isEmpty)
        #expect(engine.openIncidents == before)
    }

    @Test func telemetryThatArrivesBeforeOrAfterItsDetectionJoins() throws {
        var factory = EventFactory()
        let early = factory.processStart(5, host: "ws-kim", user: "CORP\\kim", image: "C:\\Windows\\System32\\cmd.exe",
                                         parent: "C:\\Windows\\explorer.exe")
        let alert = factory.endpointAlert(10, host: "ws-kim", title: "Mimikatz", tactics: ["credential_access"])
        let late = factory.processStart(12, host: "ws-kim", user: "CORP\\kim", image: "C:\\Windows\\System32\\whoami.exe",
                                        parent: "C:\\Windows\\System32\\cmd.exe")
        let unrelated = factory.processStart(11, host: "ws-other", user: "CORP\\ola", image: "C:\\Windows\\notepad.exe",
                                             parent: "C:\\Windows\\explorer.exe")
        let engine = try builtInEngine()
        _ = engine.process([early])
        let created = engine.process([alert]).created
        #expect(created.count == 1)
        #expect(created.first?.eventIDs == [early.id, alert.id])
        let updates = engine.process([late, unrelated])
        guard case .incidentUpdated(let snapshot, let links)? = updates.first else {
            Issue.record("expected an update, got \(updates)")
            return
        }
        #expect(links.map(\.eventID) == [late.id])
        #expect(snapshot.members.isEmpty, "an update carries its new links, not every member")
        #expect(snapshot.eventCount == 3)
        #expect(engine.incident(snapshot.id)?.eventIDs == [early.id, alert.id, late.id])
    }

    @Test func reusedDHCPAddressDoesNotJoinTheOldHostsIncident() throws {
        var factory = EventFactory()
        var events = [factory.connection(0, host: "ws-alice", srcIP: "10.0.0.23", dstIP: "198.51.100.7", dstPort: 443)]
        events.append(factory.endpointAlert(1, host: "ws-alice", title: "Suspicious service installed", tactics: ["persistence"]))
        let stillAlice = factory.networkAlert(5, srcIP: "10.0.0.23", dstIP: "203.0.113.9", title: "ET POLICY suspicious TLS")
        events.append(stillAlice)
        events.append(factory.connection(30, host: "ws-bob", srcIP: "10.0.0.23", dstIP: "198.51.100.8", dstPort: 443))
        let bobs = factory.networkAlert(35, srcIP: "10.0.0.23", dstIP: "203.0.113.77", title: "ET MALWARE beacon")
        events.append(bobs)
        let engine = try builtInEngine()
        _ = engine.process(events)
        let incidents = engine.openIncidents
        #expect(incidents.count == 2)
        let alice = try #require(incidents.first { $0.entities.contains { $0.key == "host:ws-alice" } })
        #expect(alice.eventIDs.contains(stillAlice.id))
        #expect(!alice.eventIDs.contains(bobs.id))
        let bob = try #require(incidents.first { $0.eventIDs.contains(bobs.id) })
        #expect(bob.entities.contains { $0.key == "host:ws-bob" })
    }

    @Test func aBridgingDetectionMergesIntoTheOldestIncident() throws {
        var factory = EventFactory()
        let first = factory.endpointAlert(0, host: "ws-alice", title: "Malicious macro", tactics: ["execution"])
        let second = factory.endpointAlert(5, host: "ws-eve", title: "Credential dumping", tactics: ["credential_access"])
        let bridge = factory.endpointAlert(10, host: "ws-alice", title: "Remote service created", tactics: ["lateral_movement"]) {
            $0.addHost("ws-eve", role: .destination)
        }
        let engine = try builtInEngine()
        let firstChanges = engine.process([first, second])
        #expect(firstChanges.created.count == 2)
        let changes = engine.process([bridge])
        let older = try #require(firstChanges.created.first { $0.eventIDs.contains(first.id) })
        let younger = try #require(firstChanges.created.first { $0.eventIDs.contains(second.id) })
        #expect(changes.merges.count == 1)
        #expect(changes.merges.first?.from == younger.id)
        #expect(changes.merges.first?.into == older.id)
        let survivor = try #require(engine.incident(younger.id))
        #expect(survivor.id == older.id)
        #expect(survivor.mergedFrom == [younger.id])
        #expect(survivor.eventIDs == [first.id, second.id, bridge.id])
        #expect(engine.openIncidents.count == 1)
    }

    @Test func stateSurvivesARestartThroughItsCodableForm() throws {
        var factory = EventFactory()
        let scenario = PhishingScenario(factory: &factory)
        let engine = try builtInEngine()
        _ = engine.process(Array(scenario.events.prefix(6)))
        let data = try JSONEncoder().encode(engine.persistentState)
        var restored = try JSONDecoder().decode(TenantState.self, from: data)
        // The buffer is saved without its events: they come back read by id from the database.
        let pending = restored.buffer.pendingEventIDs
        #expect(!pending.isEmpty)
        #expect(restored != engine.persistentState)
        restored.buffer.restore(scenario.events.filter { pending.contains($0.id) })
        #expect(restored == engine.persistentState)
        let resumed = TenantEngine(tenantID: factory.tenant, configuration: corpConfiguration(), rules: try RuleSet.builtIn(),
                                   state: restored)
        _ = resumed.process(Array(scenario.events.dropFirst(6)))
        _ = engine.process(Array(scenario.events.dropFirst(6)))
        #expect(resumed.openIncidents == engine.openIncidents)
    }

    @Test func aBurstOfConnectionsIsOneLateralMovementDetectionInAnyOrder() throws {
        var factory = EventFactory()
        var events = [factory.connection(0, host: "filesrv01", srcIP: "10.0.0.50", dstIP: "10.0.0.2", dstPort: 53),
                      factory.endpointAlert(1, host: "ws-alice", title: "Malicious macro", tactics: ["execution"])]
        let burst = (0..<20).map { factory.connection(5 + Double($0) / 10, host: "ws-alice", srcIP: "10.0.0.23", dstIP: "10.0.0.50", dstPort: 445) }
        events += burst
        var results: [[DerivedDetection]] = []
        var generator = SeededGenerator(state: 7)
        for round in 0..<4 {
            let engine = try builtInEngine()
            let order = round == 0 ? events : Array(events.prefix(2)) + burst.shuffled(using: &generator)
            for event in order { _ = engine.process([event]) }
            let incident = try #require(engine.openIncidents.first)
            results.append(incident.derivedDetections)
            #expect(engine.openIncidents.count == 1)
            #expect(incident.eventIDs.isSuperset(of: burst.map(\.id)))
        }
        #expect(results[0].count == 1)
        #expect(results[0].first?.eventIDs == burst.map(\.id))
        #expect(results[0].first?.time == burst[0].time)
        #expect(results.allSatisfy { $0 == results[0] })
    }

    @Test func shuffledMixOfAttacksAndNoiseGivesIdenticalIncidents() throws {
        var factory = EventFactory()
        var events = PhishingScenario(factory: &factory).events
        events.append(factory.endpointAlert(30, host: "ws-eve", user: "CORP\\eve", title: "Credential dumping", tactics: ["credential_access"]))
        events.append(factory.endpointAlert(40, host: "ws-eve", title: "Remote service created", tactics: ["lateral_movement"]) {
            $0.addHost("ws-gil", role: .destination)
        })
        events.append(factory.endpointAlert(45, host: "ws-gil", title: "Ransomware note written", tactics: ["impact"], severity: .critical))
        for index in 0..<8 {
            events.append(factory.connection(Double(index * 5), host: "ws-n\(index)", srcIP: "10.0.5.\(index)", dstIP: "10.0.0.2", dstPort: 53))
            events.append(factory.processStart(Double(index * 5 + 1), host: "ws-n\(index)", user: "CORP\\n\(index)",
                                               image: "C:\\Windows\\System32\\svchost.exe", parent: "C:\\Windows\\System32\\services.exe"))
        }
        events.append(factory.endpointAlert(33, host: "ws-n3", title: "PUA adware", tactics: [], severity: .low))
        var configuration = corpConfiguration()
        configuration.hubs.dnsResolvers = ["10.0.0.2"]
        let reference = try builtInEngine(configuration: configuration)
        _ = reference.process(events)
        let expected = reference.openIncidents
        #expect(expected.count == 3)
        var generator = SeededGenerator(state: 99)
        for _ in 0..<10 {
            let engine = try builtInEngine(configuration: configuration)
            let shuffled = events.shuffled(using: &generator)
            var index = 0
            while index < shuffled.count {
                let size = Int.random(in: 1...5, using: &generator)
                _ = engine.process(Array(shuffled[index..<min(index + size, shuffled.count)]))
                index += size
            }
            let actual = engine.openIncidents
            #expect(actual.map(\.id) == expected.map(\.id))
            #expect(actual.map(\.eventIDs) == expected.map(\.eventIDs))
            #expect(actual.map(\.title) == expected.map(\.title))
            #expect(actual.map(\.severity) == expected.map(\.severity))
            #expect(actual.map(\.derivedDetections) == expected.map(\.derivedDetections))
        }
    }

    @Test func aLaterDetectionPullsTelemetryBeyondTheFirstWindowOnly() throws {
        var factory = EventFactory()
        let first = factory.endpointAlert(0, host: "ws-kim", title: "Macro", tactics: ["execution"])
        let inFirstWindow = factory.processStart(100, host: "ws-kim", user: "CORP\\kim", image: "C:\\a.exe", parent: "C:\\b.exe")
        let beyond = factory.processStart(180, host: "ws-kim", user: "CORP\\kim", image: "C:\\c.exe", parent: "C:\\d.exe")
        let second = factory.endpointAlert(110, host: "ws-kim", title: "Persistence", tactics: ["persistence"])
        let engine = try builtInEngine()
        _ = engine.process([first])
        _ = engine.process([beyond])
        #expect(engine.openIncidents.first?.eventIDs == [first.id], "three hours after the only detection")
        _ = engine.process([inFirstWindow])
        _ = engine.process([second])
        #expect(engine.openIncidents.map(\.eventIDs) == [[first.id, inFirstWindow.id, second.id, beyond.id]])
    }

    @Test func aLateDetectionStillFindsEvidenceAndIncidentsThatFellOutOfTheWindowAtTheWatermark() throws {
        var factory = EventFactory()
        let first = factory.endpointAlert(0, host: "ws-kim", title: "Macro", tactics: ["execution"])
        let evidence = factory.processStart(20, host: "ws-kim", user: "CORP\\kim", image: "C:\\a.exe", parent: "C:\\b.exe")
        let muchLater = factory.endpointAlert(600, host: "ws-other", title: "Unrelated", tactics: ["execution"])
        let late = factory.endpointAlert(30, host: "ws-kim", title: "Persistence", tactics: ["persistence"])
        let engine = try builtInEngine()
        _ = engine.process([first, evidence, muchLater])
        _ = engine.process([late])
        let kim = try #require(engine.openIncidents.first { $0.eventIDs.contains(first.id) })
        #expect(kim.eventIDs == [first.id, evidence.id, late.id])
    }
}
