/// Writes one compact JSON object straight into bytes, members in the order they are added.
///
/// The scenario and noise generators emit millions of records; building `JSONValue` trees and
/// serialising them would cost several times more than appending bytes. Keys are written as
/// given (they are literals without characters that need escaping); values are escaped.
public struct JSONLine {
    public private(set) var bytes: [UInt8]
    private var needsComma = false
    /// Suricata (through jansson) writes `/` as `\/`; the EVE emitter turns this on to match.
    public var escapesSlashes = false

    public init(capacity: Int = 768) {
        bytes = []
        bytes.reserveCapacity(capacity)
        bytes.append(UInt8(ascii: "{"))
    }

    /// The finished object.
    public mutating func finish() -> [UInt8] {
        bytes.append(UInt8(ascii: "}"))
        return bytes
    }

    private mutating func key(_ key: String) {
        if needsComma { bytes.append(UInt8(ascii: ",")) }
        needsComma = true
        bytes.append(UInt8(ascii: "\""))
        appendRaw(key)
        bytes.append(UInt8(ascii: "\""))
        bytes.append(UInt8(ascii: ":"))
    }

    /// Appends text that needs no escaping, copying its UTF-8 storage in one go when it is contiguous.
    private mutating func appendRaw(_ text: String) {
        let copied: Void? = text.utf8.withContiguousStorageIfAvailable { bytes.append(contentsOf: $0) }
        if copied == nil { bytes.append(contentsOf: text.utf8) }
    }

    public mutating func string(_ key: String, _ value: String) {
        self.key(key)
        appendQuoted(value)
    }

    /// A string member written only when the value is present.
    public mutating func string(_ key: String, ifPresent value: String?) {
        if let value { string(key, value) }
    }

    public mutating func int(_ key: String, _ value: Int) {
        self.key(key)
        appendInt(value)
    }

    /// A number written from its exact text (`1795341600.123456`).
    public mutating func number(_ key: String, text: String) {
        self.key(key)
        appendRaw(text)
    }

    public mutating func bool(_ key: String, _ value: Bool) {
        self.key(key)
        bytes.append(contentsOf: value ? "true".utf8 : "false".utf8)
    }

    public mutating func null(_ key: String) {
        self.key(key)
        bytes.append(contentsOf: "null".utf8)
    }

    public mutating func time(_ key: String, _ micros: Int64, _ style: TimeStyle) {
        self.key(key)
        bytes.append(UInt8(ascii: "\""))
        TimeText.append(micros, style, to: &bytes)
        bytes.append(UInt8(ascii: "\""))
    }

    public mutating func object(_ key: String, _ body: (inout JSONLine) -> Void) {
        self.key(key)
        bytes.append(UInt8(ascii: "{"))
        needsComma = false
        body(&self)
        bytes.append(UInt8(ascii: "}"))
        needsComma = true
    }

    public mutating func strings(_ key: String, _ values: [String]) {
        self.key(key)
        bytes.append(UInt8(ascii: "["))
        for (index, value) in values.enumerated() {
            if index > 0 { bytes.append(UInt8(ascii: ",")) }
            appendQuoted(value)
        }
        bytes.append(UInt8(ascii: "]"))
    }

    public mutating func ints(_ key: String, _ values: [Int]) {
        self.key(key)
        bytes.append(UInt8(ascii: "["))
        for (index, value) in values.enumerated() {
            if index > 0 { bytes.append(UInt8(ascii: ",")) }
            appendInt(value)
        }
        bytes.append(UInt8(ascii: "]"))
    }

    /// An array of `count` objects, each written by `body`.
    public mutating func objects(_ key: String, count: Int, _ body: (inout JSONLine, Int) -> Void) {
        self.key(key)
        bytes.append(UInt8(ascii: "["))
        for index in 0..<count {
            if index > 0 { bytes.append(UInt8(ascii: ",")) }
            bytes.append(UInt8(ascii: "{"))
            needsComma = false
            body(&self, index)
            bytes.append(UInt8(ascii: "}"))
        }
        bytes.append(UInt8(ascii: "]"))
        needsComma = true
    }

