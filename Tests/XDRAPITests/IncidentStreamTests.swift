import Foundation
import Testing
import XDRJSON

extension APITests {
    @Suite struct IncidentStreamTests {
        @Test func streamsChangesOfTheCallersTenantsAndResumesAfterLastEventID() throws {
            let fixture = try APIFixture("stream")
            let seed = IncidentSeed(admin: fixture.admin)
            let before = try seed.incident(tenant: fixture.tenantA1, title: "Before the stream")
            let stream = try EventStreamReader(port: fixture.port, target: "/v1/stream", headers: ["Authorization": "Bearer \(fixture.a1Read)"])
            #expect(stream.waitFor(": connected"))
            let other = try seed.incident(tenant: fixture.tenantB1, title: "Another provider's")
            let created = try seed.incident(tenant: fixture.tenantA1, title: "Live")
            #expect(stream.waitFor(created.uuidString.lowercased()))
            #expect(stream.received.contains("event: incident.created"))
            #expect(!stream.received.contains(before.uuidString.lowercased()))
            #expect(!stream.received.contains(other.uuidString.lowercased()))

            // A write through the API is an update on the stream too.
            _ = try fixture.send("PATCH", "/v1/incidents/\(created)", key: fixture.a1Write, body: ["assignee": "dave"])
            #expect(stream.waitFor("incident.updated"))

            // Reconnecting with the id of the first event replays everything after it.
            let firstID = try #require(stream.received.components(separatedBy: "id: ").dropFirst().first?.prefix { $0.isNumber })
            let resumed = try EventStreamReader(port: fixture.port, target: "/v1/stream",
                                                headers: ["Authorization": "Bearer \(fixture.a1Read)", "Last-Event-ID": String(firstID)])
            #expect(resumed.waitFor("incident.updated"))
            #expect(!resumed.received.contains("incident.created"))
        }

        @Test func refusesMissingKeysAndBadResumeIDs() throws {
            let fixture = try APIFixture("streamauth")
            #expect(try fixture.get("/v1/stream", key: nil).status == 401)
            let bad = try fixture.send("GET", "/v1/stream?last_event_id=abc", key: fixture.a1Read)
            #expect(bad.status == 400)
        }
    }
}
