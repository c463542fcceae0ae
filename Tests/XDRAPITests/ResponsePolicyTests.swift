import Foundation
import Testing
import XDRJSON

extension APITests {
    @Suite struct ResponsePolicyTests {
        @Test func policyDrivesRecommendationsAndProtectsCriticalHosts() async throws {
            let fixture = try await APIFixture.make("policy")
            let seed = IncidentSeed(admin: fixture.admin)
            let incident = try seed.incident(tenant: fixture.tenantA1, title: "Lateral movement", severity: 5,
                                             entities: [("host", "ws-alice", "victim_host"), ("host", "fs01", "victim_host"), ("user", "alice", "compromised_user")])
            #expect(try await fixture.get("/v1/response-policy", key: fixture.a1Read).json["mode"]?.string == "investigate_first")
            let put = try await fixture.send("PUT", "/v1/response-policy", key: fixture.a1Write,
                                       body: ["mode": "isolate_on_detection", "auto_isolate_min_severity": "high", "critical_hosts": ["FS01"]])
            #expect(put.status == 200)
            #expect(put.json["critical_hosts"]?.strings == ["fs01"])

            let actions = try await fixture.get("/v1/incidents/\(incident)/actions", key: fixture.a1Read).json
            let recommended = try #require(actions["recommended"]?.array)
            let alice = try #require(recommended.first { $0["target"]?.string == "ws-alice" })
            let fileServer = try #require(recommended.first { $0["target"]?.string == "fs01" })
            #expect(alice["automatic"]?.bool == true)
            #expect(fileServer["automatic"]?.bool == false)
            #expect(recommended.contains { $0["action"]?.string == "disable_user" && $0["target"]?.string == "alice" })

            let refused = try await fixture.send("POST", "/v1/incidents/\(incident)/actions", key: fixture.a1Write, body: ["action": "isolate_host", "target": "fs01"])
            #expect(refused.status == 409)
            #expect(refused.json["field"]?.string == "confirm_critical")
            let confirmed = try await fixture.send("POST", "/v1/incidents/\(incident)/actions", key: fixture.a1Write,
                                             body: ["action": "isolate_host", "target": "fs01", "confirm_critical": true, "reason": "ransomware staging"])
            #expect(confirmed.status == 201)
            #expect(confirmed.json["status"]?.string == "requested")
            #expect(try await fixture.get("/v1/incidents/\(incident)/actions", key: fixture.a1Read).json["items"]?.array?.count == 1)
            let history = try await fixture.get("/v1/incidents/\(incident)/history", key: fixture.a1Read).json["items"]?.array ?? []
            #expect(history.last?["to"]?.string == "isolate_host fs01")
        }

        @Test func operatorsNameTheTenantAndBadPoliciesAreRefusedByField() async throws {
            let fixture = try await APIFixture.make("policybad")
            #expect(try await fixture.get("/v1/response-policy", key: fixture.operatorA).json["parameter"]?.string == "tenant")
            #expect(try await fixture.get("/v1/response-policy?tenant=\(fixture.tenantB1)", key: fixture.operatorA).status == 403)
            #expect(try await fixture.get("/v1/response-policy?tenant=\(fixture.tenantA2)", key: fixture.operatorA).status == 200)
            let bad = try await fixture.send("PUT", "/v1/response-policy", key: fixture.a1Write, body: ["mode": "shoot_first"])
            #expect(bad.status == 400)
            #expect(bad.json["field"]?.string == "mode")
            #expect(try await fixture.send("PUT", "/v1/response-policy", key: fixture.a1Read, body: ["mode": "investigate_first"]).status == 403)
        }
    }
}
