import XDRJSON
import XDRModel
import XDRStore

/// Timestamps as the API writes them (RFC 3339 UTC with microseconds) and reads them.
enum APITime {
    static func parse(_ text: String) -> Int64? { EventTime.iso8601(text) }

    static func format(_ micros: Int64) -> String { EventTime.format(micros) }

    /// A `timestamptz` column as RFC 3339 text, or JSON null.
    static func json(_ row: Row, _ column: String) throws -> JSONValue {
        guard let text = try row.text(column), let micros = PostgresTimestamp.parse(text) else { return .null }
        return .string(format(micros))
    }
}
