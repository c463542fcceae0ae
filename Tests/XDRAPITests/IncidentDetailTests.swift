import Foundation
import Testing
import XDRJSON

extension APITests {
    @Suite struct IncidentDetailTests {
        @Test func showsEntitiesGraphSLAAndMerges() async throws {
            let fixture = try await APIFixture.make("detail")
            let seed = IncidentSeed(admin: fixture.admin)
            let tenant = fixture.tenantA1
            let incident = try seed.incident(tenant: tenant, title: "Phishing leads to PowerShell", layers: ["email", "endpoint"],
                                             entities: [("host", "ws-alice", "victim_host"), ("email", "alice@corp.example", "recipient")])
            let absorbed = try seed.incident(tenant: tenant, title: "Absorbed")
            try seed.merge(tenant: tenant, from: absorbed, into: incident)
            let seedEvent = try seed.event(tenant: tenant, time: "2026-11-20 09:00:00+00", raw: "{\"a\":1}")
            let evidence = try seed.event(tenant: tenant, time: "2026-11-20 09:01:00+00", raw: "{\"b\":2}")
            try seed.member(tenant: tenant, incident: incident, event: seedEvent, time: "2026-11-20 09:00:00+00", role: "seed", reason: "seed", entity: nil)
            try seed.member(tenant: tenant, incident: incident, event: evidence, time: "2026-11-20 09:01:00+00")

            let response = try await fixture.get("/v1/incidents/\(incident)", key: fixture.a1Read)
            #expect(response.status == 200)
            let body = response.json
            #expect(body["id"]?.string == incident.uuidString.lowercased())
            #expect(body["severity"]?.string == "High")
            #expect(body["status"]?.string == "new")
            #expect(body["tactics"]?.strings == ["TA0002"])
            #expect(body["techniques"]?.strings == ["T1059.001"])
            #expect(body["summary"]?.string?.contains("Phishing leads to PowerShell") == true)
            let entities = try #require(body["entities"]?.array)
            #expect(entities.map { $0["key"]?.string } == ["host:ws-alice", "email:alice@corp.example"])
            #expect(entities.first?["role"]?.string == "victim_host")
            #expect(entities.first?["first_seen"]?.string == "2025-11-20T10:00:00.000000Z")
            let edges = try #require(body["graph"]?["edges"]?.array)
            #expect(edges.contains { $0["from"]?.string == "e\(evidence)" && $0["to"]?.string == "host:ws-alice" && $0["reason"]?.string == "entity-window" })
            let nodes = try #require(body["graph"]?["nodes"]?.array)
            #expect(nodes.contains { $0["id"]?.string == "e\(seedEvent)" && $0["kind"]?.string == "event" && $0["role"]?.string == "seed" })
            #expect(body["merged_from"]?.array?.first?["id"]?.string == absorbed.uuidString.lowercased())
            #expect(body["sla"]?["acknowledged_at"]?.isNull == true)
            #expect(body["sla"]?["created_at"]?.string != nil)
        }

        @Test func mergedAwayIncidentRedirectsToTheSurvivor() async throws {
            let fixture = try await APIFixture.make("redirect")
            let seed = IncidentSeed(admin: fixture.admin)
            let survivor = try seed.incident(tenant: fixture.tenantA1, title: "Survivor")
            let absorbed = try seed.incident(tenant: fixture.tenantA1, title: "Absorbed")
            try seed.merge(tenant: fixture.tenantA1, from: absorbed, into: survivor)
            let response = try await fixture.get("/v1/incidents/\(absorbed.uuidString.lowercased())/events?limit=5", key: fixture.a1Read)
            #expect(response.status == 308)
            #expect(response.headers["Location"] == "/v1/incidents/\(survivor.uuidString.lowercased())/events?limit=5")
            #expect(response.json["redirected_to"]?.string == survivor.uuidString.lowercased())
        }

        @Test func unknownOrMalformedIdsAre404() async throws {
            let fixture = try await APIFixture.make("detail404")
            #expect(try await fixture.get("/v1/incidents/\(UUID())", key: fixture.a1Read).status == 404)
            #expect(try await fixture.get("/v1/incidents/not-a-uuid", key: fixture.a1Read).status == 404)
            #expect(try await fixture.get("/v1/events/999999", key: fixture.a1Read).status == 404)
        }
    }
}
