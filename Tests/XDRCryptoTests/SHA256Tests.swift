import Testing
import XDRCrypto

@Suite struct SHA256Tests {
    private func digest(_ text: String) -> String {
        SHA256.hash(Array(text.utf8)).hexString
    }

    /// Bytes 0, 1, 2, … modulo 251, so every length has distinct content.
    private func pattern(_ count: Int) -> [UInt8] {
        (0..<count).map { UInt8($0 % 251) }
    }

    @Test func hashesTheEmptyMessage() {
        #expect(digest("") == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
    }

    @Test func hashesTheFIPSOneBlockExample() {
        #expect(digest("abc") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
    }

    @Test func hashesTheFIPSTwoBlockExample() {
        let message = "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq"
        #expect(digest(message) == "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1")
    }

    @Test func hashesThe896BitExample() {
        let message = "abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmnhijklmnoijklmnopjklmnopqklmnopqrlmnopqrsmnopqrstnopqrstu"
        #expect(digest(message) == "cf5b16a778af8380036ce59e7b0492370b249b11e8f07a51afac45037afee9d1")
    }

    @Test func hashesOneMillionLetterA() {
        let message = [UInt8](repeating: UInt8(ascii: "a"), count: 1_000_000)
        #expect(SHA256.hash(message).hexString == "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0")
    }

    @Test(arguments: [
        (55, "463eb28e72f82e0a96c0a4cc53690c571281131f672aa229e0d45ae59b598b59"),
        (56, "da2ae4d6b36748f2a318f23e7ab1dfdf45acdc9d049bd80e59de82a60895f562"),
        (63, "29af2686fd53374a36b0846694cc342177e428d1647515f078784d69cdb9e488"),
        (64, "fdeab9acf3710362bd2658cdc9a29e8f9c757fcf9811603a8c447cd1d9151108"),
        (65, "4bfd2c8b6f1eec7a2afeb48b934ee4b2694182027e6d0fc075074f2fabb31781"),
        (119, "da18797ed7c3a777f0847f429724a2d8cd5138e6ed2895c3fa1a6d39d18f7ec6"),
        (120, "f52b23db1fbb6ded89ef42a23ce0c8922c45f25c50b568a93bf1c075420bbb7c"),
        (128, "471fb943aa23c511f6f72f8d1652d9c880cfa392ad80503120547703e56a2be5"),
    ])
    func padsCorrectlyAroundBlockBoundaries(length: Int, expected: String) {
        #expect(SHA256.hash(pattern(length)).hexString == expected)
    }

    @Test(arguments: [0, 1, 55, 56, 63, 64, 65, 127, 128, 129, 1000])
    func incrementalChunksMatchOneShot(length: Int) {
        let message = pattern(length)
        let expected = SHA256.hash(message)
        var generator = SplitMix64(seed: UInt64(length) &+ 0x5eed)
        for _ in 0..<20 {
            var hasher = SHA256()
            var offset = 0
            while offset < message.count {
                let size = Int(generator.next() % 70)
                let end = min(message.count, offset + size)
                hasher.update(message[offset..<end])
                offset = end
            }
            #expect(hasher.finalize() == expected, "length \(length)")
        }
    }

    @Test func finalizeLeavesTheHasherUsable() {
        var hasher = SHA256()
        hasher.update(Array("ab".utf8))
        let partial = hasher.finalize()
        hasher.update(Array("c".utf8))
        #expect(partial == SHA256.hash(Array("ab".utf8)))
        #expect(hasher.finalize().hexString == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
    }

    @Test func acceptsNonContiguousCollections() {
        let lazyBytes = "abc".utf8.lazy.map { $0 }
        #expect(SHA256.hash(lazyBytes) == SHA256.hash(Array("abc".utf8)))
        #expect(SHA256.hash("abc".utf8).count == SHA256.digestByteCount)
    }
}

/// A small deterministic generator so chunk splits are random-looking yet reproducible.
struct SplitMix64: RandomNumberGenerator {
    private var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9e37_79b9_7f4a_7c15
        var z = state
        z = (z ^ (z >> 30)) &* 0xbf58_476d_1ce4_e5b9
        z = (z ^ (z >> 27)) &* 0x94d0_49bb_1331_11eb
        return z ^ (z >> 31)
    }
}
