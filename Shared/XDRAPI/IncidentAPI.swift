import Foundation
import XDRCore
import XDRHTTP
import XDRPlatform
import XDRStore

/// The incident API: every route, its handler and its documentation in one table (`operations`),
/// registered on a router and rendered as the OpenAPI document from the same values.
///
/// Every query runs inside `ConnectionPool.withTenantScope` with the caller's tenants (row-level
/// security) and also names those tenants in SQL, so a mistake in one layer is caught by the other.
/// Another tenant's incident answers 404, never 403: its existence is not disclosed.
public final class IncidentAPI: Sendable {
    let pool: ConnectionPool
    let authenticator: APIKeyAuthenticator
    let logger: Logger
    /// Opens the dedicated connection a live stream listens on (one per stream).
    let listenerURL: DatabaseURL
    let streams: StreamLimiter

    /// - Parameter maximumStreams: concurrent `/v1/stream` clients; each holds a database connection.
    public init(pool: ConnectionPool, authenticator: APIKeyAuthenticator, logger: Logger, maximumStreams: Int = 200) {
        self.pool = pool
        self.authenticator = authenticator
        self.logger = logger
        self.listenerURL = pool.url
        self.streams = StreamLimiter(maximum: maximumStreams)
    }

    /// The service parts for `ServiceBootstrap`: the API's routes next to health and metrics.
    public static func parts(context: ServiceContext) -> ServiceParts {
        let api = IncidentAPI(pool: context.pool, authenticator: context.authenticator, logger: context.logger)
        let webhooks = WebhookDispatcher(pool: context.pool, logger: context.logger)
        return ServiceParts(configureRoutes: { router in api.register(on: &router) }, background: [webhooks])
    }

    /// Registers every operation (and the OpenAPI document) on `router`.
    public func register(on router: inout Router) {
        for operation in operations { router.add(operation.method, operation.path, operation.handler) }
    }

    /// Every route of the API, in the order the document lists them.
    public var operations: [APIOperation] {
        incidentOperations + workflowOperations + pivotOperations + notificationOperations + responseOperations + [documentOperation]
    }

    /// Runs `body` in a transaction scoped to `tenants`, turning database outages into 503.
    func scoped<T>(_ tenants: [UUID], _ body: (DatabaseConnection) throws -> T) throws -> T {
        do {
            return try pool.withTenantScope(tenants, body)
        } catch let error as DatabaseError where error.kind == .connection || error.kind == .poolTimeout {
            throw HTTPError.serviceUnavailable(retryAfterSeconds: 5, detail: "the database is unavailable; retry later")
        }
    }
}
