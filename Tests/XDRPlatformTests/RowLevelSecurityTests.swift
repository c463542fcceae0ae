import Foundation
import Testing
import XDRStore
import XDRTestSupport

/// The application role (`appURL`) is confined by row-level security to the tenants of its
/// transaction's scope, whatever the SQL says.
@Suite struct RowLevelSecurityTests {
    @Test func anUnfilteredSelectReturnsOnlyTheScopedTenantsRows() async throws {
        try await offPool {
            let fixture = try TwoTenants("rlsselect")
            let app = try fixture.database.app()
            let (tenants, events) = try app.withTenantScope([fixture.a]) { connection in
                (try connection.query("SELECT id FROM tenants").map { try $0.uuid("id") },
                 try connection.query("SELECT * FROM events").map { try $0.uuid("tenant_id") })
            }
            #expect(tenants == [fixture.a])
            #expect(events.count == 3)
            #expect(events.allSatisfy { $0 == fixture.a })
            let named = try app.withTenantScope([fixture.a]) { try $0.query("SELECT count(*) FROM events WHERE tenant_id = $1", [fixture.b]) }
            #expect(try named.first!.int("count") == 0)
        }
    }

    @Test func anotherTenantsRowsCannotBeUpdatedDeletedOrWritten() async throws {
        try await offPool {
            let fixture = try TwoTenants("rlswrite")
            let app = try fixture.database.app()
            let (updated, deleted, renamed) = try app.withTenantScope([fixture.a]) { connection in
                (try connection.execute("UPDATE events SET title = 'changed' WHERE tenant_id = $1", [fixture.b]),
                 try connection.execute("DELETE FROM events WHERE tenant_id = $1", [fixture.b]),
                 try connection.execute("UPDATE tenants SET name = 'taken over' WHERE id = $1", [fixture.b]))
            }
            #expect(updated == 0 && deleted == 0 && renamed == 0)
            #expect(try fixture.ownerCount("SELECT count(*) FROM events WHERE tenant_id = $1 AND title <> 'changed'", [fixture.b]) == 2)
            #expect(try fixture.ownerCount("SELECT count(*) FROM tenants WHERE id = $1 AND name = $2", [fixture.b, "Tenant \(fixture.slugB)"]) == 1)
            // Inserting a row for B while scoped to A violates the policy's WITH CHECK.
            #expect(throws: DatabaseError.self) {
                try app.withTenantScope([fixture.a]) { connection in
                    try connection.execute("""
                        INSERT INTO events (tenant_id, time, layer, kind, class_uid, activity_id, type_uid, category_uid, severity_id,
                                            source_product, source_format, fingerprint, raw)
                        VALUES ($1, '2026-11-22T11:00:00Z', 'endpoint', 'telemetry', 1007, 1, 100701, 1, 1, 'x', 'x', '\\x01', '{}')
                        """, [fixture.b])
                }
            }
            #expect(try fixture.ownerCount("SELECT count(*) FROM events WHERE tenant_id = $1", [fixture.b]) == 2)
        }
    }

    @Test func aForgedSessionScopeIsReplacedInsideTheTransaction() async throws {
        try await offPool {
            let fixture = try TwoTenants("rlsforged")
            let app = try fixture.database.app()
            try app.execute("SET xdr.tenant_ids = '{\(fixture.b.uuidString.lowercased())}'")
            let seen = try app.withTenantScope([fixture.a]) { try $0.query("SELECT DISTINCT tenant_id FROM events").map { try $0.uuid("tenant_id") } }
            #expect(seen == [fixture.a])
        }
    }

    @Test func withoutAScopeNothingIsVisible() async throws {
        try await offPool {
            let fixture = try TwoTenants("rlsnoscope")
            let app = try fixture.database.app()
            _ = try app.withTenantScope([fixture.a]) { try $0.query("SELECT count(*) FROM events") }
            // The scope was SET LOCAL: it ended with the transaction.
            #expect(try app.query("SELECT count(*) FROM events").first!.int("count") == 0)
            #expect(try app.query("SELECT count(*) FROM tenants").first!.int("count") == 0)
            #expect(try app.query("SELECT count(*) FROM api_keys").first!.int("count") == 0)
        }
    }

    @Test func keyHashesOfOtherTenantsAndOperatorKeysAreInvisible() async throws {
        try await offPool {
            let fixture = try TwoTenants("rlskeys")
            _ = try fixture.tenancy.key(tenant: fixture.slugA, scopes: [.ingest])
            _ = try fixture.tenancy.key(tenant: fixture.slugB, scopes: [.ingest])
            _ = try fixture.tenancy.key(tenant: fixture.slugB, scopes: [.read])
            _ = try fixture.tenancy.key(provider: fixture.provider, scopes: [.admin])
            let app = try fixture.database.app()
            let owners = try app.withTenantScope([fixture.a]) { connection in
                try connection.query("SELECT tenant_id, key_hash FROM api_keys").map { try $0.decode(UUID?.self, "tenant_id") }
            }
            #expect(owners == [fixture.a])
            #expect(try fixture.ownerCount("SELECT count(*) FROM api_keys k JOIN providers p ON p.id = k.provider_id WHERE p.name = $1", [fixture.provider]) == 4)
        }
    }

    /// Every policy reads the scope once per statement (an InitPlan), not once per row: a bare
    /// `xdr_scope()` is inlined and parses the scope setting again for every row.
    @Test func everyPolicyReadsTheScopeOncePerStatement() async throws {
        try await offPool {
            let fixture = try TwoTenants("rlsonce")
            let policies = try fixture.database.admin().query("""
                SELECT tablename, coalesce(qual, '') || ' ' || coalesce(with_check, '') AS expressions FROM pg_policies
                WHERE schemaname = 'public'
                """)
            #expect(policies.count >= 15)
            for policy in policies {
                let expressions = try policy.string("expressions")
                let table = try policy.string("tablename")
                let scopes = expressions.components(separatedBy: "xdr_scope()").count - 1
                let once = expressions.components(separatedBy: "SELECT xdr_scope()").count - 1
                #expect(scopes > 0 && scopes == once, "\(table): \(expressions)")
            }
            let plan = try fixture.database.app().withTenantScope([fixture.a]) { connection in
                try connection.query("EXPLAIN SELECT id FROM events WHERE time > '2026-11-01'").map { try $0.string("QUERY PLAN") }
            }.joined(separator: "\n")
            #expect(plan.contains("InitPlan"), "\(plan)")
        }
    }
}
