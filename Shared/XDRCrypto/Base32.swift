/// Lower-case RFC 4648 base32 without padding: URL-safe, case-insensitive to read aloud, and free of
/// characters that shells or URLs treat specially, which suits secrets pasted into shipper configs.
public enum Base32 {
    static let alphabet: [UInt8] = Array("abcdefghijklmnopqrstuvwxyz234567".utf8)

    /// Encodes `bytes`, five bits per character, the final partial group padded with zero bits.
    public static func encode(_ bytes: some Collection<UInt8>) -> String {
        var output: [UInt8] = []
        output.reserveCapacity((bytes.count * 8 + 4) / 5)
        var buffer: UInt32 = 0
        var bitCount = 0
        for byte in bytes {
            buffer = (buffer << 8) | UInt32(byte)
            bitCount += 8
            while bitCount >= 5 {
                bitCount -= 5
                output.append(alphabet[Int((buffer >> UInt32(bitCount)) & 0x1f)])
            }
        }
        if bitCount > 0 {
            output.append(alphabet[Int((buffer << UInt32(5 - bitCount)) & 0x1f)])
        }
        return String(decoding: output, as: UTF8.self)
    }

    /// Whether every character of `text` belongs to the alphabet.
    public static func isEncoded(_ text: Substring) -> Bool {
        !text.isEmpty && text.utf8.allSatisfy { alphabet.contains($0) }
    }
}
