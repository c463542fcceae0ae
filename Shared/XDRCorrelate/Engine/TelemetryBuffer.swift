/// Recent telemetry by entity key, so that a detection arriving after its evidence (shippers
/// batch and retry) still pulls that evidence in. Bounded: entries older than the watermark minus
/// the longest window are evicted, and the total is capped (stalest first).
struct TelemetryBuffer: Sendable, Codable, Equatable {
    struct Entry: Sendable, Codable, Equatable {
        var time: Int64
        var eventID: Int64
    }

    private(set) var events: [Int64: CorrelationEvent] = [:]
    /// Entity key → entries in (time, id) order.
    private(set) var byKey: [String: [Entry]] = [:]

    var count: Int { events.count }

    mutating func insert(_ event: CorrelationEvent, keys: [String], cap: Int) {
        guard events[event.id] == nil else { return }
        events[event.id] = event
        let entry = Entry(time: event.time, eventID: event.id)
        for key in keys {
            var list = byKey[key] ?? []
            let index = list.firstIndex { ($0.time, $0.eventID) > (entry.time, entry.eventID) } ?? list.count
            list.insert(entry, at: index)
            byKey[key] = list
        }
        // Evict a tenth at once so a full buffer does not sort on every insert.
        if events.count > cap { evictStalest(events.count - cap * 9 / 10) }
    }

    /// Buffered events under `key` with time in [from, to], in (time, id) order.
    func events(under key: String, from: Int64, to: Int64) -> [CorrelationEvent] {
        guard let list = byKey[key] else { return [] }
        return list.filter { $0.time >= from && $0.time <= to }.compactMap { events[$0.eventID] }
    }

    /// Drops events older than `horizon`.
    mutating func evict(before horizon: Int64) {
        let old = events.values.filter { $0.time < horizon }.map(\.id)
        guard !old.isEmpty else { return }
        for id in old { events[id] = nil }
        pruneIndex()
    }

    private mutating func evictStalest(_ count: Int) {
        let stalest = events.values.sorted { ($0.time, $0.id) < ($1.time, $1.id) }.prefix(count).map(\.id)
        for id in stalest { events[id] = nil }
        pruneIndex()
    }

    private mutating func pruneIndex() {
        for (key, list) in byKey {
            let kept = list.filter { events[$0.eventID] != nil }
            if kept.isEmpty { byKey[key] = nil } else if kept.count != list.count { byKey[key] = kept }
        }
    }
}
