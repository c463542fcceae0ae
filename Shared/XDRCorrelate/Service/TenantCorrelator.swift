import Foundation
import XDRStore

/// Correlates one tenant's stream, one batch per transaction.
///
/// Each batch, in one tenant-scoped transaction: lock the checkpoint row, read the next committed
/// events after it, let the engine decide, write the decisions, move the checkpoint and save the
/// engine state, notify. Either all of it commits or none of it does, so after any crash the
/// stream resumes exactly where the saved decisions end.
///
/// The engine is cached between batches. It is rebuilt from the saved state whenever the locked
/// checkpoint is not the one the cache was built at (another replica moved it, or a transaction
/// failed after the engine had already absorbed the batch).
public final class TenantCorrelator {
    public let tenant: UUID
    public let batchSize: Int
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
        /// Whether the engine was (re)built from the saved state for this batch.
        public var reloaded: Bool
    }

    public init(tenant: UUID, batchSize: Int = 5_000) {
        self.tenant = tenant
        self.batchSize = max(1, batchSize)
    }

    /// Forgets the cached engine: the next batch rebuilds it from the database.
    public func unload() {
        engine = nil
        enginePosition = nil
    }

    /// Runs one batch on `connection` (which must not be inside a transaction).
    @discardableResult
    public func processBatch(on connection: DatabaseConnection) throws -> BatchResult {
        do {
            let result = try connection.withTenantScope([tenant]) { connection in
                try batch(on: connection)
            }
            enginePosition = result.position
            return result
        } catch {
            // The engine may already hold decisions that did not commit.
            unload()
            throw error
        }
    }

    private func batch(on connection: DatabaseConnection) throws -> BatchResult {
        let checkpoint = try CorrelatorCheckpoint.lock(tenant: tenant, on: connection)
        var reloaded = false
        if engine == nil || enginePosition != checkpoint.position {
            let state = try CorrelatorCheckpoint.loadState(tenant: tenant, on: connection)
            let (configuration, rules) = try TenantCorrelationSettings.load(tenant: tenant, on: connection)
            engine = TenantEngine(tenantID: tenant, configuration: configuration, rules: rules, state: state)
            reloaded = true
        }
        let engine = engine!
        let batch = try reader.read(tenant: tenant, after: checkpoint.position, limit: batchSize, on: connection)
        var summary = IncidentChangeWriter.Summary()
        if batch.rowCount > 0 {
            let changes = engine.process(batch.events)
            summary = try IncidentChangeWriter(connection: connection, tenant: tenant).apply(changes)
            try CorrelatorCheckpoint.save(tenant: tenant, position: batch.position, state: engine.persistentState,
                                          processed: batch.events.count, on: connection)
        }
        return BatchResult(events: batch.events.count, rows: batch.rowCount, position: batch.position, summary: summary,
                           latestIngestedAt: batch.latestIngestedAt, skipped: batch.skipped, stats: engine.stats,
                           reloaded: reloaded)
    }
}
