import XDRJSON

/// An error that knows its HTTP status; thrown by handlers and middleware, rendered as an
/// RFC 9457 problem document.
///
/// `detail` is shown to the client, so it must not carry internals. Any other error thrown by a
/// handler becomes a 500 whose body names only the request id.
public struct HTTPError: Error, Sendable, CustomStringConvertible {
    public var status: Int
    public var title: String
    public var detail: String?
    /// Extension members of the problem document (`errors`, `limit`).
    public var extra: JSONObject
    /// Headers to send with the problem (`Retry-After`, `WWW-Authenticate`, `Allow`).
    public var headers: HTTPHeaders

    public init(_ status: Int, title: String? = nil, detail: String? = nil, extra: JSONObject = JSONObject(), headers: HTTPHeaders = HTTPHeaders()) {
        self.status = status
        self.title = title ?? HTTPStatus.reason(status)
        self.detail = detail
        self.extra = extra
        self.headers = headers
    }

    public static func badRequest(_ detail: String) -> HTTPError { HTTPError(400, detail: detail) }
    public static func notFound(_ detail: String) -> HTTPError { HTTPError(404, detail: detail) }
    public static func unauthorized(_ detail: String, challenge: String = "Bearer") -> HTTPError {
        HTTPError(401, detail: detail, headers: ["WWW-Authenticate": challenge])
    }
    public static func forbidden(_ detail: String) -> HTTPError { HTTPError(403, detail: detail) }
    public static func conflict(_ detail: String) -> HTTPError { HTTPError(409, detail: detail) }
    public static func unprocessable(_ detail: String, extra: JSONObject = JSONObject()) -> HTTPError {
        HTTPError(422, detail: detail, extra: extra)
    }
    public static func tooManyRequests(retryAfterSeconds: Int, detail: String? = nil) -> HTTPError {
        HTTPError(429, detail: detail, headers: ["Retry-After": String(retryAfterSeconds)])
    }
    public static func serviceUnavailable(retryAfterSeconds: Int, detail: String? = nil) -> HTTPError {
        HTTPError(503, detail: detail, headers: ["Retry-After": String(retryAfterSeconds)])
    }

    /// The problem response, with `request_id` added when given.
    public func response(requestID: String? = nil) -> HTTPResponse {
        var members = extra
        if let requestID { members["request_id"] = .string(requestID) }
        var response = HTTPResponse.problem(status: status, title: title, detail: detail, extra: members)
        for (name, value) in headers { response.headers.replaceOrAdd(name, value) }
        return response
    }

    public var description: String {
        "HTTP \(status) \(title)" + (detail.map { ": \($0)" } ?? "")
    }
}
