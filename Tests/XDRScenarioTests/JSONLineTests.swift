import Testing
import XDRJSON
@testable import XDRScenario

@Suite struct JSONLineTests {
    @Test func escapesWhatJSONRequires() throws {
        var line = JSONLine()
        line.string("path", "C:\\Users\\alice\\\"x\".docm")
        line.string("text", "line1\nline2\ttab\u{01}")
        line.int("negative", -42)
        line.int("zero", 0)
        line.bool("flag", true)
        line.null("nothing")
        line.object("nested") { $0.strings("list", ["a", "b"]) }
        line.objects("items", count: 2) { item, index in item.int("index", index) }
        let value = try JSONParser.parse(line.finish())
        #expect(value["path"]?.string == "C:\\Users\\alice\\\"x\".docm")
        #expect(value["text"]?.string == "line1\nline2\ttab\u{01}")
        #expect(value["negative"]?.int == -42)
        #expect(value["zero"]?.int == 0)
        #expect(value["flag"]?.bool == true)
        #expect(value["nothing"]?.isNull == true)
        #expect(value[path: "nested.list"]?.strings == ["a", "b"])
        #expect(value["items"]?.array?.count == 2)
    }

    @Test func escapesSlashesLikeSuricataWhenAsked() throws {
        var line = JSONLine()
        line.escapesSlashes = true
        line.string("url", "/a/b")
        let bytes = line.finish()
        #expect(String(decoding: bytes, as: UTF8.self) == #"{"url":"\/a\/b"}"#)
        #expect(try JSONParser.parse(bytes)["url"]?.string == "/a/b")
    }
}
