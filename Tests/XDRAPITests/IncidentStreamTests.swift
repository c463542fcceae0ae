import Foundation
import Testing
import XDRAPI
import XDRCore
import XDRHTTP
import XDRJSON
import XDRPlatform

extension APITests {
    @Suite struct IncidentStreamTests {
        @Test func streamsChangesOfTheCallersTenantsAndResumesAfterLastEventID() async throws {
            let fixture = try await APIFixture.make("stream")
            let seed = IncidentSeed(admin: fixture.admin)
            let before = try seed.incident(tenant: fixture.tenantA1, title: "Before the stream")
            let stream = try EventStreamReader(port: fixture.port, target: "/v1/stream", headers: ["Authorization": "Bearer \(fixture.a1Read)"])
            #expect(await stream.waitFor(": connected"))
            let other = try seed.incident(tenant: fixture.tenantB1, title: "Another provider's")
            let created = try seed.incident(tenant: fixture.tenantA1, title: "Live")
            #expect(await stream.waitFor(created.uuidString.lowercased()))
            #expect(stream.received.contains("event: incident.created"))
            #expect(!stream.received.contains(before.uuidString.lowercased()))
            #expect(!stream.received.contains(other.uuidString.lowercased()))

            // A write through the API is an update on the stream too.
            _ = try await fixture.send("PATCH", "/v1/incidents/\(created)", key: fixture.a1Write, body: ["assignee": "dave"])
            #expect(await stream.waitFor("incident.updated"))

            // Reconnecting with the id of the first event replays everything after it.
            let firstID = try #require(stream.received.components(separatedBy: "id: ").dropFirst().first?.prefix { $0.isNumber || $0 == "." })
            #expect(firstID.contains("."))
            let resumed = try EventStreamReader(port: fixture.port, target: "/v1/stream",
                                                headers: ["Authorization": "Bearer \(fixture.a1Read)", "Last-Event-ID": String(firstID)])
            #expect(await resumed.waitFor("incident.updated"))
            #expect(!resumed.received.contains("incident.created"))
        }

        @Test func aChangeThatCommitsLateIsSentBeforeYoungerOnesNotSkipped() async throws {
            let fixture = try await APIFixture.make("streamlate")
            let stream = try EventStreamReader(port: fixture.port, target: "/v1/stream", headers: ["Authorization": "Bearer \(fixture.a1Read)"])
            #expect(await stream.waitFor(": connected"))
            // The older transaction takes its id first and commits last.
            try fixture.admin.execute("BEGIN")
            let late = try IncidentSeed(admin: fixture.admin).incident(tenant: fixture.tenantA1, title: "Committed late")
            let early = try IncidentSeed(admin: try fixture.database.admin()).incident(tenant: fixture.tenantA1, title: "Committed early")
            #expect(await !stream.waitFor(early.uuidString.lowercased(), timeout: 1.5))
            try fixture.admin.execute("COMMIT")
            #expect(await stream.waitFor(early.uuidString.lowercased()))
            let text = stream.received
            let lateAt = try #require(text.range(of: late.uuidString.lowercased())).lowerBound
            let earlyAt = try #require(text.range(of: early.uuidString.lowercased())).lowerBound
            #expect(lateAt < earlyAt)
        }

        @Test func refusesStreamsBeyondTheLimitWith503() async throws {
            let fixture = try await APIFixture.make("streamlimit")
            let limited = IncidentAPI(pool: fixture.database.appPool(), authenticator: APIKeyAuthenticator(pool: fixture.database.appPool(), cacheSeconds: 0),
                                      logger: Logger(label: "test", level: .warning), maximumStreams: 1)
            var router = Router()
            limited.register(on: &router)
            let server = HTTPServer(configuration: .init(host: "127.0.0.1", port: 0), router: router, logger: Logger(label: "test", level: .warning))
            let port = try server.start()
            defer { server.beginShutdown() }
            let first = try EventStreamReader(port: port, target: "/v1/stream", headers: ["Authorization": "Bearer \(fixture.a1Read)"])
            #expect(await first.waitFor(": connected"))
            let second = try EventStreamReader(port: port, target: "/v1/stream", headers: ["Authorization": "Bearer \(fixture.a1Read)"])
            #expect(await second.waitFor("503"))
            #expect(await second.waitFor("Retry-After"))
        }

        @Test func refusesMissingKeysAndBadResumeIDs() async throws {
            let fixture = try await APIFixture.make("streamauth")
            #expect(try await fixture.get("/v1/stream", key: nil).status == 401)
            let bad = try await fixture.send("GET", "/v1/stream?last_event_id=abc", key: fixture.a1Read)
            #expect(bad.status == 400)
        }
    }
}
