/// Case-insensitive comparison of ASCII text (`value`, any case) with lower-case text (`wanted`),
/// byte by byte: how rule conditions compare the common case without copying the value.
enum ASCIIFold {
    /// Whether folding only the ASCII letters of UTF-8 `value` finds every ASCII text that
    /// `lowercased()` would: true unless the value holds one of the two characters whose lower
    /// case is ASCII (U+0130 İ → "i̇", U+212A KELVIN SIGN → "k"). Every other character lowers
    /// to non-ASCII bytes, which an ASCII pattern can never match.
    static func isExact(_ value: UnsafeBufferPointer<UInt8>) -> Bool {
        var index = 0
        while index + 1 < value.count {
            if value[index] == 0xC4, value[index + 1] == 0xB0 { return false }
            if value[index] == 0xE2, index + 2 < value.count, value[index + 1] == 0x84, value[index + 2] == 0xAA { return false }
            index += 1
        }
        return true
    }

    /// Whether lower-case `value` contains lower-case `wanted`, on their UTF-8 bytes (with Foundation
    /// imported, `String.contains` goes through NSString's search, and the standard library's
    /// generic `firstRange(of:)` took tens of instructions a byte).
    static func contains(_ value: String, _ wanted: String) -> Bool {
        var value = value
        var wanted = wanted
        return value.withUTF8 { bytes in wanted.withUTF8 { matches(bytes, .contains, $0) } }
    }

    static func matches(_ value: UnsafeBufferPointer<UInt8>, _ op: MatchOperator, _ wanted: UnsafeBufferPointer<UInt8>) -> Bool {
        switch op {
        case .equals, .in: value.count == wanted.count && equal(value, from: 0, wanted)
        case .startswith: value.count >= wanted.count && equal(value, from: 0, wanted)
        case .endswith: value.count >= wanted.count && equal(value, from: value.count - wanted.count, wanted)
        case .contains: firstMatch(of: wanted, in: value)
        }
    }

    /// A scan for the first byte, then a comparison from each candidate.
    private static func firstMatch(of wanted: UnsafeBufferPointer<UInt8>, in value: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let first = wanted.first else { return true }
        guard value.count >= wanted.count else { return false }
        var start = 0
        let last = value.count - wanted.count
        while start <= last {
            if lower(value[start]) == first, equal(value, from: start, wanted) { return true }
            start += 1
        }
        return false
    }

    /// Whether `value` from `start` on begins with `wanted`, letters folded to lower case.
    private static func equal(_ value: UnsafeBufferPointer<UInt8>, from start: Int, _ wanted: UnsafeBufferPointer<UInt8>) -> Bool {
        for index in 0..<wanted.count where lower(value[start + index]) != wanted[index] { return false }
        return true
    }

    private static func lower(_ byte: UInt8) -> UInt8 {
        byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z") ? byte | 0x20 : byte
    }
}
