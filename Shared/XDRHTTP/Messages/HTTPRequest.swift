/// A complete HTTP request as handlers see it: the body is already de-chunked and decompressed.
public struct HTTPRequest: Sendable {
    /// The method in upper case (`GET`, `POST`).
    public var method: String
    /// The request target exactly as received (`/v1/incidents?limit=10`).
    public var target: String
    /// The percent-decoded path without the query (`/v1/incidents`).
    public var path: String
    /// The decoded query parameters in order (`+` decodes to a space).
    public var query: [(String, String)]
    public var headers: HTTPHeaders
    /// The body after transfer and content decoding, bounded by the server's body limit.
    public var body: [UInt8]
    /// The peer address as `ip:port` (`127.0.0.1:53122`, `[::1]:53122`).
    public var remoteAddress: String
    /// The protocol version.
    public var version: HTTPVersion

    public init(
        method: String, target: String, headers: HTTPHeaders = HTTPHeaders(), body: [UInt8] = [],
        remoteAddress: String = "", version: HTTPVersion = .http1_1
    ) {
        self.method = method.uppercased()
        self.target = target
        let parts = RequestTarget(target)
        self.path = parts.path
        self.query = parts.query
        self.headers = headers
        self.body = body
        self.remoteAddress = remoteAddress
        self.version = version
    }

    /// The first value of the query parameter `name`, or `nil`.
    public func query(_ name: String) -> String? {
        for (key, value) in query where key == name { return value }
        return nil
    }

    /// The body decoded as UTF-8 (invalid sequences replaced).
    public var bodyText: String { String(decoding: body, as: UTF8.self) }
}

/// An HTTP protocol version; only 1.0 and 1.1 are served.
public struct HTTPVersion: Sendable, Hashable, CustomStringConvertible {
    public var major: Int
    public var minor: Int

    public init(major: Int, minor: Int) {
        self.major = major
        self.minor = minor
    }

    public static let http1_0 = HTTPVersion(major: 1, minor: 0)
    public static let http1_1 = HTTPVersion(major: 1, minor: 1)

    public var description: String { "HTTP/\(major).\(minor)" }
}
