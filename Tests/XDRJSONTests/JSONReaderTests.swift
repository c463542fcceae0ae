import Testing
import XDRJSON

@Suite struct JSONReaderTests {
    /// Rebuilds a value through the reader alone, the way a caller walks a document.
    private static func value(_ reader: inout JSONReader) throws(JSONError) -> JSONValue {
        switch try reader.kind() {
        case .array:
            try reader.beginArray()
            var items: [JSONValue] = []
            while try reader.nextElement() { items.append(try value(&reader)) }
            return .array(items)
        case .object:
            try reader.beginObject()
            var object = JSONObject()
            while let key = try reader.nextMember() { object.members.append(.init(key: key, value: try value(&reader))) }
            return .object(object)
        case .string: return .string(try reader.scalarText()!)
        case .number: return .number(try reader.scalarText()!)
        case .bool: return .bool(try reader.scalarText() == "true")
        case .null:
            #expect(try reader.scalarText() == nil)
            return .null
        }
    }

    private static func read(_ text: String) -> Result<JSONValue, JSONError> {
        Array(text.utf8).withUnsafeBytes { buffer in
            Result { () throws(JSONError) -> JSONValue in
                var reader = JSONReader(buffer: buffer)
                let result = try value(&reader)
                try reader.finish()
                return result
            }
        }
    }

    @Test func walksEveryDocumentToWhatTheParserBuilds() throws {
        let documents = [
            #"[{"role": "src", "type": "ip", "value": "10.0.5.13"}, {"role": "dst", "type": "ip", "value": "20.42.73.29"}]"#,
            #"{"rcode": "NOERROR", "answers": ["142.250.186.35", {"x": []}], "rejected": false, "query.uid": 57076, "n": null}"#,
            #"  {"s": "x\"y\u00e9\ud83d\ude00\\ \/ \t", "e": {}, "a": [], "nested": [[1, [2, [3]]], {"k": {"k": -0.5e-3}}]}  "#,
            "[]", "{}", "\"only\"", "12", "true", "null", "[1,2 , 3 ]",
        ]
        for document in documents {
            #expect(try Self.read(document).get() == JSONParser.parse(document), "\(document)")
        }
    }

    @Test func rejectsWhatTheParserRejectsAtTheSameOffset() {
        let documents = [
            "[1,]", "[,1]", "{\"a\":1,}", "{\"a\" 1}", "{a:1}", "[1}", "{\"a\":1]", "[1 2]", "[", "{\"a\":",
            "[\"\u{01}\"]", "[tru]", "[01x]", "[1] x", "[\"a\\q\"]", "",
        ]
        for document in documents {
            let parsed = Result { () throws(JSONError) -> JSONValue in try JSONParser.parse(document) }
            guard case .failure(let expected) = parsed else {
                Issue.record("the parser accepted \(document)")
                continue
            }
            switch Self.read(document) {
            case .success(let value): Issue.record("the reader accepted \(document) as \(value)")
            case .failure(let error): #expect(error.offset == expected.offset, "\(document): \(error) vs \(expected)")
            }
        }
    }

    @Test func skipsValuesAndReadsNestedOnesAsNoScalar() throws {
        let text = #"{"a": {"deep": [1, {"x": "y"}]}, "b": [true], "c": "kept", "d": 7, "e": false}"#
        let kept = Array(text.utf8).withUnsafeBytes { buffer in
            Result { () throws(JSONError) -> [String: String] in
                var kept: [String: String] = [:]
                var reader = JSONReader(buffer: buffer)
                try reader.beginObject()
                while let key = try reader.nextMember() {
                    if key == "e" { try reader.skipValue(); continue }
                    if let text = try reader.scalarText() { kept[key] = text }
                }
                try reader.finish()
                return kept
            }
        }
        #expect(try kept.get() == ["c": "kept", "d": "7"])
    }

    @Test func limitsNesting() {
        let deep = String(repeating: "[", count: JSONParser.maximumDepth + 1) + String(repeating: "]", count: JSONParser.maximumDepth + 1)
        guard case .failure(let error) = Self.read(deep) else {
            Issue.record("accepted nesting deeper than the limit")
            return
        }
        #expect(error.reason.contains("nesting deeper"))
    }
}
