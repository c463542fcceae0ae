import XDRJSON

/// An HTTP response: a status, headers and either a complete body or a streaming body.
///
/// The server adds `Content-Length` (or chunked framing for streams), `Date`, `Connection` and
/// `X-Request-Id`; handlers set everything else.
public struct HTTPResponse: Sendable {
    public var status: Int
    public var headers: HTTPHeaders
    public var body: [UInt8]
    /// A streaming body (Server-Sent Events, long exports). When set, `body` is ignored and the
    /// closure runs on the connection's thread after the head is sent, writing with chunked transfer
    /// encoding; each write is flushed. It should return when `writer.isOpen` turns false.
    public var stream: (@Sendable (HTTPStreamWriter) throws -> Void)?

    public init(status: Int = 200, headers: HTTPHeaders = HTTPHeaders(), body: [UInt8] = []) {
        self.status = status
        self.headers = headers
        self.body = body
        self.stream = nil
    }

    /// A response whose body is produced incrementally by `stream`.
    public init(status: Int = 200, headers: HTTPHeaders = HTTPHeaders(), stream: @escaping @Sendable (HTTPStreamWriter) throws -> Void) {
        self.status = status
        self.headers = headers
        self.body = []
        self.stream = stream
    }

    /// A compact JSON body with `Content-Type: application/json`.
    public static func json(_ value: JSONValue, status: Int = 200) -> HTTPResponse {
        HTTPResponse(status: status, headers: ["Content-Type": "application/json"], body: Array(JSONWriter.serialize(value).utf8))
    }

    /// A UTF-8 plain-text body.
    public static func text(_ text: String, status: Int = 200) -> HTTPResponse {
        HTTPResponse(status: status, headers: ["Content-Type": "text/plain; charset=utf-8"], body: Array(text.utf8))
    }

    /// An RFC 9457 problem document (`application/problem+json`).
    ///
    /// - Parameters:
    ///   - title: a short summary that does not change between occurrences; defaults to the reason phrase.
    ///   - detail: what went wrong in this occurrence, safe to show to the client.
    ///   - extra: extension members appended after the standard ones.
    public static func problem(status: Int, title: String? = nil, detail: String? = nil, extra: JSONObject = JSONObject()) -> HTTPResponse {
        var object = JSONObject([
            "type": "about:blank",
            "title": .string(title ?? HTTPStatus.reason(status)),
            "status": .int(status),
        ])
        if let detail { object["detail"] = .string(detail) }
        for member in extra.members { object[member.key] = member.value }
        return HTTPResponse(
            status: status,
            headers: ["Content-Type": "application/problem+json"],
            body: Array(JSONWriter.serialize(.object(object)).utf8)
        )
    }

    /// A Server-Sent Events stream (`text/event-stream`, not cached, not buffered by proxies).
    public static func eventStream(_ stream: @escaping @Sendable (HTTPStreamWriter) throws -> Void) -> HTTPResponse {
        HTTPResponse(
            status: 200,
            headers: ["Content-Type": "text/event-stream", "Cache-Control": "no-cache", "X-Accel-Buffering": "no"],
            stream: stream
        )
    }

    /// The body decoded as UTF-8, for tests and logs.
    public var bodyText: String { String(decoding: body, as: UTF8.self) }
}
