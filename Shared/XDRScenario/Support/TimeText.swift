import XDRCore
/// The timestamp spellings the emulated products write.
public enum TimeStyle: Sendable {
    /// `2026-11-22T10:00:00.123Z` (Winlogbeat `@timestamp`).
    case isoMillis
    /// `2026-11-22T10:00:00.123456Z` (Kubernetes audit).
    case isoMicros
    /// `2026-11-22T10:00:00.1234560Z` (.NET round-trip, Microsoft Defender exports).
    case isoTicks
    /// `2026-11-22T10:00:00Z` (CloudTrail `eventTime`).
    case isoSeconds
    /// `2026-11-22T10:00:00.123456+0000` (Suricata EVE).
    case suricata
    /// `2026-11-22 10:00:00.123` (Sysmon `UtcTime`).
    case sysmonUTC
    /// `2026-11-22T10:00:00.123456789Z`: nanoseconds, the last three digits from the microseconds'
    /// own low digits so the text is deterministic (Falco `time`).
    case isoNanos
}

/// Formats microseconds since the epoch without Foundation, fast enough for bulk noise.
public enum TimeText {
    public static func string(_ micros: Int64, _ style: TimeStyle) -> String {
        var bytes: [UInt8] = []
        append(micros, style, to: &bytes)
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Seconds since the epoch with six decimals (`1795341600.123456`, Zeek `ts`).
    public static func epochSeconds(_ micros: Int64) -> String {
        let seconds = micros / 1_000_000
        let fraction = Int(micros % 1_000_000)
        var bytes = Array(String(seconds).utf8)
        bytes.append(UInt8(ascii: "."))
        appendPadded(fraction, width: 6, to: &bytes)
        return String(decoding: bytes, as: UTF8.self)
    }

    public static func append(_ micros: Int64, _ style: TimeStyle, to bytes: inout [UInt8]) {
        let seconds = micros >= 0 ? micros / 1_000_000 : (micros - 999_999) / 1_000_000
        let fraction = Int(micros - seconds * 1_000_000)
        let days = seconds >= 0 ? seconds / 86_400 : (seconds - 86_399) / 86_400
        let rest = Int(seconds - days * 86_400)
        let (year, month, day) = civil(days: days)
        appendPadded(year, width: 4, to: &bytes)
        bytes.append(UInt8(ascii: "-"))
        appendPadded(month, width: 2, to: &bytes)
        bytes.append(UInt8(ascii: "-"))
        appendPadded(day, width: 2, to: &bytes)
        bytes.append(style == .sysmonUTC ? UInt8(ascii: " ") : UInt8(ascii: "T"))
        appendPadded(rest / 3600, width: 2, to: &bytes)
        bytes.append(UInt8(ascii: ":"))
        appendPadded(rest / 60 % 60, width: 2, to: &bytes)
        bytes.append(UInt8(ascii: ":"))
        appendPadded(rest % 60, width: 2, to: &bytes)
        switch style {
        case .isoSeconds:
            bytes.append(UInt8(ascii: "Z"))
        case .isoMillis, .sysmonUTC:
            bytes.append(UInt8(ascii: "."))
            appendPadded(fraction / 1000, width: 3, to: &bytes)
            if style == .isoMillis { bytes.append(UInt8(ascii: "Z")) }
        case .isoMicros:
            bytes.append(UInt8(ascii: "."))
            appendPadded(fraction, width: 6, to: &bytes)
            bytes.append(UInt8(ascii: "Z"))
        case .isoTicks:
            bytes.append(UInt8(ascii: "."))
            appendPadded(fraction, width: 6, to: &bytes)
            bytes.append(contentsOf: [UInt8(ascii: "0"), UInt8(ascii: "Z")])
        case .isoNanos:
            bytes.append(UInt8(ascii: "."))
            appendPadded(fraction, width: 6, to: &bytes)
            appendPadded((fraction * 7) % 1000, width: 3, to: &bytes)
            bytes.append(UInt8(ascii: "Z"))
        case .suricata:
            bytes.append(UInt8(ascii: "."))
            appendPadded(fraction, width: 6, to: &bytes)
            bytes.append(contentsOf: Array("+0000".utf8))
        }
    }

    /// Year, month, day of a day count since 1970-01-01.
    static func civil(days: Int64) -> (Int, Int, Int) {
        let date = CivilDate.date(days: days)
        return (date.year, date.month, date.day)
    }

    static func appendPadded(_ value: Int, width: Int, to bytes: inout [UInt8]) {
        var divisor = 1
        for _ in 1..<width { divisor *= 10 }
        while divisor > 0 {
            bytes.append(UInt8(ascii: "0") + UInt8(value / divisor % 10))
            divisor /= 10
        }
    }
}
