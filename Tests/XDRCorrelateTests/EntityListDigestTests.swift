import Testing
@testable import XDRCorrelate

@Suite struct EntityListDigestTests {
    let grain = EntityListDigest.granularity

    func entity(_ value: String, first: Int64, last: Int64, role: IncidentEntityRole = .related) -> IncidentEntity {
        IncidentEntity(type: .host, value: value, role: role, isHub: false, fromDetection: true, firstSeen: first, lastSeen: last)
    }

    @Test func rendersSightingsWidenedToWholeGrains() {
        let rendered = EntityListDigest.rendered(entity("ws-1", first: 5 * grain + 7, last: 9 * grain + 1))
        #expect(rendered.firstSeen == 5 * grain)
        #expect(rendered.lastSeen == 10 * grain)
        let exact = EntityListDigest.rendered(entity("ws-1", first: 5 * grain, last: 9 * grain))
        #expect(exact.firstSeen == 5 * grain && exact.lastSeen == 9 * grain)
        #expect(EntityListDigest.floorToGrain(-1) == -grain, "before the epoch rounds down too")
        #expect(EntityListDigest.ceilToGrain(-1) == 0)
    }

    @Test func changesWithWhatIsListedNotWithinAGrainOrWithOrder() {
        let base = ["host:a": entity("a", first: grain, last: 2 * grain + 5), "host:b": entity("b", first: grain, last: grain)]
        var sameMinute = base
        sameMinute["host:a"]!.lastSeen = 2 * grain + 50
        #expect(EntityListDigest.of(base) == EntityListDigest.of(sameMinute))
        var nextMinute = base
        nextMinute["host:a"]!.lastSeen = 3 * grain + 1
        #expect(EntityListDigest.of(base) != EntityListDigest.of(nextMinute))
        var newRole = base
        newRole["host:b"]!.role = .victimHost
        #expect(EntityListDigest.of(base) != EntityListDigest.of(newRole))
        var grown = base
        grown["host:c"] = entity("c", first: grain, last: grain)
        #expect(EntityListDigest.of(base) != EntityListDigest.of(grown))
    }
}
