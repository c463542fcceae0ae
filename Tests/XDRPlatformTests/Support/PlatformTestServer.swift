import Foundation
import XDRCore
import XDRHTTP
import XDRPlatform
import XDRStore
import XDRTestSupport

/// An HTTP server wired the way `ServiceBootstrap` wires a service (health routes, the key
/// authenticator with no cache, one route per scope), on 127.0.0.1 and an ephemeral port.
final class PlatformTestServer: @unchecked Sendable {
    let pool: ConnectionPool
    let server: HTTPServer
    let port: Int

    init(url: DatabaseURL) throws {
        pool = ConnectionPool(url: url, configuration: .init(maximumConnections: 4, acquireTimeout: 5), logger: Logger(label: "test", level: .error))
        let authenticator = APIKeyAuthenticator(pool: pool, cacheSeconds: 0)
        let health = HealthRoutes(service: "platform-test", pool: pool, metrics: MetricsRegistry())
        var router = Router()
        health.register(on: &router)
        for scope in Scope.allCases {
            router.post("/probe/\(scope.rawValue)") { request, _ in
                let principal = try authenticator.require(request, scope: scope)
                return .json(["tenant": .string(principal.tenantID?.uuidString.lowercased() ?? "operator")])
            }
        }
        server = HTTPServer(configuration: HTTPServer.Configuration(host: "127.0.0.1", port: 0), router: router,
                            logger: Logger(label: "test", level: .error))
        port = try server.start()
    }

    func send(_ method: String, _ path: String, key: String? = nil, authorization: String? = nil) throws -> HTTPClientResponse {
        var headers = HTTPHeaders()
        if let key { headers.add("Authorization", "Bearer \(key)") }
        if let authorization { headers.add("Authorization", authorization) }
        return try HTTPClientConnection(host: "127.0.0.1", port: port).send(method, path, headers: headers)
    }

    deinit {
        server.shutdown()
        pool.close()
    }
}
