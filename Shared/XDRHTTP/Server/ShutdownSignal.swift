import Foundation

/// A one-way flag that streams and waiting code consult to learn that the server is stopping.
final class ShutdownSignal: @unchecked Sendable {
    private let condition = NSCondition()
    private var triggered = false

    var isTriggered: Bool {
        condition.lock(); defer { condition.unlock() }
        return triggered
    }

    func trigger() {
        condition.lock()
        triggered = true
        condition.broadcast()
        condition.unlock()
    }

    /// Waits up to `seconds`; returns `true` as soon as the signal is triggered.
    func wait(seconds: Double) -> Bool {
        let limit = Date(timeIntervalSinceNow: max(0, seconds))
        condition.lock(); defer { condition.unlock() }
        while !triggered {
            if !condition.wait(until: limit) { break }
        }
        return triggered
    }
}