    private mutating func appendInt(_ value: Int) {
        if value < 0 {
            bytes.append(UInt8(ascii: "-"))
            appendUnsigned(UInt64(-(Int64(value))))
        } else {
            appendUnsigned(UInt64(value))
        }
    }

    private mutating func appendUnsigned(_ value: UInt64) {
        if value < 10 { bytes.append(UInt8(ascii: "0") + UInt8(value)); return }
        var digits: (UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8,
                     UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8) =
            (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
        var count = 0
        var rest = value
        withUnsafeMutableBytes(of: &digits) { buffer in
            while rest > 0 {
                buffer[count] = UInt8(ascii: "0") + UInt8(rest % 10)
                rest /= 10
                count += 1
            }
            for index in stride(from: count - 1, through: 0, by: -1) { bytes.append(buffer[index]) }
        }
    }

    /// A string member rendered as `title`, then `\nname: value` per field, written straight into
    /// the line (Windows' rendered event message) without building the text first.
    public mutating func renderedMessage(_ key: String, title: String, fields: [(String, String)]) {
        self.key(key)
        bytes.append(UInt8(ascii: "\""))
        appendEscaped(title)
        for (name, value) in fields {
            bytes.append(contentsOf: [0x5C, UInt8(ascii: "n")])
            appendEscaped(name)
            bytes.append(contentsOf: [UInt8(ascii: ":"), 0x20])
            appendEscaped(value)
        }
        bytes.append(UInt8(ascii: "\""))
    }

    private mutating func appendQuoted(_ value: String) {
        bytes.append(UInt8(ascii: "\""))
        appendEscaped(value)
        bytes.append(UInt8(ascii: "\""))
    }

    private mutating func appendEscaped(_ value: String) {
        let slashes = escapesSlashes
        let done: Void? = value.utf8.withContiguousStorageIfAvailable { units in
            // Copy runs of plain bytes at once; only the bytes that need it are escaped.
            var runStart = 0
            for index in 0..<units.count {
                let unit = units[index]
                guard unit < 0x20 || unit == 0x22 || unit == 0x5C || (slashes && unit == 0x2F) else { continue }
                if runStart < index { bytes.append(contentsOf: UnsafeBufferPointer(rebasing: units[runStart..<index])) }
                appendEscape(unit)
                runStart = index + 1
            }
            if runStart < units.count { bytes.append(contentsOf: UnsafeBufferPointer(rebasing: units[runStart...])) }
        }
        if done == nil {
            for unit in value.utf8 {
                if unit < 0x20 || unit == 0x22 || unit == 0x5C || (slashes && unit == 0x2F) {
                    appendEscape(unit)
                } else {
                    bytes.append(unit)
                }
            }
        }
    }

    private mutating func appendEscape(_ unit: UInt8) {
        switch unit {
        case 0x22: bytes.append(contentsOf: [0x5C, 0x22])
        case 0x5C: bytes.append(contentsOf: [0x5C, 0x5C])
        case 0x2F: bytes.append(contentsOf: [0x5C, 0x2F])
        case 0x0A: bytes.append(contentsOf: [0x5C, UInt8(ascii: "n")])
        case 0x0D: bytes.append(contentsOf: [0x5C, UInt8(ascii: "r")])
        case 0x09: bytes.append(contentsOf: [0x5C, UInt8(ascii: "t")])
        default:
            bytes.append(contentsOf: [0x5C, UInt8(ascii: "u"), UInt8(ascii: "0"), UInt8(ascii: "0")])
            bytes.append(hexDigits[Int(unit >> 4)])
            bytes.append(hexDigits[Int(unit & 0xF)])
        }
    }
}
