import Foundation
import XDRPlatform
import XDRStore

/// Providers, tenants and API keys in a test database, created through the same commands
/// `xdrctl` runs, so tests exercise the operator's path and not a shortcut.
public struct TestTenancy {
    /// The `xdrctl` commands bound to the database's owner URL; their output is collected in `printed`.
    public let commands: AdminCommands
    private let sink: OutputSink

    public init(_ database: TestDatabase) {
        self.init(adminURL: database.adminURL)
    }

    /// Tenancy in any database, given its owner's URL (a `TestServer`'s, for instance).
    public init(adminURL: DatabaseURL) {
        let sink = OutputSink()
        self.sink = sink
        commands = AdminCommands(environment: ["XDR_ADMIN_DATABASE_URL": adminURL.connectionString], output: { sink.append($0) })
    }

    /// Creates (once) the provider and then a tenant with `slug` under it; returns the tenant id.
    public func tenant(_ slug: String, provider: String = "Provider One") throws -> UUID {
        if (try? commands.createProvider(name: provider)) == nil {
            // Already there: the unique name makes a second insert fail, which is what we want here.
        }
        return try commands.createTenant(provider: provider, name: "Tenant \(slug)", slug: slug)
    }

    /// A new key of the tenant `slug` (or an operator key of `provider`) with `scopes`.
    public func key(tenant slug: String? = nil, provider: String? = nil, scopes: [Scope]) throws -> (id: UUID, key: String) {
        try commands.createKey(tenant: slug, provider: provider, name: "test key", scopes: scopes)
    }

    /// Runs one `xdrctl` command line; returns its exit code and what it printed.
    public func run(_ arguments: [String]) -> (status: Int32, output: String) {
        sink.clear()
        let status = commands.run(arguments)
        return (status, sink.text)
    }

    public var printed: String { sink.text }
}

/// Collects command output from any thread.
final class OutputSink: @unchecked Sendable {
    private let lock = NSLock()
    private var lines: [String] = []
    func append(_ line: String) { lock.withLock { lines.append(line) } }
    func clear() { lock.withLock { lines.removeAll() } }
    var text: String { lock.withLock { lines.joined(separator: "\n") } }
}
