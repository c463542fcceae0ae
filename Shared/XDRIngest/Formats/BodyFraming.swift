import XDRJSON

/// Splits a request body into records for a format's framing, keeping each record's exact text.
///
/// JSON bodies may be NDJSON, a JSON array, one (possibly pretty-printed) document, several
/// concatenated documents, or an envelope object whose member array holds the records. A record
/// that does not parse is reported with its number and the body continues at the next line.
public enum BodyFraming {
    /// The largest single record accepted; a larger one is rejected on its own, not the batch.
    public static let defaultMaximumRecordBytes = 1 << 20

    public struct Result: Sendable {
        public var records: [RawRecord] = []
        public var rejected: [(number: Int, error: RecordError)] = []
    }

    public static func split(_ body: [UInt8], framing: FormatFraming, maximumRecordBytes: Int = defaultMaximumRecordBytes) -> Result {
        switch framing {
        case .lines: return lines(body, maximumRecordBytes: maximumRecordBytes)
        case .json(let envelope): return json(body, envelope: envelope, maximumRecordBytes: maximumRecordBytes)
        }
    }

    static func lines(_ body: [UInt8], maximumRecordBytes: Int) -> Result {
        var result = Result()
        var lineNumber = 0
        var start = 0
        while start < body.count {
            lineNumber += 1
            var end = start
            while end < body.count && body[end] != 0x0A { end += 1 }
            var lineEnd = end
            if lineEnd > start && body[lineEnd - 1] == 0x0D { lineEnd -= 1 }
            defer { start = end + 1 }
            if lineEnd == start { continue }
            if lineEnd - start > maximumRecordBytes {
                result.rejected.append((lineNumber, RecordError("line longer than \(maximumRecordBytes) bytes")))
                continue
            }
            let slice = body[start..<lineEnd]
            if slice.allSatisfy({ $0 == 0x20 || $0 == 0x09 }) { continue }
            if slice.contains(0) {
                result.rejected.append((lineNumber, RecordError("line contains a NUL byte")))
                continue
            }
            guard let text = String(validating: slice, as: UTF8.self) else {
                result.rejected.append((lineNumber, RecordError("line is not valid UTF-8")))
                continue
            }
            result.records.append(RawRecord(number: lineNumber, text: text))
        }
        return result
    }

    static func json(_ body: [UInt8], envelope: String?, maximumRecordBytes: Int) -> Result {
        var result = Result()
        body.withUnsafeBufferPointer { buffer in
            var scanner = JSONScanner(buffer)
            var line = 1
            var lastPosition = 0
            func advanceLines(to position: Int) {
                var index = lastPosition
                while index < position { if buffer[index] == 0x0A { line += 1 }; index += 1 }
                lastPosition = position
            }
            scanner.skipWhitespace()
            // A body that is one array: its elements are the records, numbered from 1.
            if scanner.position < buffer.count, buffer[scanner.position] == UInt8(ascii: "[") {
                let start = scanner.position
                if let elements = scanner.arrayElements(at: start), scanner.trailingIsWhitespace() {
                    for (index, range) in elements.enumerated() {
                        addRecord(number: index + 1, range: range, buffer: buffer, envelope: nil, max: maximumRecordBytes, into: &result)
                    }
                    return
                }
                scanner.position = start
            }
            var count = 0
            while true {
                scanner.skipWhitespace()
                guard scanner.position < buffer.count else { break }
                advanceLines(to: scanner.position)
                let start = scanner.position
                let number = line
                count += 1
                if let end = scanner.skipValue() {
                    addRecord(number: number, range: start..<end, buffer: buffer, envelope: envelope, max: maximumRecordBytes, into: &result)
                } else {
                    // Unparseable: report this line and continue with the next one.
                    var resume = start
                    while resume < buffer.count && buffer[resume] != 0x0A { resume += 1 }
                    let error: RecordError
                    if let failure = scanner.failure {
                        error = RecordError("invalid JSON: \(failure)")
                    } else {
                        error = RecordError("invalid JSON")
                    }
                    result.rejected.append((number, error))
                    scanner.position = resume
                }
            }
        }
        return result
    }

    private static func addRecord(number: Int, range: Range<Int>, buffer: UnsafeBufferPointer<UInt8>, envelope: String?,
                                  max: Int, into result: inout Result) {
        if range.count > max, envelope == nil {
            result.rejected.append((number, RecordError("record larger than \(max) bytes")))
            return
        }
        let slice = UnsafeBufferPointer(rebasing: buffer[range])
        let value: JSONValue
        do {
            value = try JSONParser.parse(buffer: UnsafeRawBufferPointer(slice))
        } catch {
            result.rejected.append((number, RecordError("invalid JSON: \(error.reason) (byte \(error.offset) of the record)")))
            return
        }
        if let envelope, case .object = value, let inner = value[envelope]?.array {
            // Unwrap the envelope, keeping each inner record's exact bytes.
            var scanner = JSONScanner(slice)
            let ranges = scanner.memberArrayElements(named: envelope) ?? []
            for (index, item) in inner.enumerated() {
                let text = index < ranges.count
                    ? String(decoding: UnsafeBufferPointer(rebasing: slice[ranges[index]]), as: UTF8.self)
                    : JSONWriter.serialize(item)
                result.records.append(RawRecord(number: number + index, text: text, json: item))
            }
            return
        }
        if range.count > max {
            result.rejected.append((number, RecordError("record larger than \(max) bytes")))
            return
        }
        result.records.append(RawRecord(number: number, text: String(decoding: slice, as: UTF8.self), json: value))
    }
}

