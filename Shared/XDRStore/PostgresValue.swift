import Foundation
import XDRCore

/// A value that can travel to PostgreSQL as a text-format bind parameter (`$1`). `nil` text is SQL NULL.
///
/// Statements are always parameterised; nothing here builds SQL from values.
public protocol PostgresEncodable: Sendable {
    var postgresText: String? { get }
}

extension String: PostgresEncodable { public var postgresText: String? { self } }
extension Substring: PostgresEncodable { public var postgresText: String? { String(self) } }
extension Int: PostgresEncodable { public var postgresText: String? { String(self) } }
extension Int64: PostgresEncodable { public var postgresText: String? { String(self) } }
extension Int32: PostgresEncodable { public var postgresText: String? { String(self) } }
extension Int16: PostgresEncodable { public var postgresText: String? { String(self) } }
extension Double: PostgresEncodable { public var postgresText: String? { isFinite ? String(self) : nil } }
extension Bool: PostgresEncodable { public var postgresText: String? { self ? "t" : "f" } }
extension UUID: PostgresEncodable { public var postgresText: String? { PostgresArrayText.lowercaseText(of: self) } }

extension Date: PostgresEncodable {
    public var postgresText: String? { PostgresTimestamp.format(micros: Int64((timeIntervalSince1970 * 1_000_000).rounded())) }
}

extension Optional: PostgresEncodable where Wrapped: PostgresEncodable {
    public var postgresText: String? { self?.postgresText }
}

/// `bytea`, sent in hex form.
public struct ByteA: PostgresEncodable, Hashable {
    public var bytes: [UInt8]
    public init(_ bytes: [UInt8]) { self.bytes = bytes }
    public var postgresText: String? { PostgresArrayText.hex(bytes) }
}

/// A timestamp given as microseconds since the Unix epoch (UTC), the unit events use.
public struct Micros: PostgresEncodable, Hashable {
    public var value: Int64
    public init(_ value: Int64) { self.value = value }
    public var postgresText: String? { PostgresTimestamp.format(micros: value) }
}

extension Array: PostgresEncodable where Element: PostgresEncodable {
    /// A one-dimensional array literal (`{"a","b\"c",NULL}`), every element quoted.
    // A closure, not `\.postgresText`: a key path to a protocol requirement is applied through
    // the runtime (`swift_getAtKeyPath`) for every element, a tenth of the incident writer's time.
    public var postgresText: String? { PostgresArrayText.literal(map { $0.postgresText }) }
}

public enum PostgresArrayText {
    // Both directions work on UTF-8 bytes: the only bytes with a meaning here ({ } , " and the
    // backslash) are ASCII, never part of a multi-byte character, and arrays of JSON documents run
    // to megabytes.

    static func literal(_ items: [String?]) -> String {
        var out: [UInt8] = [UInt8(ascii: "{")]
        out.reserveCapacity(items.reduce(2) { $0 + ($1?.utf8.count ?? 4) + 3 })
        for (index, item) in items.enumerated() {
            if index > 0 { out.append(UInt8(ascii: ",")) }
            guard let item else {
                out += "NULL".utf8
                continue
            }
            out.append(UInt8(ascii: "\""))
            for byte in item.utf8 {
                if byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") { out.append(UInt8(ascii: "\\")) }
                out.append(byte)
            }
            out.append(UInt8(ascii: "\""))
        }
        out.append(UInt8(ascii: "}"))
        return String(decoding: out, as: UTF8.self)
    }

    /// Parses a one-dimensional text array as PostgreSQL prints it.
    static func parse(_ text: String) -> [String?]? {
        var copy = text
        return copy.withUTF8 { parse(UnsafeRawBufferPointer($0)) }
    }

