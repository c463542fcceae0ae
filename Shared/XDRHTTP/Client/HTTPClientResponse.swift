import XDRJSON

/// A response received by `HTTPClient` or `HTTPClientConnection`, body fully read and de-chunked.
public struct HTTPClientResponse: Sendable {
    public var status: Int
    public var headers: HTTPHeaders
    public var body: [UInt8]

    public init(status: Int, headers: HTTPHeaders, body: [UInt8]) {
        self.status = status
        self.headers = headers
        self.body = body
    }

    /// The body decoded as UTF-8.
    public var text: String { String(decoding: body, as: UTF8.self) }

    /// The body parsed as JSON.
    public func json() throws -> JSONValue { try JSONParser.parse(body) }
}

/// A failed client exchange: unreachable host, timeout, malformed or oversized response.
public struct HTTPClientError: Error, CustomStringConvertible {
    public let message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}

/// An `http://host[:port]/path?query` URL split for the client.
struct HTTPClientURL: Equatable {
    var host: String
    var port: Int
    var target: String

    init(host: String, port: Int, target: String) {
        self.host = host
        self.port = port
        self.target = target
    }

    /// - Throws: `HTTPClientError` for other schemes or a malformed authority.
    init(_ text: String) throws {
        guard text.hasPrefix("http://") else {
            throw HTTPClientError("unsupported URL \(text): only http:// is supported")
        }
        let rest = text.dropFirst("http://".count)
        let slash = rest.firstIndex(where: { $0 == "/" || $0 == "?" }) ?? rest.endIndex
        let authority = rest[..<slash]
        var target = String(rest[slash...])
        if target.isEmpty || target.hasPrefix("?") { target = "/" + target }
        var host = String(authority), port = 80
        if authority.hasPrefix("[") {
            guard let close = authority.firstIndex(of: "]") else { throw HTTPClientError("malformed IPv6 address in \(text)") }
            host = String(authority[authority.index(after: authority.startIndex)..<close])
            let after = authority[authority.index(after: close)...]
            if after.hasPrefix(":") {
                guard let value = Int(after.dropFirst()), (1...65535).contains(value) else { throw HTTPClientError("invalid port in \(text)") }
                port = value
            }
        } else if let colon = authority.lastIndex(of: ":") {
            host = String(authority[..<colon])
            guard let value = Int(authority[authority.index(after: colon)...]), (1...65535).contains(value) else {
                throw HTTPClientError("invalid port in \(text)")
            }
            port = value
        }
        guard !host.isEmpty else { throw HTTPClientError("missing host in \(text)") }
        self.host = host
        self.port = port
        self.target = target
    }

    /// The `Host` header value.
    var hostHeader: String {
        let name = host.contains(":") ? "[\(host)]" : host
        return port == 80 ? name : "\(name):\(port)"
    }
}
