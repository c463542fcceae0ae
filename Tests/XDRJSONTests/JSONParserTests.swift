import Testing
import XDRJSON

@Suite struct JSONParserTests {
    @Test func parsesEveryKindKeepingOrderAndNumberText() throws {
        let value = try JSONParser.parse(#"{"b": [1, -2.5e3, 123456789012345678901234567890], "a": {"t": true, "f": false, "n": null}, "s": "x\"y\u00e9\ud83d\ude00"}"#)
        #expect(value.object?.keys == ["b", "a", "s"])
        #expect(value["b"]?.array?.map(\.string) == ["1", "-2.5e3", "123456789012345678901234567890"])
        #expect(value["a"]?["t"]?.bool == true)
        #expect(value["a"]?["n"]?.isNull == true)
        #expect(value["s"]?.string == "x\"yé😀")
        #expect(value[path: "a.t"]?.bool == true)
    }

    @Test func readsFlattenedDottedKeys() throws {
        let value = try JSONParser.parse(#"{"id.orig_h": "10.0.0.1", "event": {"code": "1"}}"#)
        #expect(value[path: "id.orig_h"]?.string == "10.0.0.1")
        #expect(value[path: "event.code"]?.string == "1")
    }

    @Test func reportsWhereAndWhatIsWrong() {
        let cases: [(String, String)] = [
            (#"{"a": 1"#, "end of input"),
            (#"{"a": tru}"#, "expected true"),
            (#"{"a": 01}"#, "expected ',' or '}'"),
            (#"{"a": "x"} junk"#, "after the end of the document"),
            ("{\"a\": \"tab\there\"}", "control character"),
            (#"["\x"]"#, "invalid escape"),
            ("", "unexpected end of input"),
        ]
        for (text, fragment) in cases {
            #expect(throws: JSONError.self) { try JSONParser.parse(text) }
            do {
                _ = try JSONParser.parse(text)
            } catch {
                #expect(error.description.contains(fragment), "\(text): \(error)")
            }
        }
    }

    @Test func rejectsInvalidUTF8AndDeepNesting() {
        var bytes = Array(#"{"a": ""#.utf8)
        bytes += [0xC3, 0x28]
        bytes += Array(#""}"#.utf8)
        #expect(throws: JSONError.self) { try JSONParser.parse(bytes) }
        let deep = String(repeating: "[", count: 10_000) + String(repeating: "]", count: 10_000)
        #expect(throws: JSONError.self) { try JSONParser.parse(deep) }
    }

    @Test func writerRoundTripsThroughTheParser() throws {
        let original: JSONValue = ["k": "line\nbreak \"q\" \u{2028} \u{01}", "n": 12, "a": [true, nil, 1.5]]
        let text = JSONWriter.serialize(original)
        #expect(try JSONParser.parse(text) == original)
        #expect(!text.contains("\n"))
    }
}
