/// Seconds one correlator batch spent in each step (the commit is not included: it happens after).
public struct BatchTimings: Sendable, Equatable {
    /// Reading and decoding the committed events.
    public var read = 0.0
    /// The engine's decisions (for a batch decided ahead, only the wait for them: the part the
    /// previous batch's write and commit did not cover).
    public var engine = 0.0
    /// Writing incidents, members, merges and derived detections.
    public var write = 0.0
    /// Moving the checkpoint, with the engine state when it is due.
    public var checkpoint = 0.0
    /// How long the engine took to decide the batch, on whichever thread it ran (wall clock), and
    /// the CPU that thread used meanwhile: a gap between the two is time the engine waited for a
    /// core, and the drain's time beyond their sum is time it had nothing to decide.
    public var deciding = 0.0
    public var decidingCPU = 0.0

    public init() {}

    public static func + (a: BatchTimings, b: BatchTimings) -> BatchTimings {
        var sum = BatchTimings()
        sum.read = a.read + b.read
        sum.engine = a.engine + b.engine
        sum.write = a.write + b.write
        sum.checkpoint = a.checkpoint + b.checkpoint
        sum.deciding = a.deciding + b.deciding
        sum.decidingCPU = a.decidingCPU + b.decidingCPU
        return sum
    }
}
