import Testing
import XDRHTTP

@Suite struct HTTPHeadersTests {
    @Test func looksUpNamesCaseInsensitivelyAndKeepsOrder() {
        var headers = HTTPHeaders()
        headers.add("Set-Cookie", "a=1")
        headers.add("Content-Type", "text/plain")
        headers.add("set-cookie", "b=2")
        #expect(headers["content-type"] == "text/plain")
        #expect(headers["SET-COOKIE"] == "a=1")
        #expect(headers.values(for: "Set-Cookie") == ["a=1", "b=2"])
        #expect(headers.fields.map(\.name) == ["Set-Cookie", "Content-Type", "set-cookie"])
    }

    @Test func replaceOrAddKeepsOneField() {
        var headers: HTTPHeaders = ["X-A": "1"]
        headers.add("x-a", "2")
        headers.replaceOrAdd("X-A", "3")
        #expect(headers.values(for: "x-a") == ["3"])
        headers.replaceOrAdd("X-B", "4")
        #expect(headers["x-b"] == "4")
        headers["x-b"] = nil
        #expect(!headers.contains("X-B"))
    }

    @Test func doesNotConfuseNonLetterCharacters() {
        let headers: HTTPHeaders = ["X@": "1"]
        #expect(headers["x`"] == nil)
    }

    @Test func findsTokensInCommaSeparatedValues() {
        let headers: HTTPHeaders = ["Connection": "Upgrade, Keep-Alive"]
        #expect(headers.containsToken("keep-alive", in: "connection"))
        #expect(!headers.containsToken("close", in: "connection"))
    }
}
