import Foundation
import XDRCore
import XDRPlatform
import XDRStore

/// A fresh, migrated database on the benchmark server, with one tenant and an ingest key.
struct BenchDatabase {
    let name: String
    let adminURL: DatabaseURL
    let appURL: DatabaseURL
    var tenant = UUID()
    var key = ""

    /// Creates `name` (dropping an older one) and migrates it; `withTenant` adds a tenant and key.
    init(server: DatabaseURL, appUser: String, name: String, withTenant: Bool) throws {
        self.name = name
        let admin = try DatabaseConnection(url: server)
        try admin.execute("DROP DATABASE IF EXISTS \(name)")
        try admin.execute("CREATE DATABASE \(name)")
        adminURL = server.with("dbname", name)
        appURL = adminURL.with("user", appUser)
        try Migrator(logger: Logger(label: "bench", level: .warning)).migrate(DatabaseConnection(url: adminURL))
        if withTenant {
            let commands = AdminCommands(environment: ["XDR_ADMIN_DATABASE_URL": adminURL.connectionString], output: { _ in })
            _ = try commands.createProvider(name: "Bench MSSP")
            tenant = try commands.createTenant(provider: "Bench MSSP", name: "Bench", slug: "bench")
            key = try commands.createKey(tenant: "bench", provider: nil, name: "bench", scopes: [.ingest]).key
        }
    }

    func count() throws -> Int {
        try DatabaseConnection(url: adminURL).query("SELECT count(*) FROM events").first!.int("count")
    }

    func drop(server: DatabaseURL) { Self.drop(name: name, server: server) }

    /// Drops database `name` on `server`, ending its sessions first.
    static func drop(name: String, server: DatabaseURL) {
        guard let admin = try? DatabaseConnection(url: server) else { return }
        _ = try? admin.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()", [name])
        _ = try? admin.execute("DROP DATABASE IF EXISTS \(name)")
    }
}
