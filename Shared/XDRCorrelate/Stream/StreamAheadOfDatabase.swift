import Foundation

/// The stream names a transaction the database has not reached: a checkpoint, or an event whose
/// `ingest_xid` is at or beyond the transaction counter. Only a logical restore does that (the
/// dump keeps `ingest_xid` values, the new server counts from its own start), and reading on would
/// order the restored rows wrongly or wait for them forever, so the tenant is refused, loudly.
public struct StreamAheadOfDatabase: Error, Sendable, CustomStringConvertible {
    public var tenant: UUID
    /// `checkpoint` or `event <id>`.
    public var what: String
    public var transaction: UInt64
    public var nextTransaction: UInt64

    public var description: String {
        "\(what) of tenant \(tenant.uuidString.lowercased()) is at transaction \(transaction), beyond the database's "
            + "next transaction \(nextTransaction): restored from a logical dump? Restamp the events and reset the "
            + "checkpoints (docs/operations.md, \"Backup and restore\")"
    }
}
