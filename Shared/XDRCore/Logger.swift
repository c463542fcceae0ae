import Foundation

/// A structured logger that writes one JSON object per line to standard output, message first.
///
/// Libraries take a `Logger` and never create one; services build the root logger in `main`.
/// Metadata keys use dots (`tenant.id`, `event.format`).
public struct Logger: Sendable {
    public enum Level: Int, Sendable, Comparable, CustomStringConvertible {
        case debug = 0, info, notice, warning, error

        public static func < (a: Level, b: Level) -> Bool { a.rawValue < b.rawValue }

        public var description: String {
            switch self {
            case .debug: "debug"
            case .info: "info"
            case .notice: "notice"
            case .warning: "warning"
            case .error: "error"
            }
        }

        public init?(name: String) {
            switch name.lowercased() {
            case "debug": self = .debug
            case "info": self = .info
            case "notice": self = .notice
            case "warning", "warn": self = .warning
            case "error": self = .error
            default: return nil
            }
        }
    }

    public let label: String
    public var level: Level
    public var metadata: [String: String]
    private let sink: LogSink

    public init(label: String, level: Level = .info, sink: LogSink = .standardOutput) {
        self.label = label
        self.level = level
        self.metadata = [:]
        self.sink = sink
    }

    /// A copy of this logger with extra metadata on every line.
    public func with(_ extra: [String: String]) -> Logger {
        var copy = self
        copy.metadata.merge(extra) { _, new in new }
        return copy
    }

    public func debug(_ message: @autoclosure () -> String, _ extra: [String: String] = [:]) { log(.debug, message(), extra) }
    public func info(_ message: @autoclosure () -> String, _ extra: [String: String] = [:]) { log(.info, message(), extra) }
    public func notice(_ message: @autoclosure () -> String, _ extra: [String: String] = [:]) { log(.notice, message(), extra) }
    public func warning(_ message: @autoclosure () -> String, _ extra: [String: String] = [:]) { log(.warning, message(), extra) }
    public func error(_ message: @autoclosure () -> String, _ extra: [String: String] = [:]) { log(.error, message(), extra) }

    public func log(_ level: Level, _ message: @autoclosure () -> String, _ extra: [String: String] = [:]) {
        guard level >= self.level else { return }
        var line = "{\"msg\":"
        Logger.appendQuoted(message(), to: &line)
        line += ",\"level\":\"\(level)\",\"ts\":\""
        line += Logger.timestamp(Date())
        line += "\",\"logger\":"
        Logger.appendQuoted(label, to: &line)
        let merged = extra.isEmpty ? metadata : metadata.merging(extra) { _, new in new }
        for key in merged.keys.sorted() {
            line += ","
            Logger.appendQuoted(key, to: &line)
            line += ":"
            Logger.appendQuoted(merged[key]!, to: &line)
        }
        line += "}\n"
        sink.write(line)
    }

    static func timestamp(_ date: Date) -> String {
        date.formatted(.iso8601.year().month().day().time(includingFractionalSeconds: true).timeZone(separator: .omitted))
    }

    static func appendQuoted(_ text: String, to out: inout String) {
        out.append("\"")
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out.append("\\\"")
            case "\\": out.append("\\\\")
            case "\n": out.append("\\n")
            case "\r": out.append("\\r")
            case "\t": out.append("\\t")
            case _ where scalar.value < 0x20:
                out.append(String(format: "\\u%04x", scalar.value))
            default: out.unicodeScalars.append(scalar)
            }
        }
        out.append("\"")
    }
}

/// Where log lines go: standard output for services, a buffer for tests.
public final class LogSink: @unchecked Sendable {
    private let lock = NSLock()
    private let handle: FileHandle?
    private var captured: [String] = []

    private init(handle: FileHandle?) { self.handle = handle }

    public static let standardOutput = LogSink(handle: .standardOutput)
    public static let standardError = LogSink(handle: .standardError)
    /// A sink that keeps lines in memory, for tests.
    public static func memory() -> LogSink { LogSink(handle: nil) }

    func write(_ line: String) {
        lock.lock()
        defer { lock.unlock() }
        if let handle {
            handle.write(Data(line.utf8))
        } else {
            captured.append(line)
        }
    }

    /// Lines captured by a memory sink.
    public var lines: [String] {
        lock.lock()
        defer { lock.unlock() }
        return captured
    }
}
