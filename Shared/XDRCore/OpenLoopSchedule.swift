/// When an open-loop load sends what: batch `k` (a request, or `linesPerBatch` lines) is due at a
/// fixed offset from the start whatever happened to the earlier ones.
///
/// Latency is measured from that due time, not from when a busy sender got round to sending: a
/// sender that waits for a slow answer would otherwise hide the queueing a real client at this rate
/// suffers (coordinated omission), and a slow server makes the sender late (measured) instead of
/// quietly lowering the offered load, as a closed loop would.
public struct OpenLoopSchedule: Sendable, Equatable {
    /// Lines (or requests) per second.
    public let rate: Double
    public let linesPerBatch: Int
    /// Seconds of load.
    public let seconds: Double

    public init(rate: Double, linesPerBatch: Int = 1, seconds: Double) {
        self.rate = Swift.max(rate, 1e-9)
        self.linesPerBatch = Swift.max(1, linesPerBatch)
        self.seconds = Swift.max(0, seconds)
    }

    /// Lines in the run: `rate × seconds`, a fraction of one not sent.
    public var totalLines: Int { Int((rate * seconds).rounded(.down)) }

    /// Batches in the run: enough for every line, the last one possibly short.
    public var batchCount: Int { (totalLines + linesPerBatch - 1) / linesPerBatch }

    /// Requests in a run of one line per batch.
    public var count: Int { batchCount }

    /// Lines in batch `k` (the last batch takes the remainder).
    public func lines(inBatch k: Int) -> Int {
        guard k >= 0, k < batchCount else { return 0 }
        return Swift.min(linesPerBatch, totalLines - k * linesPerBatch)
    }

    /// Seconds after the start at which batch `k` is due.
    public func offset(ofBatch k: Int) -> Double { Double(k * linesPerBatch) / rate }

    /// Nanoseconds from the start at which batch `index` is due.
    public func dueNanoseconds(_ index: Int) -> UInt64 {
        UInt64((offset(ofBatch: index) * 1_000_000_000).rounded())
    }

    /// Milliseconds from batch `index`'s due time to `completedNanoseconds` (since the start).
    public func latencyMilliseconds(_ index: Int, completedNanoseconds: UInt64) -> Double {
        let due = dueNanoseconds(index)
        return completedNanoseconds > due ? Double(completedNanoseconds - due) / 1_000_000 : 0
    }

    /// `count` moments spread evenly over `seconds`, the first half an interval in, so probes
    /// neither wait on the first batches nor run past the end of the load.
    public static func spread(_ count: Int, over seconds: Double) -> [Double] {
        guard count > 0 else { return [] }
        let interval = Swift.max(0, seconds) / Double(count)
        return (0..<count).map { interval / 2 + Double($0) * interval }
    }
}
