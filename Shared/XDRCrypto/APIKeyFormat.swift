/// The shape of Tsunagi API keys: `xdr_<prefix>_<secret>`.
///
/// - `prefix`: 8 base32 characters (5 random bytes). Stored in clear next to the key hash so
///   operators can tell keys apart in listings and logs without seeing the secret.
/// - `secret`: 32 random bytes as 52 lower-case base32 characters, no padding.
///
/// Only `hash(_:)` of the whole key is stored; the key itself is shown once at creation.
public enum APIKeyFormat {
    /// The fixed leading marker, which also lets secret scanners recognise leaked keys.
    public static let marker = "xdr"
    /// Characters in the public prefix.
    public static let prefixLength = 8
    /// Random bytes behind the secret part.
    public static let secretByteCount = 32
    /// Characters in the encoded secret part.
    public static let secretLength = (secretByteCount * 8 + 4) / 5

    /// Why a presented key is not a well-formed key.
    public struct MalformedKey: Error, CustomStringConvertible, Sendable, Equatable {
        /// What was wrong, without echoing the key.
        public let reason: String
        public var description: String { "malformed API key: \(reason)" }
    }

    /// Mints a new key from the kernel's random source.
    ///
    /// - Returns: the full key (show it once, never store it) and its 8-character public prefix.
    /// - Throws: `SecureRandom.Failure` if random bytes cannot be read.
    public static func generate() throws -> (key: String, prefix: String) {
        let prefix = Base32.encode(try SecureRandom.bytes(5))
        let secret = Base32.encode(try SecureRandom.bytes(secretByteCount))
        return ("\(marker)_\(prefix)_\(secret)", prefix)
    }

    /// The value stored for a key: SHA-256 of its UTF-8 text.
    public static func hash(_ key: String) -> [UInt8] {
        SHA256.hash(Array(key.utf8))
    }

    /// Checks a presented key's shape before any database lookup and returns its public prefix.
    ///
    /// - Throws: `MalformedKey` naming the part that is wrong.
    public static func prefix(of key: String) throws -> String {
        let parts = key.split(separator: "_", omittingEmptySubsequences: false)
        guard parts.count == 3 else { throw MalformedKey(reason: "expected xdr_<prefix>_<secret>") }
        guard parts[0] == Substring(marker) else { throw MalformedKey(reason: "must start with \"\(marker)_\"") }
        guard parts[1].count == prefixLength, Base32.isEncoded(parts[1]) else {
            throw MalformedKey(reason: "prefix must be \(prefixLength) characters a-z, 2-7")
        }
        guard parts[2].count == secretLength, Base32.isEncoded(parts[2]) else {
            throw MalformedKey(reason: "secret must be \(secretLength) characters a-z, 2-7")
        }
        return String(parts[1])
    }
}
