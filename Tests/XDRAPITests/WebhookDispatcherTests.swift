import Foundation
import Testing
import XDRAPI
import XDRCore
import XDRHTTP
import XDRJSON

/// A local webhook receiver that fails its first `failures` requests with 500.
private final class Receiver: @unchecked Sendable {
    let lock = NSLock()
    var requests: [(body: [UInt8], signature: String?, delivery: String?)] = []
    var accepted: [[UInt8]] = []
    let failures: Int
    var server: HTTPServer!
    var port = 0

    init(failures: Int) throws {
        self.failures = failures
        server = HTTPServer(configuration: .init(host: "127.0.0.1", port: 0), handler: { [self] request, _ in
            lock.withLock {
                requests.append((request.body, request.headers[WebhookSignature.header], request.headers["X-Tsunagi-Delivery"]))
                if requests.count <= failures { return .text("try later", status: 500) }
                accepted.append(request.body)
                return .text("ok")
            }
        }, logger: Logger(label: "receiver", level: .warning))
        port = try server.start()
    }

    deinit { server.shutdown() }
}

extension APITests {
    @Suite struct WebhookDispatcherTests {
        @Test func retriesAFailingReceiverUntilExactlyOneSignedDeliveryIsAccepted() async throws {
            let fixture = try await APIFixture.make("webhook")
            let receiver = try await offPool { try Receiver(failures: 2) }
            let secret = "0123456789abcdef-route-secret"
            let route = try await fixture.send("POST", "/v1/notification-routes", key: fixture.a1Write, body: [
                "name": "on-call", "url": .string("http://127.0.0.1:\(receiver.port)/hook"), "secret": .string(secret), "min_severity": "high",
            ])
            #expect(route.status == 201)
            #expect(route.json["secret"] == nil)
            let routeID = try #require(route.json["id"]?.string)

            let seed = IncidentSeed(admin: fixture.admin)
            let incident = try seed.incident(tenant: fixture.tenantA1, title: "Ransomware staging", severity: 5)
            try seed.incident(tenant: fixture.tenantA1, title: "Too quiet to page", severity: 2)
            try seed.incident(tenant: fixture.tenantA2, title: "Another tenant", severity: 5)

            let dispatcher = WebhookDispatcher(pool: fixture.database.appPool(size: 2),
                                               configuration: .init(maximumAttempts: 5, initialBackoff: 0, maximumBackoff: 0),
                                               logger: Logger(label: "test", level: .warning))
            var rounds = 0
            while try await offPool({ try dispatcher.deliverNext() }) { rounds += 1; #expect(rounds < 10) }

            #expect(receiver.requests.count == 3)
            #expect(receiver.accepted.count == 1)
            let delivered = try JSONParser.parse(try #require(receiver.accepted.first))
            #expect(delivered["incident_id"]?.string == incident.uuidString.lowercased())
            #expect(delivered["change"]?.string == "created")
            for request in receiver.requests {
                #expect(WebhookSignature.verify(request.signature ?? "", body: request.body, secret: secret))
                #expect(!WebhookSignature.verify(request.signature ?? "", body: request.body, secret: "another-secret-value"))
            }
            #expect(Set(receiver.requests.compactMap(\.delivery)).count == 1)

            let log = try await fixture.get("/v1/notification-routes/\(routeID)/deliveries", key: fixture.a1Read)
            let items = try #require(log.json["items"]?.array)
            #expect(items.count == 1)
            #expect(items.first?["status"]?.string == "delivered")
            #expect(items.first?["log"]?.array?.map { $0["status_code"]?.int } == [500, 500, 200])
            #expect(try await fixture.get("/v1/notification-routes/\(routeID)/deliveries", key: fixture.operatorB).status == 404)
        }

        @Test func givesUpAfterTheLastAttemptAndMarksTheDeliveryDead() async throws {
            let fixture = try await APIFixture.make("webhookdead")
            let receiver = try await offPool { try Receiver(failures: 100) }
            _ = try await fixture.send("POST", "/v1/notification-routes", key: fixture.operatorAWrite, body: [
                "tenant_id": .string(fixture.tenantA1.uuidString), "name": "soc", "url": .string("http://127.0.0.1:\(receiver.port)/"),
                "secret": "0123456789abcdef", "min_severity": 0,
            ])
            try IncidentSeed(admin: fixture.admin).incident(tenant: fixture.tenantA1, title: "Anything")
            let dispatcher = WebhookDispatcher(pool: fixture.database.appPool(size: 2),
                                               configuration: .init(maximumAttempts: 3, initialBackoff: 0, maximumBackoff: 0),
                                               logger: Logger(label: "test", level: .warning))
            while try await offPool({ try dispatcher.deliverNext() }) {}
            #expect(receiver.requests.count == 3)
            #expect(try fixture.admin.query("SELECT status FROM webhook_outbox")[0].string("status") == "dead")
        }

        @Test func refusesBadRoutesNamingTheField() async throws {
            let fixture = try await APIFixture.make("webhookbad")
            let cases: [(JSONValue, String)] = [
                (["name": "x", "url": "ftp://example", "secret": "0123456789abcdef"], "url"),
                (["name": "x", "url": "http://example", "secret": "short"], "secret"),
                (["name": "x", "url": "http://example", "secret": "0123456789abcdef", "changes": ["deleted"]], "changes"),
                (["name": "x", "url": "http://example", "secret": "0123456789abcdef", "tenant_id": .string(fixture.tenantB1.uuidString)], "tenant_id"),
            ]
            for (body, name) in cases {
                let response = try await fixture.send("POST", "/v1/notification-routes", key: fixture.a1Write, body: body)
                #expect(response.status == 400, "\(body)")
                #expect(response.json["field"]?.string == name, "\(body)")
            }
        }
    }
}