    /// Parses a one-dimensional text array from its bytes (a result value read in place).
    public static func parse(_ bytes: UnsafeRawBufferPointer) -> [String?]? {
        guard bytes.first == UInt8(ascii: "{"), bytes.last == UInt8(ascii: "}"), bytes.count >= 2 else { return nil }
        let end = bytes.count - 1
        var items: [String?] = []
        var index = 1
        if end == 1 { return [] }
        while index < end {
            if bytes[index] == UInt8(ascii: "\"") {
                index += 1
                let start = index
                var escaped = false
                while index < end, bytes[index] != UInt8(ascii: "\"") {
                    if bytes[index] == UInt8(ascii: "\\") { escaped = true; index += 1 }
                    index += 1
                }
                let quoted = UnsafeRawBufferPointer(rebasing: bytes[start..<min(index, end)])
                index += 1 // closing quote
                items.append(escaped ? unescape(quoted) : String(decoding: quoted, as: UTF8.self))
            } else {
                let start = index
                while index < end, bytes[index] != UInt8(ascii: ",") { index += 1 }
                let value = String(decoding: UnsafeRawBufferPointer(rebasing: bytes[start..<index]), as: UTF8.self)
                items.append(value == "NULL" ? nil : value)
            }
            if index < end, bytes[index] == UInt8(ascii: ",") { index += 1 }
        }
        return items
    }

    /// A quoted element's text with its backslash escapes removed.
    private static func unescape(_ quoted: UnsafeRawBufferPointer) -> String {
        var value: [UInt8] = []
        value.reserveCapacity(quoted.count)
        var at = 0
        while at < quoted.count {
            if quoted[at] == UInt8(ascii: "\\") { at += 1 }
            if at < quoted.count { value.append(quoted[at]) }
            at += 1
        }
        return String(decoding: value, as: UTF8.self)
    }

    static let hexDigits = Array("0123456789abcdef".utf8)

    /// `xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx` in lower case, written in one go (`uuidString` and
    /// `lowercased()` made two strings per id, and the writer sends hundreds of thousands).
    static func lowercaseText(of id: UUID) -> String {
        withUnsafeBytes(of: id.uuid) { bytes in
            String(unsafeUninitializedCapacity: 36) { out in
                var at = 0
                for (index, byte) in bytes.enumerated() {
                    if index == 4 || index == 6 || index == 8 || index == 10 {
                        out[at] = UInt8(ascii: "-")
                        at += 1
                    }
                    out[at] = hexDigits[Int(byte >> 4)]
                    out[at + 1] = hexDigits[Int(byte & 0x0F)]
                    at += 2
                }
                return at
            }
        }
    }

    static func hex(_ bytes: [UInt8]) -> String {
        var out = [UInt8](repeating: 0, count: 2 + bytes.count * 2)
        out[0] = UInt8(ascii: "\\")
        out[1] = UInt8(ascii: "x")
        for (index, byte) in bytes.enumerated() {
            out[2 + index * 2] = hexDigits[Int(byte >> 4)]
            out[3 + index * 2] = hexDigits[Int(byte & 0x0F)]
        }
        return String(decoding: out, as: UTF8.self)
    }

    static func unhex(_ text: String) -> [UInt8]? {
        let utf8 = Array(text.utf8)
        guard utf8.count >= 2, utf8[0] == UInt8(ascii: "\\"), utf8[1] == UInt8(ascii: "x"), utf8.count % 2 == 0 else { return nil }
        var out: [UInt8] = []
        out.reserveCapacity((utf8.count - 2) / 2)
        var index = 2
        func nibble(_ value: UInt8) -> UInt8? {
            switch value {
            case 0x30...0x39: value - 0x30
            case 0x61...0x66: value - 0x61 + 10
            case 0x41...0x46: value - 0x41 + 10
            default: nil
            }
        }
        while index < utf8.count {
            guard let high = nibble(utf8[index]), let low = nibble(utf8[index + 1]) else { return nil }
            out.append(high << 4 | low)
            index += 2
        }
        return out
    }
}

/// Timestamps in the text form PostgreSQL prints with `DateStyle=ISO` and `TimeZone=UTC`.
public enum PostgresTimestamp {
    /// `2020-09-14 01:19:40.123456+00` (or with `-`/`+hh:mm` offsets) to microseconds since the epoch.
    public static func parse(_ text: String) -> Int64? {
        var copy = text
        return copy.withUTF8 { parse(UnsafeRawBufferPointer($0)) }
    }

