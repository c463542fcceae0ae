import Testing
@testable import XDRCorrelate

struct PeerListTests {
    /// Against a plain table of host → latest time, through random sightings and window trims.
    @Test func behavesLikeATableOfLatestSightings() {
        var generator = SeededGenerator(state: 11)
        var list = PeerList()
        var model: [String: Int64] = [:]
        for step in 0..<2_000 {
            let host = "ws-\(Int.random(in: 0..<5, using: &generator))"
            let time = Int64.random(in: 0..<1_000, using: &generator)
            list.see(host, at: time)
            if model[host].map({ $0 < time }) ?? true { model[host] = time }
            if step % 37 == 0 {
                let horizon = Int64.random(in: 0..<1_000, using: &generator)
                list = list.seen(since: horizon)
                model = model.filter { $0.value >= horizon }
            }
            #expect(list.count == model.count)
            #expect(list.sorted.map(\.host) == model.keys.sorted())
            #expect(list.sorted.map(\.time) == model.keys.sorted().map { model[$0]! })
            #expect(model.allSatisfy { list[$0.key] == $0.value })
        }
    }

    /// One host held inline and the same host left over in a table compare (and save) alike.
    @Test func equalListsAreEqualHoweverTheyGotThere() {
        var grown: PeerList = ["ws-1": 5]
        grown.see("ws-2", at: 1)
        let trimmed = grown.seen(since: 2)
        #expect(trimmed == ["ws-1": 5])
        #expect(trimmed.count == 1)
        var later = trimmed
        later.see("ws-1", at: 3)
        #expect(later == ["ws-1": 5], "an earlier sighting does not move the latest one back")
        #expect(PeerList().seen(since: 0).isEmpty)
        #expect(grown.seen(since: 10).isEmpty)
    }
}
