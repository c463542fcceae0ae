import Foundation
import Testing
@testable import XDRHTTP

@Suite struct HTTPClientTests {
    @Test func parsesHTTPURLs() throws {
        let plain = try HTTPClientURL("http://example.com")
        #expect(plain == HTTPClientURL(host: "example.com", port: 80, target: "/"))
        #expect(try HTTPClientURL("http://127.0.0.1:8080/a/b?c=d").target == "/a/b?c=d")
        #expect(try HTTPClientURL("http://[::1]:9000/x").host == "::1")
        #expect(try HTTPClientURL("http://host?q=1").target == "/?q=1")
        #expect(throws: HTTPClientError.self) { try HTTPClientURL("https://example.com/") }
        #expect(throws: HTTPClientError.self) { try HTTPClientURL("http://host:99999/") }
    }

    @Test func reportsUnreachableServers() throws {
        // Bind and close a port so nothing listens there.
        let port = try Socket.listen(host: "127.0.0.1", port: 0, backlog: 1).localPort
        #expect(throws: HTTPClientError.self) { try HTTPClient.send("GET", url: "http://127.0.0.1:\(port)/", timeout: 2) }
    }

    @Test func reconnectsAfterTheServerClosedAnIdleConnection() throws {
        let server = try TestServer(configuration: HTTPServer.Configuration(idleTimeout: 0.2)) { router in
            router.get("/peer") { request, _ in .text(request.remoteAddress) }
        }
        defer { server.stop() }
        let connection = HTTPClientConnection(host: "127.0.0.1", port: server.port)
        let first = try connection.send("GET", "/peer").text
        usleep(500_000)
        let second = try connection.send("GET", "/peer").text
        #expect(first != second)
        #expect(try connection.send("GET", "/peer").text == second)
    }

    @Test func timesOutOnSilentServers() throws {
        let listener = try Socket.listen(host: "127.0.0.1", port: 0, backlog: 4)
        let started = Date()
        #expect(throws: HTTPClientError.self) {
            try HTTPClient.send("GET", url: "http://127.0.0.1:\(listener.localPort)/", timeout: 0.5)
        }
        #expect(Date().timeIntervalSince(started) < 2)
    }
}
