import Foundation
import Testing
import XDRJSON

extension APITests {
    @Suite struct UsageTests {
        @Test func countsMonitoredEntitiesIncidentsAndSLAPerTenantAndMonth() async throws {
            let fixture = try await APIFixture.make("usage")
            let seed = IncidentSeed(admin: fixture.admin)
            _ = try seed.event(tenant: fixture.tenantA1, time: "2026-11-03 09:00:00+00", hostname: "ws-alice", raw: "{}")
            _ = try seed.event(tenant: fixture.tenantA1, time: "2026-11-04 09:00:00+00", hostname: "ws-bob", raw: "{\"x\":1}")
            _ = try seed.event(tenant: fixture.tenantA1, time: "2026-10-30 09:00:00+00", hostname: "ws-old", raw: "{}")
            let fast = try seed.incident(tenant: fixture.tenantA1, title: "Fast", severity: 5, updatedAt: "2026-11-05 10:00:00+00")
            let slow = try seed.incident(tenant: fixture.tenantA1, title: "Slow", severity: 5, updatedAt: "2026-11-06 10:00:00+00")
            try fixture.admin.execute("UPDATE incidents SET acknowledged_at = created_at + interval '5 minutes' WHERE id = $1", [fast])
            try fixture.admin.execute("UPDATE incidents SET acknowledged_at = created_at + interval '2 hours' WHERE id = $1", [slow])
            try seed.incident(tenant: fixture.tenantB1, title: "Other provider", updatedAt: "2026-11-05 10:00:00+00")

            let response = try await fixture.get("/v1/usage?month=2026-11", key: fixture.operatorA)
            #expect(response.status == 200)
            let tenants = try #require(response.json["tenants"]?.array)
            #expect(tenants.map { $0["slug"]?.string } == ["a1", "a2"])
            let a1 = tenants[0]
            #expect(a1["events"]?.int == 2)
            #expect(a1["monitored"]?["endpoints"]?.int == 2)
            #expect(a1["incidents"]?["handled"]?.int == 2)
            let critical = try #require(a1["incidents"]?["by_severity"]?.array?.first)
            #expect(critical["severity"]?.string == "Critical")
            #expect(critical["acknowledged"]?.int == 2)
            #expect(critical["acknowledged_within_target"]?.int == 1)
            #expect(critical["acknowledge_target_seconds"]?.int == 900)

            #expect(try await fixture.get("/v1/usage?month=2026-13", key: fixture.operatorA).status == 400)
            #expect(try await fixture.get("/v1/usage?month=2026-11", key: fixture.a1Read).json["tenants"]?.array?.count == 1)
        }
    }
}
