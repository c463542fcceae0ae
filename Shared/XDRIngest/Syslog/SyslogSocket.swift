import Foundation
import Glibc

/// The few blocking TCP socket calls the syslog listener needs: bind and listen, accept with a
/// timeout, receive with a timeout. (The HTTP server's socket type is internal to XDRHTTP.)
struct SyslogSocket: Sendable {
    let descriptor: Int32

    struct Failure: Error, CustomStringConvertible {
        let operation: String
        let code: Int32
        var description: String { "\(operation): \(String(cString: strerror(code)))" }
    }

    /// Binds `host:port` (port 0: any free port) and listens.
    static func listen(host: String, port: Int, backlog: Int32 = 128) throws -> SyslogSocket {
        var hints = addrinfo()
        hints.ai_family = AF_UNSPEC
        hints.ai_socktype = Int32(SOCK_STREAM.rawValue)
        hints.ai_flags = AI_PASSIVE | AI_NUMERICSERV
        var result: UnsafeMutablePointer<addrinfo>?
        let resolved = getaddrinfo(host.isEmpty ? nil : host, String(port), &hints, &result)
        guard resolved == 0, let first = result else {
            throw Failure(operation: "resolve \(host): \(String(cString: gai_strerror(resolved)))", code: 0)
        }
        defer { freeaddrinfo(result) }
        let fd = socket(first.pointee.ai_family, first.pointee.ai_socktype, first.pointee.ai_protocol)
        guard fd >= 0 else { throw Failure(operation: "socket", code: errno) }
        var one: Int32 = 1
        setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, socklen_t(MemoryLayout<Int32>.size))
        guard bind(fd, first.pointee.ai_addr, first.pointee.ai_addrlen) == 0 else {
            let code = errno
            Glibc.close(fd)
            throw Failure(operation: "bind \(host):\(port)", code: code)
        }
        guard Glibc.listen(fd, backlog) == 0 else {
            let code = errno
            Glibc.close(fd)
            throw Failure(operation: "listen", code: code)
        }
        return SyslogSocket(descriptor: fd)
    }

    /// The bound port.
    var port: Int {
        var storage = sockaddr_storage()
        var length = socklen_t(MemoryLayout<sockaddr_storage>.size)
        _ = withUnsafeMutablePointer(to: &storage) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(descriptor, $0, &length) }
        }
        let family = storage.ss_family
        return withUnsafePointer(to: &storage) { pointer in
            if family == sa_family_t(AF_INET6) {
                return pointer.withMemoryRebound(to: sockaddr_in6.self, capacity: 1) { Int(UInt16(bigEndian: $0.pointee.sin6_port)) }
            }
            return pointer.withMemoryRebound(to: sockaddr_in.self, capacity: 1) { Int(UInt16(bigEndian: $0.pointee.sin_port)) }
        }
    }

    /// Waits up to `timeout` seconds for `events` (POLLIN); true when ready.
    func wait(timeout: Double) -> Bool {
        var entry = pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0)
        return poll(&entry, 1, Int32(timeout * 1000)) > 0
    }

    /// A connection waiting to be accepted, or nil after `timeout` seconds.
    func accept(timeout: Double) -> SyslogSocket? {
        guard wait(timeout: timeout) else { return nil }
        let fd = Glibc.accept(descriptor, nil, nil)
        return fd >= 0 ? SyslogSocket(descriptor: fd) : nil
    }

    /// Bytes received into `buffer`: nil when nothing arrived within `timeout`, 0 when the peer closed.
    func receive(into buffer: inout [UInt8], timeout: Double) -> Int? {
        guard wait(timeout: timeout) else { return nil }
        let count = buffer.withUnsafeMutableBytes { recv(descriptor, $0.baseAddress, $0.count, 0) }
        if count < 0 { return errno == EINTR || errno == EAGAIN ? nil : 0 }
        return count
    }

    func close() { _ = Glibc.close(descriptor) }
}
