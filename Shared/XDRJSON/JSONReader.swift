/// Reads a JSON document piece by piece without building `JSONValue`s, for callers that know the
/// shape they expect: the correlator reads the entities and details of every stored event this
/// way, and building a tree for each only to copy a few strings out of it cost more than the
/// parsing. As strict as `JSONParser` (it uses the same scanner), with the same error offsets.
///
/// Containers are walked with `beginArray`/`nextElement` and `beginObject`/`nextMember`; a value
/// the caller does not want is passed with `skipValue`; `finish` checks that nothing follows.
public struct JSONReader {
    public enum Kind: Sendable, Equatable { case object, array, string, number, bool, null }

    private var parser: JSONParser
    /// A container was just opened: its first element or member comes without a comma.
    private var opened = false
    private var depth = 0

    /// The buffer must outlive the reader.
    public init(buffer: UnsafeRawBufferPointer) {
        parser = JSONParser(buffer: buffer)
        parser.skipWhitespace()
    }

    /// The kind of the value the reader stands at.
    public mutating func kind() throws(JSONError) -> Kind {
        parser.skipWhitespace()
        guard parser.position < parser.end else {
            throw JSONError(offset: parser.position, reason: "unexpected end of input, expected a value")
        }
        switch parser.base[parser.position] {
        case UInt8(ascii: "{"): return .object
        case UInt8(ascii: "["): return .array
        case UInt8(ascii: "\""): return .string
        case UInt8(ascii: "t"), UInt8(ascii: "f"): return .bool
        case UInt8(ascii: "n"): return .null
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return .number
        default:
            throw JSONError(offset: parser.position, reason: "unexpected \(parser.describeByte(at: parser.position)), expected a value")
        }
    }

    /// Enters the array the reader stands at.
    public mutating func beginArray() throws(JSONError) { try open(UInt8(ascii: "["), "an array") }

    /// Enters the object the reader stands at.
    public mutating func beginObject() throws(JSONError) { try open(UInt8(ascii: "{"), "an object") }

    /// Moves to the next element of the current array: true when there is one (the reader stands
    /// at it), false at the end (the array is left).
    public mutating func nextElement() throws(JSONError) -> Bool {
        try next(closing: UInt8(ascii: "]"), "an array")
    }

    /// The next member's name in the current object (the reader then stands at its value), nil
    /// at the end (the object is left).
    public mutating func nextMember() throws(JSONError) -> String? {
        guard try next(closing: UInt8(ascii: "}"), "an object") else { return nil }
        guard parser.position < parser.end, parser.base[parser.position] == UInt8(ascii: "\"") else {
            throw JSONError(offset: parser.position, reason: "expected a member name in quotes, found \(parser.describeByte(at: parser.position))")
        }
        let key = try parser.parseString()
        parser.skipWhitespace()
        guard parser.position < parser.end, parser.base[parser.position] == UInt8(ascii: ":") else {
            throw JSONError(offset: parser.position, reason: "expected ':' after member name \"\(key)\", found \(parser.describeByte(at: parser.position))")
        }
        parser.position += 1
        parser.skipWhitespace()
        return key
    }

    /// A scalar as `JSONValue.string` reads it: a string's text, a number's digits, `true` or
    /// `false`; nil for null, and for an array or object (which are passed over).
    public mutating func scalarText() throws(JSONError) -> String? {
        switch try kind() {
        case .string: return try parser.parseString()
        case .number: return try parser.parseNumber()
        case .bool:
            if parser.base[parser.position] == UInt8(ascii: "t") {
                try parser.expectLiteral("true")
                return "true"
            }
            try parser.expectLiteral("false")
            return "false"
        case .null:
            try parser.expectLiteral("null")
            return nil
        case .array, .object:
            try skipValue()
            return nil
        }
    }

    /// Passes over the value the reader stands at, whatever it is.
    public mutating func skipValue() throws(JSONError) {
        parser.skipWhitespace()
        _ = try parser.parseValue(depth: depth)
    }

    /// Fails unless only white space is left.
    public mutating func finish() throws(JSONError) {
        parser.skipWhitespace()
        if parser.position < parser.end {
            throw JSONError(offset: parser.position, reason: "unexpected \(parser.describeByte(at: parser.position)) after the end of the document")
        }
    }

    private mutating func open(_ bracket: UInt8, _ what: String) throws(JSONError) {
        parser.skipWhitespace()
        guard parser.position < parser.end, parser.base[parser.position] == bracket else {
            throw JSONError(offset: parser.position, reason: "expected \(what), found \(parser.describeByte(at: parser.position))")
        }
        depth += 1
        if depth > JSONParser.maximumDepth {
            throw JSONError(offset: parser.position, reason: "nesting deeper than \(JSONParser.maximumDepth)")
        }
        parser.position += 1
        opened = true
    }

    private mutating func next(closing: UInt8, _ what: String) throws(JSONError) -> Bool {
        parser.skipWhitespace()
        guard parser.position < parser.end else {
            throw JSONError(offset: parser.position, reason: "unexpected end of input inside \(what)")
        }
        let byte = parser.base[parser.position]
        if byte == closing {
            parser.position += 1
            depth -= 1
            opened = false
            return false
        }
        if opened {
            opened = false
            return true
        }
        guard byte == UInt8(ascii: ",") else {
            let expected = closing == UInt8(ascii: "]") ? "',' or ']' in an array" : "',' or '}' in an object"
            throw JSONError(offset: parser.position, reason: "expected \(expected), found \(parser.describeByte(at: parser.position))")
        }
        parser.position += 1
        parser.skipWhitespace()
        return true
    }
}
