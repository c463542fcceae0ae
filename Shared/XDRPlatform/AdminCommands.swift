import Foundation
import XDRCore
import XDRCrypto
import XDRHTTP
import XDRStore

/// The `xdrctl` commands. They connect as the schema owner (`XDR_ADMIN_DATABASE_URL`), since
/// creating providers, tenants and keys is an operator's act, not a service's.
public struct AdminCommands {
    public let output: (String) -> Void
    public let environment: [String: String]

    public init(environment: [String: String] = ProcessInfo.processInfo.environment, output: @escaping (String) -> Void = { print($0) }) {
        self.environment = environment
        self.output = output
    }

    public static let usage = """
        usage: xdrctl COMMAND [options]
          migrate                                         apply database migrations
          provider create --name NAME                     create a provider (MSSP)
          tenant create --provider NAME --name NAME --slug SLUG
          tenant list
          tenant configure --tenant SLUG --correlation JSON   correlation settings (windows, hubs, userDomains, …)
          key create (--tenant SLUG | --provider NAME) --name NAME --scopes ingest,read,write,admin
          key list [--tenant SLUG]
          key revoke --id KEY_ID
          retention apply [--log-days N]                  delete events past each tenant's retention, drop old partitions,
                                                          prune the change log and finished webhook deliveries (default 30 days)
          demo-bootstrap --provider NAME --tenant NAME --slug SLUG --out FILE
          health [--url URL]                              GET a health URL, exit 0 on 2xx
        environment: XDR_ADMIN_DATABASE_URL (owner role; falls back to XDR_DATABASE_URL)
        """

    public struct UsageError: Error, CustomStringConvertible {
        public let description: String
        init(_ description: String) { self.description = description }
    }

    /// Runs one command line; returns the process exit code.
    public func run(_ arguments: [String]) -> Int32 {
        do {
            try dispatch(arguments)
            return 0
        } catch let error as UsageError {
            output("xdrctl: \(error.description)\n\n\(Self.usage)")
            return 64
        } catch {
            output("xdrctl: \(error)")
            return 1
        }
    }

