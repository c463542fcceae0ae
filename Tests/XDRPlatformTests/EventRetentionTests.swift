import Foundation
import Testing
import XDRPlatform
import XDRStore
import XDRTestSupport

@Suite struct EventRetentionTests {
    @Test func deletesPerTenantAndDropsPartitionsBeyondTheLongestPolicy() throws {
        let database = try TestDatabase("retention")
        let admin = try database.admin()
        let provider = UUID(), short = UUID(), long = UUID()
        try admin.execute("INSERT INTO providers (id, name) VALUES ($1, 'p')", [provider])
        try admin.execute("INSERT INTO tenants (id, provider_id, name, slug, config) VALUES ($1, $2, 'short', 'short', '{\"retention_days\": 30}')", [short, provider])
        try admin.execute("INSERT INTO tenants (id, provider_id, name, slug, config) VALUES ($1, $2, 'long', 'long', '{\"retention_days\": 90}')", [long, provider])
        let now = ISO8601DateFormatter().date(from: "2026-11-22T12:00:00Z")!
        let times = ["2026-06-10T00:00:00Z", "2026-09-15T00:00:00Z", "2026-11-20T00:00:00Z"]
        try admin.execute("SELECT xdr_ensure_event_partitions($1, $2)", ["2026-06-01T00:00:00Z", "2026-11-30T00:00:00Z"])
        var serial = 0
        for tenant in [short, long] {
            for time in times {
                serial += 1
                try admin.execute("""
                    INSERT INTO events (tenant_id, time, layer, kind, class_uid, activity_id, type_uid, category_uid, severity_id,
                        source_product, source_format, fingerprint, raw)
                    VALUES ($1, $2, 'endpoint', 'telemetry', 1007, 1, 100701, 1, 1, 'test', 'test', $3, '{}')
                    """, [tenant, time, ByteA([UInt8(serial)])])
            }
        }
        let report = try EventRetention().apply(on: admin, now: now)
        // short (30 d) keeps only November; long (90 d) keeps September and November.
        #expect(report.deletedRows == 3) // short: June and September; long: June
        #expect(report.droppedPartitions.contains("events_2026_06"))
        #expect(!report.droppedPartitions.contains("events_2026_09"))
        let remaining = try admin.query("SELECT t.slug, count(*) AS n FROM events e JOIN tenants t ON t.id = e.tenant_id GROUP BY t.slug ORDER BY t.slug")
        #expect(try remaining.map { "\(try $0.string("slug"))=\(try $0.int("n"))" } == ["long=2", "short=1"])
    }
}
