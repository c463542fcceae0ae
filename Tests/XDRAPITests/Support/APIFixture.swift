import Foundation
import XDRAPI
import XDRCore
import XDRCrypto
import XDRHTTP
import XDRJSON
import XDRPlatform
import XDRStore
import XDRTestSupport

/// A running incident API on a fresh database with two providers: provider A has tenants `a1` and
/// `a2`, provider B has tenant `b1`. Keys for each role a test needs are created up front.
final class APIFixture: @unchecked Sendable {
    let database: TestDatabase
    let admin: DatabaseConnection
    let server: HTTPServer
    let port: Int
    let api: IncidentAPI
    let router: Router

    let tenantA1: UUID, tenantA2: UUID, tenantB1: UUID
    /// Tenant a1 read key, tenant a1 read+write key, operator A read key, operator A read+write
    /// key, operator B read key, a revoked a1 key.
    let a1Read: String, a1Write: String, operatorA: String, operatorAWrite: String, operatorB: String, revoked: String
    let a1WriteKeyID: UUID

    init(_ label: String) throws {
        database = try TestDatabase(label)
        admin = try database.admin()
        let providerA = UUID(), providerB = UUID()
        tenantA1 = UUID(); tenantA2 = UUID(); tenantB1 = UUID()
        try admin.execute("INSERT INTO providers (id, name) VALUES ($1, 'Provider A'), ($2, 'Provider B')", [providerA, providerB])
        try admin.execute("""
            INSERT INTO tenants (id, provider_id, name, slug) VALUES ($1, $4, 'A1', 'a1'), ($2, $4, 'A2', 'a2'), ($3, $5, 'B1', 'b1')
            """, [tenantA1, tenantA2, tenantB1, providerA, providerB])
        let admin = self.admin
        func key(_ provider: UUID, _ tenant: UUID?, _ scopes: [String], revoked: Bool = false) throws -> (UUID, String) {
            let generated = try APIKeyFormat.generate()
            let id = UUID()
            try admin.execute("""
                INSERT INTO api_keys (id, provider_id, tenant_id, name, prefix, key_hash, scopes, revoked_at)
                VALUES ($1, $2, $3, 'test', $4, $5, $6, CASE WHEN $7 THEN now() END)
                """, [id, provider, tenant, generated.prefix, ByteA(APIKeyFormat.hash(generated.key)), scopes, revoked])
            return (id, generated.key)
        }
        a1Read = try key(providerA, tenantA1, ["read"]).1
        let write = try key(providerA, tenantA1, ["read", "write"])
        a1WriteKeyID = write.0
        a1Write = write.1
        operatorA = try key(providerA, nil, ["read"]).1
        operatorAWrite = try key(providerA, nil, ["read", "write"]).1
        operatorB = try key(providerB, nil, ["read"]).1
        revoked = try key(providerA, tenantA1, ["read", "write"], revoked: true).1

        let logger = Logger(label: "test", level: .warning)
        let pool = database.appPool()
        api = IncidentAPI(pool: pool, authenticator: APIKeyAuthenticator(pool: pool, cacheSeconds: 0), logger: logger)
        var router = Router()
        api.register(on: &router)
        self.router = router
        server = HTTPServer(configuration: .init(host: "127.0.0.1", port: 0), router: router, logger: logger)
        port = try server.start()
    }

    /// Creates the fixture off the cooperative pool (creating a database blocks).
    static func make(_ label: String) async throws -> APIFixture {
        try await offPool { try APIFixture(label) }
    }

    /// Tears down without blocking the caller's thread (often a cooperative-pool thread): the
    /// server drains on its own thread, and the database is dropped on another, which holds the
    /// last reference to it.
    deinit {
        server.beginShutdown()
        let database = self.database
        Thread { withExtendedLifetime(database) {} }.start()
    }

    /// Sends a request with `key` (none when nil) and returns status, headers and parsed JSON body.
    func send(_ method: String, _ target: String, key: String?, body: JSONValue? = nil) async throws -> (status: Int, headers: HTTPHeaders, json: JSONValue) {
        try await offPool { try self.sendBlocking(method, target, key: key, body: body) }
    }

    func get(_ target: String, key: String?) async throws -> (status: Int, headers: HTTPHeaders, json: JSONValue) {
        try await send("GET", target, key: key)
    }

    private func sendBlocking(_ method: String, _ target: String, key: String?, body: JSONValue?) throws -> (status: Int, headers: HTTPHeaders, json: JSONValue) {
        var headers = HTTPHeaders()
        if let key { headers.replaceOrAdd("Authorization", "Bearer \(key)") }
        var bytes: [UInt8] = []
        if let body {
            bytes = Array(JSONWriter.serialize(body).utf8)
            headers.replaceOrAdd("Content-Type", "application/json")
        }
        let response = try HTTPClient.send(method, url: "http://127.0.0.1:\(port)\(target)", headers: headers, body: bytes)
        let json = response.body.isEmpty ? JSONValue.null : ((try? response.json()) ?? .string(response.text))
        return (response.status, response.headers, json)
    }
}
