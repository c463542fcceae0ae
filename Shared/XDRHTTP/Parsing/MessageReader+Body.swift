import XDRJSON

extension MessageReader {
    /// Reads a body delimited by `framing`, never holding more than `maximumBodyBytes`.
    /// Bodies above one MiB grow as data arrives, so a large declared length costs memory only
    /// once the bytes are really sent.
    mutating func readBody(_ framing: BodyFraming, maximumBodyBytes: Int, deadline: Deadline) throws -> [UInt8] {
        switch framing {
        case .none:
            return []
        case .length(let count) where count <= 1 << 20:
            return try read(exactly: count, deadline: deadline)
        case .length(let count):
            var body: [UInt8] = []
            body.reserveCapacity(1 << 20)
            try read(count: count, appendingTo: &body, deadline: deadline)
            return body
        case .chunked:
            return try readChunkedBody(maximumBodyBytes: maximumBodyBytes, deadline: deadline)
        }
    }

    /// Decodes `chunked` transfer coding (RFC 9112 §7.1), ignoring extensions and trailers.
    mutating func readChunkedBody(maximumBodyBytes: Int, deadline: Deadline) throws -> [UInt8] {
        var body: [UInt8] = []
        var chunkNumber = 0
        while true {
            chunkNumber += 1
            let size = try readLine(maximum: 1024, deadline: deadline) { line in
                try Self.chunkSize(line, chunk: chunkNumber)
            }
            if size == 0 { break }
            guard size <= maximumBodyBytes - body.count else {
                throw HTTPError(413, detail: "the chunked body exceeds the limit of \(maximumBodyBytes) bytes", extra: JSONObject(["limit": .int(maximumBodyBytes)]))
            }
            try read(count: size, appendingTo: &body, deadline: deadline)
            let terminated = try readLine(maximum: 0, deadline: deadline) { $0.isEmpty }
            guard terminated else { throw HTTPError.badRequest("chunk \(chunkNumber) is not followed by CRLF") }
        }
        // Trailer section: skipped, but bounded like a header section.
        var trailerBytes = 0
        while true {
            let length = try readLine(maximum: limits.maximumHeaderBytes, deadline: deadline) { $0.count }
            if length == 0 { break }
            trailerBytes += length + 2
            guard trailerBytes <= limits.maximumHeaderBytes else {
                throw HTTPError(431, detail: "the trailer section is larger than \(limits.maximumHeaderBytes) bytes")
            }
        }
        return body
    }

    /// Parses `chunk-size [; extensions]`. At most 15 hex digits: anything larger exceeds any limit.
    static func chunkSize(_ line: UnsafeBufferPointer<UInt8>, chunk: Int) throws -> Int {
        var size = 0, digits = 0
        for byte in line {
            if byte == UInt8(ascii: ";") || byte == 0x20 || byte == 0x09 { break }
            guard let value = PercentDecoding.hexValue(byte) else {
                throw HTTPError.badRequest("chunk \(chunk) has an invalid size \(HeadSyntax.preview(line))")
            }
            digits += 1
            guard digits <= 15 else { return Int.max }
            size = size << 4 | Int(value)
        }
        guard digits > 0 else { throw HTTPError.badRequest("chunk \(chunk) has an empty size line") }
        return size
    }
}
