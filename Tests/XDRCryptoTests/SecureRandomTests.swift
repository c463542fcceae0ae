import Testing
import XDRCrypto

@Suite struct SecureRandomTests {
    @Test func returnsTheRequestedCount() throws {
        #expect(try SecureRandom.bytes(0).isEmpty)
        #expect(try SecureRandom.bytes(1).count == 1)
        #expect(try SecureRandom.bytes(4096).count == 4096)
    }

    @Test func successiveDrawsDiffer() throws {
        // Two equal 32-byte draws would mean a broken source (probability 2^-256 otherwise).
        #expect(try SecureRandom.bytes(32) != SecureRandom.bytes(32))
    }

    @Test func largeDrawsUseManyByteValues() throws {
        // 4096 uniform bytes miss a given value with probability ~1e-7; a stuck source uses few.
        let distinct = Set(try SecureRandom.bytes(4096))
        #expect(distinct.count > 200)
    }
}
