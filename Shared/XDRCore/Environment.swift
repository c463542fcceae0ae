import Foundation

/// Reads configuration from environment variables, collecting every problem with the variable's name.
///
/// Services build their `Configuration` values through this reader and refuse to start if `errors`
/// is not empty, printing each message (`XDR_LISTEN: expected host:port, got "8080x"`).
public struct EnvironmentReader: Sendable {
    public let values: [String: String]
    public private(set) var errors: [String] = []

    public init(_ values: [String: String] = ProcessInfo.processInfo.environment) {
        self.values = values
    }

    public func string(_ name: String) -> String? {
        guard let value = values[name], !value.isEmpty else { return nil }
        return value
    }

    public mutating func string(_ name: String, default fallback: String) -> String {
        string(name) ?? fallback
    }

    public mutating func required(_ name: String, hint: String) -> String {
        if let value = string(name) { return value }
        errors.append("\(name): required (\(hint))")
        return ""
    }

    public mutating func int(_ name: String, default fallback: Int, range: ClosedRange<Int>) -> Int {
        guard let text = string(name) else { return fallback }
        guard let value = Int(text), range.contains(value) else {
            errors.append("\(name): expected a whole number in \(range.lowerBound)...\(range.upperBound), got \"\(text)\"")
            return fallback
        }
        return value
    }

    public mutating func seconds(_ name: String, default fallback: Double, range: ClosedRange<Double>) -> Double {
        guard let text = string(name) else { return fallback }
        guard let value = Double(text), range.contains(value) else {
            errors.append("\(name): expected seconds in \(range.lowerBound)...\(range.upperBound), got \"\(text)\"")
            return fallback
        }
        return value
    }

    public mutating func bool(_ name: String, default fallback: Bool) -> Bool {
        guard let text = string(name) else { return fallback }
        switch text.lowercased() {
        case "1", "true", "yes", "on": return true
        case "0", "false", "no", "off": return false
        default:
            errors.append("\(name): expected true or false, got \"\(text)\"")
            return fallback
        }
    }

    public mutating func logLevel(_ name: String = "XDR_LOG_LEVEL") -> Logger.Level {
        guard let text = string(name) else { return .info }
        guard let level = Logger.Level(name: text) else {
            errors.append("\(name): expected debug, info, notice, warning or error, got \"\(text)\"")
            return .info
        }
        return level
    }

    /// `host:port`, `:port` or a bare port.
    public mutating func listenAddress(_ name: String, defaultPort: Int) -> ListenAddress {
        guard let text = string(name) else { return ListenAddress(host: "0.0.0.0", port: defaultPort) }
        if let address = ListenAddress(parsing: text) { return address }
        errors.append("\(name): expected host:port (for example 0.0.0.0:\(defaultPort)), got \"\(text)\"")
        return ListenAddress(host: "0.0.0.0", port: defaultPort)
    }

    public mutating func fail(_ message: String) { errors.append(message) }
}

public struct ListenAddress: Sendable, Hashable, CustomStringConvertible {
    public var host: String
    public var port: Int

    public init(host: String, port: Int) {
        self.host = host
        self.port = port
    }

    public init?(parsing text: String) {
        let parts: (String, Substring)
        if let colon = text.lastIndex(of: ":") {
            parts = (String(text[..<colon]), text[text.index(after: colon)...])
        } else {
            parts = ("", Substring(text))
        }
        guard let port = Int(parts.1), (0...65535).contains(port) else { return nil }
        var host = parts.0
        if host.hasPrefix("[") && host.hasSuffix("]") { host = String(host.dropFirst().dropLast()) }
        self.host = host.isEmpty ? "0.0.0.0" : host
        self.port = port
    }

    public var description: String { host.contains(":") ? "[\(host)]:\(port)" : "\(host):\(port)" }
}

/// Thrown when configuration is invalid; `description` lists every problem.
public struct ConfigurationError: Error, CustomStringConvertible {
    public let problems: [String]
    public init(problems: [String]) { self.problems = problems }
    public var description: String { "invalid configuration:\n  " + problems.joined(separator: "\n  ") }
}
