import Foundation
import XDRStore
import XDRTestSupport

/// A database with two tenants (A and B, same provider) and a few events each, written by the owner.
struct TwoTenants {
    let database: TestDatabase
    let tenancy: TestTenancy
    let a: UUID
    let b: UUID
    let slugA = SharedTestDatabase.unique("tenant-a")
    let slugB = SharedTestDatabase.unique("tenant-b")
    let provider = SharedTestDatabase.unique("provider")

    init(_ label: String) throws {
        database = try SharedTestDatabase.get()
        tenancy = TestTenancy(database)
        a = try tenancy.tenant(slugA, provider: provider)
        b = try tenancy.tenant(slugB, provider: provider)
        let admin = try database.admin()
        try admin.execute("SELECT xdr_ensure_event_partitions('2026-11-01', '2026-11-30')")
        for (tenant, count) in [(a, 3), (b, 2)] {
            for index in 0..<count {
                try admin.execute("""
                    INSERT INTO events (tenant_id, time, layer, kind, class_uid, activity_id, type_uid, category_uid, severity_id,
                                        source_product, source_format, title, fingerprint, raw)
                    VALUES ($1, '2026-11-22T10:00:00Z', 'endpoint', 'telemetry', 1007, 1, 100701, 1, 1, 'test', 'test', $2, $3, '{}')
                    """, [tenant, "event \(index)", ByteA(Array(repeating: UInt8(index), count: 16))])
            }
        }
    }

    /// Rows of `sql` counted as the owner (row-level security does not apply).
    func ownerCount(_ sql: String, _ parameters: [any PostgresEncodable] = []) throws -> Int {
        try database.admin().query(sql, parameters).first!.int("count")
    }
}
