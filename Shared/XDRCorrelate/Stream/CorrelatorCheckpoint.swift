import Foundation
import XDRStore

/// A tenant's row in `correlator_checkpoints`: where its stream stands; and its row in
/// `correlator_states`: the engine state saved now and then at its own position (at or before the
/// checkpoint). Apart, so that writing a large state does not hold the lock every batch takes.
///
/// `lock` takes the row lock for the rest of the batch transaction (`FOR NO KEY UPDATE`: the state
/// row's reference to it, checked when a state is first saved, does not wait for a batch). Two
/// processors of the same tenant (a replica that lost its lease but is still finishing a batch,
/// and the one that took it over) therefore queue on this row, and the second sees the first
/// one's checkpoint — the fence that keeps a lost lease from writing a decision twice.
public enum CorrelatorCheckpoint {
    public struct Locked: Sendable, Equatable {
        public var position: StreamPosition
        public var eventsProcessed: Int64
        /// The database's next transaction id: no committed row can be at or beyond it.
        public var nextTransaction: UInt64
    }

    /// Creates the row if needed and locks it; returns the stored position.
    public static func lock(tenant: UUID, on connection: DatabaseConnection) throws -> Locked {
        try connection.execute("INSERT INTO correlator_checkpoints (tenant_id) VALUES ($1) ON CONFLICT (tenant_id) DO NOTHING", [tenant])
        let rows = try connection.query("""
            SELECT last_xid::text AS last_xid, last_id, events_processed,
                   pg_snapshot_xmax(pg_current_snapshot())::text AS next_xid
            FROM correlator_checkpoints
            WHERE tenant_id = $1 FOR NO KEY UPDATE
            """, [tenant])
        guard let row = rows.first else {
            throw DatabaseError(.query, message: "checkpoint of tenant \(tenant) is not visible in its scope")
        }
        guard let xid = UInt64(try row.string("last_xid")) else {
            throw DatabaseError(.decoding, message: "checkpoint of tenant \(tenant): last_xid is not a transaction id")
        }
        let position = StreamPosition(xid: xid, id: try row.int64("last_id"))
        let next = UInt64(try row.string("next_xid")) ?? .max
        if position.xid >= next {
            throw StreamAheadOfDatabase(tenant: tenant, what: "checkpoint", transaction: position.xid, nextTransaction: next)
        }
        return Locked(position: position, eventsProcessed: try row.int64("events_processed"), nextTransaction: next)
    }

    /// The saved engine state and the position it belongs to; the events after that position up
    /// to the checkpoint must be replayed onto it. Nil state (position `.start`) when none was saved.
    public static func loadState(tenant: UUID, on connection: DatabaseConnection) throws -> (state: TenantState?, position: StreamPosition) {
        let rows = try connection.query("""
            SELECT convert_from(state, 'UTF8') AS state, state_xid::text AS state_xid, state_id
            FROM correlator_states WHERE tenant_id = $1
            """, [tenant])
        guard let row = rows.first, let text = try row.text("state") else { return (nil, .start) }
        guard let xid = UInt64(try row.string("state_xid")) else {
            throw DatabaseError(.decoding, message: "checkpoint of tenant \(tenant): state_xid is not a transaction id")
        }
        do {
            let state = try JSONDecoder().decode(TenantState.self, from: Data(text.utf8))
            return (state, StreamPosition(xid: xid, id: try row.int64("state_id")))
        } catch {
            throw DatabaseError(.decoding, message: "checkpoint of tenant \(tenant): state does not decode: \(error)")
        }
    }

    /// Saves `state` at `position` on its own, outside a batch: only forward (beyond the stored
    /// state's position) and never beyond the checkpoint. Returns the bytes written, or nil when
    /// the row did not qualify (a newer state is stored, or the checkpoint is behind).
    ///
    /// The checkpoint is read, not locked: it only moves forward, so a position at or before it
    /// stays so, and batches go on while the state is written.
    @discardableResult
    public static func saveState(_ state: TenantState, tenant: UUID, position: StreamPosition,
                                 on connection: DatabaseConnection) throws -> Int? {
        let encoded = String(decoding: try JSONEncoder().encode(state), as: UTF8.self)
        let updated = try connection.execute("""
            INSERT INTO correlator_states AS s (tenant_id, state, state_xid, state_id)
            SELECT $1, convert_to($4::text, 'UTF8'), $2::xid8, $3
            WHERE EXISTS (SELECT 1 FROM correlator_checkpoints c
                          WHERE c.tenant_id = $1 AND (c.last_xid, c.last_id) >= ($2::xid8, $3::bigint))
            ON CONFLICT (tenant_id) DO UPDATE
            SET state = EXCLUDED.state, state_xid = EXCLUDED.state_xid, state_id = EXCLUDED.state_id, saved_at = now()
            WHERE (s.state_xid, s.state_id) < (EXCLUDED.state_xid, EXCLUDED.state_id)
            """, [tenant, String(position.xid), position.id, encoded])
        return updated == 1 ? encoded.utf8.count : nil
    }

    /// Moves the checkpoint to `position`, adding `processed` events to the count, and saves
    /// `state` at that position when given (through `saveState`: the position is now the
    /// checkpoint, and beyond any stored state, which is never beyond the checkpoint). Returns the
    /// size of the encoded state in bytes (nil when no state was saved).
    @discardableResult
    public static func save(tenant: UUID, position: StreamPosition, state: TenantState?, processed: Int,
                            on connection: DatabaseConnection) throws -> Int? {
        try connection.execute("""
            UPDATE correlator_checkpoints
            SET last_xid = $2::xid8, last_id = $3, events_processed = events_processed + $4, updated_at = now()
            WHERE tenant_id = $1
            """, [tenant, String(position.xid), position.id, processed])
        guard let state else { return nil }
        return try saveState(state, tenant: tenant, position: position, on: connection)
    }
}
