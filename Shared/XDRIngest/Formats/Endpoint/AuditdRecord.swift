import XDRModel

/// One line of a Linux `audit.log`:
/// `[node=host ]type=SYSCALL msg=audit(1364481363.243:24287): arch=c000003e syscall=59 … key="x"`,
/// optionally followed (log_format=ENRICHED) by a 0x1D separator and `UID="root" AUID="alice"`.
///
/// Values are returned decoded: quoted values without their quotes, hex-encoded values (auditd
/// hex-encodes strings containing spaces, quotes or control characters) as text, and `?`,
/// `(null)` and `(none)` as absent.
struct AuditdRecord {
    var number: Int
    var node: String?
    var type: String
    /// `1364481363.243` — epoch seconds and milliseconds, UTC.
    var stamp: String
    var serial: String
    var time: Int64
    var fields: [String: String]
    /// Names that ENRICHED logs append after 0x1D (`UID`, `AUID`, `SYSCALL`, `ARCH`, …).
    var enriched: [String: String]

    /// The header's join key: records of one event share time and serial (and node).
    var eventKey: String { "\(node ?? ""):\(stamp):\(serial)" }

    init(line: String, number: Int) throws(RecordError) {
        self.number = number
        var body = Substring(line)
        var enrichedText: Substring = ""
        if let separator = body.firstIndex(of: "\u{1D}") {
            enrichedText = body[body.index(after: separator)...]
            body = body[..<separator]
        }
        guard let typeRange = body.range(of: "type=") else {
            throw RecordError(field: "type", "not an audit record (no type=): \"\(line.prefix(60))\"")
        }
        let beforeType = body[..<typeRange.lowerBound]
        if let nodeRange = beforeType.range(of: "node=") {
            let value = beforeType[nodeRange.upperBound...].prefix { $0 != " " }
            node = value.isEmpty ? nil : String(value)
        }
        let afterType = body[typeRange.upperBound...]
        type = String(afterType.prefix { $0 != " " })
        guard let open = afterType.range(of: "audit("), let close = afterType[open.upperBound...].firstIndex(of: ")") else {
            throw RecordError(field: "msg", "missing msg=audit(<time>:<serial>) in \(type) record")
        }
        let header = afterType[open.upperBound..<close]
        guard let colon = header.firstIndex(of: ":") else {
            throw RecordError(field: "msg", "expected audit(<time>:<serial>), got audit(\(header))")
        }
        stamp = String(header[..<colon])
        serial = String(header[header.index(after: colon)...])
        guard let micros = EventTime.epochSeconds(stamp), !serial.isEmpty, serial.allSatisfy(\.isNumber) else {
            throw RecordError(field: "msg", "not an audit time and serial: audit(\(header))")
        }
        time = micros
        var rest = afterType[afterType.index(after: close)...]
        if rest.first == ":" { rest = rest.dropFirst() }
        fields = [:]
        let isExecve = type == "EXECVE"
        Self.parsePairs(rest, into: &fields) { key in
            Self.encodedFields.contains(key) || (isExecve && key.first == "a" && key != "argc")
        }
        enriched = [:]
        Self.parsePairs(enrichedText, into: &enriched) { _ in false }
    }

    subscript(_ key: String) -> String? { fields[key] }

    /// Fields whose values auditd hex-encodes when they contain unsafe characters.
    static let encodedFields: Set<String> = [
        "proctitle", "name", "cwd", "comm", "exe", "key", "acct", "cmd", "data", "path", "ocomm", "new", "old",
    ]

    /// Reads `key=value` pairs, descending into `msg='…'` (user-space records carry their fields
    /// there). Words without `=` (`avc:  denied  { read }`, `PAM: accounting`) are skipped.
    static func parsePairs(_ text: Substring, into fields: inout [String: String], decodes: (String) -> Bool) {
        var index = text.startIndex
        while index < text.endIndex {
            while index < text.endIndex, text[index] == " " || text[index] == "(" || text[index] == "," { index = text.index(after: index) }
            guard index < text.endIndex else { break }
            let keyStart = index
            while index < text.endIndex, text[index] != "=", text[index] != " " { index = text.index(after: index) }
            guard index < text.endIndex, text[index] == "=" else { continue }
            let key = String(text[keyStart..<index])
            index = text.index(after: index)
            guard index < text.endIndex else { break }
            let quote = text[index]
            var value: Substring
            if quote == "\"" || quote == "'" {
                let start = text.index(after: index)
                let end = text[start...].firstIndex(of: quote) ?? text.endIndex
                value = text[start..<end]
                index = end < text.endIndex ? text.index(after: end) : end
                if quote == "'" && key == "msg" {
                    parsePairs(value, into: &fields, decodes: decodes)
                    continue
                }
            } else {
                let start = index
                while index < text.endIndex, text[index] != " " { index = text.index(after: index) }
                value = text[start..<index]
                while let last = value.last, last == "," || last == ")" || last == "'" { value = value.dropLast() }
                if value == "(null" || value == "(none" { continue }
                if decodes(key), let decoded = decodeHex(String(value), nulAsSpace: key == "proctitle") {
                    if fields[key] == nil { fields[key] = decoded }
                    continue
                }
            }
            if value.isEmpty || value == "?" || value == "(null)" || value == "(none)" { continue }
            if fields[key] == nil { fields[key] = String(value) }
        }
    }

    /// Decodes an unquoted hex value (`2F62696E2F7368` → `/bin/sh`); nil when it is not hex text.
    static func decodeHex(_ value: String, nulAsSpace: Bool) -> String? {
        let utf8 = Array(value.utf8)
        guard utf8.count >= 2, utf8.count % 2 == 0 else { return nil }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(utf8.count / 2)
        var index = 0
        while index < utf8.count {
            guard let high = hexNibble(utf8[index]), let low = hexNibble(utf8[index + 1]) else { return nil }
            bytes.append(high << 4 | low)
            index += 2
        }
        if nulAsSpace {
            while bytes.last == 0 { bytes.removeLast() }
            for i in bytes.indices where bytes[i] == 0 { bytes[i] = 0x20 }
        } else if bytes.contains(0) {
            return nil
        }
        return String(validating: bytes, as: UTF8.self)
    }

    /// Upper-case hex only: auditd encodes in upper case, and lower-case words are plain text.
    private static func hexNibble(_ byte: UInt8) -> UInt8? {
        switch byte {
        case 0x30...0x39: byte - 0x30
        case 0x41...0x46: byte - 0x41 + 10
        default: nil
        }
    }
}
