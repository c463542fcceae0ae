import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Reads a Server-Sent Events response from a real socket until some text appears, since the
/// one-shot HTTP client waits for a response to end and a stream never does.
final class EventStreamReader {
    private let descriptor: Int32
    private(set) var received = ""

    init(port: Int, target: String, headers: [String: String]) throws {
        descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard connected == 0 else { throw StreamReaderError("connect failed: errno \(errno)") }
        var request = "GET \(target) HTTP/1.1\r\nHost: 127.0.0.1\r\n"
        for (name, value) in headers { request += "\(name): \(value)\r\n" }
        request += "\r\n"
        let bytes = Array(request.utf8)
        guard send(descriptor, bytes, bytes.count, 0) == bytes.count else { throw StreamReaderError("send failed") }
    }

    deinit { close(descriptor) }

    /// Reads until `text` has been received (true) or `timeout` seconds pass (false). Sleeps
    /// between non-blocking reads so the waiting test does not hold a pool thread.
    func waitFor(_ text: String, timeout: Double = 10) async -> Bool {
        let deadline = Date().addingTimeInterval(timeout)
        var buffer = [UInt8](repeating: 0, count: 4096)
        while !received.contains(text) {
            guard deadline.timeIntervalSinceNow > 0 else { return false }
            var poller = pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0)
            guard poll(&poller, 1, 0) > 0 else {
                try? await Task.sleep(nanoseconds: 20_000_000)
                continue
            }
            let count = recv(descriptor, &buffer, buffer.count, 0)
            guard count > 0 else { return received.contains(text) }
            received += String(decoding: buffer[0..<count], as: UTF8.self)
        }
        return true
    }
}

struct StreamReaderError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
