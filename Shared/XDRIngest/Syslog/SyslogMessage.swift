import XDRModel

/// Why a line could not be read as a syslog message.
public struct SyslogParseError: Error, Sendable, Equatable, CustomStringConvertible {
    public var reason: String
    public init(_ reason: String) { self.reason = reason }
    public var description: String { reason }
}

/// A syslog message with its header parsed: RFC 5424 (`<134>1 2026-11-22T10:00:00.000Z host app
/// 42 ID47 [sd] msg`) or RFC 3164/BSD (`<134>Nov 22 10:00:00 host app[42]: msg`, also without the
/// `<PRI>` as files on disk hold it).
///
/// RFC 3164 timestamps carry no year and no zone: the year is taken from the time the message was
/// received (see `EventTime.syslog`) and the time is read as UTC.
public struct SyslogMessage: Sendable, Equatable {
    public enum Format: String, Sendable { case rfc5424, rfc3164 }

    public var format: Format
    /// The PRI value (facility × 8 + severity), nil when the line had none.
    public var priority: Int?
    /// Microseconds since the epoch, nil when the header had no (or a nil) timestamp.
    public var timestamp: Int64?
    public var hostname: String?
    public var appName: String?
    public var processID: String?
    /// RFC 5424 MSGID.
    public var messageID: String?
    /// RFC 5424 STRUCTURED-DATA exactly as written (`[id k="v"]…`), nil for `-`.
    public var structuredData: String?
    /// The free-form message after the header.
    public var message: String

    /// Syslog facility (0 kern … 23 local7).
    public var facility: Int? { priority.map { $0 / 8 } }
    /// Syslog severity (0 emergency … 7 debug).
    public var severity: Int? { priority.map { $0 % 8 } }

    /// Parses one message; `receivedAt` (microseconds) supplies the year of RFC 3164 timestamps.
    public static func parse(_ line: String, receivedAt: Int64) throws(SyslogParseError) -> SyslogMessage {
        var scanner = SyslogScanner(Substring(line))
        let priority = try scanner.priority()
        if priority != nil, let version = scanner.version() {
            guard version == 1 else { throw SyslogParseError("unsupported syslog protocol version \(version)") }
            return try parse5424(&scanner, priority: priority)
        }
        return try parse3164(&scanner, priority: priority, receivedAt: receivedAt)
    }

    private static func parse5424(_ scanner: inout SyslogScanner, priority: Int?) throws(SyslogParseError) -> SyslogMessage {
        guard let stamp = scanner.word() else { throw SyslogParseError("RFC 5424 header ends before the timestamp") }
        var timestamp: Int64?
        if stamp != "-" {
            guard let micros = EventTime.iso8601(String(stamp)) else { throw SyslogParseError("RFC 5424 timestamp is not a date: \"\(stamp.prefix(40))\"") }
            timestamp = micros
        }
        guard let host = scanner.word(), let app = scanner.word(), let process = scanner.word(), let messageID = scanner.word() else {
            throw SyslogParseError("RFC 5424 header is missing HOSTNAME, APP-NAME, PROCID or MSGID")
        }
        let structured = try scanner.structuredData()
        var message = scanner.rest()
        if message.hasPrefix("\u{FEFF}") { message.removeFirst() } // the BOM RFC 5424 allows before UTF-8 text
        func value(_ text: Substring) -> String? { text == "-" ? nil : String(text) }
        return SyslogMessage(format: .rfc5424, priority: priority, timestamp: timestamp, hostname: value(host),
                             appName: value(app), processID: value(process), messageID: value(messageID),
                             structuredData: structured, message: String(message))
    }

    private static func parse3164(_ scanner: inout SyslogScanner, priority: Int?, receivedAt: Int64) throws(SyslogParseError) -> SyslogMessage {
        let timestamp = try scanner.bsdTimestamp(receivedAt: receivedAt)
        guard priority != nil || timestamp != nil else {
            throw SyslogParseError("no syslog header: neither <PRI> nor a timestamp at the start of the line")
        }
        var hostname: String?
        var appName: String?
        var processID: String?
        // HOSTNAME follows the timestamp unless the next word is already the tag (`app[1]:`).
        if timestamp != nil, let word = scanner.peekWord(), SyslogScanner.tag(word) == nil, !word.hasPrefix("CEF:") {
            hostname = String(word)
            _ = scanner.word()
        }
        if let word = scanner.peekWord(), let tag = SyslogScanner.tag(word) {
            appName = tag.name
            processID = tag.pid
            _ = scanner.word()
        }
        return SyslogMessage(format: .rfc3164, priority: priority, timestamp: timestamp, hostname: hostname,
                             appName: appName, processID: processID, messageID: nil, structuredData: nil,
                             message: String(scanner.rest()))
    }
}
