extension MessageReader {
    /// Reads one response (skipping interim 1xx responses) and reports whether the connection can
    /// carry another request.
    mutating func readResponse(method: String, maximumBodyBytes: Int, deadline: Deadline) throws -> (HTTPClientResponse, reusable: Bool) {
        var head = try readHead(deadline: deadline)
        var (version, status) = try Self.statusLine(head.startLine)
        while (100..<200).contains(status) && status != 101 {
            head = try readHead(deadline: deadline)
            (version, status) = try Self.statusLine(head.startLine)
        }
        let headers = head.headers
        var reusable = !headers.containsToken("close", in: "Connection")
        if version == .http1_0 { reusable = headers.containsToken("keep-alive", in: "Connection") }
        let body: [UInt8]
        if method == "HEAD" || HTTPStatus.forbidsBody(status) {
            body = []
        } else if headers.containsToken("chunked", in: "Transfer-Encoding") {
            body = try readChunkedBody(maximumBodyBytes: maximumBodyBytes, deadline: deadline)
        } else if headers.contains("Content-Length") {
            guard case .length(let count) = try BodyFraming.of(headers, maximumBodyBytes: maximumBodyBytes) else {
                return (HTTPClientResponse(status: status, headers: headers, body: []), reusable)
            }
            body = try readBody(.length(count), maximumBodyBytes: maximumBodyBytes, deadline: deadline)
        } else {
            body = try readToEnd(maximumBodyBytes: maximumBodyBytes, deadline: deadline)
            reusable = false
        }
        return (HTTPClientResponse(status: status, headers: headers, body: body), reusable)
    }

    /// A body delimited by the end of the connection.
    mutating func readToEnd(maximumBodyBytes: Int, deadline: Deadline) throws -> [UInt8] {
        var body: [UInt8] = []
        while true {
            if !buffer.isEmpty {
                guard buffer.readable <= maximumBodyBytes - body.count else {
                    throw HTTPError(413, detail: "the response body exceeds \(maximumBodyBytes) bytes")
                }
                body.append(contentsOf: buffer.readableBytes)
                buffer.consume(buffer.readable)
            }
            if try fill(deadline: deadline) == 0 { return body }
        }
    }

    /// Parses `HTTP/1.1 200 OK`.
    static func statusLine(_ line: String) throws -> (HTTPVersion, Int) {
        let parts = line.split(separator: " ", maxSplits: 2, omittingEmptySubsequences: false)
        guard parts.count >= 2, parts[1].count == 3, let status = Int(parts[1]), (100...999).contains(status) else {
            throw HTTPClientError("malformed status line \"\(line.prefix(80))\"")
        }
        let version: HTTPVersion = parts[0] == "HTTP/1.0" ? .http1_0 : .http1_1
        guard parts[0].hasPrefix("HTTP/1.") else { throw HTTPClientError("unsupported protocol in status line \"\(line.prefix(80))\"") }
        return (version, status)
    }
}
