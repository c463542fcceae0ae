import Foundation
import XDRCore
import XDRHTTP
import XDRStore

/// What a service's `main` gets to wire its own parts.
public struct ServiceContext: Sendable {
    public let name: String
    public let configuration: PlatformConfiguration
    public let logger: Logger
    public let metrics: MetricsRegistry
    public let pool: ConnectionPool
    public let authenticator: APIKeyAuthenticator
}

/// What a service adds to the platform: routes, background services, and readiness conditions.
public struct ServiceParts: Sendable {
    public var configureRoutes: @Sendable (inout Router) -> Void
    public var background: [any Service]
    public var readinessCheck: (@Sendable () -> String?)?

    public init(configureRoutes: @escaping @Sendable (inout Router) -> Void = { _ in }, background: [any Service] = [],
                readinessCheck: (@Sendable () -> String?)? = nil) {
        self.configureRoutes = configureRoutes
        self.background = background
        self.readinessCheck = readinessCheck
    }
}

/// The common start-up of every service: read and validate the environment (refusing to start
/// with every problem named), build the logger, metrics, pool and authenticator, serve health,
/// readiness and metrics next to the service's routes, and run until SIGTERM/SIGINT.
public enum ServiceBootstrap {
    public static func run(name: String, defaultPort: Int,
                           environment: [String: String] = ProcessInfo.processInfo.environment,
                           build: (ServiceContext, inout EnvironmentReader) throws -> ServiceParts) async -> Int32 {
        var reader = EnvironmentReader(environment)
        let configuration = PlatformConfiguration(environment: &reader, defaultPort: defaultPort)
        let logger = Logger(label: name, level: configuration.logLevel).with(["service": name])
        let metrics = MetricsRegistry()
        let pool = ConnectionPool(url: configuration.databaseURL,
                                  configuration: .init(maximumConnections: configuration.poolSize), logger: logger)
        let context = ServiceContext(name: name, configuration: configuration, logger: logger, metrics: metrics, pool: pool,
                                     authenticator: APIKeyAuthenticator(pool: pool))
        let parts: ServiceParts
        do {
            parts = try build(context, &reader)
        } catch {
            reader.fail("\(error)")
            parts = ServiceParts()
        }
        guard reader.errors.isEmpty else {
            logger.error("refusing to start: invalid configuration", ["errors": reader.errors.joined(separator: "; ")])
            FileHandle.standardError.write(Data((ConfigurationError(problems: reader.errors).description + "\n").utf8))
            return 2
        }
        let health = HealthRoutes(service: name, pool: pool, metrics: metrics, extraCheck: parts.readinessCheck)
        var router = Router()
        health.register(on: &router)
        parts.configureRoutes(&router)
        let server = HTTPServer(configuration: configuration.server, router: router, logger: logger, metrics: metrics, name: "http")
        let drain = DrainOnShutdown(health: health)
        logger.info("starting", ["listen": configuration.listen.description, "db.url": configuration.databaseURL.description])
        do {
            try await ServiceRunner(services: [drain, server] + parts.background, logger: logger).run()
            pool.close()
            logger.info("stopped")
            return 0
        } catch {
            logger.error("stopped with an error", ["error": "\(error)"])
            pool.close()
            return 1
        }
    }
}

/// Turns readiness false as soon as shutdown begins, before the server stops accepting.
struct DrainOnShutdown: Service {
    let name = "readiness"
    let health: HealthRoutes

    func run() async throws {
        while !Task.isCancelled {
            try? await Task.sleep(nanoseconds: 200_000_000)
        }
        health.beginDraining()
    }
}
