import Testing
@testable import XDRCorrelate

struct WrittenEntityListTests {
    private func entity(_ value: String, role: IncidentEntityRole = .related, lastSeen: Int64 = 0) -> IncidentEntity {
        IncidentEntity(type: .host, value: value, role: role, isHub: false, fromDetection: false, firstSeen: 0, lastSeen: lastSeen)
    }

    @Test func onlyNewAndChangedEntitiesAreHandedOver() {
        var written = WrittenEntityList()
        #expect(written.record([entity("ws-1"), entity("ws-2")], digest: 1).map(\.value) == ["ws-1", "ws-2"])
        #expect(written.digest == 1)
        // ws-1 plays another part now, ws-3 is new, ws-2 is as it was.
        let next = written.record([entity("ws-1", role: .victimHost), entity("ws-3"), entity("ws-2")], digest: 2)
        #expect(next.map(\.value) == ["ws-1", "ws-3"])
        #expect(next.first?.role == .victimHost)
        #expect(written.digest == 2)
        // A later sighting is a change; the same list again is none.
        #expect(written.record([entity("ws-3", lastSeen: 300), entity("ws-1", role: .victimHost), entity("ws-2")], digest: 3)
            .map(\.value) == ["ws-3"])
        #expect(written.record([entity("ws-3", lastSeen: 300), entity("ws-1", role: .victimHost), entity("ws-2")], digest: 3).isEmpty)
    }
}
