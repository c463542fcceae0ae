/// Case-insensitive comparison of ASCII text (`value`, any case) with lower-case text (`wanted`),
/// byte by byte: how rule conditions compare the common case without copying the value.
enum ASCIIFold {
    static func matches(_ value: UnsafeBufferPointer<UInt8>, _ op: MatchOperator, _ wanted: UnsafeBufferPointer<UInt8>) -> Bool {
        switch op {
        case .equals, .in: value.count == wanted.count && equal(value, from: 0, wanted)
        case .startswith: value.count >= wanted.count && equal(value, from: 0, wanted)
        case .endswith: value.count >= wanted.count && equal(value, from: value.count - wanted.count, wanted)
        case .contains:
            wanted.isEmpty || (value.count >= wanted.count
                && (0...(value.count - wanted.count)).contains { equal(value, from: $0, wanted) })
        }
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
