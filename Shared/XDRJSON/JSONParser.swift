/// A strict RFC 8259 JSON parser over UTF-8 bytes.
///
/// It rejects invalid UTF-8, control characters in strings, trailing garbage and nesting deeper than
/// `maximumDepth`, and reports the byte offset of the problem. It is several times faster than
/// Foundation's `JSONSerialization` for log-sized documents because it builds `JSONValue` directly.
public struct JSONParser {
    public static let maximumDepth = 256

    /// Parses one complete document. Leading and trailing white space is allowed.
    public static func parse(_ bytes: some Collection<UInt8>) throws(JSONError) -> JSONValue {
        var result: Result<JSONValue, JSONError>?
        _ = bytes.withContiguousStorageIfAvailable { buffer in
            result = Result { () throws(JSONError) -> JSONValue in try parse(buffer: UnsafeRawBufferPointer(buffer)) }
        }
        if result == nil {
            let copy = Array(bytes)
            copy.withUnsafeBytes { buffer in
                result = Result { () throws(JSONError) -> JSONValue in try parse(buffer: buffer) }
            }
        }
        return try result!.get()
    }

    public static func parse(_ text: String) throws(JSONError) -> JSONValue {
        var copy = text
        var result: Result<JSONValue, JSONError>!
        copy.withUTF8 { buffer in
            result = Result { () throws(JSONError) -> JSONValue in try parse(buffer: UnsafeRawBufferPointer(buffer)) }
        }
        return try result.get()
    }

    public static func parse(buffer: UnsafeRawBufferPointer) throws(JSONError) -> JSONValue {
        var parser = JSONParser(buffer: buffer)
        parser.skipWhitespace()
        let value = try parser.parseValue(depth: 0)
        parser.skipWhitespace()
        if parser.position < parser.end {
            throw JSONError(offset: parser.position, reason: "unexpected \(parser.describeByte(at: parser.position)) after the end of the document")
        }
        return value
    }

    let base: UnsafePointer<UInt8>
    let end: Int
    var position = 0

    init(buffer: UnsafeRawBufferPointer) {
        // An empty buffer may have a nil base address; point at a static byte instead.
        if let address = buffer.baseAddress {
            base = address.assumingMemoryBound(to: UInt8.self)
        } else {
            base = JSONParser.emptyByte
        }
        end = buffer.count
    }

    nonisolated(unsafe) private static let emptyByte: UnsafePointer<UInt8> = {
        let pointer = UnsafeMutablePointer<UInt8>.allocate(capacity: 1)
        pointer.initialize(to: 0)
        return UnsafePointer(pointer)
    }()

    @inline(__always) private func byte(_ at: Int) -> UInt8 { base[at] }

    mutating func skipWhitespace() {
        while position < end {
            switch base[position] {
            case 0x20, 0x09, 0x0A, 0x0D: position += 1
            default: return
            }
        }
    }

    func describeByte(at offset: Int) -> String {
        guard offset < end else { return "end of input" }
        let value = base[offset]
        if value >= 0x20 && value < 0x7F { return "'\(Character(Unicode.Scalar(value)))'" }
        return "byte 0x" + String(value, radix: 16)
    }

    mutating func parseValue(depth: Int) throws(JSONError) -> JSONValue {
        guard position < end else { throw JSONError(offset: position, reason: "unexpected end of input, expected a value") }
        switch base[position] {
        case UInt8(ascii: "{"): return try parseObject(depth: depth + 1)
        case UInt8(ascii: "["): return try parseArray(depth: depth + 1)
        case UInt8(ascii: "\""): return .string(try parseString())
        case UInt8(ascii: "t"): try expectLiteral("true"); return .bool(true)
        case UInt8(ascii: "f"): try expectLiteral("false"); return .bool(false)
        case UInt8(ascii: "n"): try expectLiteral("null"); return .null
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return .number(try parseNumber())
        default:
            throw JSONError(offset: position, reason: "unexpected \(describeByte(at: position)), expected a value")
        }
    }

    mutating func expectLiteral(_ literal: StaticString) throws(JSONError) {
        let count = literal.utf8CodeUnitCount
        let start = literal.utf8Start
        guard position + count <= end else { throw JSONError(offset: position, reason: "truncated literal, expected \(literal)") }
        for index in 0..<count where base[position + index] != start[index] {
            throw JSONError(offset: position, reason: "invalid literal, expected \(literal)")
        }
        position += count
    }

