import Foundation
import Glibc
import Testing
import XDRCore
@testable import XDRHTTP

@Suite struct HTTPServerLimitsTests {
    static func server(_ adjust: (inout HTTPServer.Configuration) -> Void = { _ in }) throws -> TestServer {
        var configuration = HTTPServer.Configuration(maximumBodyBytes: 10_000)
        adjust(&configuration)
        return try TestServer(configuration: configuration) { router in
            router.post("/echo") { request, _ in .text("got \(request.body.count)") }
            router.get("/ok") { _, _ in .text("ok") }
        }
    }

    /// Sends `request` on a fresh connection; returns the raw answer and whether the server closed.
    func exchange(_ server: TestServer, _ request: String) throws -> (text: String, closed: Bool) {
        let raw = try server.connect()
        try raw.send(request)
        return raw.readUntilClosed()
    }

    @Test func rejectsOversizedHeadersWith431() throws {
        let server = try Self.server { $0.maximumHeaderBytes = 1024 }
        defer { server.stop() }
        let answer = try exchange(server, "GET /ok HTTP/1.1\r\nX-Big: \(String(repeating: "a", count: 2000))\r\n\r\n")
        #expect(answer.text.statusCode == 431)
        #expect(answer.text.contains("application/problem+json"))
        #expect(answer.closed)
    }

    @Test func rejectsLongRequestLinesWith414() throws {
        let server = try Self.server { $0.maximumRequestLineBytes = 256 }
        defer { server.stop() }
        let answer = try exchange(server, "GET /\(String(repeating: "a", count: 400)) HTTP/1.1\r\n\r\n")
        #expect(answer.text.statusCode == 414)
    }

    @Test func rejectsADeclaredOversizedBodyBeforeReadingIt() throws {
        let server = try Self.server()
        defer { server.stop() }
        let answer = try exchange(server, "POST /echo HTTP/1.1\r\nHost: x\r\nContent-Length: 10001\r\n\r\n")
        #expect(answer.text.statusCode == 413)
        #expect(answer.text.contains("\"limit\":10000"))
        #expect(answer.closed)
    }

    @Test func rejectsAnOversizedChunkedBody() throws {
        let server = try Self.server()
        defer { server.stop() }
        let chunk = String(repeating: "x", count: 4000)
        let body = (0..<4).map { _ in "fa0\r\n\(chunk)\r\n" }.joined() + "0\r\n\r\n"
        let answer = try exchange(server, "POST /echo HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n" + body)
        #expect(answer.text.statusCode == 413)
        #expect(answer.closed)
    }

    @Test func rejectsADecompressionBomb() throws {
        let server = try Self.server()
        defer { server.stop() }
        let bomb = Gzip.compress([UInt8](repeating: 0, count: 5_000_000))
        #expect(bomb.count < 10_000)
        let response = try HTTPClient.send("POST", url: server.baseURL + "/echo", headers: ["Content-Encoding": "gzip"], body: bomb)
        #expect(response.status == 413)
        let fine = try HTTPClient.send("POST", url: server.baseURL + "/echo", body: [UInt8](repeating: 7, count: 9_000), gzip: true)
        #expect(fine.text == "got 9000")
    }

    @Test func rejectsUnsupportedContentEncodingWith415() throws {
        let server = try Self.server()
        defer { server.stop() }
        let response = try HTTPClient.send("POST", url: server.baseURL + "/echo", headers: ["Content-Encoding": "br"], body: [1, 2, 3])
        #expect(response.status == 415)
        #expect(response.text.contains("gzip"))
    }

    @Test(arguments: [
        "HELLO THERE\r\n\r\n",
        "\u{16}\u{03}\u{01}\u{02}\u{00}\u{01}\u{00}\u{01}\u{fc}\u{03}\u{03}\r\n\r\n",
        "POST /echo HTTP/1.1\r\nContent-Length: 3\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n0\r\n\r\n",
        "POST /echo HTTP/1.1\r\nContent-Length: abc\r\n\r\n",
        "POST /echo HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\nnothex\r\n",
        "GET /ok HTTP/1.1\r\nBad Header\r\n\r\n",
    ])
    func answersMalformedRequestsWith400AndCloses(request: String) throws {
        let server = try Self.server()
        defer { server.stop() }
        let answer = try exchange(server, request)
        #expect(answer.text.statusCode == 400)
        #expect(answer.closed)
    }

    @Test func cutsOffASlowSenderWithinTheReadTimeout() throws {
        let server = try Self.server { $0.readTimeout = 1 }
        defer { server.stop() }
        let raw = try server.connect()
        let started = Date()
        // A header that never ends, trickled out a few bytes per second.
        let sender = Thread {
            for byte in Array("GET /ok HTTP/1.1\r\nX-Slow: ".utf8) + [UInt8](repeating: 0x61, count: 100) {
                guard (try? raw.send([byte])) != nil else { return }
                usleep(250_000)
            }
        }
        sender.start()
        let answer = raw.readUntilClosed(seconds: 6)
        let elapsed = Date().timeIntervalSince(started)
        #expect(answer.closed)
        #expect(answer.text.statusCode == 408)
        #expect(elapsed < 3.5)
    }

    @Test func refusesConnectionsBeyondTheMaximumWith503() throws {
        let server = try Self.server { $0.maximumConnections = 2 }
        defer { server.stop() }
        let first = HTTPClientConnection(host: "127.0.0.1", port: server.port)
        let second = HTTPClientConnection(host: "127.0.0.1", port: server.port)
        #expect(try first.send("GET", "/ok").status == 200)
        #expect(try second.send("GET", "/ok").status == 200)
        let third = try exchange(server, "GET /ok HTTP/1.1\r\nHost: x\r\n\r\n")
        #expect(third.text.statusCode == 503)
        #expect(third.text.contains("Retry-After: 1"))
        #expect(third.closed)
        first.close()
        // Once a slot frees up, new connections are served again.
        var status = 0
        for _ in 0..<50 where status != 200 {
            status = (try? HTTPClient.send("GET", url: server.baseURL + "/ok").status) ?? 0
            if status != 200 { usleep(20_000) }
        }
        #expect(status == 200)
    }

    @Test func answersFiveHundredConcurrentConnections() throws {
        let server = try Self.server()
        defer { server.stop() }
        let count = 500
        var connections: [RawConnection] = []
        for _ in 0..<count { connections.append(try server.connect()) }
        // Every connection is open before any request is sent, so all 500 are served at once.
        for (index, connection) in connections.enumerated() {
            try connection.send("POST /echo HTTP/1.1\r\nHost: x\r\nConnection: close\r\nContent-Length: \(index)\r\n\r\n" + String(repeating: "z", count: index))
        }
        var answered = 0
        for (index, connection) in connections.enumerated() {
            let answer = connection.readUntilClosed(seconds: 10)
            if answer.text.statusCode == 200 && answer.text.hasSuffix("got \(index)") { answered += 1 }
        }
        #expect(answered == count)
    }
}
