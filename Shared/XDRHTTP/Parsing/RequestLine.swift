/// The parsed request line: `METHOD SP request-target SP HTTP-version` (RFC 9112 §3).
struct RequestLine: Equatable {
    var method: String
    var target: String
    var version: HTTPVersion

    /// - Throws: `HTTPError` 400 for malformed lines, 505 for versions other than 1.0 and 1.1.
    init(parsing line: String) throws {
        let parts = line.utf8.split(separator: 0x20, maxSplits: 3, omittingEmptySubsequences: false)
        guard parts.count == 3 else {
            throw HTTPError.badRequest("malformed request line: expected METHOD SP TARGET SP VERSION")
        }
        let methodBytes = Array(parts[0])
        let methodIsToken = methodBytes.withUnsafeBufferPointer { HeadSyntax.isToken($0) }
        guard methodIsToken, methodBytes.count <= 32 else {
            throw HTTPError.badRequest("malformed request line: invalid method")
        }
        let targetBytes = parts[1]
        guard !targetBytes.isEmpty, targetBytes.allSatisfy({ (0x21...0x7E).contains($0) }) else {
            throw HTTPError.badRequest("malformed request line: the target is empty or contains spaces, controls or non-ASCII bytes")
        }
        let target = String(decoding: targetBytes, as: UTF8.self)
        guard target.hasPrefix("/") || target == "*" || target.hasPrefix("http://") || target.hasPrefix("https://") else {
            throw HTTPError.badRequest("malformed request line: the target must be a path starting with /")
        }
        self.method = String(decoding: methodBytes, as: UTF8.self).uppercased()
        self.target = target
        self.version = try Self.version(String(decoding: parts[2], as: UTF8.self))
    }

    static func version(_ text: String) throws -> HTTPVersion {
        switch text {
        case "HTTP/1.1": return .http1_1
        case "HTTP/1.0": return .http1_0
        default:
            // A well-formed but newer version (HTTP/2.0, HTTP/3.0) gets 505 rather than 400.
            let bytes = Array(text.utf8)
            if bytes.count == 8, text.hasPrefix("HTTP/"), bytes[6] == UInt8(ascii: "."),
               (UInt8(ascii: "2")...UInt8(ascii: "9")).contains(bytes[5]) {
                throw HTTPError(505, detail: "only HTTP/1.0 and HTTP/1.1 are supported")
            }
            throw HTTPError.badRequest("malformed request line: unknown protocol version")
        }
    }
}
