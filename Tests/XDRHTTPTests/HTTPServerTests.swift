import Dispatch
import Foundation
import Testing
import XDRCore
import XDRJSON
@testable import XDRHTTP

struct SecretFailure: Error { let secret = "database password is hunter2" }

/// Answers 401 unless `Authorization` is present; shows that middleware runs after routing.
struct RequireAuthorization: HTTPMiddleware {
    func handle(_ request: HTTPRequest, _ context: inout RequestContext,
                next: (HTTPRequest, inout RequestContext) throws -> HTTPResponse) throws -> HTTPResponse {
        guard request.headers["Authorization"] != nil else { throw HTTPError.unauthorized("missing credentials") }
        context[TenantKey.self] = "tenant-for-\(context.route)"
        return try next(request, &context)
    }
}

@Suite struct HTTPServerTests {
    static func echoServer(configuration: HTTPServer.Configuration = HTTPServer.Configuration(), middleware: [any HTTPMiddleware] = []) throws -> TestServer {
        try TestServer(configuration: configuration, middleware: middleware) { router in
            router.post("/echo") { request, _ in
                HTTPResponse(status: 200, headers: ["Content-Type": "application/octet-stream"], body: request.body)
            }
            router.get("/peer") { request, _ in .text(request.remoteAddress) }
            router.get("/v1/incidents/{id}") { _, context in
                .json(["id": .string(context.parameters["id"] ?? ""), "tenant": .optional(context[TenantKey.self])])
            }
            router.get("/refused") { _, _ in throw HTTPError(409, detail: "already acknowledged", headers: ["Retry-After": "5"]) }
            router.get("/broken") { _, _ in throw SecretFailure() }
        }
    }

    @Test func servesSeveralRequestsOnOneKeepAliveConnection() throws {
        let server = try Self.echoServer()
        defer { server.stop() }
        let connection = HTTPClientConnection(host: "127.0.0.1", port: server.port)
        var peers: Set<String> = []
        for index in 0..<5 {
            let echoed = try connection.send("POST", "/echo", body: Array("request \(index)".utf8))
            #expect(echoed.text == "request \(index)")
            peers.insert(try connection.send("GET", "/peer").text)
        }
        #expect(peers.count == 1)
        #expect(server.metrics.render().contains("xdr_http_connections 1"))
        // Metrics and the access log are written after the response; stopping waits for them.
        server.stop()
        #expect(server.metrics.counter("xdr_http_requests_total", labels: ["route": "/echo", "method": "POST", "status": "200"]) == 5)
        #expect(server.metrics.render().contains("xdr_http_request_duration_seconds_count{route=\"/peer\"} 5"))
        #expect(server.logs.lines.filter { $0.hasPrefix("{\"msg\":\"request\"") && $0.contains("\"http.route\":\"/echo\"") }.count == 5)
    }

    @Test func readsChunkedRequestBodies() throws {
        let server = try Self.echoServer()
        defer { server.stop() }
        let raw = try server.connect()
        try raw.send("POST /echo HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n")
        try raw.send("6\r\nchunk \r\n")
        try raw.send("5\r\nbody!\r\n0\r\n\r\n")
        let answer = raw.readUntilClosed()
        #expect(answer.text.statusCode == 200)
        #expect(answer.text.hasSuffix("\r\n\r\nchunk body!"))
        #expect(answer.closed)
    }

    @Test func decodesGzipRequestBodies() throws {
        let server = try Self.echoServer()
        defer { server.stop() }
        let body = Array(String(repeating: "{\"k\":\"v\"}\n", count: 1000).utf8)
        let response = try HTTPClient.send("POST", url: server.baseURL + "/echo", body: body, gzip: true)
        #expect(response.status == 200)
        #expect(response.body == body)
    }

    @Test func answersExpectContinueBeforeTheBody() throws {
        let server = try Self.echoServer()
        defer { server.stop() }
        let raw = try server.connect()
        try raw.send("POST /echo HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\nExpect: 100-continue\r\n\r\n")
        #expect(raw.read(until: "\r\n\r\n").hasPrefix("HTTP/1.1 100 Continue"))
        try raw.send("hello")
        #expect(raw.read(until: "hello").contains("HTTP/1.1 200 OK"))
    }

    @Test func routesParametersAndAnswers404And405AsProblems() throws {
        let server = try Self.echoServer()
        defer { server.stop() }
        let found = try HTTPClient.send("GET", url: server.baseURL + "/v1/incidents/inc-7")
        #expect(try found.json()["id"]?.string == "inc-7")

        let missing = try HTTPClient.send("GET", url: server.baseURL + "/v2/nothing")
        #expect(missing.status == 404)
        #expect(missing.headers["Content-Type"] == "application/problem+json")
        #expect(try missing.json()["status"]?.int == 404)

        let wrongMethod = try HTTPClient.send("DELETE", url: server.baseURL + "/v1/incidents/inc-7")
        #expect(wrongMethod.status == 405)
        #expect(wrongMethod.headers["Allow"] == "GET, HEAD")
    }

