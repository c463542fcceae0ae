import Foundation
import XDRCore
import XDRHTTP
import XDRIngest
import XDRModel
import XDRPlatform
import XDRStore
import XDRTestSupport

/// The four ingestion services, wired as their mains wire them, on ephemeral loopback ports over
/// one test database, plus a provider with tenants and ingest keys.
final class IngestCluster {
    let database: TestDatabase
    let pool: ConnectionPool
    private(set) var servers: [Layer: HTTPServer] = [:]
    private(set) var ports: [Layer: Int] = [:]
    private(set) var tenants: [String: UUID] = [:]
    private(set) var keys: [String: String] = [:]

    init(database: TestDatabase, tenantLabels: [String]) throws {
        self.database = database
        pool = database.appPool(size: 6)
        let admin = AdminCommands(environment: ["XDR_ADMIN_DATABASE_URL": database.adminURL.connectionString], output: { _ in })
        _ = try admin.createProvider(name: "Quality MSSP")
        for label in tenantLabels {
            let slug = label.lowercased().filter { $0.isLetter || $0.isNumber || $0 == "-" }
            tenants[label] = try admin.createTenant(provider: "Quality MSSP", name: label, slug: slug)
            keys[label] = try admin.createKey(tenant: slug, provider: nil, name: "ingest", scopes: [.ingest]).key
        }
        let metrics = MetricsRegistry()
        let authenticator = APIKeyAuthenticator(pool: pool, cacheSeconds: 60)
        let logger = Logger(label: "quality", level: .error, sink: .memory())
        for layer in Layer.allCases {
            var router = Router()
            IngestRoutes(layer: layer, formats: IngestService.formats(for: layer), writer: EventWriter(pool: pool),
                         authenticator: authenticator, metrics: metrics).register(on: &router)
            let server = HTTPServer(configuration: .init(host: "127.0.0.1", port: 0), router: router, logger: logger)
            ports[layer] = try server.start()
            servers[layer] = server
        }
    }

    /// Posts one NDJSON body to the layer's ingestor as the tenant; returns the JSON answer.
    func post(layer: Layer, path: String, tenant: String, body: [UInt8]) throws -> (status: Int, text: String) {
        var headers = HTTPHeaders()
        headers.add("Authorization", "Bearer \(keys[tenant]!)")
        let response = try HTTPClient.send("POST", url: "http://127.0.0.1:\(ports[layer]!)\(path)", headers: headers, body: body, timeout: 60)
        return (response.status, response.text)
    }

    func shutdown() {
        for server in servers.values { server.shutdown() }
        pool.close()
    }

}
