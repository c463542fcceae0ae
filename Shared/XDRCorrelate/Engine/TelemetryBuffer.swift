/// Recent telemetry by entity key, so that a detection arriving after its evidence (shippers
/// batch and retry) still pulls that evidence in. Bounded: an event leaves when the watermark
/// passes its expiry (its time plus the longest window of its keys), and the total is capped
/// (soonest to expire first).
///
/// Persisted without the events themselves: PostgreSQL already holds every event, so the saved
/// form lists ids, times, expiries and keys, and `restore` puts the events back after they have
/// been read again by id (`pendingEventIDs`). That keeps the saved state small: the events were
/// nine tenths of it.
struct TelemetryBuffer: Sendable, Equatable {
    struct Entry: Sendable, Equatable {
        var time: Int64
        var eventID: Int64

        func precedes(_ other: Entry) -> Bool { (time, eventID) < (other.time, other.eventID) }
    }

    /// One key's entries; appended as they come and sorted by (time, id) when next read. Entries
    /// of evicted events stay until they are half the list (`stale`): removing them one event at a
    /// time rescanned every list an evicted event was under, which on a full buffer cost a tenth
    /// of the engine.
    struct KeyList: Sendable {
        var entries: [Entry] = []
        var sorted = true
        var stale = 0

        mutating func append(_ entry: Entry) {
            if let last = entries.last, entry.precedes(last) { sorted = false }
            entries.append(entry)
        }

        mutating func sort() {
            guard !sorted else { return }
            entries.sort { $0.precedes($1) }
            sorted = true
        }
    }

    /// One buffered event: what the lists and the heap need to find and forget it. One table
    /// instead of one per field: inserting and evicting cost one hash lookup each, not four. Kept
    /// small (the event boxed, keys by number): the table moved whole events each time it grew.
    struct Slot: Sendable {
        /// Nil between decoding a saved buffer and `restore`.
        var event: SharedEvent?
        var keys: [KeyNumber]
        var time: Int64
        var expiry: Int64
    }

    /// A key's number while it has a list: lists sit in an array by number, so forgetting an event
    /// reaches its lists without hashing their key strings again.
    typealias KeyNumber = Int32

    private var slots: [Int64: Slot] = [:]
    private var numbers: [String: KeyNumber] = [:]
    /// By key number: the key and its list (an unused number has an empty key and list).
    private var names: [String] = []
    private var lists: [KeyList] = []
    private var unusedNumbers: [KeyNumber] = []
    private var expiries = ExpiryHeap()
    /// Ids listed by a decoded buffer whose events `restore` has not supplied yet.
    private(set) var pendingEventIDs: [Int64] = []

    var count: Int { slots.count }

    /// A buffered event by id.
    func event(_ id: Int64) -> SharedEvent? { slots[id]?.event }

    mutating func insert(_ event: SharedEvent, keys: [String], expiry: Int64, cap: Int) {
        guard slots[event.id] == nil, !keys.isEmpty else { return }
        index(id: event.id, event: event, time: event.event.time, expiry: expiry, keys: keys)
        // Evict a tenth at once so a full buffer does not rework its lists on every insert.
        if count > cap { evict(count: count - cap * 9 / 10) }
    }

    private mutating func index(id: Int64, event: SharedEvent?, time: Int64, expiry: Int64, keys: [String]) {
        // Each key once (a list's stale count relies on one entry per event); an event has a handful.
        var numbered: [KeyNumber] = []
        numbered.reserveCapacity(keys.count)
        let entry = Entry(time: time, eventID: id)
        for key in keys {
            let number = self.number(for: key)
            guard !numbered.contains(number) else { continue }
            numbered.append(number)
            lists[Int(number)].append(entry)
        }
        slots[id] = Slot(event: event, keys: numbered, time: time, expiry: expiry)
        expiries.insert(.init(expiry: expiry, eventID: id))
    }

    /// The key's number, given one if it has none.
    private mutating func number(for key: String) -> KeyNumber {
        if let number = numbers[key] { return number }
        let number: KeyNumber
        if let unused = unusedNumbers.popLast() {
            number = unused
            names[Int(number)] = key
        } else {
            number = KeyNumber(names.count)
            names.append(key)
            lists.append(KeyList())
        }
        numbers[key] = number
        return number
    }

    /// Buffered events under `key` with time in [from, to], in (time, id) order.
    mutating func events(under key: String, from: Int64, to: Int64) -> [SharedEvent] {
        guard let number = numbers[key].map(Int.init) else { return [] }
        lists[number].sort()
        let entries = lists[number].entries
        var found: [SharedEvent] = []
        var index = Self.firstIndex(in: entries, notBefore: from)
        var previous: Int64?
        while index < entries.count, entries[index].time <= to {
            let id = entries[index].eventID
            // An event evicted and buffered again is listed twice, side by side once sorted.
            if id != previous, let event = slots[id]?.event { found.append(event) }
            previous = id
            index += 1
        }
        return found
    }

