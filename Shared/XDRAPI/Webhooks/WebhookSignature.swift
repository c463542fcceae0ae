import XDRCrypto

/// The `X-Tsunagi-Signature` header: `sha256=` and the lower-case hex HMAC-SHA256 of the exact
/// request body, keyed with the route's secret. Receivers recompute it and compare in constant time.
public enum WebhookSignature {
    public static let header = "X-Tsunagi-Signature"

    public static func sign(_ body: [UInt8], secret: String) -> String {
        "sha256=" + HMACSHA256.authenticationCode(for: body, key: Array(secret.utf8)).hexString
    }

    /// Whether `header` is the signature of `body` under `secret`.
    public static func verify(_ header: String, body: [UInt8], secret: String) -> Bool {
        guard header.hasPrefix("sha256="), let code = [UInt8](hex: String(header.dropFirst(7))) else { return false }
        return HMACSHA256.isValidAuthenticationCode(code, for: body, key: Array(secret.utf8))
    }
}
