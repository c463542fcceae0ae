import Foundation
import Testing
import XDRModel
@testable import XDRCorrelate

@Suite struct HubDetectorTests {
    /// Two attacks on different hosts whose detections both name the domain controller and the
    /// DNS resolver, an hour apart.
    func twoAttacksSharingInfrastructure() -> [CorrelationEvent] {
        var factory = EventFactory()
        var events = [factory.connection(0, host: "dc01", srcIP: "10.0.0.10", dstIP: "10.0.0.2", dstPort: 53)]
        events.append(factory.endpointAlert(5, host: "ws-alice", user: "CORP\\alice", title: "LSASS dump", tactics: ["credential_access"]) {
            $0.addIP("10.0.0.10", role: .destination)
            $0.addIP("10.0.0.2", role: .related)
        })
        events.append(factory.endpointAlert(50, host: "ws-dave", user: "CORP\\dave", title: "Malicious macro", tactics: ["execution"]) {
            $0.addIP("10.0.0.10", role: .destination)
            $0.addIP("10.0.0.2", role: .related)
        })
        return events
    }

    @Test func pinnedDomainControllerAndResolverDoNotGlueAttacks() throws {
        var configuration = corpConfiguration()
        configuration.hubs.domainControllers = ["dc01.corp.example"]
        configuration.hubs.dnsResolvers = ["10.0.0.2"]
        let engine = try builtInEngine(configuration: configuration)
        _ = engine.process(twoAttacksSharingInfrastructure())
        let incidents = engine.openIncidents
        #expect(incidents.count == 2)
        let dc = incidents.first?.entities.first { $0.key == "host:dc01" }
        #expect(dc?.isHub == true, "hubs are still shown as incident entities")
    }

    @Test func withoutHubKnowledgeTheSameAttacksWouldMerge() throws {
        let engine = try builtInEngine()
        _ = engine.process(twoAttacksSharingInfrastructure())
        #expect(engine.openIncidents.count == 1)
    }

    @Test func theResolverHostsQueryIsRecognisedWithoutPinning() throws {
        var factory = EventFactory()
        let events = [
            factory.connection(0, host: "ws-alice", srcIP: "10.0.0.23", dstIP: "10.0.0.3", dstPort: 53),
            factory.endpointAlert(5, host: "ws-alice", title: "Beacon", tactics: ["command_and_control"]) { $0.addIP("10.0.0.3", role: .related) },
            factory.endpointAlert(9, host: "ws-bob", title: "Macro", tactics: ["execution"]) { $0.addIP("10.0.0.3", role: .related) },
        ]
        let engine = try builtInEngine()
        _ = engine.process(events)
        #expect(engine.openIncidents.count == 2)
    }

    @Test func fanOutOverTheLimitMakesAValueAHub() throws {
        var configuration = corpConfiguration()
        configuration.fanOutLimit = 5
        let users = UserDirectory(configuration: configuration)
        let detector = HubDetector(configuration: configuration, users: users)
        let resolver = EventResolver(configuration: configuration, users: users)
        var state = HubDetector.State()
        var factory = EventFactory()
        for index in 0..<6 {
            let event = factory.connection(Double(index), host: "ws-\(index)", srcIP: "10.0.1.\(index)", dstIP: "10.0.0.80", dstPort: 8080)
            let resolved = resolver.resolve(event, leases: AddressLeases())
            detector.observe(resolved, linkable: resolved.linkKeys(configuration), state: &state)
            #expect(detector.isHub("ip:10.0.0.80", state: state) == (index == 5), "after \(index + 1) hosts")
        }
        #expect(!detector.isHub("host:ws-1", state: state))
        #expect(state.peers["ip:10.0.0.80"] == nil, "a detected hub stops counting")
        detector.evict(&state, watermark: EventFactory.time(5) + configuration.fanOutWindow + 1)
        #expect(!detector.isHub("ip:10.0.0.80", state: state))
        #expect(state.size == 0)
    }

    @Test func benignNoiseStaysOutAndBenignAlertsStayBelowHigh() throws {
        var factory = EventFactory()
        let scenario = PhishingScenario(factory: &factory)
        var noise: [CorrelationEvent] = []
        for index in 0..<30 {
            let host = "ws-\(index)"
            noise.append(factory.connection(Double(index % 20), host: host, srcIP: "10.0.2.\(index)", dstIP: "10.0.0.2", dstPort: 53))
            noise.append(factory.connection(Double(index % 20), host: host, srcIP: "10.0.2.\(index)", dstIP: "13.107.4.50", dstPort: 443))
        }
        let benign = [
            factory.endpointAlert(15, host: "ws-7", title: "PUA: browser toolbar", tactics: [], severity: .low) { $0.addIP("13.107.4.50", role: .destination) },
            factory.endpointAlert(16, host: "ws-12", title: "PUA: browser toolbar", tactics: [], severity: .low) { $0.addIP("13.107.4.50", role: .destination) },
            factory.endpointAlert(17, host: "ws-12", title: "Informational: software inventory", tactics: [], severity: .informational),
        ]
        var configuration = corpConfiguration()
        configuration.criticalAssets = ["ws-12"]
        let engine = try builtInEngine(configuration: configuration)
        _ = engine.process(noise + scenario.events + benign)
        let incidents = engine.openIncidents
        let attack = try #require(incidents.first { $0.title.contains("Phishing attachment") })
        let noiseIDs = Set((noise + benign).map(\.id))
        #expect(attack.eventIDs.isDisjoint(with: noiseIDs))
        let others = incidents.filter { $0.id != attack.id }
        #expect(others.count == 2, "one low incident per benign host; the informational alert seeds nothing")
        #expect(others.allSatisfy { $0.severity <= .medium })
    }

    @Test func logonsToAHubAreNotLateralMovement() throws {
        var configuration = corpConfiguration()
        configuration.hubs.domainControllers = ["dc01"]
        let engine = try builtInEngine(configuration: configuration)
        var factory = EventFactory()
        let events = [
            factory.connection(0, host: "dc01", srcIP: "10.0.0.10", dstIP: "10.0.0.2", dstPort: 53),
            factory.connection(0, host: "filesrv01", srcIP: "10.0.0.50", dstIP: "10.0.0.2", dstPort: 53),
            factory.endpointAlert(1, host: "ws-alice", title: "Malicious macro", tactics: ["execution"]),
            factory.connection(2, host: "ws-alice", srcIP: "10.0.0.23", dstIP: "10.0.0.10", dstPort: 445),
            factory.connection(3, host: "ws-alice", srcIP: "10.0.0.23", dstIP: "10.0.0.50", dstPort: 445),
        ]
        let derived = engine.process(events).derived
        #expect(derived.map(\.story) == ["lateral movement to filesrv01"])
    }
}
