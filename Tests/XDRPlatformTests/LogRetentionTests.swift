import Foundation
import Testing
import XDRPlatform
import XDRStore
import XDRTestSupport

@Suite struct LogRetentionTests {
    @Test func prunesOldChangesAndFinishedDeliveriesButNeverPendingOnes() throws {
        let database = try TestDatabase("logretention")
        let admin = try database.admin()
        let provider = UUID(), tenant = UUID(), route = UUID(), incident = UUID()
        try admin.execute("INSERT INTO providers (id, name) VALUES ($1, 'p')", [provider])
        try admin.execute("INSERT INTO tenants (id, provider_id, name, slug) VALUES ($1, $2, 't', 't')", [tenant, provider])
        try admin.execute("""
            INSERT INTO notification_routes (id, tenant_id, name, url, secret) VALUES ($1, $2, 'pager', 'http://127.0.0.1:9/', 'sixteen-chars-secret')
            """, [route, tenant])
        let now = ISO8601DateFormatter().date(from: "2026-11-22T12:00:00Z")!
        let old = "2026-09-01T00:00:00Z", recent = "2026-11-20T00:00:00Z"
        for at in [old, old, recent] {
            try admin.execute("INSERT INTO incident_changes (tenant_id, incident_id, change, at) VALUES ($1, $2, 'updated', $3)",
                              [tenant, incident, at])
        }
        var outbox: [String: Int64] = [:]
        for (name, status, at) in [("old-delivered", "delivered", old), ("old-dead", "dead", old), ("old-pending", "pending", old),
                                   ("recent-delivered", "delivered", recent)] {
            let row = try admin.query("""
                INSERT INTO webhook_outbox (tenant_id, route_id, incident_id, change, payload, status, created_at)
                VALUES ($1, $2, $3, 'created', '{}', $4, $5) RETURNING id
                """, [tenant, route, incident, status, at])
            let id = try row[0].int64("id")
            outbox[name] = id
            try admin.execute("INSERT INTO webhook_deliveries (tenant_id, outbox_id, attempt, duration_ms) VALUES ($1, $2, 1, 5)", [tenant, id])
        }

        let report = try LogRetention(days: 30).apply(on: admin, now: now)
        #expect(report.changes == 2 && report.outbox == 2 && report.deliveries == 2, "\(report)")
        #expect(try admin.query("SELECT count(*) AS n FROM incident_changes")[0].int("n") == 1)
        let kept = try Set(admin.query("SELECT id FROM webhook_outbox").map { try $0.int64("id") })
        #expect(kept == [outbox["old-pending"]!, outbox["recent-delivered"]!], "a pending delivery is still owed, whatever its age")
        #expect(try admin.query("SELECT count(*) AS n FROM webhook_deliveries")[0].int("n") == 2)
    }
}
