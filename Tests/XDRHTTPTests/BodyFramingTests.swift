import Testing
@testable import XDRHTTP

@Suite struct BodyFramingTests {
    func status(_ headers: HTTPHeaders, limit: Int = 100) -> Int? {
        do { _ = try BodyFraming.of(headers, maximumBodyBytes: limit) } catch let error as HTTPError { return error.status } catch { return -1 }
        return nil
    }

    @Test func readsContentLengthAndChunked() throws {
        #expect(try BodyFraming.of(["Content-Length": "42"], maximumBodyBytes: 100) == .length(42))
        #expect(try BodyFraming.of(["Content-Length": "0"], maximumBodyBytes: 100) == BodyFraming.none)
        #expect(try BodyFraming.of(["Transfer-Encoding": "Chunked"], maximumBodyBytes: 100) == .chunked)
        #expect(try BodyFraming.of([:], maximumBodyBytes: 100) == BodyFraming.none)
    }

    @Test func acceptsRepeatedIdenticalLengths() throws {
        #expect(try BodyFraming.of(HTTPHeaders([("Content-Length", "7"), ("Content-Length", "7, 7")]), maximumBodyBytes: 100) == .length(7))
    }

    @Test func rejectsAmbiguousOrInvalidFramingWith400() {
        #expect(status(["Content-Length": "5", "Transfer-Encoding": "chunked"]) == 400)
        #expect(status(["Content-Length": "-1"]) == 400)
        #expect(status(["Content-Length": "12abc"]) == 400)
        #expect(status(["Content-Length": ""]) == 400)
        #expect(status(HTTPHeaders([("Content-Length", "5"), ("Content-Length", "6")])) == 400)
    }

    @Test func rejectsUnknownTransferCodingsWith501() {
        #expect(status(["Transfer-Encoding": "gzip, chunked"]) == 501)
    }

    @Test func rejectsDeclaredLengthsAboveTheLimitWith413() {
        #expect(status(["Content-Length": "101"]) == 413)
        #expect(status(["Content-Length": "99999999999999999999999999"]) == 413)
    }
}
