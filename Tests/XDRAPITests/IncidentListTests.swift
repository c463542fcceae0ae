import Foundation
import Testing
import XDRJSON

/// A well-formed cursor whose timestamp is garbage: `v1|last_activity|yesterday|<uuid>`.
private enum PageCursorText {
    static let forged = Data("v1|last_activity|yesterday|\(UUID())".utf8).base64EncodedString()
        .replacingOccurrences(of: "=", with: "").replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
}

extension APITests {
    @Suite struct IncidentListTests {
        private func ids(_ json: JSONValue) -> [String] {
            (json["items"]?.array ?? []).compactMap { $0["id"]?.string }
        }

        @Test func listsMostRecentlyActiveFirstAndHidesMergedIncidents() async throws {
            let fixture = try await APIFixture.make("list")
            let seed = IncidentSeed(admin: fixture.admin)
            let older = try seed.incident(tenant: fixture.tenantA1, title: "Older", updatedAt: "2026-11-20 09:00:00+00")
            let newer = try seed.incident(tenant: fixture.tenantA1, title: "Newer", updatedAt: "2026-11-20 11:00:00+00")
            let merged = try seed.incident(tenant: fixture.tenantA1, title: "Merged", updatedAt: "2026-11-20 12:00:00+00")
            try seed.merge(tenant: fixture.tenantA1, from: merged, into: newer)
            try fixture.admin.execute("UPDATE incidents SET updated_at = '2026-11-20 12:00:00+00' WHERE id = $1", [merged])

            let response = try await fixture.get("/v1/incidents", key: fixture.a1Read)
            #expect(response.status == 200)
            #expect(ids(response.json) == [newer, older].map { $0.uuidString.lowercased() })
            let first = try #require(response.json["items"]?.array?.first)
            #expect(first["severity"]?.string == "High")
            #expect(first["severity_id"]?.int == 4)
            #expect(first["last_seen"]?.string == "2026-11-20T10:00:00.000000Z")

            let all = try await fixture.get("/v1/incidents?include_merged=true", key: fixture.a1Read)
            #expect(ids(all.json).first == merged.uuidString.lowercased())
        }

        @Test func filtersByStatusSeverityLayerEntityAssigneeTimeAndTitle() async throws {
            let fixture = try await APIFixture.make("filters")
            let seed = IncidentSeed(admin: fixture.admin)
            let phishing = try seed.incident(tenant: fixture.tenantA1, title: "Phishing leads to PowerShell", severity: 5, status: "investigating",
                                             layers: ["email", "endpoint"], entities: [("host", "ws-alice", "victim_host"), ("email", "alice@corp.example", "recipient")],
                                             lastSeen: "2026-11-21 08:00:00+00", assignee: "bob")
            let scan = try seed.incident(tenant: fixture.tenantA1, title: "Port scan", severity: 2, layers: ["network"],
                                         entities: [("ip", "203.0.113.9", "attacker_ip")], lastSeen: "2026-11-19 08:00:00+00")
            let key = fixture.a1Read
            let p = phishing.uuidString.lowercased(), s = scan.uuidString.lowercased()
            #expect(ids(try await fixture.get("/v1/incidents?status=investigating", key: key).json) == [p])
            #expect(ids(try await fixture.get("/v1/incidents?status=new,acknowledged", key: key).json) == [s])
            #expect(ids(try await fixture.get("/v1/incidents?min_severity=high", key: key).json) == [p])
            #expect(ids(try await fixture.get("/v1/incidents?min_severity=2", key: key).json).count == 2)
            #expect(ids(try await fixture.get("/v1/incidents?layer=network", key: key).json) == [s])
            #expect(ids(try await fixture.get("/v1/incidents?entity=email:alice@corp.example", key: key).json) == [p])
            #expect(ids(try await fixture.get("/v1/incidents?entity=ip:203.0.113.9", key: key).json) == [s])
            #expect(ids(try await fixture.get("/v1/incidents?entity=host:WS-Alice.corp.example", key: key).json) == [p])
            #expect(ids(try await fixture.get("/v1/incidents?assignee=bob", key: key).json) == [p])
            #expect(ids(try await fixture.get("/v1/incidents?since=2026-11-20T00:00:00Z", key: key).json) == [p])
            #expect(ids(try await fixture.get("/v1/incidents?until=2026-11-20T00:00:00Z", key: key).json) == [s])
            #expect(ids(try await fixture.get("/v1/incidents?q=POWERSHELL", key: key).json) == [p])
            #expect(ids(try await fixture.get("/v1/incidents?sort=severity", key: key).json) == [p, s])
        }

