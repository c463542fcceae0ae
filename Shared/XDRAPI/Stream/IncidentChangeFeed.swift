import Foundation
import XDRHTTP
import XDRJSON
import XDRStore

/// Streams `incident_changes` rows of some tenants as Server-Sent Events, in sequence order,
/// starting after a given sequence number (the client's `Last-Event-ID`).
///
/// It listens on `xdr_incidents` on its own connection to wake up at once, and also re-reads
/// every `pollSeconds`, so a missed notification only delays an event. Sequence numbers are taken
/// at insert time but become visible at commit, so a gap may be a transaction still in flight:
/// the feed waits up to `gapSeconds` for a gap to fill before moving past it (rolled-back
/// transactions leave gaps forever).
struct IncidentChangeFeed: Sendable {
    static let channel = "xdr_incidents"

    let url: DatabaseURL
    let tenants: [UUID]
    var pollSeconds = 1.0
    var gapSeconds = 2.0
    var heartbeatSeconds = 15.0

    /// The newest sequence number visible to `tenants`, where a stream without Last-Event-ID starts.
    static func latest(_ connection: DatabaseConnection, tenants: [UUID]) throws -> Int64 {
        try connection.query("SELECT COALESCE(max(seq), 0) AS seq FROM incident_changes WHERE tenant_id = ANY($1::uuid[])", [tenants])[0].int64("seq")
    }

    func run(after start: Int64, writer: HTTPStreamWriter) throws {
        let connection = try DatabaseConnection(url: url)
        try connection.listen(Self.channel)
        var last = start
        var gapSince: Date?
        var lastWrite = Date()
        try writer.write(": connected\n\n")
        while writer.isOpen {
            let rows = try connection.withTenantScope(tenants) { scoped in
                try scoped.query("""
                    SELECT seq, tenant_id, incident_id, change, into_id, at FROM incident_changes
                    WHERE seq > $1 AND tenant_id = ANY($2::uuid[]) ORDER BY seq LIMIT 500
                    """, [last, tenants])
            }
            for row in rows {
                let seq = try row.int64("seq")
                if seq != last + 1 {
                    let since = gapSince ?? Date()
                    gapSince = since
                    if Date().timeIntervalSince(since) < gapSeconds { break }
                }
                gapSince = nil
                try writer.sendEvent(JSONWriter.serialize(try Self.payload(row)), event: "incident.\(try row.string("change"))", id: String(seq))
                last = seq
                lastWrite = Date()
            }
            if Date().timeIntervalSince(lastWrite) >= heartbeatSeconds {
                try writer.write(": keep-alive\n\n")
                lastWrite = Date()
            }
            _ = try connection.waitForNotifications(timeout: pollSeconds)
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
