import XDRStore

/// Collects `WHERE` conditions and their bind parameters; values only ever travel as `$n` binds.
struct SQLBuilder {
    private(set) var conditions: [String] = []
    private(set) var parameters: [any PostgresEncodable] = []

    /// Adds `value` as the next parameter and returns its placeholder (`$3`).
    mutating func bind(_ value: any PostgresEncodable) -> String {
        parameters.append(value)
        return "$\(parameters.count)"
    }

    mutating func require(_ condition: String) { conditions.append(condition) }

    var whereClause: String { conditions.isEmpty ? "" : "WHERE " + conditions.joined(separator: " AND ") }
}
