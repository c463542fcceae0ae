import Testing
@testable import XDRCorrelate

struct WrittenEntityListTests {
    private func entity(_ value: String, role: IncidentEntityRole = .related) -> IncidentEntity {
        IncidentEntity(type: .host, value: value, role: role, isHub: false, fromDetection: false, firstSeen: 0, lastSeen: 0)
    }

    @Test func onlyEntitiesNotHandedOverBeforeAreNew() {
        var written = WrittenEntityList()
        #expect(written.record([entity("ws-1"), entity("ws-2")], digest: 1).map(\.value) == ["ws-1", "ws-2"])
        #expect(written.digest == 1)
        // A later list holds the old entities (perhaps with another role or sighting) and new ones.
        let next = written.record([entity("ws-1", role: .victimHost), entity("ws-3"), entity("ws-2")], digest: 2)
        #expect(next.map(\.value) == ["ws-3"])
        #expect(written.digest == 2)
        #expect(written.record([entity("ws-3"), entity("ws-1")], digest: 3).isEmpty)
    }
}
