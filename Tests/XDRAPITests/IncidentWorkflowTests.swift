import Foundation
import Testing
import XDRJSON

extension APITests {
    @Suite struct IncidentWorkflowTests {
        @Test func movesThroughTheWorkflowAndRecordsEveryChangeInHistory() async throws {
            let fixture = try await APIFixture.make("workflow")
            let incident = try IncidentSeed(admin: fixture.admin).incident(tenant: fixture.tenantA1, title: "Work me")
            let path = "/v1/incidents/\(incident)"
            let acknowledged = try await fixture.send("PATCH", path, key: fixture.a1Write, body: ["status": "acknowledged", "assignee": "carol"])
            #expect(acknowledged.status == 200)
            #expect(acknowledged.json["status"]?.string == "acknowledged")
            #expect(acknowledged.json["assignee"]?.string == "carol")

            let raised = try await fixture.send("PATCH", path, key: fixture.a1Write, body: ["severity": "critical", "severity_reason": "domain admin involved"])
            #expect(raised.json["severity"]?.string == "Critical")
            #expect(raised.json["severity_override"]?["engine_severity"]?.string == "High")
            #expect(raised.json["severity_override"]?["reason"]?.string == "domain admin involved")

            let back = try await fixture.send("PATCH", path, key: fixture.a1Write, body: ["status": "new"])
            #expect(back.status == 409)
            #expect(back.json["allowed"]?.strings == ["investigating", "contained", "resolved", "closed"])

            #expect(try await fixture.send("PATCH", path, key: fixture.a1Write, body: ["status": "contained"]).status == 200)
            let closed = try await fixture.send("PATCH", path, key: fixture.a1Write, body: ["status": "closed", "verdict": "true_positive"])
            #expect(closed.json["status"]?.string == "closed")
            #expect(closed.json["verdict"]?.string == "true_positive")
            let reopen = try await fixture.send("PATCH", path, key: fixture.a1Write, body: ["status": "investigating"])
            #expect(reopen.status == 409)
            #expect(reopen.json["detail"]?.string?.contains("closed is final") == true)

            let history = try await fixture.get("\(path)/history", key: fixture.a1Read)
            let entries = try #require(history.json["items"]?.array)
            #expect(entries.map { $0["field"]?.string } == ["status", "assignee", "severity", "status", "status", "verdict"])
            #expect(entries.map { $0["to"]?.string } == ["acknowledged", "carol", "5", "contained", "closed", "true_positive"])
            #expect(entries.allSatisfy { $0["actor_key_id"]?.string == fixture.a1WriteKeyID.uuidString.lowercased() })
            #expect(entries[2]["reason"]?.string == "domain admin involved")

            let detail = try await fixture.get(path, key: fixture.a1Read)
            #expect(detail.json["sla"]?["acknowledged_at"]?.string != nil)
            #expect(detail.json["sla"]?["contained_at"]?.string != nil)
            #expect(detail.json["sla"]?["closed_at"]?.string != nil)
            #expect(detail.json["sla"]?["resolved_at"]?.isNull == true)
        }

        @Test func rejectsBadChangesNamingTheField() async throws {
            let fixture = try await APIFixture.make("badpatch")
            let incident = try IncidentSeed(admin: fixture.admin).incident(tenant: fixture.tenantA1, title: "Guard me")
            let path = "/v1/incidents/\(incident)"
            let cases: [(JSONValue, String)] = [
                (["priority": "p1", "colour": "red"], "priority, colour"),
                (["status": "closed"], "verdict"),
                (["status": "closed", "verdict": "maybe"], "true_positive"),
                (["status": "done"], "acknowledged"),
                (["severity": "high"], "severity_reason"),
                (["verdict": "benign"], "closing"),
                (["assignee": 7], "assignee"),
            ]
            for (body, hint) in cases {
                let response = try await fixture.send("PATCH", path, key: fixture.a1Write, body: body)
                #expect(response.status == 400, "\(body)")
                #expect(response.json["detail"]?.string?.contains(hint) == true, "\(body): \(response.json)")
            }
            #expect(try await fixture.get("\(path)/history", key: fixture.a1Read).json["items"]?.array?.isEmpty == true)
        }

        @Test func commentsAreAddedAndListedOldestFirst() async throws {
            let fixture = try await APIFixture.make("comments")
            let incident = try IncidentSeed(admin: fixture.admin).incident(tenant: fixture.tenantA1, title: "Discuss me")
            let path = "/v1/incidents/\(incident)/comments"
            let created = try await fixture.send("POST", path, key: fixture.a1Write, body: ["body": "Isolated ws-alice"])
            #expect(created.status == 201)
            #expect(created.json["author_key_id"]?.string == fixture.a1WriteKeyID.uuidString.lowercased())
            _ = try await fixture.send("POST", path, key: fixture.a1Write, body: ["body": "Reset alice's password"])
            #expect(try await fixture.send("POST", path, key: fixture.a1Write, body: ["body": "  "]).status == 400)
            #expect(try await fixture.send("POST", path, key: fixture.a1Read, body: ["body": "read keys cannot write"]).status == 403)
            let listed = try await fixture.get(path, key: fixture.a1Read)
            #expect(listed.json["items"]?.array?.map { $0["body"]?.string } == ["Isolated ws-alice", "Reset alice's password"])
            let history = try await fixture.get("/v1/incidents/\(incident)/history", key: fixture.a1Read)
            #expect(history.json["items"]?.array?.map { $0["field"]?.string } == ["comment", "comment"])
            #expect(history.json["items"]?.array?.first?["to"]?.string == created.json["id"]?.string)
        }
    }
}