/// Finds the extent of JSON values without building them, to split bodies into exact byte ranges.
struct JSONScanner {
    let buffer: UnsafeBufferPointer<UInt8>
    var position = 0
    var failure: String?

    init(_ buffer: UnsafeBufferPointer<UInt8>) { self.buffer = buffer }

    mutating func skipWhitespace() {
        while position < buffer.count {
            switch buffer[position] {
            case 0x20, 0x09, 0x0A, 0x0D: position += 1
            default: return
            }
        }
    }

    func trailingIsWhitespace() -> Bool {
        var index = position
        while index < buffer.count {
            switch buffer[index] {
            case 0x20, 0x09, 0x0A, 0x0D: index += 1
            default: return false
            }
        }
        return true
    }

    /// Skips one value starting at `position`; returns its end, or nil (with `failure`) if malformed.
    mutating func skipValue() -> Int? {
        var depth = 0
        var started = false
        while position < buffer.count {
            let byte = buffer[position]
            switch byte {
            case UInt8(ascii: "\""):
                guard skipString() else { return nil }
                started = true
                if depth == 0 { return position }
                continue
            case UInt8(ascii: "{"), UInt8(ascii: "["):
                depth += 1
                started = true
            case UInt8(ascii: "}"), UInt8(ascii: "]"):
                guard depth > 0 else { failure = "unexpected '\(Character(Unicode.Scalar(byte)))'"; return nil }
                depth -= 1
                if depth == 0 { position += 1; return position }
            case 0x0A where depth == 0 && started:
                return position
            case 0x20, 0x09, 0x0D, 0x0A:
                if depth == 0 && started { return position }
            case UInt8(ascii: ","), UInt8(ascii: ":"):
                if depth == 0 { failure = "unexpected '\(Character(Unicode.Scalar(byte)))'"; return nil }
            default:
                started = true
            }
            position += 1
        }
        if depth > 0 { failure = "unexpected end of input (unclosed object or array)"; return nil }
        return started ? position : nil
    }

    private mutating func skipString() -> Bool {
        position += 1
        while position < buffer.count {
            let byte = buffer[position]
            if byte == UInt8(ascii: "\\") { position += 2; continue }
            if byte == UInt8(ascii: "\"") { position += 1; return true }
            if byte == 0x0A { failure = "unterminated string"; return false }
            position += 1
        }
        failure = "unterminated string"
        return false
    }

    /// The element ranges of the array starting at `start`, leaving `position` after it.
    mutating func arrayElements(at start: Int) -> [Range<Int>]? {
        position = start + 1
        var elements: [Range<Int>] = []
        skipWhitespace()
        if position < buffer.count, buffer[position] == UInt8(ascii: "]") { position += 1; return elements }
        while position < buffer.count {
            skipWhitespace()
            let elementStart = position
            guard let end = skipElement() else { return nil }
            elements.append(elementStart..<end)
            skipWhitespace()
            guard position < buffer.count else { return nil }
            if buffer[position] == UInt8(ascii: ",") { position += 1; continue }
            if buffer[position] == UInt8(ascii: "]") { position += 1; return elements }
            return nil
        }
        return nil
    }

    /// Skips an array element or member value (which may be a scalar ending at ',' or a bracket).
    private mutating func skipElement() -> Int? {
        let byte = buffer[position]
        if byte == UInt8(ascii: "{") || byte == UInt8(ascii: "[") || byte == UInt8(ascii: "\"") {
            return skipValue()
        }
        while position < buffer.count {
            switch buffer[position] {
            case UInt8(ascii: ","), UInt8(ascii: "]"), UInt8(ascii: "}"), 0x20, 0x09, 0x0A, 0x0D: return position
            default: position += 1
            }
        }
        return nil
    }

    /// In the object at the start of the buffer, the element ranges of member `name`'s array.
    mutating func memberArrayElements(named name: String) -> [Range<Int>]? {
        position = 0
        skipWhitespace()
        guard position < buffer.count, buffer[position] == UInt8(ascii: "{") else { return nil }
        position += 1
        let wanted = Array(name.utf8)
        while position < buffer.count {
            skipWhitespace()
            guard position < buffer.count, buffer[position] == UInt8(ascii: "\"") else { return nil }
            let keyStart = position + 1
            guard skipString() else { return nil }
            let key = Array(buffer[keyStart..<(position - 1)])
            skipWhitespace()
            guard position < buffer.count, buffer[position] == UInt8(ascii: ":") else { return nil }
            position += 1
            skipWhitespace()
            if key == wanted, position < buffer.count, buffer[position] == UInt8(ascii: "[") {
                return arrayElements(at: position)
            }
            guard skipElement() != nil else { return nil }
            skipWhitespace()
            guard position < buffer.count else { return nil }
            if buffer[position] == UInt8(ascii: ",") { position += 1; continue }
            return nil
        }
        return nil
    }
}
