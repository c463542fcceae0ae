import Testing
import XDRHTTP

@Suite struct GzipTests {
    let text = Array(String(repeating: "{\"event\":\"login\",\"user\":\"alice\"}\n", count: 500).utf8)

    @Test func roundTripsThroughGzip() throws {
        let compressed = Gzip.compress(text)
        #expect(compressed.count < text.count / 10)
        #expect(Array(compressed.prefix(2)) == [0x1F, 0x8B])
        #expect(try Gzip.decompress(compressed, limit: text.count) == text)
    }

    @Test func decompressesConcatenatedMembers() throws {
        let joined = Gzip.compress(Array("first ".utf8)) + Gzip.compress(Array("second".utf8))
        #expect(try Gzip.decompress(joined, limit: 100) == Array("first second".utf8))
    }

    @Test func stopsAtTheLimit() {
        let bomb = Gzip.compress([UInt8](repeating: 0, count: 10_000_000))
        #expect(bomb.count < 20_000)
        #expect(throws: Gzip.Failure.tooLarge(limit: 1_000_000)) { try Gzip.decompress(bomb, limit: 1_000_000) }
    }

    @Test func rejectsCorruptAndTruncatedData() {
        #expect(throws: Gzip.Failure.self) { try Gzip.decompress(Array("not compressed at all".utf8), limit: 1000) }
        let truncated = Array(Gzip.compress(text).dropLast(20))
        #expect(throws: Gzip.Failure.self) { try Gzip.decompress(truncated, limit: 1_000_000) }
    }
}
