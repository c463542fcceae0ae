/// A database failure with its SQLSTATE, safe to log and to show: messages come from the server's
/// primary error text, never from the connection string, and parameters are never echoed.
public struct DatabaseError: Error, Sendable, CustomStringConvertible, CustomDebugStringConvertible {
    public enum Kind: String, Sendable {
        case connection      // could not connect, or the connection broke
        case query           // the server rejected a statement
        case decoding        // a column could not be decoded into the wanted type
        case configuration   // a bad database URL
        case poolTimeout     // no connection became free in time
    }

    public var kind: Kind
    /// The five-character SQLSTATE when the server sent one (`23505` unique violation, `42601` syntax).
    public var sqlState: String?
    public var message: String
    public var detail: String?

    public init(_ kind: Kind, sqlState: String? = nil, message: String, detail: String? = nil) {
        self.kind = kind
        self.sqlState = sqlState
        self.message = message
        self.detail = detail
    }

    public var isUniqueViolation: Bool { sqlState == "23505" }
    /// Errors after which the connection should be discarded and the work retried elsewhere.
    public var isConnectionFailure: Bool {
        kind == .connection || sqlState.map { $0.hasPrefix("08") || $0 == "57P01" || $0 == "57P02" || $0 == "57P03" } ?? false
    }
    /// Serialization failures and deadlocks: the transaction can be retried as a whole.
    public var isRetryableTransactionFailure: Bool { sqlState == "40001" || sqlState == "40P01" }

    public var description: String {
        if let sqlState { return "database \(kind.rawValue) error \(sqlState): \(message)" }
        return "database \(kind.rawValue) error: \(message)"
    }

    public var debugDescription: String {
        description + (detail.map { " (\($0))" } ?? "")
    }
}
