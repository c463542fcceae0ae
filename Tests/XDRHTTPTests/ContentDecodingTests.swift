import Testing
@testable import XDRHTTP

@Suite struct ContentDecodingTests {
    @Test func leavesIdentityBodiesAlone() throws {
        let result = try ContentDecoding.decode([1, 2, 3], headers: ["Content-Encoding": "identity"], limit: 10)
        #expect(result.body == [1, 2, 3])
        #expect(!result.decoded)
    }

    @Test func decodesGzipAndDeflate() throws {
        let plain = Array("hello hello hello".utf8)
        #expect(try ContentDecoding.decode(Gzip.compress(plain), headers: ["Content-Encoding": "gzip"], limit: 100).body == plain)
        #expect(try ContentDecoding.decode(Gzip.compress(plain), headers: ["Content-Encoding": "x-gzip"], limit: 100).body == plain)
    }

    @Test func rejectsUnsupportedCodingsWith415NamingTheSupportedOnes() {
        do {
            _ = try ContentDecoding.decode([1], headers: ["Content-Encoding": "br"], limit: 10)
            Issue.record("br accepted")
        } catch let error as HTTPError {
            #expect(error.status == 415)
            #expect(error.detail?.contains("gzip") == true)
            #expect(error.headers["Accept-Encoding"] == "gzip, deflate")
        } catch {
            Issue.record("unexpected \(error)")
        }
    }

    @Test func boundsTheDecompressedSizeWith413() {
        let bomb = Gzip.compress([UInt8](repeating: 0x41, count: 100_000))
        do {
            _ = try ContentDecoding.decode(bomb, headers: ["Content-Encoding": "gzip"], limit: 1000)
            Issue.record("bomb accepted")
        } catch let error as HTTPError {
            #expect(error.status == 413)
        } catch {
            Issue.record("unexpected \(error)")
        }
    }
}
