import Foundation
import Testing
import XDRModel
@testable import XDRCorrelate

@Suite struct TelemetryBufferTests {
    func event(_ id: Int64, at minutes: Int64) -> SharedEvent {
        SharedEvent(CorrelationEvent(id: id, tenantID: EventFactory().tenant, time: minutes * 60_000_000, layer: .endpoint,
                                     kind: .telemetry))
    }

    /// The buffer keeps the event it was given, not a copy: one event, shared with whoever holds it.
    @Test func keepsTheEventItWasGiven() {
        var buffer = TelemetryBuffer()
        let given = event(5, at: 1)
        buffer.insert(given, keys: ["host:a", "ip:10.0.0.1"], expiry: .max, cap: 100)
        #expect(buffer.event(5) === given)
        #expect(buffer.events(under: "ip:10.0.0.1", from: 0, to: .max).allSatisfy { $0 === given })
    }

    @Test func findsEventsByKeyAndTimeInEventTimeOrder() {
        var buffer = TelemetryBuffer()
        buffer.insert(event(3, at: 30), keys: ["host:a"], expiry: .max, cap: 100)
        buffer.insert(event(1, at: 10), keys: ["host:a", "ip:10.0.0.1"], expiry: .max, cap: 100)
        buffer.insert(event(2, at: 20), keys: ["host:b"], expiry: .max, cap: 100)
        buffer.insert(event(1, at: 10), keys: ["host:a"], expiry: .max, cap: 100)
        #expect(buffer.count == 3)
        #expect(buffer.events(under: "host:a", from: 0, to: 40 * 60_000_000).map(\.id) == [1, 3])
        #expect(buffer.events(under: "host:a", from: 15 * 60_000_000, to: 40 * 60_000_000).map(\.id) == [3])
        #expect(buffer.events(under: "ip:10.0.0.1", from: 0, to: 10 * 60_000_000).map(\.id) == [1])
        #expect(buffer.events(under: "host:c", from: 0, to: .max).isEmpty)
    }

    @Test func evictsByExpiryAndByCap() {
        var buffer = TelemetryBuffer()
        let minute: Int64 = 60_000_000
        for id in Int64(1)...10 {
            // Even ids carry a key with a long window and expire later.
            let expiry = (id + (id % 2 == 0 ? 100 : 2)) * minute
            buffer.insert(event(id, at: id), keys: ["host:a"], expiry: expiry, cap: 100)
        }
        buffer.evict(expiredBy: 8 * minute)
        #expect(buffer.events(under: "host:a", from: 0, to: .max).map(\.id) == [2, 4, 6, 7, 8, 9, 10])
        for id in Int64(11)...20 { buffer.insert(event(id, at: id), keys: ["host:a"], expiry: (id + 100) * minute, cap: 10) }
        #expect(buffer.count <= 10)
        #expect(buffer.events(under: "host:a", from: 0, to: .max).last?.id == 20, "the stalest go first")
    }

    /// Evicted entries leave their key lists lazily; a lookup must still list each live event
    /// once, including one buffered again after it was evicted, and never an evicted one.
    @Test func listsOnlyLiveEventsOnceAcrossEvictionsAndReinsertion() {
        var buffer = TelemetryBuffer()
        let minute: Int64 = 60_000_000
        var live = Set<Int64>()
        for id in Int64(1)...500 {
            buffer.insert(event(id, at: id), keys: ["host:a", "host:a", id % 3 == 0 ? "ip:10.0.0.3" : "ip:10.0.0.1"],
                          expiry: (id + 50) * minute, cap: 100)
            if id % 7 == 0 { buffer.evict(expiredBy: (id - 40) * minute) }
        }
        // The first event again, long after it left: it is buffered anew.
        buffer.insert(event(1, at: 1), keys: ["host:a"], expiry: 1_000 * minute, cap: 1_000)
        for id in Int64(1)...500 where buffer.event(id) != nil { live.insert(id) }
        let listed = buffer.events(under: "host:a", from: 0, to: .max).map(\.id)
        #expect(listed.count == Set(listed).count, "no event listed twice")
        #expect(Set(listed) == live)
        #expect(live.contains(1) && live.count <= 101)
        let byIP = buffer.events(under: "ip:10.0.0.3", from: 0, to: .max).map(\.id)
        #expect(Set(byIP) == live.filter { $0 % 3 == 0 })
        #expect(buffer.count == live.count)
    }

