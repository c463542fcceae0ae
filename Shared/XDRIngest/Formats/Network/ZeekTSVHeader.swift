import XDRJSON

/// The `#` header of a Zeek ASCII (TSV) log, and the conversion of its rows into the JSON records
/// Zeek's JSON writer would have produced for them.
///
/// ```
/// #separator \x09
/// #set_separator  ,
/// #empty_field    (empty)
/// #unset_field    -
/// #path   conn
/// #fields ts  uid id.orig_h ...
/// #types  time string addr ...
/// ```
struct ZeekTSVHeader: Sendable {
    var separator: Character = "\t"
    var setSeparator: Character = ","
    var emptyField = "(empty)"
    var unsetField = "-"
    var path: String?
    var fields: [String] = []
    var types: [String] = []

    /// Applies one `#` line; `#separator` starts a new header (a new file in the same body).
    mutating func apply(directive line: String) {
        if line.hasPrefix("#separator") {
            self = ZeekTSVHeader()
            let value = line.dropFirst("#separator".count).drop(while: { $0 == " " || $0 == "\t" })
            if let character = Self.unescape(String(value)).first { separator = character }
            return
        }
        let parts = line.split(separator: separator, omittingEmptySubsequences: false).map(String.init)
        guard let name = parts.first else { return }
        let values = Array(parts.dropFirst())
        switch name {
        case "#set_separator": if let first = values.first.flatMap({ Self.unescape($0).first }) { setSeparator = first }
        case "#empty_field": emptyField = values.first ?? emptyField
        case "#unset_field": unsetField = values.first ?? unsetField
        case "#path": path = values.first
        case "#fields": fields = values
        case "#types": types = values
        default: break // #open, #close and comments carry nothing the rows need
        }
    }

    /// A data row as a JSON object keyed by field name (dotted names kept flat, as Zeek writes them).
    func record(from line: String) throws(RecordError) -> JSONValue {
        guard !fields.isEmpty else {
            throw RecordError("no \"#fields\" header line before this row (Zeek TSV rows need the log's header)")
        }
        let columns = Self.split(line, at: separator)
        guard columns.count == fields.count else {
            throw RecordError("row has \(columns.count) columns but \"#fields\" names \(fields.count)")
        }
        var object = JSONObject()
        object.members.reserveCapacity(fields.count)
        for (index, column) in columns.enumerated() {
            let text = column
            if text == unsetField { continue }
            let type = index < types.count ? types[index] : "string"
            object.members.append(.init(key: fields[index], value: value(text, type: type)))
        }
        return .object(object)
    }

    private func value(_ text: String, type: String) -> JSONValue {
        if type.hasPrefix("set[") || type.hasPrefix("vector[") {
            if text == emptyField { return .array([]) }
            let element = String(type.drop(while: { $0 != "[" }).dropFirst().dropLast())
            return .array(Self.split(text, at: setSeparator).map { scalar($0, type: element) })
        }
        if text == emptyField { return .string("") }
        return scalar(text, type: type)
    }

    private func scalar(_ text: String, type: String) -> JSONValue {
        switch type {
        case "time", "interval", "double", "count", "int", "port":
            return Self.isNumber(text) ? .number(text) : .string(text)
        case "bool":
            return text == "T" ? .bool(true) : text == "F" ? .bool(false) : .string(text)
        default:
            return .string(Self.unescape(text))
        }
    }

    /// Splits on an ASCII separator byte-wise (rows are long; grapheme-aware splitting is not needed
    /// because Zeek escapes separators inside values).
    static func split(_ text: String, at separator: Character) -> [String] {
        guard let byte = separator.asciiValue else {
            return text.split(separator: separator, omittingEmptySubsequences: false).map(String.init)
        }
        var parts: [String] = []
        var utf8 = Substring(text).utf8[...]
        while let index = utf8.firstIndex(of: byte) {
            parts.append(String(Substring(utf8[..<index])))
            utf8 = utf8[utf8.index(after: index)...]
        }
        parts.append(String(Substring(utf8)))
        return parts
    }

    private static func isNumber(_ text: String) -> Bool {
        guard !text.isEmpty else { return false }
        var digits = 0
        for (offset, byte) in text.utf8.enumerated() {
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digits += 1
            case UInt8(ascii: "-") where offset == 0, UInt8(ascii: "."), UInt8(ascii: "e"), UInt8(ascii: "E"), UInt8(ascii: "+"): continue
            default: return false
            }
        }
        return digits > 0 && Double(text) != nil
    }

    /// Zeek writes separators and non-printable bytes as `\xHH`.
    static func unescape(_ text: String) -> String {
        guard text.contains("\\x") else { return text }
        let bytes = Array(text.utf8)
        var output: [UInt8] = []
        output.reserveCapacity(bytes.count)
        var index = 0
        while index < bytes.count {
            if bytes[index] == UInt8(ascii: "\\"), index + 3 < bytes.count, bytes[index + 1] == UInt8(ascii: "x"),
               let high = hexValue(bytes[index + 2]), let low = hexValue(bytes[index + 3]) {
                output.append(high << 4 | low)
                index += 4
            } else {
                output.append(bytes[index])
                index += 1
            }
        }
        return String(decoding: output, as: UTF8.self)
    }

    private static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): byte - UInt8(ascii: "A") + 10
        default: nil
        }
    }
}
