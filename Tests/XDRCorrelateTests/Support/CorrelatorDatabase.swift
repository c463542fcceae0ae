import Foundation
import XDRStore
import XDRTestSupport
@testable import XDRCorrelate

/// Helpers to drive `TenantCorrelator` against a test database and read back what it wrote.
enum CorrelatorDatabase {
    /// Runs batches until `events` events have been processed in total (rows become final only
    /// when no older transaction runs anywhere on the server, so an empty batch is retried).
    @discardableResult
    static func drain(_ correlator: TenantCorrelator, on connection: DatabaseConnection, events: Int,
                      alreadyProcessed: Int = 0) throws -> [TenantCorrelator.BatchResult] {
        var processed = alreadyProcessed
        var results: [TenantCorrelator.BatchResult] = []
        let deadline = Date().addingTimeInterval(30)
        while processed < events {
            let result = try correlator.processBatch(on: connection)
            processed += result.events
            if result.rows > 0 { results.append(result) } else if Date() > deadline {
                throw TestEnvironmentError("stream stalled at \(processed) of \(events) events")
            } else {
                Thread.sleep(forTimeInterval: 0.05)
            }
        }
        return results
    }

    /// Everything the correlator wrote for `tenant`, in a stable text form for comparisons
    /// (everything but wall-clock columns).
    static func dump(tenant: UUID, in database: TestDatabase) throws -> [String] {
        let connection = try database.app()
        return try connection.withTenantScope([tenant]) { connection in
            var lines: [String] = []
            for row in try connection.query("""
                SELECT id::text AS id, title, severity_id, redirected_to::text AS redirected_to, event_count,
                       layers::text AS layers, tactics::text AS tactics
                FROM incidents ORDER BY id
                """) {
                lines.append("incident " + row.values.map { $0 ?? "∅" }.joined(separator: " | "))
            }
            for row in try connection.query("""
                SELECT incident_id::text AS incident_id, member_key, event_id, role, reason, entity, window_us
                FROM incident_members ORDER BY incident_id, member_key
                """) {
                lines.append("member " + row.values.map { $0 ?? "∅" }.joined(separator: " | "))
            }
            for row in try connection.query("SELECT from_id::text AS f, into_id::text AS i FROM incident_merges ORDER BY 1, 2") {
                lines.append("merge " + row.values.map { $0 ?? "∅" }.joined(separator: " -> "))
            }
            for row in try connection.query("SELECT id, rule_id, event_ids::text AS e FROM derived_detections ORDER BY id") {
                lines.append("derived " + row.values.map { $0 ?? "∅" }.joined(separator: " | "))
            }
            return lines
        }
    }
}