    /// Keys come and go with their events (a host's short-lived connections): a key whose list
    /// emptied gives up its place, and a key that takes the place over never sees the old events.
    @Test func keysThatComeAndGoNeverShareAList() {
        var buffer = TelemetryBuffer()
        let minute: Int64 = 60_000_000
        for round in Int64(0)..<20 {
            for offset in Int64(0)..<50 {
                let id = round * 50 + offset
                buffer.insert(event(id, at: id), keys: ["ip:10.\(round).0.\(offset % 5)", "host:ws-\(offset % 3)"],
                              expiry: (id + 60) * minute, cap: 10_000)
            }
            buffer.evict(expiredBy: (round * 50 + 1) * minute)
        }
        var expected: [String: [Int64]] = [:]
        for id in Int64(0)..<1_000 where buffer.event(id) != nil {
            expected["ip:10.\(id / 50).0.\(id % 50 % 5)", default: []].append(id)
            expected["host:ws-\(id % 50 % 3)", default: []].append(id)
        }
        #expect(buffer.count == 109, "ids 891…999 expire after the last watermark")
        for round in Int64(0)..<20 {
            for last in Int64(0)..<5 {
                let key = "ip:10.\(round).0.\(last)"
                #expect(buffer.events(under: key, from: .min, to: .max).map(\.id) == expected[key] ?? [], "\(key)")
            }
        }
        for host in 0..<3 {
            #expect(buffer.events(under: "host:ws-\(host)", from: .min, to: .max).map(\.id) == expected["host:ws-\(host)"])
        }
    }
}

@Suite struct TelemetryBufferCodingTests {
    func event(_ id: Int64, at time: Int64) -> CorrelationEvent {
        CorrelationEvent(id: id, tenantID: EventFactory().tenant, time: time, layer: .endpoint, kind: .telemetry)
    }

    /// The saved form lists ids, times, expiries and keys (negative times included); the events
    /// come back by id through `restore`.
    @Test func savedBufferDecodesToTheSameBuffer() throws {
        var buffer = TelemetryBuffer()
        buffer.insert(SharedEvent(event(7, at: -5)), keys: ["host:a", "ip:10.0.0.1"], expiry: 1_763_632_800_000_000, cap: 100)
        buffer.insert(SharedEvent(event(3, at: 1_763_632_800_123_456)), keys: ["host:b"], expiry: .max, cap: 100)
        buffer.insert(SharedEvent(event(12, at: 0)), keys: ["ip:10.0.0.1", "host:a"], expiry: 9, cap: 100)
        let data = try JSONEncoder().encode(buffer)
        #expect(String(decoding: data, as: UTF8.self).contains(#""packed":"3,"#))
        var decoded = try JSONDecoder().decode(TelemetryBuffer.self, from: data)
        #expect(decoded.pendingEventIDs.sorted() == [3, 7, 12])
        decoded.restore([event(7, at: -5), event(3, at: 1_763_632_800_123_456), event(12, at: 0)])
        #expect(decoded == buffer)
        #expect(decoded.events(under: "host:a", from: .min, to: .max).map(\.id) == [7, 12])
    }

    @Test func theEarlierArrayFormStillDecodes() throws {
        let old = #"{"keys":["host:a","ip:10.0.0.1"],"entries":[[3,60,120,0],[4,-60,90,1,0]]}"#
        let decoded = try JSONDecoder().decode(TelemetryBuffer.self, from: Data(old.utf8))
        #expect(decoded.pendingEventIDs == [3, 4])
        #expect(decoded.count == 2)
    }

    @Test func anEntryNamingAKeyThatIsNotListedIsRefused() {
        let text = #"{"keys":["host:a"],"packed":"3,60,120,5"}"#
        #expect(throws: DecodingError.self) { try JSONDecoder().decode(TelemetryBuffer.self, from: Data(text.utf8)) }
    }
}
