import Foundation
import Glibc

/// A plain TCP client to 127.0.0.1, the way a firewall's syslog forwarder connects.
final class TCPTestClient {
    let descriptor: Int32

    init(port: Int) throws {
        descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = UInt16(port).bigEndian
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard connected == 0 else { throw TCPTestClientError(message: "connect to port \(port): errno \(errno)") }
    }

    /// Sends every byte (blocking).
    func send(_ bytes: [UInt8]) throws {
        var offset = 0
        while offset < bytes.count {
            let sent = bytes[offset...].withUnsafeBytes { Glibc.send(descriptor, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
            guard sent > 0 else { throw TCPTestClientError(message: "send: errno \(errno)") }
            offset += sent
        }
    }

    func send(_ text: String) throws { try send(Array(text.utf8)) }

    /// Sends for up to `seconds` without blocking longer; returns how many bytes the peer took.
    func sendWithoutWaiting(_ bytes: [UInt8], seconds: Double) async throws -> Int {
        let deadline = Date().addingTimeInterval(seconds)
        var offset = 0
        while offset < bytes.count && Date() < deadline {
            var entry = pollfd(fd: descriptor, events: Int16(POLLOUT), revents: 0)
            guard poll(&entry, 1, 0) > 0 else {
                try await Task.sleep(for: .milliseconds(20))
                continue
            }
            let sent = bytes[offset...].withUnsafeBytes { Glibc.send(descriptor, $0.baseAddress, min($0.count, 65536), Int32(MSG_NOSIGNAL | MSG_DONTWAIT)) }
            if sent > 0 { offset += sent } else if errno != EAGAIN { break }
        }
        return offset
    }

    private var closed = false

    /// Closes once; a second close could hit a descriptor the process has reused since.
    func close() {
        guard !closed else { return }
        closed = true
        _ = Glibc.close(descriptor)
    }

    deinit { close() }
}

struct TCPTestClientError: Error, CustomStringConvertible {
    let message: String
    var description: String { message }
}
