import Testing
import XDRHTTP

@Suite struct HTTPRequestTests {
    @Test func decodesPathAndQuery() {
        let request = HTTPRequest(method: "get", target: "/v1/a%20b/c?x=1&name=J%C3%BCrgen+M&flag&x=2")
        #expect(request.method == "GET")
        #expect(request.path == "/v1/a b/c")
        #expect(request.query("name") == "Jürgen M")
        #expect(request.query("x") == "1")
        #expect(request.query("flag") == "")
        #expect(request.query.count == 4)
    }

    @Test func keepsMalformedEscapesLiterally() {
        let request = HTTPRequest(method: "GET", target: "/a%zz%4?q=%")
        #expect(request.path == "/a%zz%4")
        #expect(request.query("q") == "%")
    }

    @Test func takesThePathFromAbsoluteFormTargets() {
        #expect(HTTPRequest(method: "GET", target: "http://example.com/x/y?z=1").path == "/x/y")
        #expect(HTTPRequest(method: "GET", target: "http://example.com").path == "/")
    }
}
