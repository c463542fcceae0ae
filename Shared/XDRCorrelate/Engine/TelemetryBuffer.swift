/// Recent telemetry by entity key, so that a detection arriving after its evidence (shippers
/// batch and retry) still pulls that evidence in. Bounded: an event leaves when the watermark
/// passes its expiry (its time plus the longest window of its keys), and the total is capped
/// (soonest to expire first).
struct TelemetryBuffer: Sendable, Codable, Equatable {
    struct Entry: Sendable, Codable, Equatable {
        var time: Int64
        var eventID: Int64

        func precedes(_ other: Entry) -> Bool { (time, eventID) < (other.time, other.eventID) }
    }

    private(set) var events: [Int64: CorrelationEvent] = [:]
    /// Entity key → entries in (time, id) order.
    private var byKey: [String: [Entry]] = [:]
    private var keysByEvent: [Int64: [String]] = [:]
    /// Every event as (expiry, id), in that order: eviction takes from the front.
    private var expiries: [Entry] = []

    var count: Int { events.count }

    mutating func insert(_ event: CorrelationEvent, keys: [String], expiry: Int64, cap: Int) {
        guard events[event.id] == nil, !keys.isEmpty else { return }
        let entry = Entry(time: event.time, eventID: event.id)
        events[event.id] = event
        keysByEvent[event.id] = keys
        Self.insertSorted(Entry(time: expiry, eventID: event.id), into: &expiries)
        for key in keys { Self.insertSorted(entry, into: &byKey[key, default: []]) }
        // Evict a tenth at once so a full buffer does not shuffle memory on every insert.
        if events.count > cap { evict(count: events.count - cap * 9 / 10) }
    }

    /// Buffered events under `key` with time in [from, to], in (time, id) order.
    func events(under key: String, from: Int64, to: Int64) -> [CorrelationEvent] {
        guard let list = byKey[key] else { return [] }
        var found: [CorrelationEvent] = []
        var index = Self.firstIndex(in: list, notBefore: from)
        while index < list.count, list[index].time <= to {
            if let event = events[list[index].eventID] { found.append(event) }
            index += 1
        }
        return found
    }

    /// Drops events whose expiry is before the watermark.
    mutating func evict(expiredBy watermark: Int64) {
        evict(count: Self.firstIndex(in: expiries, notBefore: watermark))
    }

    /// Drops the `count` events that expire first.
    private mutating func evict(count: Int) {
        guard count > 0 else { return }
        let gone = expiries.prefix(count)
        var affected = Set<String>()
        var ids = Set<Int64>()
        for entry in gone {
            ids.insert(entry.eventID)
            events[entry.eventID] = nil
            for key in keysByEvent.removeValue(forKey: entry.eventID) ?? [] { affected.insert(key) }
        }
        expiries.removeFirst(count)
        for key in affected {
            guard var list = byKey[key] else { continue }
            list.removeAll { ids.contains($0.eventID) }
            byKey[key] = list.isEmpty ? nil : list
        }
    }

    private static func insertSorted(_ entry: Entry, into list: inout [Entry]) {
        if let last = list.last, !entry.precedes(last) {
            list.append(entry)
            return
        }
        var low = 0
        var high = list.count
        while low < high {
            let middle = (low + high) / 2
            if list[middle].precedes(entry) { low = middle + 1 } else { high = middle }
        }
        list.insert(entry, at: low)
    }

    /// Index of the first entry with time ≥ `time` (binary search).
    private static func firstIndex(in list: [Entry], notBefore time: Int64) -> Int {
        var low = 0
        var high = list.count
        while low < high {
            let middle = (low + high) / 2
            if list[middle].time < time { low = middle + 1 } else { high = middle }
        }
        return low
    }
}
