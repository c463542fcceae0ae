import Testing
@testable import XDRIngest
import XDRJSON

@Suite struct ZeekTSVHeaderTests {
    @Test func convertsTypedColumns() throws {
        var header = ZeekTSVHeader()
        for line in ZeekTSVTests.header { header.apply(directive: line) }
        header.apply(directive: ZeekTSVTests.row("#fields", "ts", "ok", "names", "empty", "port"))
        header.apply(directive: ZeekTSVTests.row("#types", "time", "bool", "vector[string]", "string", "port"))
        let record = try header.record(from: ZeekTSVTests.row("1.5", "T", "a,b\\x2cc", "(empty)", "-"))
        #expect(record["ts"] == .number("1.5"))
        #expect(record["ok"] == .bool(true))
        #expect(record["names"] == .array(["a", "b,c"]))
        #expect(record["empty"] == .string(""))
        #expect(record["port"] == nil)
    }

    @Test func aSeparatorLineStartsANewHeader() throws {
        var header = ZeekTSVHeader()
        header.apply(directive: "#separator \\x2c")
        header.apply(directive: "#path,dns")
        header.apply(directive: "#fields,ts,query")
        #expect(header.separator == ",")
        #expect(header.path == "dns")
        #expect(try header.record(from: "1.0,example.org")["query"] == .string("example.org"))
        header.apply(directive: "#separator \\x09")
        #expect(header.path == nil && header.fields.isEmpty && header.separator == "\t")
    }

    @Test func undoesHexEscapes() {
        #expect(ZeekTSVHeader.unescape("a\\x09b\\x5cc") == "a\tb\\c")
        #expect(ZeekTSVHeader.unescape("no escapes \\xZZ") == "no escapes \\xZZ")
    }
}
