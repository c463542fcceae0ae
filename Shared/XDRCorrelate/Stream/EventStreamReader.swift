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
        /// The events boxed as the engine keeps them: handed over without copying each event's two
        /// dozen strings and arrays (and releasing them again where the batch is dropped).
        var shared: [SharedEvent]
        public var events: [CorrelationEvent] { shared.map(\.event) }
        public var eventCount: Int { shared.count }
        /// The position of the last row read (decoded or skipped), or the given one if none.
        public var position: StreamPosition
        /// Rows read, including skipped ones: fewer than the limit means the reader caught up.
        public var rowCount: Int
        /// The latest `ingested_at` among the rows read (microseconds), for lag reporting.
        public var latestIngestedAt: Int64?
        public var skipped: [EventRowError]
        /// The details the events were decoded with.
        public var details: DetailSelection = .all
    }

    public init() {}

    // The select list names the text form of the xid `ingest_xid`, and a bare ORDER BY name means
    // the output column: qualified, the order is numeric. Text order ("1000" < "737") read the
    // first batch out of order and the position then skipped every younger xid for good.

    /// Reads up to `limit` committed events of `tenant` after `position` (and at or before `end`,
    /// when given: a replay up to the checkpoint). Runs on `connection` (which must see the
    /// tenant's rows: inside its tenant scope). `details`: which details the events keep.
    public func read(tenant: UUID, after position: StreamPosition, through end: StreamPosition? = nil, limit: Int,
                     details: DetailSelection = .all, on connection: DatabaseConnection) throws(DatabaseError) -> Batch {
        let bound = end ?? StreamPosition(xid: UInt64(Int64.max), id: .max)
        return try connection.withResult("""
            SELECT \(EventColumns.selectList) FROM events
            WHERE tenant_id = $1
              AND (ingest_xid, id) > ($2::xid8, $3::bigint)
              AND (ingest_xid, id) <= ($5::xid8, $6::bigint)
              AND ingest_xid < pg_snapshot_xmin(pg_current_snapshot())
            ORDER BY events.ingest_xid, events.id
            LIMIT $4
            """, [tenant, String(position.xid), position.id, limit, String(bound.xid), bound.id]) { (result) throws(DatabaseError) in
            var batch = Batch(shared: [], position: position, rowCount: result.rowCount, latestIngestedAt: nil, skipped: [],
                              details: details)
            guard result.rowCount > 0 else { return batch }
            let columns = try Self.columns(of: result)
            let tenantText = tenant.uuidString.lowercased()
            batch.shared.reserveCapacity(result.rowCount)
            for row in 0..<result.rowCount {
                let id = try Self.id(of: row, in: result, columns, after: batch.position)
                guard let xid = result.bytes(row, columns.ingestXID.position).flatMap(PostgresInteger.parseUnsigned) else {
                    throw DatabaseError(.decoding, message: "event \(id): ingest_xid is not a transaction id")
                }
                batch.position = StreamPosition(xid: xid, id: id)
                guard let ingestedAt = result.bytes(row, columns.ingestedAt.position).flatMap(PostgresTimestamp.parse) else {
                    throw DatabaseError(.decoding, message: "event \(id): ingested_at is not a timestamp")
                }
                batch.latestIngestedAt = max(batch.latestIngestedAt ?? ingestedAt, ingestedAt)
                do throws(EventRowError) {
                    batch.shared.append(SharedEvent(try EventRowDecoder.decode(result, row: row, columns, id: id, tenant: tenant,
                                                                               tenantText: tenantText, details: details)))
                } catch {
                    batch.skipped.append(error)
                }
            }
            return batch
        }
    }

    /// The tenant's events with the given ids (any order; ids no longer stored are simply absent),
    /// read in chunks: how a saved telemetry buffer gets its events back.
    public func events(ids: [Int64], tenant: UUID, details: DetailSelection = .all,
                       on connection: DatabaseConnection) throws -> [CorrelationEvent] {
        var found: [CorrelationEvent] = []
        found.reserveCapacity(ids.count)
        var start = 0
        while start < ids.count {
            let chunk = ids[start..<min(ids.count, start + 10_000)]
            start += chunk.count
            found += try connection.withResult("""
                SELECT \(EventColumns.selectList) FROM events WHERE tenant_id = $1 AND id = ANY($2::bigint[])
                """, [tenant, "{" + chunk.map(String.init).joined(separator: ",") + "}"]) { (result) throws(DatabaseError) in
                guard result.rowCount > 0 else { return [] }
                let columns = try Self.columns(of: result)
                let tenantText = tenant.uuidString.lowercased()
                var events: [CorrelationEvent] = []
                events.reserveCapacity(result.rowCount)
                for row in 0..<result.rowCount {
                    let id = try Self.id(of: row, in: result, columns, after: nil)
                    do throws(EventRowError) {
                        events.append(try EventRowDecoder.decode(result, row: row, columns, id: id, tenant: tenant,
                                                                 tenantText: tenantText, details: details))
                    } catch {
                        throw DatabaseError(.decoding, message: error.description)
                    }
                }
                return events
            }
        }
        return found
    }

    private static func id(of row: Int, in result: ResultView, _ columns: EventColumns,
                           after position: StreamPosition?) throws(DatabaseError) -> Int64 {
        guard let id = result.bytes(row, columns.id.position).flatMap(PostgresInteger.parse) else {
            throw DatabaseError(.decoding, message: "an event row without a valid id" + (position.map { " after \($0)" } ?? ""))
        }
        return id
    }

    private static func columns(of result: ResultView) throws(DatabaseError) -> EventColumns {
        do { return try EventColumns(result) } catch { throw DatabaseError(.decoding, message: error.description) }
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