    @Test func answersPipelinedRequestsInOrder() throws {
        let server = try Self.echoServer()
        defer { server.stop() }
        let raw = try server.connect()
        try raw.send("POST /echo HTTP/1.1\r\nContent-Length: 5\r\n\r\nfirstPOST /echo HTTP/1.1\r\nContent-Length: 6\r\nConnection: close\r\n\r\nsecond")
        let answer = raw.readUntilClosed()
        let first = answer.text.range(of: "\r\n\r\nfirst"), second = answer.text.range(of: "\r\n\r\nsecond")
        #expect(first != nil && second != nil)
        if let first, let second { #expect(first.lowerBound < second.lowerBound) }
        #expect(answer.closed)
    }

    @Test func answersHeadWithoutABody() throws {
        let server = try Self.echoServer()
        defer { server.stop() }
        let raw = try server.connect()
        try raw.send("HEAD /peer HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
        let answer = raw.readUntilClosed()
        #expect(answer.text.statusCode == 200)
        #expect(answer.text.contains("Content-Length: "))
        #expect(answer.text.hasSuffix("\r\n\r\n"))
    }

    @Test func closesHTTP10ConnectionsAfterTheResponse() throws {
        let server = try Self.echoServer()
        defer { server.stop() }
        let raw = try server.connect()
        try raw.send("GET /peer HTTP/1.0\r\n\r\n")
        let answer = raw.readUntilClosed()
        #expect(answer.closed)
        #expect(answer.text.contains("Connection: close"))
        #expect(answer.text.hasSuffix("127.0.0.1:\(raw.socket.localPort)"))
    }

    @Test func rendersHTTPErrorsAndHidesOtherErrors() throws {
        let server = try Self.echoServer()
        defer { server.stop() }
        let refused = try HTTPClient.send("GET", url: server.baseURL + "/refused")
        #expect(refused.status == 409)
        #expect(refused.headers["Retry-After"] == "5")
        #expect(try refused.json()["detail"]?.string == "already acknowledged")

        let broken = try HTTPClient.send("GET", url: server.baseURL + "/broken", headers: ["X-Request-Id": "req-123"])
        #expect(broken.status == 500)
        #expect(!broken.text.contains("hunter2"))
        #expect(try broken.json()["request_id"]?.string == "req-123")
        #expect(broken.headers["X-Request-Id"] == "req-123")
        #expect(server.logs.lines.contains { $0.contains("hunter2") && $0.contains("req-123") })
    }

    @Test func runsMiddlewareAfterRoutingAndBeforeHandlers() throws {
        let server = try Self.echoServer(middleware: [RequireAuthorization()])
        defer { server.stop() }
        let anonymous = try HTTPClient.send("GET", url: server.baseURL + "/no/such/path")
        #expect(anonymous.status == 401)
        #expect(anonymous.headers["WWW-Authenticate"] == "Bearer")
        let allowed = try HTTPClient.send("GET", url: server.baseURL + "/v1/incidents/9", headers: ["Authorization": "Bearer t"])
        #expect(try allowed.json()["tenant"]?.string == "tenant-for-/v1/incidents/{id}")
    }

    @Test func streamsResponsesIncrementally() throws {
        let proceed = DispatchSemaphore(value: 0)
        let server = try TestServer { router in
            router.get("/events") { _, _ in
                .eventStream { writer in
                    try writer.sendEvent("first", event: "tick")
                    // The second event waits until the client has seen the first one.
                    guard proceed.wait(timeout: .now() + 5) == .success else { return }
                    try writer.sendEvent("second", event: "tick")
                }
            }
        }
        defer { server.stop() }
        let raw = try server.connect()
        try raw.send("GET /events HTTP/1.1\r\nHost: x\r\n\r\n")
        let first = raw.read(until: "data: first")
        #expect(first.contains("Transfer-Encoding: chunked"))
        #expect(first.contains("Content-Type: text/event-stream"))
        #expect(first.contains("event: tick\ndata: first\n\n"))
        #expect(!first.contains("second"))
        proceed.signal()
        let rest = raw.read(until: "0\r\n\r\n")
        #expect(rest.contains("data: second"))
        #expect(rest.hasSuffix("0\r\n\r\n"))
    }

    @Test func clientReadsChunkedStreamsToTheEnd() throws {
        let server = try TestServer { router in
            router.get("/export") { _, _ in
                HTTPResponse(stream: { writer in for index in 0..<3 { try writer.write("line \(index)\n") } })
            }
        }
        defer { server.stop() }
        let response = try HTTPClient.send("GET", url: server.baseURL + "/export")
        #expect(response.text == "line 0\nline 1\nline 2\n")
    }
}
