import Foundation
import XDRStore

/// Reads a tenant's committed events in commit-safe order.
///
/// A sequence value is visible before its transaction commits, so "every id above the last one"
/// loses rows whose transaction commits after a younger one. Instead each row carries its
/// transaction id, and only rows whose transaction is older than the oldest one still running
/// (`pg_snapshot_xmin(pg_current_snapshot())`) are read: those are final, and any row committed
/// later has a larger `(xid, id)` than everything already read. The cost: one long-running
/// transaction anywhere holds the stream back until it ends.
public struct EventStreamReader: Sendable {
    /// One read: the events in stream order, where the stream now stands, and rows that could not
    /// be decoded (skipped, so one bad row cannot stall a tenant forever).
    public struct Batch: Sendable {
        public var events: [CorrelationEvent]
        /// The position of the last row read (decoded or skipped), or the given one if none.
        public var position: StreamPosition
        /// Rows read, including skipped ones: fewer than the limit means the reader caught up.
        public var rowCount: Int
        /// The latest `ingested_at` among the rows read (microseconds), for lag reporting.
        public var latestIngestedAt: Int64?
        public var skipped: [EventRowError]
    }

    public init() {}

    static let columns = """
        id, tenant_id, time, ingested_at, ingest_xid::text AS ingest_xid, layer, kind, class_uid, activity_id,
        severity_id, source_product, source_format, source_event_id, title, rule_id, attack_techniques,
        attack_tactics, outcome, hostname, host(src_ip) AS src_ip, src_port, host(dst_ip) AS dst_ip, dst_port,
        protocol, user_name, email_from, email_to, email_subject, email_message_id, process_image,
        process_cmdline, process_pid, process_guid, parent_image, parent_guid, file_path, file_hashes,
        domain, url, cloud_account, cloud_region, cloud_principal, cloud_access_key, api_operation,
        k8s_namespace, k8s_pod, k8s_service_account, entities, details
        """

    // The select list names the text form of the xid `ingest_xid`, and a bare ORDER BY name means
    // the output column: qualified, the order is numeric. Text order ("1000" < "737") read the
    // first batch out of order and the position then skipped every younger xid for good.

    /// Reads up to `limit` committed events of `tenant` after `position` (and at or before `end`,
    /// when given: a replay up to the checkpoint). Runs on `connection` (which must see the
    /// tenant's rows: inside its tenant scope).
    public func read(tenant: UUID, after position: StreamPosition, through end: StreamPosition? = nil, limit: Int,
                     on connection: DatabaseConnection) throws(DatabaseError) -> Batch {
        let bound = end ?? StreamPosition(xid: UInt64(Int64.max), id: .max)
        let rows = try connection.query("""
            SELECT \(Self.columns) FROM events
            WHERE tenant_id = $1
              AND (ingest_xid, id) > ($2::xid8, $3::bigint)
              AND (ingest_xid, id) <= ($5::xid8, $6::bigint)
              AND ingest_xid < pg_snapshot_xmin(pg_current_snapshot())
            ORDER BY events.ingest_xid, events.id
            LIMIT $4
            """, [tenant, String(position.xid), position.id, limit, String(bound.xid), bound.id])
        var batch = Batch(events: [], position: position, rowCount: rows.count, latestIngestedAt: nil, skipped: [])
        guard let first = rows.first else { return batch }
        let columns = try Self.columns(of: first)
        let tenantText = tenant.uuidString.lowercased()
        batch.events.reserveCapacity(rows.count)
        for row in rows {
            guard let id = Self.id(of: row, columns) else {
                throw DatabaseError(.decoding, message: "an event row without a valid id after \(batch.position)")
            }
            guard let xid = row.text(at: columns.ingestXID.position).flatMap({ UInt64($0) }) else {
                throw DatabaseError(.decoding, message: "event \(id): ingest_xid is not a transaction id")
            }
            batch.position = StreamPosition(xid: xid, id: id)
            guard let ingestedAt = row.text(at: columns.ingestedAt.position).flatMap(PostgresTimestamp.parse) else {
                throw DatabaseError(.decoding, message: "event \(id): ingested_at is not a timestamp")
            }
            batch.latestIngestedAt = max(batch.latestIngestedAt ?? ingestedAt, ingestedAt)
            do {
                batch.events.append(try EventRowDecoder.decode(row, columns, id: id, tenant: tenant, tenantText: tenantText))
            } catch {
                batch.skipped.append(error)
            }
        }
        return batch
    }

    /// The tenant's events with the given ids (any order; ids no longer stored are simply absent),
    /// read in chunks: how a saved telemetry buffer gets its events back.
    public func events(ids: [Int64], tenant: UUID, on connection: DatabaseConnection) throws -> [CorrelationEvent] {
        var found: [CorrelationEvent] = []
        found.reserveCapacity(ids.count)
        var start = 0
        while start < ids.count {
            let chunk = ids[start..<min(ids.count, start + 10_000)]
            start += chunk.count
            let rows = try connection.query("""
                SELECT \(Self.columns) FROM events WHERE tenant_id = $1 AND id = ANY($2::bigint[])
                """, [tenant, "{" + chunk.map(String.init).joined(separator: ",") + "}"])
            guard let first = rows.first else { continue }
            let columns = try Self.columns(of: first)
            let tenantText = tenant.uuidString.lowercased()
            for row in rows {
                guard let id = Self.id(of: row, columns) else { throw DatabaseError(.decoding, message: "an event row without a valid id") }
                found.append(try EventRowDecoder.decode(row, columns, id: id, tenant: tenant, tenantText: tenantText))
            }
        }
        return found
    }

    private static func id(of row: Row, _ columns: EventColumns) -> Int64? {
        row.text(at: columns.id.position).flatMap { Int64($0) }
    }

    private static func columns(of row: Row) throws(DatabaseError) -> EventColumns {
        do { return try EventColumns(row.columns) } catch { throw DatabaseError(.decoding, message: error.description) }
    }

    /// Fails if any of the tenant's rows carries a transaction id at or beyond `nextTransaction`
    /// (see `StreamAheadOfDatabase`). One probe of the stream index; run when a tenant is loaded.
    public func verifyNoRowsBeyond(_ nextTransaction: UInt64, tenant: UUID, on connection: DatabaseConnection) throws {
        let rows = try connection.query("""
            SELECT id, ingest_xid::text AS ingest_xid FROM events
            WHERE tenant_id = $1 AND ingest_xid >= $2::xid8 ORDER BY ingest_xid LIMIT 1
            """, [tenant, String(nextTransaction)])
        guard let row = rows.first else { return }
        throw StreamAheadOfDatabase(tenant: tenant, what: "event \(try row.int64("id"))",
                                    transaction: UInt64(try row.string("ingest_xid")) ?? 0, nextTransaction: nextTransaction)
    }
}
