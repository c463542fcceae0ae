/// A small, fast, seedable pseudo-random generator (SplitMix64, Steele/Lea/Flood 2014).
///
/// Scenarios must be byte-identical for the same seed on every machine and toolchain, so the
/// generator and every derived draw (`below`, `pick`, `hex`) are ours: the standard library's
/// `random(in:using:)` algorithms are not promised to stay the same across Swift releases.
public struct SplitMix64: Sendable {
    private var state: UInt64

    public init(seed: UInt64) { state = seed }

    /// A generator for a named sub-stream, so adding draws to one scenario does not shift another.
    public init(seed: UInt64, stream: String) {
        var hash: UInt64 = 0xCBF2_9CE4_8422_2325 // FNV-1a offset basis
        for byte in stream.utf8 { hash = (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01B3 }
        state = seed ^ hash
        _ = next()
    }

    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// A value in `0..<bound` (multiply-shift; the tiny bias is irrelevant for test data).
    public mutating func below(_ bound: Int) -> Int {
        precondition(bound > 0, "bound must be positive")
        return Int(truncatingIfNeeded: next().multipliedFullWidth(by: UInt64(bound)).high)
    }

    /// A value in the closed range.
    public mutating func int(_ range: ClosedRange<Int>) -> Int {
        range.lowerBound + below(range.upperBound - range.lowerBound + 1)
    }

    /// True with probability `percent`/100.
    public mutating func chance(_ percent: Int) -> Bool { below(100) < percent }

    public mutating func pick<T>(_ items: [T]) -> T { items[below(items.count)] }

    /// `count` lower-case hex digits.
    public mutating func hex(_ count: Int) -> String {
        String(decoding: hexBytes(count), as: UTF8.self)
    }

    /// `count` lower-case hex digits as UTF-8 bytes.
    public mutating func hexBytes(_ count: Int) -> [UInt8] {
        var out = [UInt8]()
        out.reserveCapacity(count)
        var bits = next()
        var left = 16
        for _ in 0..<count {
            if left == 0 { bits = next(); left = 16 }
            out.append(hexDigits[Int(bits & 0xF)])
            bits >>= 4
            left -= 1
        }
        return out
    }

    /// A random (version 4 shaped) UUID in lower case.
    public mutating func uuid() -> String {
        var digits = hexBytes(32)
        digits[12] = UInt8(ascii: "4")
        digits[16] = hexDigits[8 + Int(digits[16] & 0x3)]
        var out = [UInt8]()
        out.reserveCapacity(36)
        for (index, digit) in digits.enumerated() {
            if index == 8 || index == 12 || index == 16 || index == 20 { out.append(UInt8(ascii: "-")) }
            out.append(digit)
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// Upper-case alphanumerics, as AWS uses for access key and principal ids.
    public mutating func upperAlphanumeric(_ count: Int) -> String {
        let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZ234567".utf8)
        return String(decoding: (0..<count).map { _ in alphabet[below(alphabet.count)] }, as: UTF8.self)
    }

    /// Mixed-case alphanumerics, as Zeek uses for connection uids.
    public mutating func alphanumeric(_ count: Int) -> String {
        let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789".utf8)
        return String(decoding: (0..<count).map { _ in alphabet[below(alphabet.count)] }, as: UTF8.self)
    }
}

let hexDigits: [UInt8] = Array("0123456789abcdef".utf8)
