import Testing
@testable import XDRHTTP

@Suite struct RequestLineTests {
    @Test func parsesMethodTargetAndVersion() throws {
        let line = try RequestLine(parsing: "post /v1/x?y=1 HTTP/1.0")
        #expect(line.method == "POST")
        #expect(line.target == "/v1/x?y=1")
        #expect(line.version == .http1_0)
    }

    @Test(arguments: [
        "GARBAGE", "GET /", "GET  / HTTP/1.1", "GET / HTTP/1.1 extra", "G(T / HTTP/1.1",
        "GET relative HTTP/1.1", "GET /\u{7f} HTTP/1.1", "GET / HTTX/1.1", "\u{16}\u{03}\u{01} / HTTP/1.1",
    ])
    func rejectsMalformedLinesWith400(line: String) {
        #expect(throws: HTTPError.self) { try RequestLine(parsing: line) }
        do { _ = try RequestLine(parsing: line) } catch let error as HTTPError { #expect(error.status == 400) } catch {}
    }

    @Test func rejectsNewerVersionsWith505() {
        do {
            _ = try RequestLine(parsing: "GET / HTTP/2.0")
            Issue.record("HTTP/2.0 accepted")
        } catch let error as HTTPError {
            #expect(error.status == 505)
        } catch {
            Issue.record("unexpected \(error)")
        }
    }
}
