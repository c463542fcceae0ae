import Foundation

/// Writes a streaming response body, one flushed chunk per `write`.
///
/// Used only from the stream closure, on the connection's thread. `isOpen` turns false when the
/// client went away, a write failed or the server is shutting down; the closure should then return.
public final class HTTPStreamWriter: @unchecked Sendable {
    /// Thrown by `write` once the stream can no longer be written.
    public struct Closed: Error, CustomStringConvertible {
        public let reason: String
        public var description: String { "stream closed: \(reason)" }
    }

    private let socket: Socket?
    private let chunked: Bool
    private let writeTimeout: Double
    private let shutdown: ShutdownSignal
    private var failure: String?
    private var collected: [UInt8] = []

    init(socket: Socket, chunked: Bool, writeTimeout: Double, shutdown: ShutdownSignal) {
        self.socket = socket
        self.chunked = chunked
        self.writeTimeout = writeTimeout
        self.shutdown = shutdown
    }

    private init() {
        socket = nil
        chunked = false
        writeTimeout = 0
        shutdown = ShutdownSignal()
    }

    /// A writer that keeps what is written in memory, for testing stream closures without a socket.
    public static func collecting() -> HTTPStreamWriter { HTTPStreamWriter() }

    /// Everything written to a collecting writer.
    public var collectedBytes: [UInt8] { collected }

    /// Whether writes can still reach the client.
    public var isOpen: Bool {
        if failure != nil || shutdown.isTriggered { return false }
        if let socket, socket.peerHasGone {
            failure = "the client closed the connection"
            return false
        }
        return true
    }

    /// Sends `bytes` immediately as one chunk.
    /// - Throws: `HTTPStreamWriter.Closed` when the client is gone or the server is shutting down.
    public func write(_ bytes: [UInt8]) throws {
        if let failure { throw Closed(reason: failure) }
        if shutdown.isTriggered { throw Closed(reason: "the server is shutting down") }
        guard !bytes.isEmpty else { return }
        guard let socket else { collected.append(contentsOf: bytes); return }
        var frame: [UInt8] = []
        if chunked {
            frame.reserveCapacity(bytes.count + 12)
            frame.append(contentsOf: String(bytes.count, radix: 16).utf8)
            frame.append(contentsOf: [0x0D, 0x0A])
            frame.append(contentsOf: bytes)
            frame.append(contentsOf: [0x0D, 0x0A])
        } else {
            frame = bytes
        }
        do {
            try socket.send(frame, deadline: .after(writeTimeout))
        } catch {
            failure = "write failed: \(error)"
            throw Closed(reason: "write failed: \(error)")
        }
    }

    /// Sends UTF-8 text as one chunk.
    public func write(_ text: String) throws { try write(Array(text.utf8)) }

    /// Sends one Server-Sent Event; multi-line data becomes several `data:` lines.
    public func sendEvent(_ data: String, event: String? = nil, id: String? = nil) throws {
        var text = ""
        if let id { text += "id: \(id.filter { $0 != "\n" && $0 != "\r" })\n" }
        if let event { text += "event: \(event.filter { $0 != "\n" && $0 != "\r" })\n" }
        for line in data.split(separator: "\n", omittingEmptySubsequences: false) { text += "data: \(line)\n" }
        try write(text + "\n")
    }

    /// Waits up to `seconds` (returning early when the server starts shutting down) and reports
    /// whether the stream is still open. Use it between polls of an event source.
    public func pause(_ seconds: Double) -> Bool {
        _ = shutdown.wait(seconds: seconds)
        return isOpen
    }

    /// Writes the last chunk; ignored when the stream already failed.
    func finish() -> Bool {
        guard failure == nil, let socket else { return failure == nil }
        guard chunked else { return true }
        do {
            try socket.send(Array("0\r\n\r\n".utf8), deadline: .after(writeTimeout))
            return true
        } catch {
            failure = "write failed: \(error)"
            return false
        }
    }
}
