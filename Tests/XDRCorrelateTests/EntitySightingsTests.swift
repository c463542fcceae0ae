import Testing
@testable import XDRCorrelate

@Suite struct EntitySightingsTests {
    let grain = EntitySightings.granularity

    func entity(_ value: String, first: Int64, last: Int64, role: IncidentEntityRole = .related) -> IncidentEntity {
        IncidentEntity(type: .host, value: value, role: role, isHub: false, fromDetection: true, firstSeen: first, lastSeen: last)
    }

    @Test func rendersSightingsWidenedToWholeGrains() {
        let rendered = EntitySightings.rendered(entity("ws-1", first: 5 * grain + 7, last: 9 * grain + 1))
        #expect(rendered.firstSeen == 5 * grain)
        #expect(rendered.lastSeen == 10 * grain)
        let exact = EntitySightings.rendered(entity("ws-1", first: 5 * grain, last: 9 * grain))
        #expect(exact.firstSeen == 5 * grain && exact.lastSeen == 9 * grain)
        #expect(EntitySightings.floorToGrain(-1) == -grain, "before the epoch rounds down too")
        #expect(EntitySightings.ceilToGrain(-1) == 0)
    }
}
