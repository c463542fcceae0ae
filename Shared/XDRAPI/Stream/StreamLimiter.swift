import Foundation

/// Caps concurrent live streams: each holds its own database connection (LISTEN cannot share a
/// pooled one), so an unbounded number would exhaust the server's connection slots.
final class StreamLimiter: @unchecked Sendable {
    let maximum: Int
    private let lock = NSLock()
    private var open = 0

    init(maximum: Int) { self.maximum = maximum }

    /// Takes a slot, or returns false when all are in use.
    func acquire() -> Bool {
        lock.withLock {
            guard open < maximum else { return false }
            open += 1
            return true
        }
    }

    func release() { lock.withLock { open -= 1 } }

    var count: Int { lock.withLock { open } }
}
