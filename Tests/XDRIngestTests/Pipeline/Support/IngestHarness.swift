import Foundation
import XDRCore
import XDRHTTP
import XDRIngest
import XDRModel
import XDRPlatform
import XDRStore
import XDRTestSupport

/// One ingestion service of `layer` on 127.0.0.1 and an ephemeral port, wired the way
/// `ServiceBootstrap` and `IngestService` wire it, over a real database with one tenant and an
/// ingest key.
final class IngestHarness: @unchecked Sendable {
    let pool: ConnectionPool
    let server: HTTPServer
    let port: Int
    let tenant: UUID
    let key: String
    let adminURL: DatabaseURL
    let appURL: DatabaseURL
    /// The harness tenant's slug.
    let slug: String
    /// Kept alive for the harness's lifetime (its deinit drops the database).
    private let database: TestDatabase?

    convenience init(_ label: String, layer: Layer = .endpoint, maximumBodyBytes: Int = 16 << 20) throws {
        // Each harness is a tenant of its own in the shared database; row-level security keeps them apart.
        let database = try SharedTestDatabase.get()
        try self.init(layer: layer, appURL: database.appURL, adminURL: database.adminURL, database: database,
                      maximumBodyBytes: maximumBodyBytes, slug: "\(label.prefix(40))-\(UUID().uuidString.prefix(8).lowercased())")
    }

    init(layer: Layer, appURL: DatabaseURL, adminURL: DatabaseURL, database: TestDatabase? = nil, maximumBodyBytes: Int = 16 << 20,
         poolSize: Int = 4, slug: String = "acme") throws {
        self.database = database
        self.adminURL = adminURL
        self.appURL = appURL
        self.slug = slug
        let tenancy = TestTenancy(adminURL: adminURL)
        tenant = try tenancy.tenant(slug)
        key = try tenancy.key(tenant: slug, scopes: [.ingest]).key
        let logger = Logger(label: "test", level: .error)
        pool = ConnectionPool(url: appURL, configuration: .init(maximumConnections: poolSize, acquireTimeout: 5, maximumBackoff: 1), logger: logger)
        let metrics = MetricsRegistry()
        let routes = IngestRoutes(layer: layer, formats: IngestService.formats(for: layer), writer: EventWriter(pool: pool),
                                  authenticator: APIKeyAuthenticator(pool: pool, cacheSeconds: 0), metrics: metrics)
        var router = Router()
        HealthRoutes(service: "xdr-\(layer.rawValue)", pool: pool, metrics: metrics).register(on: &router)
        routes.register(on: &router)
        var configuration = HTTPServer.Configuration(host: "127.0.0.1", port: 0)
        configuration.maximumBodyBytes = maximumBodyBytes
        server = HTTPServer(configuration: configuration, router: router, logger: logger, metrics: metrics)
        port = try server.start()
    }

    var baseURL: String { "http://127.0.0.1:\(port)" }

    /// Sends a request with the ingest key (unless `key` says otherwise) on a fresh connection.
    func send(_ method: String = "POST", _ path: String, body: [UInt8] = [], key: String? = nil, headers extra: [(String, String)] = [],
              gzip: Bool = false) throws -> HTTPClientResponse {
        var headers = HTTPHeaders()
        headers.add("Authorization", "Bearer \(key ?? self.key)")
        for (name, value) in extra { headers.add(name, value) }
        let connection = HTTPClientConnection(host: "127.0.0.1", port: port, timeout: 30)
        return try connection.send(method, path, headers: headers, body: body, gzip: gzip)
    }

    func post(_ path: String, _ text: String, headers: [(String, String)] = [], gzip: Bool = false) throws -> HTTPClientResponse {
        try send("POST", path, body: Array(text.utf8), headers: headers, gzip: gzip)
    }

    /// Rows of this harness's tenant (read as the application role in the tenant's scope), for
    /// checking what was stored.
    func rows(_ sql: String, _ parameters: [any PostgresEncodable] = []) throws -> [Row] {
        try DatabaseConnection(url: appURL).withTenantScope([tenant]) { try $0.query(sql, parameters) }
    }

    /// Rows as the owner sees them, across tenants.
    func ownerRows(_ sql: String, _ parameters: [any PostgresEncodable] = []) throws -> [Row] {
        try DatabaseConnection(url: adminURL).query(sql, parameters)
    }

    func eventCount() throws -> Int { try rows("SELECT count(*) FROM events").first!.int("count") }

    deinit {
        server.shutdown()
        pool.close()
    }
}

/// The harness database's tenancy commands.
struct TestTenancyAccess {
    let tenancy: TestTenancy
    init(_ harness: IngestHarness) { tenancy = TestTenancy(adminURL: harness.adminURL) }
}
