import Testing
@testable import XDRCorrelate

struct WrittenEntityListTests {
    let grain = EntitySightings.granularity

    private func entity(_ value: String, role: IncidentEntityRole = .related, lastSeen: Int64 = 0) -> IncidentEntity {
        IncidentEntity(type: .host, value: value, role: role, isHub: false, fromDetection: false, firstSeen: 0, lastSeen: lastSeen)
    }

    private func list(_ entities: IncidentEntity...) -> [String: IncidentEntity] {
        Dictionary(uniqueKeysWithValues: entities.map { ($0.key, $0) })
    }

    @Test func onlyNewAndChangedEntitiesAreHandedOverRendered() {
        var written = WrittenEntityList()
        #expect(Set(written.changes(in: list(entity("ws-1"), entity("ws-2"))).map(\.value)) == ["ws-1", "ws-2"])
        // ws-1 plays another part now, ws-3 is new, ws-2 is as it was.
        let next = written.changes(in: list(entity("ws-1", role: .victimHost), entity("ws-3", lastSeen: 1), entity("ws-2")))
        #expect(Set(next.map(\.value)) == ["ws-1", "ws-3"])
        #expect(next.first { $0.value == "ws-1" }?.role == .victimHost)
        // A later sighting within the same five minutes is no change; past them it is, rendered.
        let same = list(entity("ws-1", role: .victimHost), entity("ws-3", lastSeen: 10), entity("ws-2"))
        #expect(written.changes(in: same).isEmpty)
        let later = written.changes(in: list(entity("ws-1", role: .victimHost), entity("ws-3", lastSeen: grain + 1), entity("ws-2")))
        #expect(later.map(\.value) == ["ws-3"])
        #expect(later.first?.lastSeen == 2 * grain)
        #expect(written.changes(in: list(entity("ws-1", role: .victimHost), entity("ws-3", lastSeen: grain + 9), entity("ws-2"))).isEmpty)
    }

    /// Becoming a hub, being named by a detection, an earlier first sighting: each is a change.
    @Test func flagsAndAnEarlierFirstSightingAreChanges() {
        var written = WrittenEntityList()
        _ = written.changes(in: list(entity("ws-1"), entity("ws-2"), entity("ws-3")))
        var hub = entity("ws-1")
        hub.isHub = true
        var detected = entity("ws-2")
        detected.fromDetection = true
        var earlier = entity("ws-3")
        earlier.firstSeen = -1
        let changed = written.changes(in: list(hub, detected, earlier))
        #expect(Set(changed.map(\.value)) == ["ws-1", "ws-2", "ws-3"])
        #expect(changed.first { $0.value == "ws-3" }?.firstSeen == -grain)
        #expect(written.changes(in: list(hub, detected, earlier)).isEmpty)
    }
}
