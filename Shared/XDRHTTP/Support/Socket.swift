import Glibc

/// A non-blocking TCP socket with deadline-bounded reads and writes.
///
/// Reads try `recv` first and only `poll` when nothing is ready, so a busy connection costs one
/// system call per read. Writes use `MSG_NOSIGNAL`: a vanished peer is an error, never SIGPIPE.
/// The owner closes the socket exactly once; `shutdown` may be called from other threads to wake it.
final class Socket: @unchecked Sendable {
    let descriptor: Int32

    init(descriptor: Int32) { self.descriptor = descriptor }

    deinit { Glibc.close(descriptor) }

    // MARK: Creating

    /// A listening socket bound to `host:port` (port 0 picks a free port), with `SO_REUSEADDR`.
    static func listen(host: String, port: Int, backlog: Int32) throws -> Socket {
        let info = try AddressResolution.resolve(host: host, port: port, passive: true)
        defer { freeaddrinfo(info) }
        let fd = Glibc.socket(info.pointee.ai_family, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_NONBLOCK.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        guard fd >= 0 else { throw SocketError.failed(operation: "socket", errno: errno) }
        let socket = Socket(descriptor: fd)
        var one: Int32 = 1
        setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, socklen_t(MemoryLayout<Int32>.size))
        guard bind(fd, info.pointee.ai_addr, info.pointee.ai_addrlen) == 0 else {
            throw SocketError.failed(operation: "bind \(host):\(port)", errno: errno)
        }
        guard Glibc.listen(fd, backlog) == 0 else { throw SocketError.failed(operation: "listen", errno: errno) }
        return socket
    }

