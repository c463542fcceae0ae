/// Syntax checks and decoding for message heads (RFC 9110 §5, RFC 9112 §3–5).
enum HeadSyntax {
    /// `tchar` from RFC 9110 §5.6.2: the characters allowed in methods and field names.
    static let isTokenCharacter: [Bool] = (0..<256).map { value in
        switch UInt8(value) {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"):
            return true
        default:
            return "!#$%&'*+-.^_`|~".utf8.contains(UInt8(value))
        }
    }

    static func isToken(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        guard !bytes.isEmpty else { return false }
        let table = isTokenCharacter
        for byte in bytes where !table[Int(byte)] { return false }
        return true
    }

    /// Field values may hold visible characters, spaces, tabs and obs-text, but no other controls.
    static func isValidFieldValue(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        for byte in bytes where (byte < 0x20 && byte != 0x09) || byte == 0x7F { return false }
        return true
    }

    /// A printable, quoted-for-logs preview of untrusted bytes.
    static func preview(_ bytes: UnsafeBufferPointer<UInt8>, limit: Int = 40) -> String {
        let text = String(decoding: bytes.prefix(limit), as: UTF8.self)
        let cleaned = String(text.unicodeScalars.map { $0.value < 0x20 || $0.value == 0x7F ? "?" : Character($0) })
        return "\"" + cleaned + (bytes.count > limit ? "…" : "") + "\""
    }

    static func string(_ bytes: UnsafeBufferPointer<UInt8>) -> String {
        String(decoding: bytes, as: UTF8.self)
    }
}

extension MessageReader {
    /// Turns the located lines into a `MessageHead`, validating each header field.
    static func parseHead(_ view: UnsafeBufferPointer<UInt8>, startLine: Range<Int>, headerLines: [Range<Int>]) throws -> MessageHead {
        var headers = HTTPHeaders()
        headers.reserveCapacity(headerLines.count)
        for (number, range) in headerLines.enumerated() {
            let line = UnsafeBufferPointer(rebasing: view[range])
            guard let first = line.first, first != 0x20, first != 0x09 else {
                throw HTTPError.badRequest("header line \(number + 1) starts with whitespace (obsolete line folding is not accepted)")
            }
            guard let colon = line.firstIndex(of: UInt8(ascii: ":")) else {
                throw HTTPError.badRequest("header line \(number + 1) has no colon: \(HeadSyntax.preview(line))")
            }
            let name = UnsafeBufferPointer(rebasing: line[0..<colon])
            guard HeadSyntax.isToken(name) else {
                throw HTTPError.badRequest("header line \(number + 1) has an invalid field name: \(HeadSyntax.preview(name))")
            }
            var valueStart = colon + 1, valueEnd = line.count
            while valueStart < valueEnd && (line[valueStart] == 0x20 || line[valueStart] == 0x09) { valueStart += 1 }
            while valueEnd > valueStart && (line[valueEnd - 1] == 0x20 || line[valueEnd - 1] == 0x09) { valueEnd -= 1 }
            let value = UnsafeBufferPointer(rebasing: line[valueStart..<valueEnd])
            guard HeadSyntax.isValidFieldValue(value) else {
                throw HTTPError.badRequest("header \(HeadSyntax.string(name)) contains a control character")
            }
            headers.add(HeadSyntax.string(name), HeadSyntax.string(value))
        }
        let start = UnsafeBufferPointer(rebasing: view[startLine])
        return MessageHead(startLine: HeadSyntax.string(start), headers: headers)
    }
}
