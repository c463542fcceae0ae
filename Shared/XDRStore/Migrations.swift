/// One schema migration: numbered SQL embedded in the binary from `Shared/XDRStore/Migrations/`.
public struct Migration: Sendable {
    public let version: Int
    public let name: String
    public let sql: String

    public init(version: Int, name: String, sql: String) {
        self.version = version
        self.name = name
        self.sql = sql
    }

    init(_ version: Int, _ name: String, _ bytes: [UInt8]) {
        self.init(version: version, name: name, sql: String(decoding: bytes, as: UTF8.self))
    }
}

/// The project's migrations in order. A new file `NNNN_name.sql` in Migrations/ is added here too;
/// a test checks that the folder and this list agree.
public enum Migrations {
    public static let all: [Migration] = [
        Migration(1, "platform", PackageResources._001_platform_sql),
        Migration(2, "correlation", PackageResources._002_correlation_sql),
        Migration(3, "incident_api", PackageResources._003_incident_api_sql),
        Migration(4, "incident_read_paths", PackageResources._004_incident_read_paths_sql),
        Migration(5, "correlator_state_bytes", PackageResources._005_correlator_state_bytes_sql),
        Migration(6, "incident_entity_keys", PackageResources._006_incident_entity_keys_sql),
        Migration(7, "incident_entity_rows", PackageResources._007_incident_entity_rows_sql),
        Migration(8, "lz4_compression", PackageResources._008_lz4_compression_sql),
        Migration(9, "correlator_states", PackageResources._009_correlator_states_sql),
        Migration(10, "event_documents_as_json", PackageResources._010_event_documents_as_json_sql),
        Migration(11, "tenant_scope_once_per_statement", PackageResources._011_tenant_scope_once_per_statement_sql),
    ]

    public static var latestVersion: Int { all.last?.version ?? 0 }
}
