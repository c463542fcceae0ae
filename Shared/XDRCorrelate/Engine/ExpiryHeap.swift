/// A binary min-heap of (expiry, event id): the telemetry buffer's eviction order. Inserting out of
/// time order — the normal case when shippers send their backlogs side by side — costs O(log n),
/// where a sorted array paid an O(n) move for every such insert.
struct ExpiryHeap: Sendable {
    struct Entry: Sendable, Equatable {
        var expiry: Int64
        var eventID: Int64

        func precedes(_ other: Entry) -> Bool { (expiry, eventID) < (other.expiry, other.eventID) }
    }

    private(set) var entries: [Entry] = []

    var count: Int { entries.count }
    var first: Entry? { entries.first }

    mutating func insert(_ entry: Entry) {
        entries.append(entry)
        var child = entries.count - 1
        while child > 0 {
            let parent = (child - 1) / 2
            guard entries[child].precedes(entries[parent]) else { break }
            entries.swapAt(child, parent)
            child = parent
        }
    }

    /// Removes and returns the entry that expires first.
    mutating func popFirst() -> Entry? {
        guard !entries.isEmpty else { return nil }
        entries.swapAt(0, entries.count - 1)
        let first = entries.removeLast()
        var parent = 0
        while true {
            let left = 2 * parent + 1
            let right = left + 1
            var smallest = parent
            if left < entries.count, entries[left].precedes(entries[smallest]) { smallest = left }
            if right < entries.count, entries[right].precedes(entries[smallest]) { smallest = right }
            guard smallest != parent else { return first }
            entries.swapAt(parent, smallest)
            parent = smallest
        }
    }
}
