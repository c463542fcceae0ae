/// A blocking HTTP/1.1 client connection that reuses one socket for many requests (keep-alive),
/// reconnecting when the server closed it. For load generation, webhooks and tests.
///
/// Not thread-safe: use one connection per thread.
public final class HTTPClientConnection {
    public let host: String
    public let port: Int
    /// Seconds allowed for connecting and for each complete exchange.
    public var timeout: Double
    /// Responses larger than this fail instead of exhausting memory.
    public var maximumResponseBytes: Int
    private var reader: MessageReader<SocketByteSource>?

    private static let responseLimits = HeadLimits(maximumStartLineBytes: 8 * 1024, maximumHeaderBytes: 64 * 1024)

    public init(host: String, port: Int, timeout: Double = 10, maximumResponseBytes: Int = 64 * 1024 * 1024) {
        self.host = host
        self.port = port
        self.timeout = timeout
        self.maximumResponseBytes = maximumResponseBytes
    }

    /// Sends one request and reads its response.
    /// - Parameters:
    ///   - target: the path and query (`/v1/incidents?limit=5`).
    ///   - gzip: compress `body` and send `Content-Encoding: gzip`.
    /// - Throws: `HTTPClientError` when the exchange fails or times out.
    public func send(_ method: String, _ target: String, headers: HTTPHeaders = HTTPHeaders(), body: [UInt8] = [], gzip: Bool = false) throws -> HTTPClientResponse {
        let method = method.uppercased()
        let reused = reader != nil
        do {
            return try exchange(method, target, headers: headers, body: body, gzip: gzip)
        } catch let error as SocketError where reused {
            // The server may have closed an idle keep-alive connection just before we wrote; the
            // request never reached a handler, so one fresh attempt is safe.
            guard case .closed = error else { throw HTTPClientError("\(method) \(target): \(error)") }
            close()
            do {
                return try exchange(method, target, headers: headers, body: body, gzip: gzip)
            } catch {
                throw Self.describe(error, method, target)
            }
        } catch {
            throw Self.describe(error, method, target)
        }
    }

    /// Closes the socket; the next request reconnects.
    public func close() { reader = nil }

    private func exchange(_ method: String, _ target: String, headers: HTTPHeaders, body: [UInt8], gzip: Bool) throws -> HTTPClientResponse {
        let deadline = Deadline.after(timeout)
        if reader == nil {
            let socket = try Socket.connect(host: host, port: port, deadline: deadline)
            reader = MessageReader(source: SocketByteSource(socket: socket), limits: Self.responseLimits)
        }
        guard var current = reader else { throw HTTPClientError("not connected") }
        reader = nil
        let payload = gzip ? Gzip.compress(body) : body
        var head = "\(method) \(target) HTTP/1.1\r\n"
        if !headers.contains("Host") { head += "Host: \(port == 80 ? host : "\(host.contains(":") ? "[\(host)]" : host):\(port)")\r\n" }
        for (name, value) in headers where !["content-length", "transfer-encoding"].contains(name.lowercased()) {
            if gzip && name.lowercased() == "content-encoding" { continue }
            head += "\(name): \(value)\r\n"
        }
        if gzip { head += "Content-Encoding: gzip\r\n" }
        if !payload.isEmpty || ["POST", "PUT", "PATCH"].contains(method) { head += "Content-Length: \(payload.count)\r\n" }
        head += "\r\n"
        var bytes = Array(head.utf8)
        bytes.append(contentsOf: payload)
        try current.source.socket.send(bytes, deadline: deadline)
        let (response, reusable) = try current.readResponse(method: method, maximumBodyBytes: maximumResponseBytes, deadline: deadline)
        if reusable && !headers.containsToken("close", in: "Connection") { reader = current }
        return response
    }

    private static func describe(_ error: any Error, _ method: String, _ target: String) -> HTTPClientError {
        switch error {
        case let error as HTTPClientError: return error
        case let error as HTTPError: return HTTPClientError("\(method) \(target): invalid response: \(error.detail ?? error.title)")
        default: return HTTPClientError("\(method) \(target): \(error)")
        }
    }
}

/// One-shot HTTP requests over a fresh connection.
public enum HTTPClient {
    /// Sends a request to an `http://` URL on a new connection and reads the whole response.
    /// - Parameters:
    ///   - gzip: compress the body and send `Content-Encoding: gzip`.
    /// - Throws: `HTTPClientError` for bad URLs, connection failures, timeouts and malformed responses.
    public static func send(_ method: String, url: String, headers: HTTPHeaders = HTTPHeaders(), body: [UInt8] = [],
                            timeout: Double = 10, gzip: Bool = false) throws -> HTTPClientResponse {
        let parsed = try HTTPClientURL(url)
        let connection = HTTPClientConnection(host: parsed.host, port: parsed.port, timeout: timeout)
        var headers = headers
        if !headers.contains("Host") { headers.replaceOrAdd("Host", parsed.hostHeader) }
        headers.replaceOrAdd("Connection", "close")
        defer { connection.close() }
        return try connection.send(method, parsed.target, headers: headers, body: body, gzip: gzip)
    }
}