    private func dispatch(_ arguments: [String]) throws {
        guard let command = arguments.first else { throw UsageError("missing command") }
        let rest = Array(arguments.dropFirst())
        switch command {
        case "migrate":
            let connection = try adminConnection()
            let applied = try Migrator(logger: Logger(label: "xdrctl", level: .warning)).migrate(connection)
            output(applied.isEmpty ? "schema is current (version \(Migrations.latestVersion))"
                                   : "applied migrations \(applied.map(String.init).joined(separator: ", ")); schema at version \(Migrations.latestVersion)")
        case "provider":
            guard rest.first == "create" else { throw UsageError("provider: expected create") }
            let options = try Options(Array(rest.dropFirst()))
            let id = try createProvider(name: try options.required("name"))
            output("provider \(id)")
        case "tenant":
            let options = try Options(Array(rest.dropFirst()))
            switch rest.first {
            case "create":
                let id = try createTenant(provider: try options.required("provider"), name: try options.required("name"), slug: try options.required("slug"))
                output("tenant \(id)")
            case "list":
                for row in try adminConnection().query("SELECT t.id, t.slug, t.name, p.name AS provider FROM tenants t JOIN providers p ON p.id = t.provider_id ORDER BY p.name, t.slug") {
                    output("\(try row.uuid("id"))\t\(try row.string("slug"))\t\(try row.string("name"))\t\(try row.string("provider"))")
                }
            case "configure":
                let slug = try options.required("tenant")
                let json = try options.required("correlation")
                let connection = try adminConnection()
                guard let tenantID = try connection.query("SELECT id FROM tenants WHERE slug = $1", [slug]).first?.uuid("id") else {
                    throw UsageError("--tenant: no tenant with slug \"\(slug)\"")
                }
                try setCorrelationConfig(tenant: tenantID, json: json, on: connection)
                output("correlation settings of \(slug) updated (the correlator applies them when it next loads the tenant)")
            default: throw UsageError("tenant: expected create, list or configure")
            }
        case "key":
            let options = try Options(Array(rest.dropFirst()))
            switch rest.first {
            case "create":
                let scopes = try Self.scopes(try options.required("scopes"))
                let created = try createKey(tenant: options["tenant"], provider: options["provider"], name: try options.required("name"), scopes: scopes)
                output("key id \(created.id)\nkey \(created.key)\n(store the key now: it is not shown again)")
            case "list":
                var sql = "SELECT k.id, k.name, k.prefix, k.scopes, k.revoked_at, k.last_used_at, t.slug FROM api_keys k LEFT JOIN tenants t ON t.id = k.tenant_id"
                var parameters: [any PostgresEncodable] = []
                if let tenant = options["tenant"] { sql += " WHERE t.slug = $1"; parameters.append(tenant) }
                for row in try adminConnection().query(sql + " ORDER BY k.created_at", parameters) {
                    let state = try row.text("revoked_at") == nil ? "active" : "revoked"
                    output("\(try row.uuid("id"))\txdr_\(try row.string("prefix"))_…\t\(try row.string("name"))\t\(try row.strings("scopes").joined(separator: ","))\t\(try row.text("slug") ?? "(operator)")\t\(state)")
                }
            case "revoke":
                guard let id = UUID(uuidString: try options.required("id")) else { throw UsageError("--id: not a key id (uuid)") }
                let count = try adminConnection().execute("UPDATE api_keys SET revoked_at = now() WHERE id = $1 AND revoked_at IS NULL", [id])
                output(count == 1 ? "revoked \(id)" : "no active key \(id)")
            default: throw UsageError("key: expected create, list or revoke")
            }
        case "retention":
            guard rest.first == "apply" else { throw UsageError("retention: expected apply") }
            let options = try Options(Array(rest.dropFirst()))
            var logDays = LogRetention.defaultDays
            if let text = options["log-days"] {
                guard let days = Int(text), days >= 1 else { throw UsageError("--log-days: expected a whole number of days ≥ 1, got \"\(text)\"") }
                logDays = days
            }
            let report = try EventRetention().apply(on: try adminConnection())
            output("deleted \(report.deletedRows) events past retention; dropped partitions: \(report.droppedPartitions.isEmpty ? "none" : report.droppedPartitions.joined(separator: ", "))")
            let logs = try LogRetention(days: logDays).apply(on: try adminConnection())
            output("pruned \(logs.changes) incident changes, \(logs.outbox) finished webhook deliveries (\(logs.deliveries) attempts) older than \(logDays) days")
        case "demo-bootstrap":
            let options = try Options(rest)
            try demoBootstrap(provider: try options.required("provider"), tenant: try options.required("tenant"),
                              slug: try options.required("slug"), out: try options.required("out"))
        case "health":
            let options = try Options(rest)
            let url = options["url"] ?? "http://127.0.0.1:\(ListenAddress(parsing: environment["XDR_LISTEN"] ?? "")?.port ?? 8080)/healthz"
            let response = try HTTPClient.send("GET", url: url, timeout: 3)
            guard (200..<300).contains(response.status) else { throw UsageError("health: \(url) answered \(response.status)") }
            output("ok")
        case "-h", "--help", "help":
            output(Self.usage)
        default:
            throw UsageError("unknown command \"\(command)\"")
        }
    }

    func adminConnection() throws -> DatabaseConnection {
        guard let text = environment["XDR_ADMIN_DATABASE_URL"] ?? environment["XDR_DATABASE_URL"], !text.isEmpty else {
            throw UsageError("XDR_ADMIN_DATABASE_URL is not set (the schema owner's postgresql:// URL)")
        }
        return try DatabaseConnection(url: try DatabaseURL(text))
    }

    public func createProvider(name: String) throws -> UUID {
        let id = UUID()
        try adminConnection().execute("INSERT INTO providers (id, name) VALUES ($1, $2)", [id, name])
        return id
    }

    public func createTenant(provider: String, name: String, slug: String) throws -> UUID {
        let connection = try adminConnection()
        guard let providerID = try connection.query("SELECT id FROM providers WHERE name = $1", [provider]).first?.uuid("id") else {
            throw UsageError("--provider: no provider named \"\(provider)\"")
        }
        let id = UUID()
        try connection.execute("INSERT INTO tenants (id, provider_id, name, slug) VALUES ($1, $2, $3, $4)", [id, providerID, name, slug])
        return id
    }

