import Glibc

/// A growable byte buffer with a consumed prefix, reused across requests on one connection.
///
/// Manual memory rather than `[UInt8]` so the reader can hand a raw pointer to `recv` while also
/// mutating its source, without exclusivity conflicts or copy-on-write checks per read.
final class ReadBuffer {
    private(set) var base: UnsafeMutablePointer<UInt8>
    private(set) var capacity: Int
    /// Index of the first unconsumed byte.
    var start = 0
    /// Index one past the last received byte.
    var end = 0

    init(capacity: Int) {
        self.capacity = max(capacity, 64)
        base = .allocate(capacity: self.capacity)
    }

    deinit { base.deallocate() }

    var readable: Int { end - start }
    var isEmpty: Bool { start == end }
    var readableBytes: UnsafeBufferPointer<UInt8> { UnsafeBufferPointer(start: base + start, count: end - start) }

    /// Marks `count` bytes as consumed; resets to the front when everything is consumed.
    func consume(_ count: Int) {
        start += count
        if start >= end { start = 0; end = 0 }
    }

    /// Makes room for at least one more byte without growing beyond `maximum`; returns the free space.
    /// Returns an empty buffer when `readable` already fills `maximum`.
    func freeSpace(maximum: Int) -> UnsafeMutableRawBufferPointer {
        if end == capacity && start > 0 {
            // Slide unconsumed bytes to the front before considering growth.
            memmove(base, base + start, end - start)
            end -= start
            start = 0
        }
        if end == capacity && capacity < maximum {
            let newCapacity = min(maximum, capacity * 2)
            let grown = UnsafeMutablePointer<UInt8>.allocate(capacity: newCapacity)
            grown.initialize(from: base + start, count: end - start)
            base.deallocate()
            base = grown
            end -= start
            start = 0
            capacity = newCapacity
        }
        return UnsafeMutableRawBufferPointer(start: base + end, count: capacity - end)
    }
}
