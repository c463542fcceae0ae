import Testing
@testable import XDRHTTP

@Suite struct MessageReaderTests {
    static let limits = HeadLimits(maximumStartLineBytes: 64, maximumHeaderBytes: 256)

    func reader(_ text: String, pieceSize: Int = .max, limits: HeadLimits = limits) -> MessageReader<ArrayByteSource> {
        MessageReader(source: ArrayByteSource(Array(text.utf8), pieceSize: pieceSize), limits: limits, initialCapacity: 64)
    }

    func status(of body: () throws -> Void) -> Int? {
        do { try body() } catch let error as HTTPError { return error.status } catch { return -1 }
        return nil
    }

    @Test(arguments: [1, 3, 1000])
    func readsAHeadDeliveredInPieces(pieceSize: Int) throws {
        var reader = reader("GET /a?b=1 HTTP/1.1\r\nHost: x\r\nX-Thing:  spaced value \t\r\n\r\nNEXT", pieceSize: pieceSize)
        let head = try reader.readHead(deadline: .distant)
        #expect(head.startLine == "GET /a?b=1 HTTP/1.1")
        #expect(head.headers["host"] == "x")
        #expect(head.headers["x-thing"] == "spaced value")
        #expect(reader.buffer.readable <= 4)
    }

    @Test func acceptsBareLineFeedsAndSkipsLeadingEmptyLines() throws {
        var reader = reader("\r\n\nPOST / HTTP/1.0\nA: 1\n\n")
        let head = try reader.readHead(deadline: .distant)
        #expect(head.startLine == "POST / HTTP/1.0")
        #expect(head.headers["a"] == "1")
    }

    @Test func keepsPipelinedRequestsApart() throws {
        var reader = reader("GET /1 HTTP/1.1\r\n\r\nGET /2 HTTP/1.1\r\n\r\n", pieceSize: 7)
        #expect(try reader.readHead(deadline: .distant).startLine == "GET /1 HTTP/1.1")
        #expect(try reader.readHead(deadline: .distant).startLine == "GET /2 HTTP/1.1")
        #expect(throws: SocketError.self) { try reader.readHead(deadline: .distant) }
    }

    @Test func rejectsALongRequestLineWith414() {
        var reader = reader("GET /" + String(repeating: "a", count: 100) + " HTTP/1.1\r\n\r\n", pieceSize: 5)
        #expect(status { _ = try reader.readHead(deadline: .distant) } == 414)
    }

    @Test func rejectsALongRequestLineWithoutNewlineWith414() {
        var reader = reader("GET /" + String(repeating: "a", count: 100))
        #expect(status { _ = try reader.readHead(deadline: .distant) } == 414)
    }

    @Test func rejectsOversizedHeadersWith431() {
        let headers = (0..<20).map { "X-Header-\($0): \(String(repeating: "v", count: 20))\r\n" }.joined()
        var reader = reader("GET / HTTP/1.1\r\n" + headers + "\r\n", pieceSize: 13)
        #expect(status { _ = try reader.readHead(deadline: .distant) } == 431)
    }

    @Test func rejectsAnEndlessHeaderLineWith431() {
        var reader = reader("GET / HTTP/1.1\r\nX: " + String(repeating: "v", count: 1000))
        #expect(status { _ = try reader.readHead(deadline: .distant) } == 431)
    }

    @Test(arguments: [
        "GET / HTTP/1.1\r\nNo colon here\r\n\r\n",
        "GET / HTTP/1.1\r\nBad Name: x\r\n\r\n",
        "GET / HTTP/1.1\r\n folded: x\r\n\r\n",
        "GET / HTTP/1.1\r\nA: b\u{01}c\r\n\r\n",
        "GET / HTTP/1.1\r\n: empty name\r\n\r\n",
    ])
    func rejectsMalformedHeaderLinesWith400(text: String) {
        var reader = reader(text)
        #expect(status { _ = try reader.readHead(deadline: .distant) } == 400)
    }

    @Test func reportsATruncatedHeadAs400AndSilenceAsClosed() {
        var truncated = reader("GET / HTTP/1.1\r\nHost: x\r\n")
        #expect(status { _ = try truncated.readHead(deadline: .distant) } == 400)
        var silent = reader("")
        #expect(throws: SocketError.self) { try silent.readHead(deadline: .distant) }
    }

    @Test(arguments: [1, 4, 1000])
    func decodesAChunkedBodyWithExtensionsAndTrailers(pieceSize: Int) throws {
        var reader = reader("5;name=value\r\nhello\r\n7\r\n, world\r\n0\r\nTrailer: x\r\n\r\nREST", pieceSize: pieceSize)
        let body = try reader.readBody(.chunked, maximumBodyBytes: 100, deadline: .distant)
        #expect(String(decoding: body, as: UTF8.self) == "hello, world")
        #expect(reader.buffer.readable <= 4)
    }

    @Test func rejectsChunkedBodiesAboveTheLimitWith413() {
        var reader = reader("a\r\n0123456789\r\na\r\n0123456789\r\n0\r\n\r\n")
        #expect(status { _ = try reader.readBody(.chunked, maximumBodyBytes: 15, deadline: .distant) } == 413)
        var huge = self.reader("ffffffffffffffffffff\r\n")
        #expect(status { _ = try huge.readBody(.chunked, maximumBodyBytes: 15, deadline: .distant) } == 413)
    }

    @Test(arguments: ["zz\r\nab\r\n0\r\n\r\n", "\r\n", "2\r\nabXY0\r\n\r\n", "2\r\nab"])
    func rejectsMalformedChunksWith400(text: String) {
        var reader = reader(text)
        #expect(status { _ = try reader.readBody(.chunked, maximumBodyBytes: 100, deadline: .distant) } == 400)
    }

    @Test(arguments: [1, 1000])
    func readsAContentLengthBody(pieceSize: Int) throws {
        var reader = reader("0123456789extra", pieceSize: pieceSize)
        let body = try reader.readBody(.length(10), maximumBodyBytes: 100, deadline: .distant)
        #expect(body == Array("0123456789".utf8))
        #expect(reader.buffer.readable <= 5)
    }

    @Test func reportsAShortContentLengthBodyAs400() {
        var reader = reader("0123")
        #expect(status { _ = try reader.readBody(.length(10), maximumBodyBytes: 100, deadline: .distant) } == 400)
    }
}
