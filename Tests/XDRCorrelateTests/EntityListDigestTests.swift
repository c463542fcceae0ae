import Testing
@testable import XDRCorrelate

@Suite struct EntityListDigestTests {
    let minute = EntityListDigest.minute

    func entity(_ value: String, first: Int64, last: Int64, role: IncidentEntityRole = .related) -> IncidentEntity {
        IncidentEntity(type: .host, value: value, role: role, isHub: false, fromDetection: true, firstSeen: first, lastSeen: last)
    }

    @Test func rendersSightingsWidenedToWholeMinutes() {
        let rendered = EntityListDigest.rendered(entity("ws-1", first: 5 * minute + 7, last: 9 * minute + 1))
        #expect(rendered.firstSeen == 5 * minute)
        #expect(rendered.lastSeen == 10 * minute)
        let exact = EntityListDigest.rendered(entity("ws-1", first: 5 * minute, last: 9 * minute))
        #expect(exact.firstSeen == 5 * minute && exact.lastSeen == 9 * minute)
        #expect(EntityListDigest.floorMinute(-1) == -minute, "before the epoch rounds down too")
        #expect(EntityListDigest.ceilMinute(-1) == 0)
    }

    @Test func changesWithWhatIsListedNotWithinTheMinuteOrOrder() {
        let base = ["host:a": entity("a", first: minute, last: 2 * minute + 5), "host:b": entity("b", first: minute, last: minute)]
        var sameMinute = base
        sameMinute["host:a"]!.lastSeen = 2 * minute + 50
        #expect(EntityListDigest.of(base) == EntityListDigest.of(sameMinute))
        var nextMinute = base
        nextMinute["host:a"]!.lastSeen = 3 * minute + 1
        #expect(EntityListDigest.of(base) != EntityListDigest.of(nextMinute))
        var newRole = base
        newRole["host:b"]!.role = .victimHost
        #expect(EntityListDigest.of(base) != EntityListDigest.of(newRole))
        var grown = base
        grown["host:c"] = entity("c", first: minute, last: minute)
        #expect(EntityListDigest.of(base) != EntityListDigest.of(grown))
    }
}