    /// Drops events whose expiry is before the watermark.
    mutating func evict(expiredBy watermark: Int64) {
        var gone: [Int64] = []
        while let first = expiries.first, first.expiry < watermark {
            gone.append(expiries.popFirst()!.eventID)
        }
        remove(gone)
    }

    /// Drops the `count` events that expire first.
    private mutating func evict(count: Int) {
        var gone: [Int64] = []
        while gone.count < count, let entry = expiries.popFirst() { gone.append(entry.eventID) }
        remove(gone)
    }

    /// Forgets `ids` (already out of the heap).
    private mutating func remove(_ ids: [Int64]) {
        for id in ids {
            for number in slots.removeValue(forKey: id)?.keys ?? [] { markStale(Int(number)) }
        }
    }

    /// Counts one more evicted entry under a key; at half the list, the list keeps only its live
    /// entries (each once), so the work stays proportional to what was evicted. An emptied list
    /// gives its number back.
    private mutating func markStale(_ number: Int) {
        lists[number].stale += 1
        let list = lists[number]
        if list.stale >= list.entries.count {
            release(number)
        } else if list.stale * 2 >= list.entries.count {
            compact(number)
        }
    }

    private mutating func compact(_ number: Int) {
        lists[number].sort()
        var previous: Int64?
        lists[number].entries.removeAll { entry in
            defer { previous = entry.eventID }
            // An id's time never changes: a gone slot is all that makes an entry stale (looked up
            // by index: reading the slot out retained its event and keys for every entry).
            return entry.eventID == previous || slots.index(forKey: entry.eventID) == nil
        }
        lists[number].stale = 0
        if lists[number].entries.isEmpty { release(number) }
    }

    private mutating func release(_ number: Int) {
        numbers[names[number]] = nil
        names[number] = ""
        lists[number] = KeyList()
        unusedNumbers.append(KeyNumber(number))
    }

    /// Supplies the events of a decoded buffer, read again by id. Events that are no longer in the
    /// database (retention) leave the buffer.
    mutating func restore(_ found: [CorrelationEvent]) {
        for event in found where slots[event.id] != nil && slots[event.id]!.event == nil { slots[event.id]!.event = SharedEvent(event) }
        let missing = pendingEventIDs.filter { slots[$0]?.event == nil }
        pendingEventIDs = []
        guard !missing.isEmpty else { return }
        let gone = Set(missing)
        remove(missing)
        var kept = ExpiryHeap()
        for entry in expiries.entries where !gone.contains(entry.eventID) { kept.insert(entry) }
        expiries = kept
    }

    /// The same events under the same keys, times and expiries (key numbers may differ).
    static func == (a: TelemetryBuffer, b: TelemetryBuffer) -> Bool {
        guard a.pendingEventIDs == b.pendingEventIDs, a.slots.count == b.slots.count else { return false }
        for (id, slot) in a.slots {
            guard let other = b.slots[id], slot.time == other.time, slot.expiry == other.expiry,
                  slot.event?.event == other.event?.event,
                  slot.keys.map({ a.names[Int($0)] }) == other.keys.map({ b.names[Int($0)] }) else { return false }
        }
        return true
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

extension TelemetryBuffer: Codable {
    private enum CodingKeys: String, CodingKey { case keys, packed, entries }

    /// `keys`: every key once; `packed` (`PackedNumbers`): per event `id,time,expiry,key index…`
    /// in id order. `entries`, an array per event, is the older form, still read.
    func encode(to encoder: Encoder) throws {
        var keyIndex: [String: Int] = [:]
        var keys: [String] = []
        var packed = PackedNumbers(reservingRows: slots.count)
        for id in slots.keys.sorted() {
            let slot = slots[id]!
            packed.append(id)
            packed.append(slot.time)
            packed.append(slot.expiry)
            for key in slot.keys.map({ names[Int($0)] }) {
                let index = keyIndex[key] ?? {
                    keys.append(key)
                    keyIndex[key] = keys.count - 1
                    return keys.count - 1
                }()
                packed.append(Int64(index))
            }
            packed.endRow()
        }
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(keys, forKey: .keys)
        try container.encode(packed.text, forKey: .packed)
    }

    init(from decoder: Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let keys = try container.decode([String].self, forKey: .keys)
        let entries: [[Int64]]
        if let packed = try container.decodeIfPresent(String.self, forKey: .packed) {
            guard let unpacked = PackedNumbers.unpack(packed) else {
                throw DecodingError.dataCorruptedError(forKey: .packed, in: container,
                                                       debugDescription: "buffer entries are not numbers separated by , and ;")
            }
            entries = unpacked
        } else {
            entries = try container.decode([[Int64]].self, forKey: .entries)
        }
        for entry in entries {
            guard entry.count >= 4, entry[3...].allSatisfy({ $0 >= 0 && $0 < keys.count }) else {
                throw DecodingError.dataCorruptedError(forKey: .packed, in: container,
                                                       debugDescription: "buffer entry \(entry) is not [id, time, expiry, key index…]")
            }
            index(id: entry[0], event: nil, time: entry[1], expiry: entry[2], keys: entry[3...].map { keys[Int($0)] })
            pendingEventIDs.append(entry[0])
        }
    }
}
