import Foundation
import XDRStore

/// A tenant's engine settings from `tenant_correlation_config`: a partial `EngineConfiguration`
/// (keys it leaves out keep their defaults) and extra rules beside the built-in ones.
public enum TenantCorrelationSettings {
    /// Loads and validates the settings; a tenant without a row gets the defaults and the built-in
    /// rules. Errors name the tenant and the column.
    public static func load(tenant: UUID, on connection: DatabaseConnection) throws -> (EngineConfiguration, RuleSet) {
        let rows = try connection.query(
            "SELECT config::text AS config, rules::text AS rules FROM tenant_correlation_config WHERE tenant_id = $1", [tenant])
        var configuration = EngineConfiguration()
        var extra: [RuleDefinition] = []
        if let row = rows.first {
            if let text = try row.text("config") {
                do {
                    configuration = try JSONDecoder().decode(EngineConfiguration.self, from: Data(text.utf8))
                } catch {
                    throw SettingsError(tenant: tenant, column: "config", reason: "\(error)")
                }
            }
            if let text = try row.text("rules") {
                do {
                    extra = try RuleDecoder.decode(text: text, source: "tenant_correlation_config.rules")
                } catch {
                    throw SettingsError(tenant: tenant, column: "rules", reason: error.description)
                }
            }
        }
        do {
            return (configuration, try RuleSet.builtIn(adding: extra))
        } catch {
            throw SettingsError(tenant: tenant, column: "rules", reason: error.description)
        }
    }

    public struct SettingsError: Error, Sendable, CustomStringConvertible {
        public var tenant: UUID
        public var column: String
        public var reason: String
        public var description: String {
            "tenant_correlation_config of tenant \(tenant.uuidString.lowercased()): \(column): \(reason)"
        }
    }
}
