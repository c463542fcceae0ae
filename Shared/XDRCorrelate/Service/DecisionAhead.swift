import Foundation

/// A batch the engine has decided, not yet written: its changes, the engine's sizes after it, and
/// a copy of the state when a save is due at its position.
struct DecidedBatch {
    var batch: EventStreamReader.Batch
    var changes: [EngineChange]
    var stats: EngineStats
    var state: TenantState?
    /// Wall-clock and CPU seconds the engine spent on it.
    var deciding = 0.0
    var decidingCPU = 0.0

    /// The batch `decide` returns, with the wall-clock and CPU seconds the calling thread spent on it.
    static func timed(_ decide: () -> DecidedBatch) -> DecidedBatch {
        let started = Date(), cpu = ProcessCPUTime.ofThisThread()
        var decided = decide()
        decided.deciding = Date().timeIntervalSince(started)
        decided.decidingCPU = ProcessCPUTime.ofThisThread() - cpu
        return decided
    }
}

/// The engine deciding the next batch on a thread of its own while the current one is written and
/// committed: during catch-up the engine and PostgreSQL then work side by side instead of in turn.
///
/// The engine runs ahead of what is committed. That is safe because nothing of the run is written
/// before the batch it follows has committed and the checkpoint is found exactly at `after`; if the
/// write fails or another replica moved the checkpoint, the engine is dropped and rebuilt from the
/// saved state (as after any failed batch), and this run's decisions are dropped with it. While it
/// runs, nothing else may touch the engine.
final class DecisionAhead: @unchecked Sendable {
    /// The checkpoint the run continues from.
    let after: StreamPosition
    private let condition = NSCondition()
    private var decided: DecidedBatch?

    init(engine: TenantEngine, after: StreamPosition, batch: EventStreamReader.Batch, capturesState: Bool) {
        self.after = after
        nonisolated(unsafe) let engine = engine
        let thread = Thread { [self] in
            let result = DecidedBatch.timed {
                let changes = engine.process(shared: batch.shared)
                return DecidedBatch(batch: batch, changes: changes, stats: engine.stats,
                                    state: capturesState ? engine.persistentState : nil)
            }
            condition.lock()
            decided = result
            condition.broadcast()
            condition.unlock()
        }
        thread.name = "xdr-correlator-ahead"
        thread.start()
    }

    /// The decided batch, waiting for the run to finish.
    func wait() -> DecidedBatch {
        condition.lock()
        defer { condition.unlock() }
        while decided == nil { condition.wait() }
        return decided!
    }
}