    private mutating func parseObject(depth: Int) throws(JSONError) -> JSONValue {
        if depth > JSONParser.maximumDepth { throw JSONError(offset: position, reason: "nesting deeper than \(JSONParser.maximumDepth)") }
        position += 1
        var members: [JSONObject.Member] = []
        skipWhitespace()
        if position < end && base[position] == UInt8(ascii: "}") {
            position += 1
            return .object(JSONObject(members))
        }
        while true {
            skipWhitespace()
            guard position < end, base[position] == UInt8(ascii: "\"") else {
                throw JSONError(offset: position, reason: "expected a member name in quotes, found \(describeByte(at: position))")
            }
            let key = try parseString()
            skipWhitespace()
            guard position < end, base[position] == UInt8(ascii: ":") else {
                throw JSONError(offset: position, reason: "expected ':' after member name \"\(key)\", found \(describeByte(at: position))")
            }
            position += 1
            skipWhitespace()
            let value = try parseValue(depth: depth)
            members.append(JSONObject.Member(key: key, value: value))
            skipWhitespace()
            guard position < end else { throw JSONError(offset: position, reason: "unexpected end of input inside an object") }
            if base[position] == UInt8(ascii: ",") { position += 1; continue }
            if base[position] == UInt8(ascii: "}") { position += 1; return .object(JSONObject(members)) }
            throw JSONError(offset: position, reason: "expected ',' or '}' in an object, found \(describeByte(at: position))")
        }
    }

    private mutating func parseArray(depth: Int) throws(JSONError) -> JSONValue {
        if depth > JSONParser.maximumDepth { throw JSONError(offset: position, reason: "nesting deeper than \(JSONParser.maximumDepth)") }
        position += 1
        var items: [JSONValue] = []
        skipWhitespace()
        if position < end && base[position] == UInt8(ascii: "]") {
            position += 1
            return .array(items)
        }
        while true {
            skipWhitespace()
            items.append(try parseValue(depth: depth))
            skipWhitespace()
            guard position < end else { throw JSONError(offset: position, reason: "unexpected end of input inside an array") }
            if base[position] == UInt8(ascii: ",") { position += 1; continue }
            if base[position] == UInt8(ascii: "]") { position += 1; return .array(items) }
            throw JSONError(offset: position, reason: "expected ',' or ']' in an array, found \(describeByte(at: position))")
        }
    }

    mutating func parseNumber() throws(JSONError) -> String {
        let start = position
        if base[position] == UInt8(ascii: "-") { position += 1 }
        guard position < end, isDigit(base[position]) else { throw JSONError(offset: position, reason: "invalid number: expected a digit") }
        if base[position] == UInt8(ascii: "0") {
            position += 1
        } else {
            while position < end && isDigit(base[position]) { position += 1 }
        }
        if position < end && base[position] == UInt8(ascii: ".") {
            position += 1
            guard position < end, isDigit(base[position]) else { throw JSONError(offset: position, reason: "invalid number: expected a digit after '.'") }
            while position < end && isDigit(base[position]) { position += 1 }
        }
        if position < end && (base[position] == UInt8(ascii: "e") || base[position] == UInt8(ascii: "E")) {
            position += 1
            if position < end && (base[position] == UInt8(ascii: "+") || base[position] == UInt8(ascii: "-")) { position += 1 }
            guard position < end, isDigit(base[position]) else { throw JSONError(offset: position, reason: "invalid number: expected a digit in the exponent") }
            while position < end && isDigit(base[position]) { position += 1 }
        }
        if position - start > 4096 { throw JSONError(offset: start, reason: "number longer than 4096 characters") }
        return String(decoding: UnsafeBufferPointer(start: base + start, count: position - start), as: UTF8.self)
    }

    @inline(__always) private func isDigit(_ value: UInt8) -> Bool { value >= 0x30 && value <= 0x39 }

    mutating func parseString() throws(JSONError) -> String {
        position += 1 // opening quote
        let start = position
        var hasEscape = false
        var hasHighBytes = false
        while true {
            guard position < end else { throw JSONError(offset: start - 1, reason: "unterminated string") }
            let value = base[position]
            if value == UInt8(ascii: "\"") { break }
            if value == UInt8(ascii: "\\") {
                hasEscape = true
                position += 2
                continue
            }
            if value < 0x20 { throw JSONError(offset: position, reason: "control character 0x\(String(value, radix: 16)) inside a string (must be escaped)") }
            if value >= 0x80 { hasHighBytes = true }
            position += 1
        }
        guard position <= end else { throw JSONError(offset: start - 1, reason: "unterminated string") }
        let slice = UnsafeBufferPointer(start: base + start, count: position - start)
        position += 1 // closing quote
        if !hasEscape {
            if !hasHighBytes { return String(decoding: slice, as: UTF8.self) }
            guard let text = String(validating: slice, as: UTF8.self) else {
                throw JSONError(offset: start, reason: "invalid UTF-8 inside a string")
            }
            return text
        }
        return try unescape(slice, offset: start)
    }

