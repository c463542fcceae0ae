import Foundation
import Glibc
@testable import XDRCore
@testable import XDRHTTP

/// A server on 127.0.0.1 with an ephemeral port, shut down by `stop()`.
final class TestServer: @unchecked Sendable {
    let server: HTTPServer
    let port: Int
    let metrics = MetricsRegistry()
    let logs = LogSink.memory()

    init(configuration: HTTPServer.Configuration = HTTPServer.Configuration(), middleware: [any HTTPMiddleware] = [],
         _ build: (inout Router) -> Void) throws {
        var configuration = configuration
        configuration.host = "127.0.0.1"
        configuration.port = 0
        var router = Router()
        build(&router)
        server = HTTPServer(configuration: configuration, router: router, middleware: middleware,
                            logger: Logger(label: "test", level: .debug, sink: logs), metrics: metrics)
        port = try server.start()
    }

    var baseURL: String { "http://127.0.0.1:\(port)" }

    func stop() { server.shutdown() }

    /// A raw connection for sending hand-made bytes.
    func connect() throws -> RawConnection { try RawConnection(port: port) }
}

/// A client socket for tests that need to send exact bytes and read the raw answer.
struct RawConnection {
    let socket: Socket

    init(port: Int) throws {
        socket = try Socket.connect(host: "127.0.0.1", port: port, deadline: .after(5))
    }

    func send(_ text: String) throws { try socket.send(Array(text.utf8), deadline: .after(5)) }
    func send(_ bytes: [UInt8]) throws { try socket.send(bytes, deadline: .after(5)) }

    /// Reads until the peer closes or `seconds` pass; returns what arrived and whether it closed.
    func readUntilClosed(seconds: Double = 5) -> (text: String, closed: Bool) {
        var bytes: [UInt8] = []
        let deadline = Deadline.after(seconds)
        var scratch = [UInt8](repeating: 0, count: 65536)
        while true {
            do {
                let count = try scratch.withUnsafeMutableBytes { try socket.receive(into: $0, deadline: deadline) }
                if count == 0 { return (String(decoding: bytes, as: UTF8.self), true) }
                bytes.append(contentsOf: scratch[0..<count])
            } catch {
                return (String(decoding: bytes, as: UTF8.self), false)
            }
        }
    }

    /// Reads until `marker` has arrived (or the peer closed, or time ran out).
    func read(until marker: String, seconds: Double = 5) -> String {
        var bytes: [UInt8] = []
        let deadline = Deadline.after(seconds)
        var scratch = [UInt8](repeating: 0, count: 65536)
        while !String(decoding: bytes, as: UTF8.self).contains(marker) {
            guard let count = try? scratch.withUnsafeMutableBytes({ try socket.receive(into: $0, deadline: deadline) }), count > 0 else { break }
            bytes.append(contentsOf: scratch[0..<count])
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// A reader that parses complete responses, for keep-alive exchanges.
    func responseReader() -> MessageReader<SocketByteSource> {
        MessageReader(source: SocketByteSource(socket: socket), limits: HeadLimits(maximumStartLineBytes: 8192, maximumHeaderBytes: 65536))
    }
}

extension String {
    /// The status code of the first status line in a raw response.
    var statusCode: Int? {
        guard hasPrefix("HTTP/1.") else { return nil }
        return Int(dropFirst(9).prefix(3))
    }
}
