import Foundation
import Testing
@testable import XDRAPI
import XDRCore
import XDRHTTP
import XDRJSON
import XDRPlatform
import XDRStore
import XDRTestSupport

extension APITests {
    @Suite struct APIBenchSeederTests {
        @Test func seedsASmallMonthThatTheAPIServes() async throws {
            try await offPool {
                let database = try TestDatabase("benchseed")
                let admin = try database.admin()
                let before = try EventIndexes.capture(on: admin)
                var shape = APIBenchSeeder.Shape()
                shape.tenants = 3
                shape.incidents = 30
                shape.events = 6_000
                shape.days = 2
                shape.chunk = 2_500
                let seeded = try APIBenchSeeder(adminURL: database.adminURL, shape: shape).seed()

                #expect(seeded.tenants.count == 3 && seeded.tenantKeys.count == 3)
                #expect(try admin.query("SELECT count(*) AS n FROM events").first?.int("n") == 6_000)
                #expect(try admin.query("SELECT count(*) AS n FROM incidents").first?.int("n") == 30)
                // The load rebuilt exactly the migrated indexes and constraints.
                let after = try EventIndexes.capture(on: admin)
                #expect(after.indexes.map(\.definition) == before.indexes.map(\.definition))
                #expect(after.constraints.map(\.definition) == before.constraints.map(\.definition))
                // Every member is an event of the incident's tenant at the recorded time, and the counts agree.
                let orphans = try admin.query("""
                    SELECT count(*) AS n FROM incident_members m
                    LEFT JOIN events e ON e.id = m.event_id AND e.tenant_id = m.tenant_id AND e.time = m.event_time
                    WHERE e.id IS NULL
                    """).first?.int("n")
                #expect(orphans == 0)
                #expect(try admin.query("""
                    SELECT count(*) AS n FROM incidents i
                    WHERE i.event_count <> (SELECT count(*) FROM incident_members m WHERE m.incident_id = i.id)
                       OR jsonb_array_length(i.snapshot->'members') <> i.event_count
                    """).first?.int("n") == 0)
                // Raw records are JSON of the intended size; every layer and both kinds occur.
                let raw = try #require(try admin.query("""
                    SELECT min(length(raw)) AS shortest, max(length(raw)) AS longest, count(DISTINCT layer) AS layers,
                           count(*) FILTER (WHERE raw::jsonb IS NULL) AS invalid FROM events
                    """).first)
                #expect(try raw.int("shortest") >= 600 && raw.int("longest") <= 1_100)
                #expect(try raw.int("layers") == 4 && raw.int("invalid") == 0)
                #expect(try admin.query("SELECT count(*) AS n FROM incident_history").first?.int("n") ?? 0 > 0)

                // The real handlers serve the seeded data.
                let pool = database.appPool()
                let api = IncidentAPI(pool: pool, authenticator: APIKeyAuthenticator(pool: pool, cacheSeconds: 0), logger: Logger(label: "test", level: .warning))
                var router = Router()
                api.register(on: &router)
                let server = HTTPServer(configuration: .init(host: "127.0.0.1", port: 0), router: router, logger: Logger(label: "test", level: .warning))
                let port = try server.start()
                defer { server.beginShutdown() }
                func get(_ target: String, _ key: String) throws -> JSONValue {
                    var headers = HTTPHeaders()
                    headers.add("Authorization", "Bearer \(key)")
                    let response = try HTTPClient.send("GET", url: "http://127.0.0.1:\(port)\(target)", headers: headers)
                    #expect(response.status == 200, "\(target): \(response.text.prefix(300))")
                    return try response.json()
                }
                let list = try get("/v1/incidents?limit=200", seeded.operatorKey)
                let items = try #require(list["items"]?.array)
                #expect(items.count == 30)
                let id = try #require(items.first?["id"]?.string)
                let tenant = try #require(items.first?["tenant_id"]?.string)
                let key = seeded.tenantKeys[try #require(seeded.tenants.firstIndex { $0.uuidString.lowercased() == tenant })]
                let detail = try get("/v1/incidents/\(id)", key)
                #expect(detail["graph"] != nil && !(detail["entities"]?.array ?? []).isEmpty)
                let timeline = try get("/v1/incidents/\(id)/events", key)
                let first = try #require(timeline["items"]?.array?.first)
                #expect(first["link"]?["role"]?.string == "seed")
                #expect(first["original"]?.string?.hasPrefix("{") == true)
            }
        }
    }
}
