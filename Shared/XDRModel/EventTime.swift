import Foundation
import XDRCore

/// Parses the time formats sources write into microseconds since the Unix epoch (UTC).
public enum EventTime {
    /// ISO 8601 / RFC 3339: `2020-09-14T01:19:40Z`, `…40.123456+0000` (Suricata), `…+00:00`,
    /// a space instead of `T`, any number of fractional digits (truncated to microseconds). Without
    /// a zone the time is taken as UTC.
    public static func iso8601(_ text: String) -> Int64? {
        let bytes = Array(text.utf8)
        var index = 0
        func number(_ digits: Int) -> Int? {
            guard index + digits <= bytes.count else { return nil }
            var value = 0
            for offset in 0..<digits {
                let byte = bytes[index + offset]
                guard byte >= 0x30 && byte <= 0x39 else { return nil }
                value = value * 10 + Int(byte - 0x30)
            }
            index += digits
            return value
        }
        func expect(_ char: UInt8) -> Bool {
            guard index < bytes.count, bytes[index] == char else { return false }
            index += 1
            return true
        }
        while index < bytes.count, bytes[index] == 0x20 { index += 1 }
        guard let year = number(4), expect(UInt8(ascii: "-")), let month = number(2), expect(UInt8(ascii: "-")),
              let day = number(2) else { return nil }
        guard index < bytes.count, bytes[index] == UInt8(ascii: "T") || bytes[index] == UInt8(ascii: " ") || bytes[index] == UInt8(ascii: "t") else {
            if index == bytes.count { return civil(year: year, month: month, day: day, seconds: 0, micros: 0, offset: 0) }
            return nil
        }
        index += 1
        guard let hour = number(2), expect(UInt8(ascii: ":")), let minute = number(2) else { return nil }
        var second = 0
        if expect(UInt8(ascii: ":")) {
            guard let value = number(2) else { return nil }
            second = value
        }
        var micros = 0
        if index < bytes.count, bytes[index] == UInt8(ascii: ".") || bytes[index] == UInt8(ascii: ",") {
            index += 1
            var digits = 0
            while index < bytes.count, bytes[index] >= 0x30, bytes[index] <= 0x39 {
                if digits < 6 { micros = micros * 10 + Int(bytes[index] - 0x30) }
                digits += 1
                index += 1
            }
            guard digits > 0 else { return nil }
            for _ in digits..<max(digits, 6) { micros *= 10 }
        }
        var offset = 0
        if index < bytes.count {
            let sign = bytes[index]
            if sign == UInt8(ascii: "Z") || sign == UInt8(ascii: "z") {
                index += 1
            } else if sign == UInt8(ascii: "+") || sign == UInt8(ascii: "-") {
                index += 1
                guard let hours = number(2) else { return nil }
                _ = expect(UInt8(ascii: ":"))
                let minutes = number(2) ?? 0
                offset = (hours * 60 + minutes) * 60 * (sign == UInt8(ascii: "-") ? -1 : 1)
            } else if sign == UInt8(ascii: " ") {
                // "2021-06-11 21:08:14.92 UTC" and similar: accept a trailing UTC/GMT word only.
                let rest = String(decoding: bytes[index...], as: UTF8.self).trimmingCharacters(in: .whitespaces)
                guard rest.isEmpty || rest == "UTC" || rest == "GMT" else { return nil }
                index = bytes.count
            }
        }
        guard index == bytes.count else { return nil }
        guard (1...12).contains(month), (1...31).contains(day), hour < 24, minute < 60, second <= 60 else { return nil }
        return civil(year: year, month: month, day: day, seconds: hour * 3600 + minute * 60 + second, micros: micros, offset: offset)
    }

    /// Epoch seconds with an optional fraction, as Zeek writes it (`1591367999.305988`).
    public static func epochSeconds(_ text: String) -> Int64? {
        let parts = text.split(separator: ".", maxSplits: 1, omittingEmptySubsequences: false)
        guard let whole = Int64(parts[0]), whole >= 0, whole < 100_000_000_000 else { return nil }
        var micros: Int64 = 0
        if parts.count == 2 {
            let fraction = parts[1]
            guard !fraction.isEmpty, fraction.allSatisfy(\.isNumber) else { return nil }
            let padded = (fraction + "000000").prefix(6)
            micros = Int64(padded) ?? 0
        }
        return whole * 1_000_000 + micros
    }

