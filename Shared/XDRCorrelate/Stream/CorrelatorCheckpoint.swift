import Foundation
import XDRStore

/// A tenant's row in `correlator_checkpoints`: where its stream stands and the engine state there.
///
/// `lock` takes the row lock for the rest of the batch transaction. Two processors of the same
/// tenant (a replica that lost its lease but is still finishing a batch, and the one that took
/// it over) therefore queue on this row, and the second sees the first one's checkpoint — the
/// fence that keeps a lost lease from writing a decision twice.
public enum CorrelatorCheckpoint {
    public struct Locked: Sendable, Equatable {
        public var position: StreamPosition
        public var eventsProcessed: Int64
    }

    /// Creates the row if needed and locks it; returns the stored position.
    public static func lock(tenant: UUID, on connection: DatabaseConnection) throws(DatabaseError) -> Locked {
        try connection.execute("INSERT INTO correlator_checkpoints (tenant_id) VALUES ($1) ON CONFLICT (tenant_id) DO NOTHING", [tenant])
        let rows = try connection.query("""
            SELECT last_xid::text AS last_xid, last_id, events_processed FROM correlator_checkpoints
            WHERE tenant_id = $1 FOR UPDATE
            """, [tenant])
        guard let row = rows.first else {
            throw DatabaseError(.query, message: "checkpoint of tenant \(tenant) is not visible in its scope")
        }
        guard let xid = UInt64(try row.string("last_xid")) else {
            throw DatabaseError(.decoding, message: "checkpoint of tenant \(tenant): last_xid is not a transaction id")
        }
        return Locked(position: StreamPosition(xid: xid, id: try row.int64("last_id")),
                      eventsProcessed: try row.int64("events_processed"))
    }

    /// The engine state saved with the checkpoint, nil when none was saved yet.
    public static func loadState(tenant: UUID, on connection: DatabaseConnection) throws -> TenantState? {
        let rows = try connection.query("SELECT state::text AS state FROM correlator_checkpoints WHERE tenant_id = $1", [tenant])
        guard let text = try rows.first?.text("state") else { return nil }
        do {
            return try JSONDecoder().decode(TenantState.self, from: Data(text.utf8))
        } catch {
            throw DatabaseError(.decoding, message: "checkpoint of tenant \(tenant): state does not decode: \(error)")
        }
    }

    /// Moves the checkpoint to `position` with `state`, adding `processed` events to the count.
    public static func save(tenant: UUID, position: StreamPosition, state: TenantState, processed: Int,
                            on connection: DatabaseConnection) throws {
        let encoded = String(decoding: try JSONEncoder().encode(state), as: UTF8.self)
        try connection.execute("""
            UPDATE correlator_checkpoints
            SET last_xid = $2::xid8, last_id = $3, state = $4::jsonb,
                events_processed = events_processed + $5, updated_at = now()
            WHERE tenant_id = $1
            """, [tenant, String(position.xid), position.id, encoded, processed])
    }
}
