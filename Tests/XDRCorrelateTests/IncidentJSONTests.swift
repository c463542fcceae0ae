import Foundation
import Testing
@testable import XDRCorrelate

@Suite struct IncidentJSONTests {
    /// The phishing story with a derived detection, a blast radius and entities of every role.
    func phishingIncident() throws -> IncidentSnapshot {
        var factory = EventFactory()
        let scenario = PhishingScenario(factory: &factory)
        let engine = try builtInEngine()
        _ = engine.process(scenario.events)
        return try #require(engine.openIncidents.first)
    }

    @Test func columnsDecodeToWhatWasWritten() throws {
        var incident = try phishingIncident()
        #expect(!incident.derivedDetections.isEmpty && incident.blastRadius != nil && !incident.entities.isEmpty)
        // Text that needs escaping, and the optionals present.
        incident.title = "Quote \" backslash \\ newline \n tab \t bell \u{7} line \u{2028} → ws-alice"
        incident.continuedFrom = UUID()
        incident.mergedFrom = [UUID(), UUID()]
        let decoder = JSONDecoder()
        let stored = try decoder.decode(IncidentSnapshot.self, from: Data(IncidentJSON.stored(incident).utf8))
        #expect(stored == incident.stored)
        let radius = try decoder.decode(EmailBlastRadius.self, from: Data(IncidentJSON.blastRadius(incident.blastRadius!).utf8))
        #expect(radius == incident.blastRadius)
        for detection in incident.derivedDetections {
            #expect(try decoder.decode(DerivedDetection.self, from: Data(IncidentJSON.derived(detection).utf8)) == detection)
        }
    }

    @Test func absentOptionalsStayAbsent() throws {
        var incident = try phishingIncident()
        incident.continuedFrom = nil
        #expect(!IncidentJSON.stored(incident).contains("continuedFrom"))
        var detection = try #require(incident.derivedDetections.first)
        detection.story = nil
        #expect(try JSONDecoder().decode(DerivedDetection.self, from: Data(IncidentJSON.derived(detection).utf8)).story == nil)
    }
}
