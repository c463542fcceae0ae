/// When each request of an open-loop load is due: request `i` at `i / rate` seconds after the
/// start, whatever happened to the earlier ones.
///
/// Latency is measured from that due time, not from when a busy sender got round to sending:
/// a sender that waits for a slow answer would otherwise hide the queueing a real client at this
/// rate suffers (coordinated omission).
public struct OpenLoopSchedule: Sendable, Equatable {
    /// Requests per second.
    public let rate: Double
    /// Seconds of load.
    public let seconds: Double

    public init(rate: Double, seconds: Double) {
        self.rate = rate
        self.seconds = seconds
    }

    /// How many requests the run sends.
    public var count: Int { Int((rate * seconds).rounded(.down)) }

    /// Nanoseconds from the start at which request `index` is due.
    public func dueNanoseconds(_ index: Int) -> UInt64 {
        UInt64((Double(index) / rate * 1_000_000_000).rounded())
    }

    /// Milliseconds from request `index`'s due time to `completedNanoseconds` (since the start).
    public func latencyMilliseconds(_ index: Int, completedNanoseconds: UInt64) -> Double {
        let due = dueNanoseconds(index)
        return completedNanoseconds > due ? Double(completedNanoseconds - due) / 1_000_000 : 0
    }
}
