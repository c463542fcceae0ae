import Foundation
import XDRCore
import XDRHTTP
import XDRJSON
import XDRModel
import XDRPlatform
import XDRStore

/// The HTTP face of an ingestion service: `POST /v1/ingest/{format}` (and `/{format}/{hint}`),
/// the Elasticsearch-compatible `_bulk` endpoints and the probes shippers make on connect.
public struct IngestRoutes: Sendable {
    public let layer: Layer
    public let formats: [any EventFormat]
    let writer: EventWriter
    let authenticator: APIKeyAuthenticator
    let metrics: MetricsRegistry
    let pipeline = IngestPipeline()
    /// Errors listed in a response at most; the count is always complete.
    public static let maximumListedErrors = 100

    public init(layer: Layer, formats: [any EventFormat], writer: EventWriter, authenticator: APIKeyAuthenticator, metrics: MetricsRegistry) {
        self.layer = layer
        self.formats = formats
        self.writer = writer
        self.authenticator = authenticator
        self.metrics = metrics
        metrics.describe("xdr_ingest_events_accepted_total", type: "counter", help: "Events normalised and committed, by format.")
        metrics.describe("xdr_ingest_events_rejected_total", type: "counter", help: "Records rejected, by format.")
        metrics.describe("xdr_ingest_events_duplicate_total", type: "counter", help: "Records already stored (shipper retries), by format.")
        metrics.describe("xdr_db_errors_total", type: "counter", help: "Database errors seen while ingesting.")
    }

    public func register(on router: inout Router) {
        let routes = self
        router.post("/v1/ingest/{format}") { request, context in try routes.ingest(request, &context, hint: nil) }
        router.post("/v1/ingest/{format}/{hint}") { request, context in
            try routes.ingest(request, &context, hint: context.parameters["hint"])
        }
        router.get("/v1/formats") { _, _ in .json(routes.formatList) }
        let bulk: HTTPHandler = { request, context in try routes.bulk(request, &context) }
        router.post("/_bulk", bulk)
        router.put("/_bulk", bulk)
        router.post("/{index}/_bulk", bulk)
        router.put("/{index}/_bulk", bulk)
        router.get("/", { _, _ in ElasticsearchCompatibility.rootInfo(layer: routes.layer) })
        router.get("/_license", { _, _ in ElasticsearchCompatibility.license() })
        router.get("/_xpack", { _, _ in ElasticsearchCompatibility.xpack() })
        router.get("/_nodes", { _, _ in ElasticsearchCompatibility.nodes() })
        router.get("/_cluster/health", { _, _ in ElasticsearchCompatibility.clusterHealth() })
        router.get("/_index_template/{name}", { _, _ in ElasticsearchCompatibility.notFound() })
        router.put("/_index_template/{name}", { _, _ in ElasticsearchCompatibility.acknowledged() })
        router.get("/_ilm/policy/{name}", { _, _ in ElasticsearchCompatibility.notFound() })
        router.put("/_ilm/policy/{name}", { _, _ in ElasticsearchCompatibility.acknowledged() })
    }

    var formatList: JSONValue {
        .object(["layer": .string(layer.rawValue), "formats": .array(formats.map { format in
            .object(["name": .string(format.name), "summary": .string(format.summary)])
        })])
    }

    /// The format named in a URL, or a 404 naming the service that serves it, or listing ours.
    func resolveFormat(_ name: String) throws -> any EventFormat {
        let lower = name.lowercased()
        if let format = formats.first(where: { $0.name == lower }) { return format }
        if let other = FormatRegistry.format(named: lower) {
            throw HTTPError(404, detail: "format \"\(lower)\" is served by the \(other.layer.rawValue) ingestion service (xdr-\(other.layer.rawValue)), not this one")
        }
        throw HTTPError(404, detail: "unknown format \"\(name.prefix(64))\"; this service accepts: \(formats.map(\.name).joined(separator: ", "))")
    }

    func ingest(_ request: HTTPRequest, _ context: inout RequestContext, hint: String?) throws -> HTTPResponse {
        let format = try resolveFormat(try context.parameter("format"))
        let principal = try authenticator.require(request, scope: .ingest)
        let tenant = try Self.tenant(of: principal, request: request)
        guard !request.body.isEmpty else { throw HTTPError.badRequest("empty body: send \(format.name) records (NDJSON, a JSON array or the source's own file)") }
        let receivedAt = Int64(Date().timeIntervalSince1970 * 1_000_000)
        let outcome = pipeline.normalize(body: request.body, format: format, context: FormatContext(receivedAt: receivedAt, hint: hint))
        let result = try store(outcome.events, tenant: tenant, format: format.name, context: context)
        metrics.increment("xdr_ingest_events_rejected_total", by: Double(outcome.rejected.count), labels: ["format": format.name])
        var body: JSONObject = [
            "format": .string(format.name),
            "accepted": .int(result.inserted + result.duplicates),
            "stored": .int(result.inserted),
            "duplicates": .int(result.duplicates),
            "rejected": .int(outcome.rejected.count),
        ]
        if !outcome.rejected.isEmpty {
            body["errors"] = .array(outcome.rejected.prefix(Self.maximumListedErrors).map { item in
                .object(["line": .int(item.number), "error": .string("line \(item.number): \(item.error.description)")])
            })
        }
        // Nothing usable at all is the sender's problem; partial success is a success with errors listed.
        let status = outcome.events.isEmpty && !outcome.rejected.isEmpty ? 400 : 200
        return .json(.object(body), status: status)
    }

    /// Commits events (or reports a retryable 503): a 2xx is only ever sent after the commit.
    func store(_ events: [NormalizedEvent], tenant: UUID, format: String, context: RequestContext) throws -> EventWriter.Result {
        do {
            let result = try writer.write(events, tenant: tenant)
            metrics.increment("xdr_ingest_events_accepted_total", by: Double(result.inserted), labels: ["format": format])
            metrics.increment("xdr_ingest_events_duplicate_total", by: Double(result.duplicates), labels: ["format": format])
            return result
        } catch let error as DatabaseError {
            metrics.increment("xdr_db_errors_total", labels: ["kind": error.kind.rawValue])
            context.logger.warning("batch not stored", ["error": error.debugDescription, "event.format": format])
            if error.kind == .query, error.sqlState?.hasPrefix("22") == true {
                throw HTTPError(422, detail: "the batch could not be stored: \(error.message)")
            }
            throw HTTPError.serviceUnavailable(retryAfterSeconds: 5, detail: "the database is unavailable; nothing from this request was stored, retry it")
        }
    }

    static func tenant(of principal: Principal, request: HTTPRequest) throws -> UUID {
        if let tenant = principal.tenantID { return tenant }
        // Operator keys name the tenant explicitly.
        guard let text = request.headers["x-tenant-id"] ?? request.query("tenant"), let tenant = UUID(uuidString: text) else {
            throw HTTPError.badRequest("an operator key must name the tenant (header X-Tenant-Id or ?tenant=<tenant id>); tenant keys need not")
        }
        guard principal.tenantIDs.contains(tenant) else { throw HTTPError.forbidden("this key may not ingest for tenant \(tenant)") }
        return tenant
    }
}