    /// Connects to `host:port`, trying each resolved address until `deadline`.
    static func connect(host: String, port: Int, deadline: Deadline) throws -> Socket {
        let list = try AddressResolution.resolve(host: host, port: port, passive: false)
        defer { freeaddrinfo(list) }
        var lastError = SocketError.failed(operation: "connect \(host):\(port)", errno: ECONNREFUSED)
        var entry: UnsafeMutablePointer<addrinfo>? = list
        while let info = entry {
            entry = info.pointee.ai_next
            let fd = Glibc.socket(info.pointee.ai_family, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_NONBLOCK.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
            guard fd >= 0 else { continue }
            let socket = Socket(descriptor: fd)
            if Glibc.connect(fd, info.pointee.ai_addr, info.pointee.ai_addrlen) == 0 { socket.setNoDelay(); return socket }
            guard errno == EINPROGRESS else { lastError = .failed(operation: "connect \(host):\(port)", errno: errno); continue }
            guard try socket.wait(for: Int16(POLLOUT), deadline: deadline) else { throw SocketError.timedOut }
            var failure: Int32 = 0
            var length = socklen_t(MemoryLayout<Int32>.size)
            getsockopt(fd, SOL_SOCKET, SO_ERROR, &failure, &length)
            if failure == 0 { socket.setNoDelay(); return socket }
            lastError = .failed(operation: "connect \(host):\(port)", errno: failure)
        }
        throw lastError
    }

    /// Accepts one pending connection, or returns `nil` when none is pending.
    func accept() throws -> (socket: Socket, address: String)? {
        var storage = sockaddr_storage()
        var length = socklen_t(MemoryLayout<sockaddr_storage>.size)
        let fd = withUnsafeMutablePointer(to: &storage) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                Glibc.accept(descriptor, $0, &length)
            }
        }
        guard fd >= 0 else {
            switch errno {
            case EAGAIN, EWOULDBLOCK, EINTR, ECONNABORTED, EPROTO: return nil
            default: throw SocketError.failed(operation: "accept", errno: errno)
            }
        }
        let socket = Socket(descriptor: fd)
        Self.makeNonBlocking(fd)
        socket.setNoDelay()
        return (socket, AddressResolution.describe(&storage))
    }

    /// The local port (for listeners bound to port 0).
    var localPort: Int {
        var storage = sockaddr_storage()
        var length = socklen_t(MemoryLayout<sockaddr_storage>.size)
        _ = withUnsafeMutablePointer(to: &storage) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(descriptor, $0, &length) }
        }
        return AddressResolution.port(&storage)
    }

    // MARK: Reading and writing

    /// Waits until the socket is ready for `events` or `deadline` passes (`false`).
    func wait(for events: Int16, deadline: Deadline) throws -> Bool {
        var entry = pollfd(fd: descriptor, events: events, revents: 0)
        while true {
            let result = poll(&entry, 1, deadline.remainingMilliseconds)
            if result > 0 { return true }
            if result == 0 { return false }
            if errno != EINTR { throw SocketError.failed(operation: "poll", errno: errno) }
        }
    }

    func receive(into buffer: UnsafeMutableRawBufferPointer, deadline: Deadline) throws -> Int {
        guard buffer.count > 0 else { return 0 }
        while true {
            let count = recv(descriptor, buffer.baseAddress, buffer.count, 0)
            if count >= 0 { return count }
            switch errno {
            case EINTR: continue
            case EAGAIN, EWOULDBLOCK:
                guard try wait(for: Int16(POLLIN), deadline: deadline) else { throw SocketError.timedOut }
            case ECONNRESET, ENOTCONN, EPIPE: return 0
            default: throw SocketError.failed(operation: "recv", errno: errno)
            }
        }
    }

    /// Sends every byte of `bytes` before `deadline`.
    func send(_ bytes: UnsafeRawBufferPointer, deadline: Deadline) throws {
        var offset = 0
        while offset < bytes.count, let base = bytes.baseAddress {
            let count = Glibc.send(descriptor, base + offset, bytes.count - offset, Int32(MSG_NOSIGNAL))
            if count >= 0 { offset += count; continue }
            switch errno {
            case EINTR: continue
            case EAGAIN, EWOULDBLOCK:
                guard try wait(for: Int16(POLLOUT), deadline: deadline) else { throw SocketError.timedOut }
            case EPIPE, ECONNRESET, ENOTCONN: throw SocketError.closed
            default: throw SocketError.failed(operation: "send", errno: errno)
            }
        }
    }

    func send(_ bytes: [UInt8], deadline: Deadline) throws {
        try bytes.withUnsafeBytes { try send($0, deadline: deadline) }
    }

    /// Whether the peer has closed or reset the connection (checked without blocking).
    var peerHasGone: Bool {
        // POLLRDHUP (0x2000) reports a half-close even while unread data is pending.
        var entry = pollfd(fd: descriptor, events: Int16(POLLIN) | 0x2000, revents: 0)
        guard poll(&entry, 1, 0) > 0 else { return false }
        return entry.revents & (0x2000 | Int16(POLLHUP) | Int16(POLLERR)) != 0
    }

    func shutdown(_ how: Int32) { _ = Glibc.shutdown(descriptor, how) }

    /// Sets `O_NONBLOCK` and `FD_CLOEXEC` (accept4 and pipe2 are not visible from Swift).
    static func makeNonBlocking(_ fd: Int32) {
        _ = fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK)
        _ = fcntl(fd, F_SETFD, fcntl(fd, F_GETFD) | FD_CLOEXEC)
    }

    private func setNoDelay() {
        var one: Int32 = 1
        setsockopt(descriptor, Int32(IPPROTO_TCP), TCP_NODELAY, &one, socklen_t(MemoryLayout<Int32>.size))
    }
}

/// A socket as a `ByteSource` for `MessageReader`.
struct SocketByteSource: ByteSource {
    let socket: Socket

    mutating func receive(into buffer: UnsafeMutableRawBufferPointer, deadline: Deadline) throws -> Int {
        try socket.receive(into: buffer, deadline: deadline)
    }
}
