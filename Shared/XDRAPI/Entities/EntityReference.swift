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
        return EntityReference(type: type, value: value)
    }
}
