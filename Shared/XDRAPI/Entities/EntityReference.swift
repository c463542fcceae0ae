import XDRHTTP
import XDRModel

/// An entity named by a client as `type:value` (or as separate path segments), validated against
/// the entity types events carry.
struct EntityReference {
    var type: String
    var value: String

    var key: String { "\(type):\(value)" }

    static var acceptedTypes: [String] { EntityType.allCases.map(\.rawValue) }

    /// Parses `type:value`; the value may itself contain colons (IPv6, URLs).
    static func parse(_ text: String, parameter: String) throws -> EntityReference {
        guard let colon = text.firstIndex(of: ":") else {
            throw QueryReader.invalid(parameter, "must be type:value such as host:ws-alice; types: \(acceptedTypes.joined(separator: ", "))")
        }
        return try make(type: String(text[..<colon]), value: String(text[text.index(after: colon)...]), parameter: parameter)
    }

    static func make(type: String, value: String, parameter: String) throws -> EntityReference {
        let type = type.lowercased()
        guard EntityType(rawValue: type) != nil else {
            throw QueryReader.invalid(parameter, "unknown entity type \"\(type.prefix(40))\"; use one of \(acceptedTypes.joined(separator: ", "))")
        }
        guard !value.isEmpty else { throw QueryReader.invalid(parameter, "the entity value is empty") }
        return EntityReference(type: type, value: normalized(type: type, value: value))
    }

    /// The value as ingestion stores it (`WS-Alice.corp.example` → `ws-alice`), so analysts can
    /// paste what they see in a source record; values the normaliser does not know stay as given.
    static func normalized(type: String, value: String) -> String {
        switch EntityType(rawValue: type) {
        case .host: EntityNormalizer.host(value)?.short ?? value
        case .ip: EntityNormalizer.ip(value) ?? value
        case .email: EntityNormalizer.email(value) ?? value
        case .domain: EntityNormalizer.domain(value) ?? value
        case .hash: EntityNormalizer.hash(value)?.value ?? value
        default: value
        }
    }
}
