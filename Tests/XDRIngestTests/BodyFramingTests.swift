import Testing
@testable import XDRIngest

@Suite struct BodyFramingTests {
    @Test func splitsNDJSONKeepingExactText() {
        let body = Array("{\"a\": 1}\n\n{\"b\":2}\r\n".utf8)
        let result = BodyFraming.split(body, framing: .json(envelope: nil))
        #expect(result.records.map(\.text) == ["{\"a\": 1}", "{\"b\":2}"])
        #expect(result.records.map(\.number) == [1, 3])
        #expect(result.rejected.isEmpty)
    }

    @Test func splitsATopLevelArrayIntoElements() {
        let result = BodyFraming.split(Array("[ {\"a\":1} , {\"b\":[1,2]} ]".utf8), framing: .json(envelope: nil))
        #expect(result.records.map(\.text) == ["{\"a\":1}", "{\"b\":[1,2]}"])
        #expect(result.records.map(\.number) == [1, 2])
    }

    @Test func unwrapsAnEnvelopeKeepingInnerBytes() {
        let body = "{\"Records\": [ {\"eventID\": \"x\"},{\"eventID\" : \"y\"} ]}"
        let result = BodyFraming.split(Array(body.utf8), framing: .json(envelope: "Records"))
        #expect(result.records.map(\.text) == ["{\"eventID\": \"x\"}", "{\"eventID\" : \"y\"}"])
    }

    @Test func reportsABadLineAndKeepsTheRest() {
        let body = "{\"a\":1}\n{\"a\":\n{\"c\":3}\n{\"d\": tru}\n"
        let result = BodyFraming.split(Array(body.utf8), framing: .json(envelope: nil))
        #expect(result.records.map(\.number) == [1, 3])
        #expect(result.rejected.map(\.number) == [2, 4])
    }

    @Test func readsPrettyPrintedDocuments() {
        let body = "{\n  \"a\": 1\n}\n{\n  \"b\": 2\n}\n"
        let result = BodyFraming.split(Array(body.utf8), framing: .json(envelope: nil))
        #expect(result.records.map(\.number) == [1, 4])
    }

    @Test func rejectsOversizedRecordsAlone() {
        let big = "{\"a\":\"" + String(repeating: "x", count: 2000) + "\"}"
        let result = BodyFraming.split(Array((big + "\n{\"b\":1}\n").utf8), framing: .json(envelope: nil), maximumRecordBytes: 1000)
        #expect(result.records.count == 1)
        #expect(result.rejected.first?.number == 1)
    }

    @Test func splitsLinesAndRejectsInvalidUTF8() {
        var body = Array("first\r\n\nsecond\n".utf8)
        body += [0xFF, 0xFE, 0x0A]
        body += Array("third".utf8)
        let result = BodyFraming.split(body, framing: .lines)
        #expect(result.records.map(\.text) == ["first", "second", "third"])
        #expect(result.records.map(\.number) == [1, 3, 5])
        #expect(result.rejected.map(\.number) == [4])
    }
}
