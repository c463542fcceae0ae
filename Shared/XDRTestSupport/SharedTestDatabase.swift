import Foundation

/// One migrated database shared by every test of the process that can keep to tenants and
/// providers of its own (unique slugs and names): `CREATE DATABASE` is serialised and slow, and
/// a queue of them holds up every other suite that needs a database meanwhile.
public enum SharedTestDatabase {
    private static let shared = Result { try TestDatabase("shared") }

    public static func get() throws -> TestDatabase { try shared.get() }

    /// A name no other test uses (`prefix-1a2b3c4d`), for slugs and provider names.
    public static func unique(_ prefix: String) -> String {
        "\(prefix.prefix(40))-\(UUID().uuidString.prefix(8).lowercased())"
    }
}