    public func createKey(tenant: String?, provider: String?, name: String, scopes: [Scope]) throws -> (id: UUID, key: String) {
        let connection = try adminConnection()
        let providerID: UUID
        var tenantID: UUID?
        if let tenant {
            guard let row = try connection.query("SELECT id, provider_id FROM tenants WHERE slug = $1", [tenant]).first else {
                throw UsageError("--tenant: no tenant with slug \"\(tenant)\"")
            }
            tenantID = try row.uuid("id")
            providerID = try row.uuid("provider_id")
        } else if let provider {
            guard let id = try connection.query("SELECT id FROM providers WHERE name = $1", [provider]).first?.uuid("id") else {
                throw UsageError("--provider: no provider named \"\(provider)\"")
            }
            providerID = id
        } else {
            throw UsageError("key create needs --tenant SLUG (tenant key) or --provider NAME (operator key)")
        }
        let generated = try APIKeyFormat.generate()
        let id = UUID()
        try connection.execute("""
            INSERT INTO api_keys (id, provider_id, tenant_id, name, prefix, key_hash, scopes) VALUES ($1, $2, $3, $4, $5, $6, $7)
            """, [id, providerID, tenantID, name, generated.prefix, ByteA(APIKeyFormat.hash(generated.key)), scopes.map(\.rawValue)])
        return (id, generated.key)
    }

    /// Stores a tenant's correlation settings (partial engine configuration JSON), validated as JSON.
    func setCorrelationConfig(tenant: UUID, json: String, on connection: DatabaseConnection) throws {
        do {
            try connection.execute("""
                INSERT INTO tenant_correlation_config (tenant_id, config) VALUES ($1, $2::jsonb)
                ON CONFLICT (tenant_id) DO UPDATE SET config = EXCLUDED.config
                """, [tenant, json])
        } catch {
            guard error.sqlState == "22P02" else { throw error }
            throw UsageError("--correlation: not valid JSON (\(error.message))")
        }
    }

    static func scopes(_ text: String) throws -> [Scope] {
        try text.split(separator: ",").map { part in
            guard let scope = Scope(rawValue: part.trimmingCharacters(in: .whitespaces)) else {
                throw UsageError("--scopes: unknown scope \"\(part)\" (use ingest, read, write, admin)")
            }
            return scope
        }
    }

    /// Creates (or reuses) the demo provider and tenant, mints fresh keys and writes them as shell
    /// variables to `out`.
    func demoBootstrap(provider: String, tenant: String, slug: String, out: String) throws {
        let connection = try adminConnection()
        if try connection.query("SELECT 1 FROM providers WHERE name = $1", [provider]).isEmpty { _ = try createProvider(name: provider) }
        if try connection.query("SELECT 1 FROM tenants WHERE slug = $1", [slug]).isEmpty { _ = try createTenant(provider: provider, name: tenant, slug: slug) }
        let tenantID = try connection.query("SELECT id FROM tenants WHERE slug = $1", [slug]).first!.uuid("id")
        // The demo company's Windows domain CORP is corp.example in mail and cloud logs; its
        // resolver and domain controller serve every host.
        try setCorrelationConfig(tenant: tenantID, json: """
            {"userDomains": {"corp": "corp.example"}, "hubs": {"dnsResolvers": ["10.0.0.53"], "domainControllers": ["dc01"]}}
            """, on: connection)
        let ingest = try createKey(tenant: slug, provider: nil, name: "demo ingest", scopes: [.ingest])
        let analyst = try createKey(tenant: slug, provider: nil, name: "demo analyst", scopes: [.read, .write])
        let operatorKey = try createKey(tenant: nil, provider: provider, name: "demo operator", scopes: [.read, .write, .admin])
        let text = """
            XDR_DEMO_TENANT_ID=\(tenantID.uuidString.lowercased())
            XDR_DEMO_INGEST_KEY=\(ingest.key)
            XDR_DEMO_ANALYST_KEY=\(analyst.key)
            XDR_DEMO_OPERATOR_KEY=\(operatorKey.key)

            """
        try text.write(toFile: out, atomically: true, encoding: .utf8)
        output("demo keys written to \(out)")
    }
}

/// `--name value` options.
struct Options {
    private var values: [String: String] = [:]

    init(_ arguments: [String]) throws {
        var index = 0
        while index < arguments.count {
            let argument = arguments[index]
            guard argument.hasPrefix("--"), index + 1 < arguments.count else {
                throw AdminCommands.UsageError("unexpected argument \"\(argument)\"")
            }
            values[String(argument.dropFirst(2))] = arguments[index + 1]
            index += 2
        }
    }

    subscript(name: String) -> String? { values[name] }

    func required(_ name: String) throws -> String {
        guard let value = values[name], !value.isEmpty else { throw AdminCommands.UsageError("missing --\(name)") }
        return value
    }
}
