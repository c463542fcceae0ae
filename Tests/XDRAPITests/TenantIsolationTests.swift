import Foundation
import Testing
import XDRJSON

extension APITests {
    @Suite struct TenantIsolationTests {
        private func ids(_ json: JSONValue) -> Set<String> {
            Set((json["items"]?.array ?? []).compactMap { $0["id"]?.string })
        }

        @Test func eachKeySeesExactlyItsTenants() async throws {
            let fixture = try await APIFixture.make("isolation")
            let seed = IncidentSeed(admin: fixture.admin)
            let a1 = try seed.incident(tenant: fixture.tenantA1, title: "A1").uuidString.lowercased()
            let a2 = try seed.incident(tenant: fixture.tenantA2, title: "A2").uuidString.lowercased()
            let b1 = try seed.incident(tenant: fixture.tenantB1, title: "B1").uuidString.lowercased()

            #expect(ids(try await fixture.get("/v1/incidents", key: fixture.a1Read).json) == [a1])
            #expect(ids(try await fixture.get("/v1/incidents", key: fixture.operatorA).json) == [a1, a2])
            #expect(ids(try await fixture.get("/v1/incidents?tenant=\(fixture.tenantA2)", key: fixture.operatorA).json) == [a2])
            #expect(ids(try await fixture.get("/v1/incidents", key: fixture.operatorB).json) == [b1])

            // Detail of another tenant's incident: 404, as if it did not exist.
            #expect(try await fixture.get("/v1/incidents/\(b1)", key: fixture.operatorA).status == 404)
            #expect(try await fixture.get("/v1/incidents/\(a1)", key: fixture.operatorB).status == 404)
            #expect(try await fixture.get("/v1/incidents/\(a2)", key: fixture.a1Read).status == 404)
            #expect(try await fixture.get("/v1/incidents/\(a2)/events", key: fixture.a1Read).status == 404)
            #expect(try await fixture.send("PATCH", "/v1/incidents/\(b1)", key: fixture.operatorAWrite, body: ["assignee": "mallory"]).status == 404)
            #expect(try await fixture.get("/v1/incidents/\(a1)", key: fixture.operatorA).status == 200)

            // Events, pivots, history and comments follow the same rule.
            let theirEvent = try seed.event(tenant: fixture.tenantB1, time: "2026-11-20 09:00:00+00", raw: "{\"secret\":1}")
            #expect(try await fixture.get("/v1/events/\(theirEvent)", key: fixture.operatorA).status == 404)
            #expect(try await fixture.get("/v1/events/\(theirEvent)", key: fixture.operatorB).status == 200)
            #expect(try await fixture.get("/v1/entities/host/ws-alice", key: fixture.a1Read).json["recent_events"]?.array?.isEmpty == true)
            #expect(try await fixture.get("/v1/incidents/\(b1)/history", key: fixture.a1Read).status == 404)
            #expect(try await fixture.send("POST", "/v1/incidents/\(b1)/comments", key: fixture.a1Write, body: ["body": "hi"]).status == 404)
            #expect(try await fixture.get("/v1/incidents/\(b1)/ocsf", key: fixture.operatorA).status == 404)
        }

        @Test func forgedTenantFilterIsForbidden() async throws {
            let fixture = try await APIFixture.make("forged")
            try IncidentSeed(admin: fixture.admin).incident(tenant: fixture.tenantB1, title: "B1")
            let byTenantKey = try await fixture.get("/v1/incidents?tenant=\(fixture.tenantA2)", key: fixture.a1Read)
            #expect(byTenantKey.status == 403)
            #expect(byTenantKey.json["parameter"]?.string == "tenant")
            #expect(try await fixture.get("/v1/incidents?tenant=\(fixture.tenantB1)", key: fixture.operatorA).status == 403)
            #expect(try await fixture.get("/v1/incidents?tenant=\(UUID())", key: fixture.operatorA).status == 403)
            #expect(try await fixture.get("/v1/incidents?tenant=\(fixture.tenantA1)", key: fixture.a1Read).status == 200)
        }

        @Test func sqlMetacharactersInFiltersAreHarmless() async throws {
            let fixture = try await APIFixture.make("sqli")
            let seed = IncidentSeed(admin: fixture.admin)
            try seed.incident(tenant: fixture.tenantA1, title: "A1")
            try seed.incident(tenant: fixture.tenantB1, title: "B1")
            let hostile = ["x' OR '1'='1", "'; DROP TABLE incidents; --", "%", "_", "\\", "\") OR true --"]
            for text in hostile {
                let encoded = text.addingPercentEncoding(withAllowedCharacters: .alphanumerics)!
                for parameter in ["q", "assignee", "entity=host:"] {
                    let query = parameter.hasSuffix(":") ? "\(parameter)\(encoded)" : "\(parameter)=\(encoded)"
                    let response = try await fixture.get("/v1/incidents?\(query)", key: fixture.a1Read)
                    #expect(response.status == 200, "\(query)")
                    #expect(response.json["items"]?.array?.isEmpty == true, "\(query)")
                }
            }
            #expect(try fixture.admin.query("SELECT count(*) AS n FROM incidents")[0].int("n") == 2)
        }

        @Test func authenticationAndScopesAreEnforced() async throws {
            let fixture = try await APIFixture.make("auth")
            let incident = try IncidentSeed(admin: fixture.admin).incident(tenant: fixture.tenantA1, title: "A1")
            #expect(try await fixture.get("/v1/incidents", key: nil).status == 401)
            #expect(try await fixture.get("/v1/incidents", key: "xdr_notakey").status == 401)
            #expect(try await fixture.get("/v1/incidents", key: fixture.revoked).status == 401)
            let readPatch = try await fixture.send("PATCH", "/v1/incidents/\(incident)", key: fixture.a1Read, body: ["assignee": "eve"])
            #expect(readPatch.status == 403)
            #expect(readPatch.json["detail"]?.string?.contains("write") == true)
            #expect(try await fixture.get("/v1/incidents/\(incident)", key: fixture.a1Read).json["assignee"]?.isNull == true)
        }
    }
}
