import XDRJSON
import XDRStore

/// Column-to-JSON conversions shared by the handlers: the database prints text, the API answers
/// typed JSON.
extension Row {
    func jsonText(_ column: String) throws -> JSONValue {
        try text(column).map { .string($0) } ?? .null
    }

    func jsonInt(_ column: String) throws -> JSONValue {
        guard let text = try text(column), let value = Int64(text) else { return .null }
        return .int(value)
    }

    func jsonStrings(_ column: String) throws -> JSONValue {
        guard try text(column) != nil else { return .null }
        return .strings(try strings(column))
    }

    /// A `json`/`jsonb` column parsed into a value; null when NULL.
    func jsonDocument(_ column: String) throws -> JSONValue {
        guard let text = try text(column) else { return .null }
        return (try? JSONParser.parse(text)) ?? .null
    }

    func jsonTime(_ column: String) throws -> JSONValue { try APITime.json(self, column) }
}

extension JSONValue {
    /// A UUID as the API prints it (lower case).
    static func id(_ value: String) -> JSONValue { .string(value.lowercased()) }
}
