import Foundation
import XDRStore

/// Correlates one tenant's stream, one batch per transaction.
///
/// Each batch, in one tenant-scoped transaction: lock the checkpoint row, read the next committed
/// events after it, let the engine decide, write the decisions, move the checkpoint and save the
/// engine state when `stateInterval` has passed since it was last saved, notify. Either all of it
/// commits or none of it does, so after any crash the stream resumes exactly where the saved
/// decisions end.
///
/// Encoding the whole state costs far more than a batch, so it is saved only now and then, at its
/// own position. The engine is cached between batches. It is rebuilt whenever the locked checkpoint
/// is not the one the cache was built at (another replica moved it, or a transaction failed after
/// the engine had already absorbed the batch): the saved state is restored and the events after its
/// position up to the checkpoint are replayed. The engine is deterministic, so the replay re-emits
/// the decisions already written, and re-applying them as upserts leaves the rows as they were.
///
/// Catching up (full batches, with a prefetcher and a saver), the engine decides the next batch
/// while this one is written and committed (`DecisionAhead`); it is used only if the next batch
/// finds the checkpoint where it began, and dropped with the engine otherwise.
public final class TenantCorrelator {
    public let tenant: UUID
    public let batchSize: Int
    /// How often, at least, the engine state is saved with the checkpoint (about the longest replay
    /// after a reload); a state that takes long to save is saved less often (see `batch`).
    public let stateInterval: TimeInterval
    /// When this process last saved the state (nil: save with the next batch).
    private var stateSavedAt: Date?
    private var pendingStateSave: Date?
    /// How long the last state save took (encoding and writing).
    private var lastSaveSeconds = 0.0
    private let reader = EventStreamReader()
    private var engine: TenantEngine?
    /// The checkpoint the cached engine's state belongs to.
    private var enginePosition: StreamPosition?

    /// What one batch did.
    public struct BatchResult: Sendable {
        public var events: Int
        /// Rows read (decoded or skipped); `rows < batchSize` means the stream is caught up.
        public var rows: Int
        public var position: StreamPosition
        public var summary: IncidentChangeWriter.Summary
        public var latestIngestedAt: Int64?
        public var skipped: [EventRowError]
        public var stats: EngineStats
        /// Bytes of the engine state saved with the checkpoint (nil when nothing was saved).
        public var stateBytes: Int?
        /// Whether the engine was (re)built from the saved state for this batch.
        public var reloaded: Bool
        /// Where the batch's time went.
        public var timings = BatchTimings()
        /// Why the last background save of the state failed (the batch itself committed).
        public var stateSaveError: String?
        /// Whether the engine had decided the batch ahead, while the previous one committed.
        public var decidedAhead = false
        /// Whether the batch had been read ahead, while the previous one was decided.
        public var readAhead = false
    }

    /// Reads the next batch ahead after a full batch or one of a busy stream (`busyStreamRows`);
    /// nil reads each batch in turn.
    private let prefetcher: BatchPrefetcher?

    /// Saves the engine state after the batch commits, off the batch path; nil saves it inside
    /// the batch transaction.
    private let saver: StateSaver?
    /// Rows in one batch from which the stream counts as busy and the next batch is read ahead
    /// (at 10,000 events/s, reading in turn was a quarter of each batch).
    private let busyStreamRows: Int
    /// The engine deciding the batch after `enginePosition` while that position commits (catch-up
    /// with both a prefetcher and a saver); dropped with the engine.
    private var ahead: DecisionAhead?
    /// A state to hand to `saver` once the batch that reached it has committed.
    private var deferredState: (position: StreamPosition, state: TenantState)?

    public init(tenant: UUID, batchSize: Int = 5_000, stateInterval: TimeInterval = 10, prefetcher: BatchPrefetcher? = nil,
                saver: StateSaver? = nil, busyStreamRows: Int = 1_000) {
        self.tenant = tenant
        self.busyStreamRows = max(1, busyStreamRows)
        self.batchSize = max(1, batchSize)
        self.stateInterval = max(0, stateInterval)
        self.prefetcher = prefetcher
        self.saver = saver
    }

