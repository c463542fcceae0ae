import XDRJSON

/// How a request body is delimited (RFC 9112 §6).
enum BodyFraming: Equatable {
    case none
    case length(Int)
    case chunked

    /// Decides the framing from the headers, rejecting ambiguous or oversized declarations.
    /// - Throws: `HTTPError` 400 (both `Content-Length` and `Transfer-Encoding`, invalid length),
    ///   501 (a transfer coding other than chunked), 413 (declared length above `maximumBodyBytes`).
    static func of(_ headers: HTTPHeaders, maximumBodyBytes: Int) throws -> BodyFraming {
        let transferEncodings = headers.values(for: "Transfer-Encoding")
        let lengths = headers.values(for: "Content-Length")
        if !transferEncodings.isEmpty {
            // A message with both is a request-smuggling vector; refuse rather than pick one.
            guard lengths.isEmpty else {
                throw HTTPError.badRequest("both Content-Length and Transfer-Encoding are present")
            }
            let codings = transferEncodings.flatMap { $0.split(separator: ",") }.map { $0.trimmingSpaces.lowercased() }
            guard codings == ["chunked"] else {
                throw HTTPError(501, detail: "unsupported Transfer-Encoding \(transferEncodings.joined(separator: ", ")); only chunked is supported")
            }
            return .chunked
        }
        guard !lengths.isEmpty else { return .none }
        // Repeated identical values ("42, 42") are allowed by RFC 9110 §8.6; different ones are not.
        var declared: Int?
        for value in lengths.flatMap({ $0.split(separator: ",", omittingEmptySubsequences: false) }) {
            let digits = value.trimmingSpaces
            guard !digits.isEmpty, digits.utf8.allSatisfy({ (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) }) else {
                throw HTTPError.badRequest("invalid Content-Length \"\(value.prefix(32))\"")
            }
            // More than 15 digits cannot be within any limit and would overflow Int on parsing.
            let length = digits.utf8.count > 15 ? Int.max : Int(digits) ?? Int.max
            if let declared, declared != length {
                throw HTTPError.badRequest("conflicting Content-Length values")
            }
            declared = length
        }
        guard let length = declared else { return .none }
        guard length <= maximumBodyBytes else {
            throw HTTPError(413, detail: "the body declares \(length == Int.max ? "more than 10^15" : String(length)) bytes; the limit is \(maximumBodyBytes)",
                            extra: JSONObject(["limit": .int(maximumBodyBytes)]))
        }
        return length == 0 ? .none : .length(length)
    }
}
