import Testing
import XDRCrypto

@Suite struct APIKeyFormatTests {
    @Test func generatedKeysHaveTheDocumentedShape() throws {
        let (key, prefix) = try APIKeyFormat.generate()
        let parts = key.split(separator: "_", omittingEmptySubsequences: false)
        #expect(parts.count == 3)
        #expect(parts[0] == "xdr")
        #expect(parts[1] == Substring(prefix))
        #expect(prefix.count == 8)
        #expect(parts[2].count == 52)
        #expect(key.utf8.allSatisfy { ($0 >= 0x61 && $0 <= 0x7a) || ($0 >= 0x32 && $0 <= 0x37) || $0 == 0x5f })
        #expect(try APIKeyFormat.prefix(of: key) == prefix)
    }

    @Test func generatedKeysAreUnique() throws {
        let keys = try (0..<50).map { _ in try APIKeyFormat.generate().key }
        #expect(Set(keys).count == 50)
        #expect(Set(keys.map { $0.split(separator: "_")[1] }).count == 50)
    }

    @Test func hashIsSHA256OfTheUTF8Key() {
        let key = "xdr_abcdefgh_" + String(repeating: "a", count: 52)
        #expect(APIKeyFormat.hash(key) == SHA256.hash(Array(key.utf8)))
        #expect(APIKeyFormat.hash(key).count == 32)
        #expect(APIKeyFormat.hash("abc").hexString == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
    }

    @Test(arguments: [
        ("", "expected xdr_<prefix>_<secret>"),
        ("xdr_abcdefgh", "expected xdr_<prefix>_<secret>"),
        ("xyz_abcdefgh_" + String(repeating: "a", count: 52), "must start with \"xdr_\""),
        ("xdr_abcdefg_" + String(repeating: "a", count: 52), "prefix must be 8 characters a-z, 2-7"),
        ("xdr_ABCDEFGH_" + String(repeating: "a", count: 52), "prefix must be 8 characters a-z, 2-7"),
        ("xdr_abcdefgh_" + String(repeating: "a", count: 51), "secret must be 52 characters a-z, 2-7"),
        ("xdr_abcdefgh_" + String(repeating: "1", count: 52), "secret must be 52 characters a-z, 2-7"),
        ("xdr_abcdefgh_" + String(repeating: "a", count: 52) + "_x", "expected xdr_<prefix>_<secret>"),
    ])
    func rejectsMalformedKeysNamingThePart(key: String, reason: String) {
        let error = #expect(throws: APIKeyFormat.MalformedKey.self) { try APIKeyFormat.prefix(of: key) }
        #expect(error?.reason == reason)
    }

    @Test func malformedKeyErrorsDoNotEchoTheKey() {
        let key = "xdr_abcdefgh_" + String(repeating: "q", count: 40)
        do {
            _ = try APIKeyFormat.prefix(of: key)
            Issue.record("expected a malformed key error")
        } catch {
            #expect(!String(describing: error).contains("qqqq"))
        }
    }
}
