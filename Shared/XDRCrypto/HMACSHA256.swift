/// HMAC with SHA-256 (RFC 2104), as used for webhook signatures and key derivation.
public enum HMACSHA256 {
    private static let innerPad: UInt8 = 0x36
    private static let outerPad: UInt8 = 0x5c

    /// Computes the 32-byte authentication code of `message` under `key`.
    ///
    /// Keys longer than the 64-byte block are hashed first and shorter ones zero-padded, as
    /// RFC 2104 §2 prescribes.
    public static func authenticationCode(for message: some Collection<UInt8>, key: some Collection<UInt8>) -> [UInt8] {
        var blockKey = key.count > SHA256.blockByteCount ? SHA256.hash(key) : Array(key)
        blockKey.append(contentsOf: repeatElement(0, count: SHA256.blockByteCount - blockKey.count))

        var inner = SHA256()
        inner.update(blockKey.map { $0 ^ innerPad })
        inner.update(message)

        var outer = SHA256()
        outer.update(blockKey.map { $0 ^ outerPad })
        outer.update(inner.finalize())
        return outer.finalize()
    }

    /// Whether `code` is the authentication code of `message` under `key`, compared in constant time.
    public static func isValidAuthenticationCode(
        _ code: some Collection<UInt8>, for message: some Collection<UInt8>, key: some Collection<UInt8>
    ) -> Bool {
        authenticationCode(for: message, key: key).constantTimeEquals(code)
    }
}
