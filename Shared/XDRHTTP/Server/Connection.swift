import Glibc
import XDRCore

/// One client connection, served on its own thread: read a request, answer it, repeat while
/// keep-alive allows.
struct Connection {
    let core: ServerCore
    let socket: Socket
    let id: Int
    let remoteAddress: String
    var reader: MessageReader<SocketByteSource>

    init(core: ServerCore, socket: Socket, id: Int, remoteAddress: String) {
        self.core = core
        self.socket = socket
        self.id = id
        self.remoteAddress = remoteAddress
        self.reader = MessageReader(source: SocketByteSource(socket: socket), limits: core.configuration.headLimits)
    }

    mutating func run() {
        defer { core.registry.remove(id) }
        let configuration = core.configuration
        var served = 0
        while true {
            if reader.buffer.isEmpty {
                guard core.registry.markIdle(id) else { return }
                // A new connection gets the read timeout to start talking; a kept-alive one the idle timeout.
                let wait = served == 0 ? min(configuration.readTimeout, configuration.idleTimeout) : configuration.idleTimeout
                do {
                    guard try reader.waitForData(deadline: .after(wait)) else { return }
                } catch {
                    return
                }
            }
            guard core.registry.markBusy(id) else { return }
            guard serveRequest() else { return }
            served += 1
        }
    }

    /// Reads and answers one request; returns whether the connection may serve another.
    private mutating func serveRequest() -> Bool {
        let started = Deadline.now()
        let request: HTTPRequest
        let keepAlive: Bool
        do {
            (request, keepAlive) = try receive(deadline: .after(core.configuration.readTimeout))
        } catch let error as HTTPError {
            reject(error, started: started)
            return false
        } catch SocketError.timedOut {
            reject(HTTPError(408, detail: "the request did not arrive completely within \(core.configuration.readTimeout) seconds"), started: started)
            return false
        } catch {
            return false
        }
        return respond(to: request, keepAlive: keepAlive, started: started)
    }

    /// Reads the head, checks framing, answers `Expect`, reads and decodes the body.
    private mutating func receive(deadline: Deadline) throws -> (HTTPRequest, keepAlive: Bool) {
        let configuration = core.configuration
        let head = try reader.readHead(deadline: deadline)
        let line = try RequestLine(parsing: head.startLine)
        let framing = try BodyFraming.of(head.headers, maximumBodyBytes: configuration.maximumBodyBytes)
        if let expectation = head.headers["Expect"] {
            guard expectation.lowercased() == "100-continue" else {
                throw HTTPError(417, detail: "only Expect: 100-continue is supported")
            }
            // Only worth sending when the client is really waiting for it (nothing buffered yet).
            if line.version == .http1_1, framing != .none, reader.buffer.isEmpty {
                try socket.send(Array("HTTP/1.1 100 Continue\r\n\r\n".utf8), deadline: .after(configuration.writeTimeout))
            }
        }
        let raw = try reader.readBody(framing, maximumBodyBytes: configuration.maximumBodyBytes, deadline: deadline)
        let body = try ContentDecoding.decode(raw, headers: head.headers, limit: configuration.maximumBodyBytes).body
        let request = HTTPRequest(method: line.method, target: line.target, headers: head.headers, body: body,
                                  remoteAddress: remoteAddress, version: line.version)
        return (request, Self.wantsKeepAlive(line.version, head.headers))
    }

    /// HTTP/1.1 keeps the connection unless told `close`; HTTP/1.0 only with `keep-alive`.
    static func wantsKeepAlive(_ version: HTTPVersion, _ headers: HTTPHeaders) -> Bool {
        if headers.containsToken("close", in: "Connection") { return false }
        if version == .http1_0 { return headers.containsToken("keep-alive", in: "Connection") }
        return true
    }

    /// Answers a request that could not be read (malformed, too large, too slow) and closes.
    private func reject(_ error: HTTPError, started: Deadline) {
        let requestID = RequestID.generate()
        var response = error.response(requestID: requestID)
        response.headers.replaceOrAdd("Connection", "close")
        response.headers.replaceOrAdd("Content-Length", String(response.body.count))
        response.headers.replaceOrAdd("Date", HTTPDate.now())
        response.headers.replaceOrAdd("X-Request-Id", requestID)
        var bytes: [UInt8] = []
        ResponseHead.write(status: response.status, headers: response.headers, into: &bytes)
        bytes.append(contentsOf: response.body)
        try? socket.send(bytes, deadline: .after(min(core.configuration.writeTimeout, 5)))
        lingeringClose()
        ServerMetrics.record(core.metrics, route: RequestContext.unmatchedRoute, method: "OTHER", status: error.status,
                             seconds: Deadline.seconds(since: started))
        if core.logger.level <= .debug {
            core.logger.debug("request rejected", [
                "http.status": String(error.status), "client.address": remoteAddress,
                "request.id": requestID, "error": error.description,
            ])
        }
    }

    /// Stops sending and discards what the client still sends (briefly, bounded), so the kernel
    /// does not reset the connection and destroy the error response before the client reads it.
    private func lingeringClose() {
        socket.shutdown(Int32(SHUT_WR))
        let deadline = Deadline.after(1)
        var discarded = 0
        var scratch = [UInt8](repeating: 0, count: 16 * 1024)
        while discarded < 1 << 20 {
            let count = (try? scratch.withUnsafeMutableBytes { try socket.receive(into: $0, deadline: deadline) }) ?? 0
            if count == 0 { return }
            discarded += count
        }
    }
}
