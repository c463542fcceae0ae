import Foundation
import XDRCore
import XDRStore

/// A fresh, migrated database for one test, copied from a template migrated once per process.
///
/// The server comes from `./xdr test`, which exports `XDR_TEST_ADMIN_URL` (a superuser, used to
/// create databases and to act as schema owner) and `XDR_TEST_APP_USER` (the application login
/// role, a member of `xdr_service`, subject to row-level security).
public final class TestDatabase: Sendable {
    public let name: String
    /// Owner/superuser access to this database (bypasses row-level security).
    public let adminURL: DatabaseURL
    /// Application-role access to this database (row-level security applies).
    public let appURL: DatabaseURL

    private static let lock = NSLock()
    nonisolated(unsafe) private static var templateName: String?

    public static func environmentURL() throws -> DatabaseURL {
        guard let text = ProcessInfo.processInfo.environment["XDR_TEST_ADMIN_URL"], !text.isEmpty else {
            throw TestEnvironmentError("XDR_TEST_ADMIN_URL is not set: run the tests with ./xdr test, which starts a throwaway PostgreSQL")
        }
        return try DatabaseURL(text)
    }

    /// Creates a database for one test (named after `label` plus a random suffix).
    public init(_ label: String = "t") throws {
        let server = try Self.environmentURL()
        let appUser = ProcessInfo.processInfo.environment["XDR_TEST_APP_USER"] ?? "xdr_app"
        let template = try Self.template(server: server)
        let safeLabel = String(label.lowercased().filter { $0.isLetter || $0.isNumber }.prefix(20))
        let name = "t_\(safeLabel)_\(UUID().uuidString.prefix(8).lowercased())"
        let admin = try DatabaseConnection(url: server)
        _ = try Self.lock.withLock {
            try admin.execute("CREATE DATABASE \(name) TEMPLATE \(template)")
        }
        self.name = name
        adminURL = server.with("dbname", name)
        appURL = server.with("dbname", name).with("user", appUser)
    }

    private static func template(server: DatabaseURL) throws -> String {
        try lock.withLock {
            if let templateName { return templateName }
            let name = "tpl_\(getpid())_\(UUID().uuidString.prefix(6).lowercased())"
            let admin = try DatabaseConnection(url: server)
            try admin.execute("CREATE DATABASE \(name)")
            do {
                let connection = try DatabaseConnection(url: server.with("dbname", name))
                try Migrator(logger: Logger(label: "test", level: .warning)).migrate(connection)
            }
            templateName = name
            return name
        }
    }

    public func admin() throws -> DatabaseConnection { try DatabaseConnection(url: adminURL) }
    public func app() throws -> DatabaseConnection { try DatabaseConnection(url: appURL) }

    public func appPool(size: Int = 4) -> ConnectionPool {
        ConnectionPool(url: appURL, configuration: .init(maximumConnections: size, acquireTimeout: 5), logger: Logger(label: "test", level: .warning))
    }

    /// Drops the database (connections to it are terminated first).
    public func drop() {
        guard let server = try? Self.environmentURL(), let admin = try? DatabaseConnection(url: server) else { return }
        _ = try? admin.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()", [name])
        _ = try? admin.execute("DROP DATABASE IF EXISTS \(name)")
    }

    deinit { drop() }
}

public struct TestEnvironmentError: Error, CustomStringConvertible {
    public let description: String
    public init(_ description: String) { self.description = description }
}
