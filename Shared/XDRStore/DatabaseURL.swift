import Foundation

/// A `postgresql://user:password@host:port/dbname?sslmode=…` URL split into libpq keywords, so the
/// connection is made with `PQconnectdbParams` and no conninfo string is ever assembled by hand.
public struct DatabaseURL: Sendable, CustomStringConvertible {
    public private(set) var parameters: [(String, String)]

    public init(_ text: String) throws(DatabaseError) {
        guard let components = URLComponents(string: text),
              let scheme = components.scheme, scheme == "postgresql" || scheme == "postgres" else {
            throw DatabaseError(.configuration, message: "database URL must look like postgresql://user@host:port/dbname")
        }
        var parameters: [(String, String)] = []
        if let host = components.host, !host.isEmpty { parameters.append(("host", host)) }
        if let port = components.port { parameters.append(("port", String(port))) }
        if let user = components.user, !user.isEmpty { parameters.append(("user", user.removingPercentEncoding ?? user)) }
        if let password = components.password { parameters.append(("password", password.removingPercentEncoding ?? password)) }
        let path = components.path.hasPrefix("/") ? String(components.path.dropFirst()) : components.path
        if !path.isEmpty { parameters.append(("dbname", path.removingPercentEncoding ?? path)) }
        let allowed: Set<String> = ["sslmode", "connect_timeout", "application_name", "host", "sslrootcert",
                                    "sslcert", "sslkey", "target_session_attrs", "options", "keepalives", "keepalives_idle"]
        for item in components.queryItems ?? [] {
            guard allowed.contains(item.name) else {
                throw DatabaseError(.configuration, message: "database URL parameter \"\(item.name)\" is not supported")
            }
            parameters.append((item.name, item.value ?? ""))
        }
        if !parameters.contains(where: { $0.0 == "connect_timeout" }) { parameters.append(("connect_timeout", "5")) }
        self.parameters = parameters
    }

    public func with(_ keyword: String, _ value: String) -> DatabaseURL {
        var copy = self
        copy.parameters.removeAll { $0.0 == keyword }
        copy.parameters.append((keyword, value))
        return copy
    }

    public func value(_ keyword: String) -> String? { parameters.last { $0.0 == keyword }?.1 }

    /// The full URL, password and parameters included, for handing to another process or command
    /// (environment variables); never log it — `description` is the form for logs.
    public var connectionString: String {
        var components = URLComponents()
        components.scheme = "postgresql"
        components.user = value("user")
        components.password = value("password")
        components.host = value("host")
        components.port = value("port").flatMap { Int($0) }
        components.path = "/" + (value("dbname") ?? "")
        let reserved: Set<String> = ["user", "password", "host", "port", "dbname"]
        let items = parameters.filter { !reserved.contains($0.0) }.map { URLQueryItem(name: $0.0, value: $0.1) }
        components.queryItems = items.isEmpty ? nil : items
        return components.string ?? description
    }

    /// The URL without its password, for logs.
    public var description: String {
        let user = value("user").map { "\($0)@" } ?? ""
        let host = value("host") ?? "localhost"
        let port = value("port").map { ":\($0)" } ?? ""
        return "postgresql://\(user)\(host)\(port)/\(value("dbname") ?? "")"
    }
}