    /// Forgets the cached engine: the next batch rebuilds it from the database.
    public func unload() {
        engine = nil
        enginePosition = nil
        ahead = nil
    }

    /// Runs one batch on `connection` (which must not be inside a transaction).
    @discardableResult
    public func processBatch(on connection: DatabaseConnection) throws -> BatchResult {
        do {
            var result = try connection.withTenantScope([tenant]) { connection in
                try batch(on: connection)
            }
            enginePosition = result.position
            if let saved = pendingStateSave { stateSavedAt = saved }
            pendingStateSave = nil
            if let saver {
                if let deferred = deferredState { saver.save(tenant: tenant, position: deferred.position, state: deferred.state) }
                if let seconds = saver.lastDuration(tenant: tenant) { lastSaveSeconds = seconds }
                switch saver.takeResult(tenant: tenant) {
                case .success(let bytes)?: result.stateBytes = bytes
                case .failure(let error)?: result.stateSaveError = "\(error)"
                case nil: break
                }
            }
            deferredState = nil
            return result
        } catch {
            // The engine may already hold decisions that did not commit.
            pendingStateSave = nil
            deferredState = nil
            unload()
            throw error
        }
    }

    private func batch(on connection: DatabaseConnection) throws -> BatchResult {
        // An idle tenant costs one read-only probe per poll, not a row lock and a write: if
        // nothing is final after the cached position, nothing is after the stored one either
        // (checkpoints only move forward; the documented reset after a restore restamps every
        // event with a newer transaction, which the probe then finds).
        if ahead == nil, let engine, let cached = enginePosition,
           try reader.read(tenant: tenant, after: cached, limit: 1, on: connection).rowCount == 0 {
            return BatchResult(events: 0, rows: 0, position: cached, summary: IncidentChangeWriter.Summary(),
                               latestIngestedAt: nil, skipped: [], stats: engine.stats, stateBytes: nil, reloaded: false)
        }
        let checkpoint = try CorrelatorCheckpoint.lock(tenant: tenant, on: connection)
        var reloaded = false
        if engine == nil || enginePosition != checkpoint.position {
            // Whatever ran ahead ran on an engine that is being replaced.
            ahead = nil
            try reader.verifyNoRowsBeyond(checkpoint.nextTransaction, tenant: tenant, on: connection)
            let saved = try CorrelatorCheckpoint.loadState(tenant: tenant, on: connection)
            let (configuration, rules) = try TenantCorrelationSettings.load(tenant: tenant, on: connection)
            // A state ahead of the checkpoint already holds events the batch would feed it again.
            if saved.position > checkpoint.position {
                throw DatabaseError(.decoding, message: "checkpoint of tenant \(tenant): state position \(saved.position) is beyond last position \(checkpoint.position); reset state with the checkpoint")
            }
            var state = saved.state
            if let pending = state?.buffer.pendingEventIDs, !pending.isEmpty {
                state!.buffer.restore(try reader.events(ids: pending, tenant: tenant, details: rules.detailSelection, on: connection))
            }
            let rebuilt = TenantEngine(tenantID: tenant, configuration: configuration, rules: rules, state: state)
            try replay(into: rebuilt, after: saved.position, through: checkpoint.position, on: connection)
            engine = rebuilt
            reloaded = true
        }
        let engine = engine!
        // What batches for this engine are decoded with: the details its rules read.
        let details = engine.rules.detailSelection
        var timings = BatchTimings()
        var clock = Date()
        func lap() -> Double {
            let now = Date()
            defer { clock = now }
            return now.timeIntervalSince(clock)
        }
        // At least `stateInterval` apart, and ten times as long as the last save took (in the
        // batch or in the background): on a large state under catch-up, saving stays under a
        // tenth of the work. Zero: every batch.
        func saveDue() -> Bool {
            let spacing = stateInterval == 0 ? 0 : max(stateInterval, lastSaveSeconds * 10)
            return stateSavedAt.map { Date().timeIntervalSince($0) >= spacing } ?? true
        }
        let decided: DecidedBatch
        var decidedAhead = false
        var readAhead = false
        if let run = ahead, run.after == checkpoint.position {
            ahead = nil
            decided = run.wait()
            decidedAhead = true
            timings.engine = lap()
        } else {
            ahead = nil
            let batch: EventStreamReader.Batch
            if let ahead = prefetcher?.take(tenant: tenant, after: checkpoint.position), ahead.rowCount > 0, ahead.details == details {
                batch = ahead
                readAhead = true
            } else {
                batch = try reader.read(tenant: tenant, after: checkpoint.position, limit: batchSize, details: details, on: connection)
            }
            // A full batch means more is waiting, and a busy stream (a thousand rows since the last
            // batch) will have more by the time this one commits: read it while this one is decided.
            if batch.rowCount >= min(batchSize, busyStreamRows) {
                prefetcher?.start(tenant: tenant, after: batch.position, limit: batchSize, details: details)
            }
            timings.read = lap()
            decided = DecidedBatch.timed {
                let changes = batch.rowCount > 0 ? engine.process(shared: batch.shared) : []
                // A copy: the engine goes on with the next batch while the saver encodes this one.
                let state = saver != nil && batch.rowCount > 0 && saveDue() ? engine.persistentState : nil
                return DecidedBatch(batch: batch, changes: changes, stats: engine.stats, state: state)
            }
            timings.engine = lap()
        }
        let batch = decided.batch
        timings.deciding = decided.deciding
        timings.decidingCPU = decided.decidingCPU
        // Catching up with a saver: the engine decides the next batch (read ahead) while this one
        // is written and committed.
        if batch.rowCount == batchSize, saver != nil, let prefetcher,
           let next = prefetcher.take(tenant: tenant, after: batch.position), next.rowCount > 0, next.details == details {
            if next.rowCount == batchSize { prefetcher.start(tenant: tenant, after: next.position, limit: batchSize, details: details) }
            // A save already taken for this batch counts only once it commits: not one more for the next.
            ahead = DecisionAhead(engine: engine, after: batch.position, batch: next,
                                  capturesState: decided.state == nil && saveDue())
            timings.read += lap()
        }
        var summary = IncidentChangeWriter.Summary()
        var stateBytes: Int?
        if batch.rowCount > 0 {
            summary = try IncidentChangeWriter(connection: connection, tenant: tenant).apply(decided.changes)
            timings.write = lap()
            let now = Date()
            // In the batch only without a saver (then nothing runs ahead, and the engine is idle).
            let inBatch = saver == nil && saveDue()
            stateBytes = try CorrelatorCheckpoint.save(tenant: tenant, position: batch.position,
                                                       state: inBatch ? engine.persistentState : nil,
                                                       processed: batch.eventCount, on: connection)
            if let state = decided.state { deferredState = (batch.position, state) }
            timings.checkpoint = lap()
            // Only a committed save counts; a failed batch reloads and saves with the next one.
            if inBatch || decided.state != nil {
                pendingStateSave = now
                if inBatch { lastSaveSeconds = timings.checkpoint }
            }
        }
        return BatchResult(events: batch.eventCount, rows: batch.rowCount, position: batch.position, summary: summary,
                           latestIngestedAt: batch.latestIngestedAt, skipped: batch.skipped, stats: decided.stats,
                           stateBytes: stateBytes, reloaded: reloaded, timings: timings, decidedAhead: decidedAhead,
                           readAhead: readAhead)
    }

    /// Feeds `engine` the events after `start` up to `end` in batches, as the processes that
    /// wrote them did, and re-applies the changes (the same upserts, so the rows stay as they are).
    private func replay(into engine: TenantEngine, after start: StreamPosition, through end: StreamPosition,
                        on connection: DatabaseConnection) throws {
        var position = start
        let writer = IncidentChangeWriter(connection: connection, tenant: tenant, notifies: false)
        while position < end {
            let chunk = try reader.read(tenant: tenant, after: position, through: end, limit: batchSize,
                                        details: engine.rules.detailSelection, on: connection)
            guard chunk.rowCount > 0 else { break }
            if chunk.eventCount > 0 { try writer.apply(engine.process(shared: chunk.shared)) }
            position = chunk.position
        }
    }
}
