import Testing
@testable import XDRIngest

@Suite struct SyslogFramingTests {
    static let first = "<134>1 2026-11-22T10:00:00.000Z fw01 app - - - CEF:0|V|P|1|100|Allowed|3|src=10.0.0.1"
    static let second = "<134>Nov 22 10:00:01 fw01 CEF:0|V|P|1|200|Denied|7|act=deny msg=line with spaces"
    static let third = "<13>1 - - - - - - multi\nline message inside a counted frame"

    /// Octet-counted, newline-framed and counted again, on one connection.
    static var mixedStream: [UInt8] {
        Array("\(first.utf8.count) \(first)".utf8) + Array("\(second)\r\n".utf8) + Array("\(third.utf8.count) \(third)".utf8)
    }

    static func messages(_ results: [Result<String, SyslogFramingError>]) -> [String] {
        results.compactMap { if case .success(let text) = $0 { text } else { nil } }
    }

    @Test func decodesMixedFramingInOneChunk() {
        var framing = SyslogFraming()
        let results = framing.feed(Self.mixedStream) + framing.finish()
        #expect(Self.messages(results) == [Self.first, Self.second, Self.third])
        #expect(results.count == 3)
    }

    @Test func decodesTheSameWhereverTheStreamIsSplit() {
        let stream = Self.mixedStream
        for split in 0...stream.count {
            var framing = SyslogFraming()
            let results = framing.feed(Array(stream[..<split])) + framing.feed(Array(stream[split...])) + framing.finish()
            #expect(Self.messages(results) == [Self.first, Self.second, Self.third], "split at \(split)")
        }
    }

    @Test func decodesByteByByte() {
        var framing = SyslogFraming()
        var results: [Result<String, SyslogFramingError>] = []
        for byte in Self.mixedStream { results += framing.feed([byte]) }
        results += framing.finish()
        #expect(Self.messages(results) == [Self.first, Self.second, Self.third])
    }

    @Test func readsLinesThatStartWithDigitsAsLines() {
        var framing = SyslogFraming()
        // Digits and a space not followed by "<" are a line (a BSD message without PRI, say).
        let results = framing.feed(Array("2026 was a year\n42 is the answer\n6 <13>xy".utf8)) + framing.finish()
        #expect(results == [.success("2026 was a year"), .success("42 is the answer"), .success("<13>xy")])
    }

    @Test func splitsNewlineAndNulTerminatedMessagesAndSkipsBlankOnes() {
        var framing = SyslogFraming()
        let results = framing.feed(Array("<13>a\n\n\r\n<13>b\0<13>c\r\n<13>d".utf8)) + framing.finish()
        #expect(Self.messages(results) == ["<13>a", "<13>b", "<13>c", "<13>d"])
    }

    @Test func reportsAnOversizedCountedFrameAndResynchronises() {
        var framing = SyslogFraming(maximumMessageBytes: 16)
        let big = "<13>" + String(repeating: "x", count: 30)
        let stream = Array("\(big.utf8.count) \(big)".utf8) + Array("5 <13>y".utf8)
        let results = framing.feed(stream)
        #expect(results.count == 2)
        #expect(results.first == .failure(.frameTooLarge(declaredLength: 34, limit: 16)))
        #expect(Self.messages(results) == ["<13>y"])
    }

    @Test func reportsAnOversizedLineOnceAndSkipsToItsEnd() {
        var framing = SyslogFraming(maximumMessageBytes: 8)
        var results = framing.feed(Array("<13>abcdefghijkl".utf8))
        results += framing.feed(Array("mnop\n<13>ok\n".utf8))
        #expect(results == [.failure(.lineTooLong(limit: 8)), .success("<13>ok")])
        #expect(SyslogFramingError.lineTooLong(limit: 8).description == "message longer than 8 bytes without a newline")
    }

    @Test func acceptsMessagesOfExactlyTheLimit() {
        var framing = SyslogFraming(maximumMessageBytes: 8)
        let results = framing.feed(Array("<13>abcd\n8 <13>wxyz9 <13>wxyz!".utf8))
        #expect(results == [.success("<13>abcd"), .success("<13>wxyz"), .failure(.frameTooLarge(declaredLength: 9, limit: 8))])
        #expect(framing.feed(Array("<13>next\n".utf8)) == [.success("<13>next")])
    }

    @Test func reportsATruncatedFrameAtTheEndOfTheStream() {
        var framing = SyslogFraming()
        #expect(framing.feed(Array("20 <13>short".utf8)).isEmpty)
        #expect(framing.finish() == [.failure(.truncatedFrame(declaredLength: 20, received: 9))])
    }

    @Test func reportsInvalidUTF8WithoutLosingTheNextMessage() {
        var framing = SyslogFraming()
        let results = framing.feed([0x3C, 0x31, 0x33, 0x3E, 0xFF, 0xFE, 0x0A] + Array("<13>fine\n".utf8))
        #expect(results == [.failure(.invalidUTF8), .success("<13>fine")])
    }
}
