/// When an open-loop sender sends what. Batch `k` of a stream is due at a fixed offset from the
/// start whatever happened to earlier batches, so a slow server makes the sender late (measured)
/// instead of quietly lowering the offered load, as a closed loop would.
public struct OpenLoopSchedule: Sendable, Equatable {
    /// Lines per second this stream offers.
    public let rate: Double
    public let linesPerBatch: Int
    /// Seconds the stream runs.
    public let seconds: Double

    public init(rate: Double, linesPerBatch: Int, seconds: Double) {
        self.rate = max(rate, 1e-9)
        self.linesPerBatch = max(1, linesPerBatch)
        self.seconds = max(0, seconds)
    }

    /// Batches in the run: enough to offer `rate × seconds` lines, the last one possibly short.
    public var batchCount: Int { (totalLines + linesPerBatch - 1) / linesPerBatch }

    public var totalLines: Int { Int((rate * seconds).rounded()) }

    /// Lines in batch `k` (the last batch takes the remainder).
    public func lines(inBatch k: Int) -> Int {
        guard k >= 0, k < batchCount else { return 0 }
        return min(linesPerBatch, totalLines - k * linesPerBatch)
    }

    /// Seconds after the start at which batch `k` is due.
    public func offset(ofBatch k: Int) -> Double { Double(k * linesPerBatch) / rate }

    /// `count` moments spread evenly over `seconds`, the first half an interval in, so probes
    /// neither wait on the first batches nor run past the end of the load.
    public static func spread(_ count: Int, over seconds: Double) -> [Double] {
        guard count > 0 else { return [] }
        let interval = max(0, seconds) / Double(count)
        return (0..<count).map { interval / 2 + Double($0) * interval }
    }
}