    /// Epoch numbers whose unit is guessed from their size: seconds, milliseconds, microseconds or
    /// nanoseconds (Falco writes nanoseconds, CrowdStrike milliseconds).
    public static func epoch(_ value: Double) -> Int64? {
        // Beyond this even nanoseconds overflow Int64 microseconds: not a time, and must not trap.
        guard value.isFinite, value > 0, value < 9e21 else { return nil }
        switch value {
        case ..<1e11: return Int64((value * 1e6).rounded())
        case ..<1e14: return Int64((value * 1e3).rounded())
        case ..<1e17: return Int64(value.rounded())
        default: return Int64((value / 1e3).rounded())
        }
    }

    /// Epoch given as text, integer or fraction, unit guessed as in `epoch(_:)`.
    public static func epoch(_ text: String) -> Int64? {
        if text.contains("."), let micros = epochSeconds(text) { return micros }
        if let whole = Int64(text) { return epoch(Double(whole)).map { whole >= 100_000_000_000_000_000 ? whole / 1000 : $0 } }
        return Double(text).flatMap { epoch($0) }
    }

    static let months = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"]

    /// A BSD syslog timestamp without a year (`Nov  2 07:05:01`), given the time it was received:
    /// the year is the received year, or the one before if that would put the event more than a
    /// month in the future (a December line read in January).
    public static func syslog(_ text: String, receivedAt: Int64) -> Int64? {
        let parts = text.split(separator: " ", omittingEmptySubsequences: true)
        guard parts.count >= 3, let month = months.firstIndex(of: parts[0].lowercased()).map({ $0 + 1 }),
              let day = Int(parts[1]) else { return nil }
        let clock = parts[2].split(separator: ":")
        guard clock.count == 3, let hour = Int(clock[0]), let minute = Int(clock[1]) else { return nil }
        let secondParts = clock[2].split(separator: ".")
        guard let second = Int(secondParts[0]) else { return nil }
        var micros = 0
        if secondParts.count == 2 { micros = Int((String(secondParts[1]) + "000000").prefix(6)) ?? 0 }
        let receivedYear = CivilDate.date(days: CivilDate.split(micros: receivedAt).days).year
        var year = receivedYear
        guard var result = civil(year: year, month: month, day: day, seconds: hour * 3600 + minute * 60 + second, micros: micros, offset: 0) else { return nil }
        if result > receivedAt + 31 * 86_400 * 1_000_000 {
            year -= 1
            result = civil(year: year, month: month, day: day, seconds: hour * 3600 + minute * 60 + second, micros: micros, offset: 0) ?? result
        }
        return result
    }

    /// Microseconds since the epoch of a civil date and time with a UTC offset in seconds.
    public static func civil(year: Int, month: Int, day: Int, seconds: Int, micros: Int, offset: Int) -> Int64? {
        guard (1...12).contains(month), (1...31).contains(day) else { return nil }
        let total = CivilDate.days(year: year, month: month, day: day) * 86_400 + Int64(seconds) - Int64(offset)
        return total * 1_000_000 + Int64(micros)
    }

    /// RFC 3339 text in UTC with microseconds (`2020-09-14T01:19:40.123456Z`).
    public static func format(_ micros: Int64) -> String {
        let (days, rest, fraction) = CivilDate.split(micros: micros)
        let (year, month, day) = CivilDate.date(days: days)
        func pad(_ value: Int64, _ width: Int) -> String {
            let text = String(value)
            return text.count >= width ? text : String(repeating: "0", count: width - text.count) + text
        }
        return "\(pad(Int64(year), 4))-\(pad(Int64(month), 2))-\(pad(Int64(day), 2))T\(pad(rest / 3600, 2)):\(pad(rest / 60 % 60, 2)):\(pad(rest % 60, 2)).\(pad(fraction, 6))Z"
    }
}