    /// The same from the text's bytes (a result value read in place).
    public static func parse(_ bytes: UnsafeRawBufferPointer) -> Int64? {
        var index = 0
        func number(_ count: Int) -> Int? {
            guard index + count <= bytes.count else { return nil }
            var value = 0
            for offset in 0..<count {
                let byte = bytes[index + offset]
                guard byte >= 0x30 && byte <= 0x39 else { return nil }
                value = value * 10 + Int(byte - 0x30)
            }
            index += count
            return value
        }
        guard let year = number(4), index < bytes.count, bytes[index] == UInt8(ascii: "-") else { return nil }
        index += 1
        guard let month = number(2) else { return nil }
        index += 1
        guard let day = number(2) else { return nil }
        index += 1
        guard let hour = number(2) else { return nil }
        index += 1
        guard let minute = number(2) else { return nil }
        index += 1
        guard let second = number(2) else { return nil }
        var micros = 0
        if index < bytes.count, bytes[index] == UInt8(ascii: ".") {
            index += 1
            var digits = 0
            while index < bytes.count, bytes[index] >= 0x30, bytes[index] <= 0x39 {
                micros = micros * 10 + Int(bytes[index] - 0x30)
                digits += 1
                index += 1
            }
            while digits < 6 { micros *= 10; digits += 1 }
        }
        var offset = 0
        if index < bytes.count {
            let sign = bytes[index] == UInt8(ascii: "-") ? -1 : 1
            index += 1
            let hours = number(2) ?? 0
            if index < bytes.count, bytes[index] == UInt8(ascii: ":") { index += 1 }
            let minutes = number(2) ?? 0
            offset = sign * (hours * 3600 + minutes * 60)
        }
        let days = CivilDate.days(year: year, month: month, day: day)
        let seconds = days * 86_400 + Int64(hour * 3600 + minute * 60 + second - offset)
        return seconds * 1_000_000 + Int64(micros)
    }

    /// Microseconds since the epoch as `YYYY-MM-DD HH:MM:SS.ffffff+00`.
    public static func format(micros: Int64) -> String {
        let (days, rest, fraction) = CivilDate.split(micros: micros)
        let (year, month, day) = CivilDate.date(days: days)
        guard (0...9999).contains(year) else { return formatPadded(year: Int64(year), month, day, rest, fraction) }
        // Digits written into the string's own buffer: one allocation, not one per field.
        return String(unsafeUninitializedCapacity: 29) { out in
            var at = 0
            func digits(_ value: Int64, _ width: Int) {
                var rest = value
                for position in stride(from: at + width - 1, through: at, by: -1) {
                    out[position] = UInt8(truncatingIfNeeded: 0x30 + rest % 10)
                    rest /= 10
                }
                at += width
            }
            func mark(_ character: Unicode.Scalar) {
                out[at] = UInt8(ascii: character)
                at += 1
            }
            digits(Int64(year), 4); mark("-"); digits(Int64(month), 2); mark("-"); digits(Int64(day), 2); mark(" ")
            digits(rest / 3600, 2); mark(":"); digits(rest / 60 % 60, 2); mark(":"); digits(rest % 60, 2); mark(".")
            digits(fraction, 6); mark("+"); mark("0"); mark("0")
            return at
        }
    }

    /// The same form for years outside 0–9999 (written with as many digits as they need).
    private static func formatPadded(year: Int64, _ month: Int, _ day: Int, _ rest: Int64, _ fraction: Int64) -> String {
        var out = ""
        func pad(_ value: Int64, _ width: Int) {
            let text = String(value)
            if text.count < width { out += String(repeating: "0", count: width - text.count) }
            out += text
        }
        pad(year, 4); out += "-"; pad(Int64(month), 2); out += "-"; pad(Int64(day), 2); out += " "
        pad(rest / 3600, 2); out += ":"; pad(rest / 60 % 60, 2); out += ":"; pad(rest % 60, 2); out += "."
        pad(fraction, 6); out += "+00"
        return out
    }
}
