import Foundation
import Testing
import XDRModel
@testable import XDRCorrelate

@Suite struct TenantEngineBoundsTests {
    @Test func stateStaysBoundedOnALongStream() throws {
        var configuration = corpConfiguration()
        configuration.windows = [.host: 10 * EngineConfiguration.minute, .user: 10 * EngineConfiguration.minute,
                                 .ip: 10 * EngineConfiguration.minute]
        configuration.fanOutWindow = 10 * EngineConfiguration.minute
        configuration.campaignWindow = 10 * EngineConfiguration.minute
        configuration.leaseSlack = 10 * EngineConfiguration.minute
        configuration.allowedLateness = 10 * EngineConfiguration.minute
        let engine = try builtInEngine(configuration: configuration)
        var factory = EventFactory()
        var peak = 0
        var atSixHours = 0
        for minute in 0..<(12 * 60) {
            let host = "ws-\(minute % 40)"
            var batch = [factory.connection(Double(minute), host: host, srcIP: "10.0.3.\(minute % 40)",
                                            dstIP: "198.51.100.\(minute % 200)", dstPort: 443, user: "CORP\\u\(minute % 40)")]
            if minute % 30 == 0 {
                batch.append(factory.endpointAlert(Double(minute), host: host, title: "Alert \(minute)", tactics: ["execution"]))
            }
            _ = engine.process(batch)
            peak = max(peak, engine.stats.total)
            if minute == 6 * 60 { atSixHours = engine.stats.total }
        }
        let end = engine.stats
        #expect(end.bufferedTelemetry <= 21, "window plus lateness: twenty minutes of telemetry, one event a minute")
        #expect(end.openIncidents <= 1)
        #expect(end.total <= atSixHours + 20, "no growth after the windows filled: \(end)")
        #expect(peak < 400)
    }

    /// Past `maxOpenIncidents`, the incidents quiet the longest leave the engine: memory has a
    /// total bound, and a later detection on their host starts a new incident.
    @Test func theQuietestIncidentsCloseForLinkingPastTheOpenIncidentBound() throws {
        var configuration = corpConfiguration()
        configuration.maxOpenIncidents = 3
        let engine = try builtInEngine(configuration: configuration)
        var factory = EventFactory()
        var first: UUID?
        for index in 0..<5 {
            let changes = engine.process([factory.endpointAlert(Double(index), host: "ws-\(index)", title: "Alert \(index)")])
            if index == 0, case .incidentCreated(let created)? = changes.first(where: { if case .incidentCreated = $0 { true } else { false } }) {
                first = created.id
            }
            #expect(engine.stats.openIncidents <= 3)
        }
        #expect(engine.openIncidents.map(\.title).sorted() == ["Alert 2 on ws-2", "Alert 3 on ws-3", "Alert 4 on ws-4"])
        let again = engine.process([factory.endpointAlert(5, host: "ws-0", title: "Alert again")])
        let created = again.compactMap { if case .incidentCreated(let snapshot) = $0 { snapshot } else { nil } }
        #expect(created.count == 1, "a new incident: the first one was closed for linking")
        #expect(first != nil && created.first?.id != first)
        #expect(engine.openIncidents.map(\.title).sorted() == ["Alert 3 on ws-3", "Alert 4 on ws-4", "Alert again on ws-0"])
    }

    @Test func anIncidentAtItsDetectionCapContinuesInANewOne() throws {
        var configuration = corpConfiguration()
        configuration.maxDetectionsPerIncident = 3
        let engine = try builtInEngine(configuration: configuration)
        var factory = EventFactory()
        let alerts = (0..<5).map { factory.endpointAlert(Double($0), host: "ws-busy", title: "Alert \($0)", tactics: ["execution"]) }
        _ = engine.process(alerts)
        let incidents = engine.openIncidents
        #expect(incidents.count == 2)
        #expect(incidents[0].members.count == 3)
        #expect(incidents[1].continuedFrom == incidents[0].id)
        #expect(incidents[1].title.hasPrefix("(continued)"))
        #expect(incidents[1].eventIDs == [alerts[3].id, alerts[4].id])
    }

    @Test func closedIncidentsLeaveMemoryAfterTheirWindows() throws {
        let engine = try builtInEngine()
        var factory = EventFactory()
        _ = engine.process([factory.endpointAlert(0, host: "ws-1", title: "Old")])
        #expect(engine.stats.openIncidents == 1)
        _ = engine.process([factory.endpointAlert(9 * 24 * 60, host: "ws-2", title: "Much later")])
        #expect(engine.openIncidents.map(\.title) == ["Much later on ws-2"])
        #expect(engine.stats.detectionKeys == 1, "only the open incident's detection is remembered")
        #expect(engine.stats.anchors == engine.openIncidents[0].entities.count)
    }
}