    private func unescape(_ slice: UnsafeBufferPointer<UInt8>, offset: Int) throws(JSONError) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(slice.count)
        var index = 0
        while index < slice.count {
            let value = slice[index]
            if value != UInt8(ascii: "\\") {
                out.append(value)
                index += 1
                continue
            }
            guard index + 1 < slice.count else { throw JSONError(offset: offset + index, reason: "unterminated escape") }
            let escape = slice[index + 1]
            index += 2
            switch escape {
            case UInt8(ascii: "\""): out.append(0x22)
            case UInt8(ascii: "\\"): out.append(0x5C)
            case UInt8(ascii: "/"): out.append(0x2F)
            case UInt8(ascii: "b"): out.append(0x08)
            case UInt8(ascii: "f"): out.append(0x0C)
            case UInt8(ascii: "n"): out.append(0x0A)
            case UInt8(ascii: "r"): out.append(0x0D)
            case UInt8(ascii: "t"): out.append(0x09)
            case UInt8(ascii: "u"):
                var scalar = try hex4(slice, at: index, offset: offset)
                index += 4
                if (0xD800...0xDBFF).contains(scalar) {
                    // A high surrogate must be followed by an escaped low surrogate.
                    if index + 6 <= slice.count, slice[index] == UInt8(ascii: "\\"), slice[index + 1] == UInt8(ascii: "u") {
                        let low = try hex4(slice, at: index + 2, offset: offset)
                        if (0xDC00...0xDFFF).contains(low) {
                            scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
                            index += 6
                        } else {
                            scalar = 0xFFFD
                        }
                    } else {
                        scalar = 0xFFFD
                    }
                } else if (0xDC00...0xDFFF).contains(scalar) {
                    scalar = 0xFFFD
                }
                appendUTF8(scalar, to: &out)
            default:
                throw JSONError(offset: offset + index - 1, reason: "invalid escape '\\\(Character(Unicode.Scalar(escape)))'")
            }
        }
        guard let text = String(validating: out, as: UTF8.self) else {
            throw JSONError(offset: offset, reason: "invalid UTF-8 inside a string")
        }
        return text
    }

    private func hex4(_ slice: UnsafeBufferPointer<UInt8>, at index: Int, offset: Int) throws(JSONError) -> UInt32 {
        guard index + 4 <= slice.count else { throw JSONError(offset: offset + index, reason: "truncated \\u escape") }
        var value: UInt32 = 0
        for step in 0..<4 {
            let digit = slice[index + step]
            value <<= 4
            switch digit {
            case 0x30...0x39: value |= UInt32(digit - 0x30)
            case 0x41...0x46: value |= UInt32(digit - 0x41 + 10)
            case 0x61...0x66: value |= UInt32(digit - 0x61 + 10)
            default: throw JSONError(offset: offset + index + step, reason: "invalid hex digit in \\u escape")
            }
        }
        return value
    }

    private func appendUTF8(_ scalar: UInt32, to out: inout [UInt8]) {
        switch scalar {
        case 0..<0x80: out.append(UInt8(scalar))
        case 0x80..<0x800:
            out.append(UInt8(0xC0 | (scalar >> 6)))
            out.append(UInt8(0x80 | (scalar & 0x3F)))
        case 0x800..<0x10000:
            out.append(UInt8(0xE0 | (scalar >> 12)))
            out.append(UInt8(0x80 | ((scalar >> 6) & 0x3F)))
            out.append(UInt8(0x80 | (scalar & 0x3F)))
        default:
            out.append(UInt8(0xF0 | (scalar >> 18)))
            out.append(UInt8(0x80 | ((scalar >> 12) & 0x3F)))
            out.append(UInt8(0x80 | ((scalar >> 6) & 0x3F)))
            out.append(UInt8(0x80 | (scalar & 0x3F)))
        }
    }
}

/// A JSON syntax error with the byte offset where it was found.
public struct JSONError: Error, Sendable, Equatable, CustomStringConvertible {
    public let offset: Int
    public let reason: String

    public init(offset: Int, reason: String) {
        self.offset = offset
        self.reason = reason
    }

    public var description: String { "invalid JSON at byte \(offset): \(reason)" }
}
