import XDRJSON

/// Removes `Content-Encoding` from request bodies (RFC 9110 §8.4).
enum ContentDecoding {
    /// The codings the server can remove, as advertised in 415 answers.
    static let supported = ["gzip", "deflate", "identity"]

    /// Returns `body` with every listed content coding removed (last applied, first removed),
    /// and whether anything was decoded.
    /// - Throws: `HTTPError` 415 for unsupported codings (with `Accept-Encoding`), 413 when the
    ///   decoded size exceeds `limit`, 400 for corrupt compressed data.
    static func decode(_ body: [UInt8], headers: HTTPHeaders, limit: Int) throws -> (body: [UInt8], decoded: Bool) {
        let codings = headers.values(for: "Content-Encoding")
            .flatMap { $0.split(separator: ",") }
            .map { $0.trimmingSpaces.lowercased() }
            .filter { !$0.isEmpty && $0 != "identity" }
        guard !codings.isEmpty else { return (body, false) }
        for coding in codings where !["gzip", "x-gzip", "deflate"].contains(coding) {
            throw HTTPError(415, detail: "unsupported Content-Encoding \(coding); supported: \(supported.joined(separator: ", "))",
                            extra: JSONObject(["supported": .strings(supported)]),
                            headers: ["Accept-Encoding": "gzip, deflate"])
        }
        guard codings.count <= 2 else { throw HTTPError.badRequest("more than two content codings are not accepted") }
        var decoded = body
        for coding in codings.reversed() {
            do {
                decoded = try Gzip.decompress(decoded, limit: limit)
            } catch Gzip.Failure.tooLarge {
                throw HTTPError(413, detail: "the \(coding) body decompresses to more than \(limit) bytes", extra: JSONObject(["limit": .int(limit)]))
            } catch {
                throw HTTPError.badRequest("the \(coding) body could not be decoded: \(error)")
            }
        }
        return (decoded, true)
    }
}
