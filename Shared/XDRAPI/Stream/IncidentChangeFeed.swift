import Foundation
import XDRHTTP
import XDRJSON
import XDRStore

/// Streams `incident_changes` rows of some tenants as Server-Sent Events, after a position (the
/// client's `Last-Event-ID`).
///
/// Rows are read in (xid, seq) order and only once their transaction is older than every running
/// one (`pg_snapshot_xmin`): from then on no row can appear before them, so resuming after a
/// position never skips a change that committed late. It listens on `xdr_incidents` on its own
/// connection to wake up at once, and re-reads every `pollSeconds`, so a missed notification (or a
/// change waiting for an older transaction) only delays an event.
struct IncidentChangeFeed: Sendable {
    static let channel = "xdr_incidents"

    let url: DatabaseURL
    let tenants: [UUID]
    var pollSeconds = 1.0
    var heartbeatSeconds = 15.0

    private static let final = "c.xid < pg_snapshot_xmin(pg_current_snapshot())"

    /// Where a stream without Last-Event-ID starts: after every final change, skipping the
    /// non-final changes that had already committed (the client has seen their effect), so only
    /// changes committed from now on are sent. One statement, so one snapshot.
    static func start(_ connection: DatabaseConnection, tenants: [UUID]) throws -> (StreamPosition, skipping: Set<Int64>) {
        let row = try connection.query("""
            SELECT s.xmin::text AS xmin,
                   ARRAY(SELECT c.seq FROM incident_changes c WHERE c.tenant_id = ANY($1::uuid[]) AND c.xid >= s.xmin) AS seen
            FROM (SELECT pg_snapshot_xmin(pg_current_snapshot()) AS xmin) s
            """, [tenants])[0]
        let xmin = UInt64(try row.string("xmin")) ?? 1
        let seen = Set(try row.strings("seen").compactMap(Int64.init))
        return (StreamPosition(xid: xmin - 1, seq: Int64.max), seen)
    }

    /// Sends changes after `start`, except the sequence numbers in `skipping`, until the client goes.
    func run(after start: StreamPosition, skipping: Set<Int64> = [], writer: HTTPStreamWriter) throws {
        let connection = try DatabaseConnection(url: url)
        try connection.listen(Self.channel)
        var position = start
        var lastWrite = Date()
        try writer.write(": connected\n\n")
        while writer.isOpen {
            let rows = try connection.withTenantScope(tenants) { scoped in
                try scoped.query("""
                    SELECT c.seq, c.xid::text AS xid, c.tenant_id, c.incident_id, c.change, c.into_id, c.at FROM incident_changes c
                    WHERE c.tenant_id = ANY($1::uuid[]) AND (c.xid, c.seq) > ($2::text::xid8, $3) AND \(Self.final)
                    ORDER BY c.xid, c.seq LIMIT 500
                    """, [tenants, String(position.xid), position.seq])
            }
            for row in rows {
                guard let xid = UInt64(try row.string("xid")) else { continue }
                position = StreamPosition(xid: xid, seq: try row.int64("seq"))
                if skipping.contains(position.seq) { continue }
                try writer.sendEvent(JSONWriter.serialize(try Self.payload(row)), event: "incident.\(try row.string("change"))", id: position.text)
                lastWrite = Date()
            }
            if Date().timeIntervalSince(lastWrite) >= heartbeatSeconds {
                try writer.write(": keep-alive\n\n")
                lastWrite = Date()
            }
            if rows.count < 500 { _ = try connection.waitForNotifications(timeout: pollSeconds) }
        }
    }

    static func payload(_ row: Row) throws -> JSONValue {
        [
            "seq": .int(try row.int64("seq")),
            "tenant_id": .id(try row.string("tenant_id")),
            "incident_id": .id(try row.string("incident_id")),
            "change": .string(try row.string("change")),
            "into": (try row.text("into_id")).map { .id($0) } ?? .null,
            "at": try row.jsonTime("at"),
        ]
    }
}
