import Foundation
import Testing
import XDRModel
@testable import XDRCorrelate

struct EntityChangeLogTests {
    let grain = EntitySightings.granularity

    private func entity(_ value: String, role: IncidentEntityRole = .related, lastSeen: Int64 = 0) -> IncidentEntity {
        IncidentEntity(type: .host, value: value, role: role, isHub: false, fromDetection: false, firstSeen: 0, lastSeen: lastSeen)
    }

    @Test func newEntitiesAndRowChangesAreLoggedSightingsWithinTheGrainAreNot() {
        var log = EntityChangeLog()
        log.note("host:ws-1", before: nil, after: entity("ws-1"))
        log.note("host:ws-2", before: entity("ws-2", lastSeen: 1), after: entity("ws-2", lastSeen: 10))
        log.note("host:ws-3", before: entity("ws-3", lastSeen: 10), after: entity("ws-3", lastSeen: grain + 1))
        log.note("host:ws-4", before: entity("ws-4"), after: entity("ws-4", role: .victimHost))
        #expect(log.keys == ["host:ws-1", "host:ws-3", "host:ws-4"])
    }

    /// Becoming a hub, being named by a detection, an earlier first sighting: each is a change.
    @Test func flagsAndAnEarlierFirstSightingAreChanges() {
        var log = EntityChangeLog()
        var hub = entity("ws-1")
        hub.isHub = true
        var detected = entity("ws-2")
        detected.fromDetection = true
        var earlier = entity("ws-3")
        earlier.firstSeen = -1
        log.note("host:ws-1", before: entity("ws-1"), after: hub)
        log.note("host:ws-2", before: entity("ws-2"), after: detected)
        log.note("host:ws-3", before: entity("ws-3"), after: earlier)
        #expect(log.keys == ["host:ws-1", "host:ws-2", "host:ws-3"])
    }

    /// The rows an incident table holds, built only from what creations and updates hand over
    /// (upserts by entity key), equal the incident's full entity list after every batch that
    /// touched it — through growth, new roles, five-minute sightings, merges and an engine rebuilt
    /// from its saved state (which hands every entity over once more).
    @Test func rowsBuiltFromHandedOverEntitiesEqualTheIncidentsEntities() throws {
        var engine = try builtInEngine()
        var factory = EventFactory()
        var generator = SeededGenerator(state: 7)
        var rows: [UUID: [String: IncidentEntity]] = [:]
        var updatesSeen = 0
        var partialUpdates = 0
        for step in 0..<240 {
            let minute = Double(step) / 2
            var batch: [CorrelationEvent] = []
            for _ in 0..<4 {
                let host = Int.random(in: 0..<6, using: &generator)
                batch.append(factory.connection(minute, host: "ws-\(host)", srcIP: "10.0.0.\(host)",
                                                dstIP: "203.0.113.\(Int.random(in: 0..<30, using: &generator))", dstPort: 443,
                                                user: "CORP\\u\(Int.random(in: 0..<4, using: &generator))"))
            }
            if step % 17 == 0 {
                let host = step % 6
                batch.append(factory.endpointAlert(minute, host: "ws-\(host)", user: "CORP\\u\(step % 4)", title: "Alert \(step)"))
            }
            if step % 29 == 0 {
                batch.append(factory.networkAlert(minute, srcIP: "10.0.0.\(step % 6)", dstIP: "203.0.113.\(step % 30)", title: "C2 \(step)"))
            }
            if step == 120 {
                engine = TenantEngine(tenantID: engine.tenantID, configuration: engine.configuration, rules: engine.rules,
                                      state: engine.persistentState)
            }
            for change in engine.process(batch) {
                let snapshot: IncidentSnapshot
                switch change {
                case .incidentCreated(let created): snapshot = created
                case .incidentUpdated(let updated, _):
                    snapshot = updated
                    updatesSeen += 1
                    if let full = engine.incident(updated.id), updated.entities.count < full.entities.count { partialUpdates += 1 }
                default: continue
                }
                for entity in snapshot.entities { rows[snapshot.id, default: [:]][entity.key] = entity }
                guard let full = engine.incident(snapshot.id), full.id == snapshot.id else { continue }
                let written = rows[snapshot.id] ?? [:]
                #expect(Set(written.values) == Set(full.entities), "incident \(snapshot.id) after step \(step)")
            }
        }
        #expect(updatesSeen > 20)
        #expect(partialUpdates > 10, "most updates hand over only some of the entities")
    }
}
