import Foundation
import XDRHTTP

/// Reads an operation's query parameters, refusing names it does not know and values it cannot
/// parse with a 400 that names the parameter and what it accepts.
struct QueryReader {
    private let values: [String: String]

    /// - Throws: 400 naming the unknown parameters, or a parameter given twice.
    init(_ request: HTTPRequest, allowed: [APIParameter]) throws {
        let known = Set(allowed.map(\.name))
        var values: [String: String] = [:]
        var unknown: [String] = []
        for (name, value) in request.query {
            guard known.contains(name) else { unknown.append(name); continue }
            if values[name] != nil { throw HTTPError.badRequest("query parameter \(name) is given more than once") }
            values[name] = value
        }
        if !unknown.isEmpty {
            throw HTTPError(400, detail: "unknown query parameter(s): \(unknown.joined(separator: ", ")); accepted: \(allowed.map(\.name).joined(separator: ", "))",
                            extra: ["parameters": .strings(unknown)])
        }
        self.values = values
    }

    /// The non-empty text of `name`, or nil.
    func text(_ name: String) -> String? {
        guard let value = values[name]?.trimmingCharacters(in: .whitespaces), !value.isEmpty else { return nil }
        return value
    }

    /// A comma-separated list whose items must each be one of `accepted`.
    func list(_ name: String, accepted: [String]) throws -> [String] {
        guard let text = text(name) else { return [] }
        let items = text.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
        for item in items where !accepted.contains(item) {
            throw Self.invalid(name, "\"\(item)\" is not accepted; use one or more of \(accepted.joined(separator: ", "))")
        }
        return items
    }

    /// One of `accepted`, or `fallback` when absent.
    func choice(_ name: String, accepted: [String], fallback: String) throws -> String {
        guard let text = text(name) else { return fallback }
        guard accepted.contains(text.lowercased()) else {
            throw Self.invalid(name, "\"\(text)\" is not accepted; use one of \(accepted.joined(separator: ", "))")
        }
        return text.lowercased()
    }

    /// The page size: 1…maximum, `fallback` when absent.
    func limit(fallback: Int = 50, maximum: Int = 200) throws -> Int {
        guard let text = text("limit") else { return fallback }
        guard let value = Int(text), value >= 1, value <= maximum else {
            throw Self.invalid("limit", "must be an integer from 1 to \(maximum), got \"\(text)\"")
        }
        return value
    }

    /// An RFC 3339 timestamp as microseconds since the epoch.
    func time(_ name: String) throws -> Int64? {
        guard let text = text(name) else { return nil }
        guard let micros = APITime.parse(text) else {
            throw Self.invalid(name, "must be an RFC 3339 timestamp such as 2026-11-22T08:00:00Z, got \"\(text.prefix(60))\"")
        }
        return micros
    }

    /// A UUID.
    func uuid(_ name: String) throws -> UUID? {
        guard let text = text(name) else { return nil }
        guard let id = UUID(uuidString: text) else { throw Self.invalid(name, "must be a UUID, got \"\(text.prefix(60))\"") }
        return id
    }

    /// A 400 problem naming the parameter; `parameter` is also an extension member for clients.
    static func invalid(_ name: String, _ reason: String) -> HTTPError {
        HTTPError(400, title: "Invalid query parameter", detail: "\(name): \(reason)", extra: ["parameter": .string(name)])
    }
}
