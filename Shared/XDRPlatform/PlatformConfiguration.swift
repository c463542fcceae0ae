import XDRCore
import XDRHTTP
import XDRStore

/// What every Tsunagi service reads from its environment.
///
/// | variable | meaning | default |
/// |---|---|---|
/// | `XDR_DATABASE_URL` | PostgreSQL URL of the application role | required |
/// | `XDR_LISTEN` | HTTP address, `host:port` | `0.0.0.0:<service port>` |
/// | `XDR_LOG_LEVEL` | debug, info, notice, warning, error | info |
/// | `XDR_DB_POOL_SIZE` | connections per process | 8 |
/// | `XDR_MAX_BODY_BYTES` | largest request body accepted (after decompression) | 33554432 |
/// | `XDR_MAX_CONNECTIONS` | concurrent HTTP connections | 1024 |
public struct PlatformConfiguration: Sendable {
    public var databaseURL: DatabaseURL
    public var listen: ListenAddress
    public var logLevel: Logger.Level
    public var poolSize: Int
    public var maximumBodyBytes: Int
    public var maximumConnections: Int

    /// Reads and validates the variables, recording every problem in `environment.errors`.
    public init(environment: inout EnvironmentReader, defaultPort: Int) {
        let urlText = environment.required("XDR_DATABASE_URL", hint: "postgresql://user@host:5432/tsunagi")
        var url = try? DatabaseURL("postgresql://localhost/tsunagi")
        if !urlText.isEmpty {
            do { url = try DatabaseURL(urlText) } catch { environment.fail("XDR_DATABASE_URL: \(error.message)") }
        }
        databaseURL = url!
        listen = environment.listenAddress("XDR_LISTEN", defaultPort: defaultPort)
        logLevel = environment.logLevel()
        poolSize = environment.int("XDR_DB_POOL_SIZE", default: 8, range: 1...200)
        maximumBodyBytes = environment.int("XDR_MAX_BODY_BYTES", default: 32 << 20, range: 1024...(1 << 30))
        maximumConnections = environment.int("XDR_MAX_CONNECTIONS", default: 1024, range: 1...100_000)
    }

    public var server: HTTPServer.Configuration {
        var configuration = HTTPServer.Configuration(host: listen.host, port: listen.port)
        configuration.maximumBodyBytes = maximumBodyBytes
        configuration.maximumConnections = maximumConnections
        return configuration
    }
}