        @Test func rejectsBadFiltersNamingTheParameterAndAcceptedValues() async throws {
            let fixture = try await APIFixture.make("badfilters")
            let cases: [(String, String, String)] = [
                ("status=open", "status", "acknowledged"),
                ("min_severity=severe", "min_severity", "critical"),
                ("layer=mainframe", "layer", "endpoint"),
                ("entity=nocolon", "entity", "type:value"),
                ("entity=planet:mars", "entity", "host"),
                ("sort=random", "sort", "last_activity"),
                ("limit=500", "limit", "200"),
                ("limit=0", "limit", "200"),
                ("since=yesterday", "since", "RFC 3339"),
                ("cursor=!!!", "cursor", "cursor"),
                ("cursor=\(PageCursorText.forged)", "cursor", "cursor"),
                ("colour=red", "colour", "status"),
            ]
            for (query, parameter, hint) in cases {
                let response = try await fixture.get("/v1/incidents?\(query)", key: fixture.a1Read)
                #expect(response.status == 400, "\(query)")
                let detail = response.json["detail"]?.string ?? ""
                #expect(detail.contains(parameter), "\(query): \(detail)")
                #expect(detail.contains(hint), "\(query): \(detail)")
            }
        }

        @Test func cursorPagesAreStableWhileNewIncidentsArrive() async throws {
            let fixture = try await APIFixture.make("pages")
            let seed = IncidentSeed(admin: fixture.admin)
            var expected: [String] = []
            for index in 0..<5 {
                let id = try seed.incident(tenant: fixture.tenantA1, title: "Incident \(index)", updatedAt: "2026-11-20 10:0\(index):00+00")
                expected.insert(id.uuidString.lowercased(), at: 0)
            }
            let first = try await fixture.get("/v1/incidents?limit=2", key: fixture.a1Read)
            #expect(ids(first.json) == Array(expected[0..<2]))
            let cursor = try #require(first.json["next_cursor"]?.string)
            // A new incident arrives between pages: it belongs before the first page, not in the next.
            try seed.incident(tenant: fixture.tenantA1, title: "Late arrival", updatedAt: "2026-11-20 11:00:00+00")
            let second = try await fixture.get("/v1/incidents?limit=2&cursor=\(cursor)", key: fixture.a1Read)
            #expect(ids(second.json) == Array(expected[2..<4]))
            let third = try await fixture.get("/v1/incidents?limit=2&cursor=\(try #require(second.json["next_cursor"]?.string))", key: fixture.a1Read)
            #expect(ids(third.json) == [expected[4]])
            #expect(third.json["next_cursor"]?.isNull == true)
        }

        @Test func severitySortPagesWithItsOwnCursor() async throws {
            let fixture = try await APIFixture.make("sevpages")
            let seed = IncidentSeed(admin: fixture.admin)
            let low = try seed.incident(tenant: fixture.tenantA1, title: "Low", severity: 2, updatedAt: "2026-11-20 12:00:00+00")
            let critical = try seed.incident(tenant: fixture.tenantA1, title: "Critical", severity: 5, updatedAt: "2026-11-20 09:00:00+00")
            let high = try seed.incident(tenant: fixture.tenantA1, title: "High", severity: 4, updatedAt: "2026-11-20 10:00:00+00")
            let first = try await fixture.get("/v1/incidents?sort=severity&limit=2", key: fixture.a1Read)
            #expect(ids(first.json) == [critical, high].map { $0.uuidString.lowercased() })
            let cursor = try #require(first.json["next_cursor"]?.string)
            let second = try await fixture.get("/v1/incidents?sort=severity&limit=2&cursor=\(cursor)", key: fixture.a1Read)
            #expect(ids(second.json) == [low.uuidString.lowercased()])
            let mismatched = try await fixture.get("/v1/incidents?sort=last_activity&cursor=\(cursor)", key: fixture.a1Read)
            #expect(mismatched.status == 400)
        }
    }
}
