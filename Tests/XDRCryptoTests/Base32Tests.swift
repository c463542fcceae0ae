import Testing
import XDRCrypto

@Suite struct Base32Tests {
    /// RFC 4648 §10 vectors, lower-cased and without padding.
    @Test(arguments: [
        ("", ""), ("f", "my"), ("fo", "mzxq"), ("foo", "mzxw6"),
        ("foob", "mzxw6yq"), ("fooba", "mzxw6ytb"), ("foobar", "mzxw6ytboi"),
    ])
    func encodesRFC4648Vectors(input: String, expected: String) {
        #expect(Base32.encode(Array(input.utf8)) == expected)
    }

    @Test func thirtyTwoBytesBecomeFiftyTwoCharacters() {
        #expect(Base32.encode([UInt8](repeating: 0xff, count: 32)).count == 52)
    }

    @Test func recognisesOnlyItsAlphabet() {
        #expect(Base32.isEncoded("abcxyz234567"))
        #expect(!Base32.isEncoded("ABC"))
        #expect(!Base32.isEncoded("ab1"))
        #expect(!Base32.isEncoded("ab-"))
        #expect(!Base32.isEncoded(""))
    }
}
