import Foundation

/// One result row, copied out of a `PGresult` (which never escapes the connection): column names,
/// type OIDs and text values.
public struct Row: Sendable {
    public let columns: RowColumns
    public let values: [String?]

    public init(columns: RowColumns, values: [String?]) {
        self.columns = columns
        self.values = values
    }

    /// The raw text of a column, nil for NULL. Throws if there is no such column.
    public func text(_ name: String) throws(DatabaseError) -> String? {
        guard let index = columns.index[name] else {
            throw DatabaseError(.decoding, message: "no column \"\(name)\" in the result (have: \(columns.names.joined(separator: ", ")))")
        }
        return values[index]
    }

    public func decode<T: PostgresDecodable>(_ type: T.Type, _ name: String) throws(DatabaseError) -> T {
        guard let text = try text(name) else {
            throw DatabaseError(.decoding, message: "column \"\(name)\" is NULL, wanted \(T.self)")
        }
        guard let value = T(postgresText: text) else {
            throw DatabaseError(.decoding, message: "column \"\(name)\" is not a valid \(T.self): \"\(text.prefix(40))\"")
        }
        return value
    }

    public func decode<T: PostgresDecodable>(_ type: T?.Type, _ name: String) throws(DatabaseError) -> T? {
        guard let text = try text(name) else { return nil }
        guard let value = T(postgresText: text) else {
            throw DatabaseError(.decoding, message: "column \"\(name)\" is not a valid \(T.self): \"\(text.prefix(40))\"")
        }
        return value
    }

    public func string(_ name: String) throws(DatabaseError) -> String { try decode(String.self, name) }
    public func optionalString(_ name: String) throws(DatabaseError) -> String? { try text(name) }
    public func int(_ name: String) throws(DatabaseError) -> Int { try decode(Int.self, name) }
    public func int64(_ name: String) throws(DatabaseError) -> Int64 { try decode(Int64.self, name) }
    public func bool(_ name: String) throws(DatabaseError) -> Bool { try decode(Bool.self, name) }
    public func uuid(_ name: String) throws(DatabaseError) -> UUID { try decode(UUID.self, name) }
    public func micros(_ name: String) throws(DatabaseError) -> Int64 { try decode(Micros.self, name).value }
    public func strings(_ name: String) throws(DatabaseError) -> [String] {
        guard let text = try text(name) else { return [] }
        guard let items = PostgresArrayText.parse(text) else {
            throw DatabaseError(.decoding, message: "column \"\(name)\" is not an array: \"\(text.prefix(40))\"")
        }
        return items.compactMap { $0 }
    }
}

/// Column names and type OIDs shared by every row of one result.
public final class RowColumns: Sendable {
    public let names: [String]
    public let types: [UInt32]
    let index: [String: Int]

    public init(names: [String], types: [UInt32]) {
        self.names = names
        self.types = types
        var index: [String: Int] = [:]
        for (position, name) in names.enumerated() where index[name] == nil { index[name] = position }
        self.index = index
    }
}

/// A type that can be decoded from PostgreSQL's text output.
public protocol PostgresDecodable {
    init?(postgresText: String)
}

extension String: PostgresDecodable { public init?(postgresText: String) { self = postgresText } }
extension Int: PostgresDecodable { public init?(postgresText: String) { self.init(postgresText) } }
extension Int64: PostgresDecodable { public init?(postgresText: String) { self.init(postgresText) } }
extension Int32: PostgresDecodable { public init?(postgresText: String) { self.init(postgresText) } }
extension Double: PostgresDecodable { public init?(postgresText: String) { self.init(postgresText) } }
extension Bool: PostgresDecodable {
    public init?(postgresText: String) {
        switch postgresText {
        case "t", "true": self = true
        case "f", "false": self = false
        default: return nil
        }
    }
}
extension UUID: PostgresDecodable { public init?(postgresText: String) { self.init(uuidString: postgresText) } }
extension Micros: PostgresDecodable {
    public init?(postgresText: String) {
        guard let value = PostgresTimestamp.parse(postgresText) else { return nil }
        self.init(value)
    }
}
extension Date: PostgresDecodable {
    public init?(postgresText: String) {
        guard let micros = PostgresTimestamp.parse(postgresText) else { return nil }
        self.init(timeIntervalSince1970: Double(micros) / 1_000_000)
    }
}
extension ByteA: PostgresDecodable {
    public init?(postgresText: String) {
        guard let bytes = PostgresArrayText.unhex(postgresText) else { return nil }
        self.init(bytes)
    }
}
