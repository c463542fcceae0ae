import Foundation
import Glibc

/// The accept loop: admits connections and gives each its own thread, or answers 503 when full.
struct Acceptor: Sendable {
    let core: ServerCore
    let listener: Socket
    /// Readable once shutdown begins; closed by the acceptor when it exits.
    let wake: Int32

    func run() {
        defer { close(wake) }
        var fds = [pollfd(fd: listener.descriptor, events: Int16(POLLIN), revents: 0),
                   pollfd(fd: wake, events: Int16(POLLIN), revents: 0)]
        while true {
            let ready = poll(&fds, 2, -1)
            if ready < 0 {
                if errno == EINTR { continue }
                core.logger.error("poll on the listener failed", ["error": "\(SocketError.failed(operation: "poll", errno: errno))"])
                usleep(100_000)
                continue
            }
            if fds[1].revents != 0 || core.registry.isDraining { return }
            while true {
                let accepted: (socket: Socket, address: String)?
                do {
                    accepted = try listener.accept()
                } catch {
                    // Out of descriptors or memory: back off instead of spinning.
                    core.logger.warning("accept failed", ["error": "\(error)"])
                    usleep(10_000)
                    break
                }
                guard let (socket, address) = accepted else { break }
                admit(socket, address: address)
            }
        }
    }

    private func admit(_ socket: Socket, address: String) {
        guard let id = core.registry.register(socket) else {
            refuse(socket)
            return
        }
        let core = self.core
        let thread = Thread {
            var connection = Connection(core: core, socket: socket, id: id, remoteAddress: address)
            connection.run()
        }
        thread.stackSize = core.configuration.threadStackBytes
        thread.start()
    }

    /// Full or draining: a short 503 sent without blocking the accept loop, then close.
    private func refuse(_ socket: Socket) {
        let draining = core.registry.isDraining
        var response = HTTPError.serviceUnavailable(
            retryAfterSeconds: 1,
            detail: draining ? "the server is shutting down" : "too many connections"
        ).response()
        response.headers.replaceOrAdd("Connection", "close")
        response.headers.replaceOrAdd("Content-Length", String(response.body.count))
        var bytes: [UInt8] = []
        ResponseHead.write(status: response.status, headers: response.headers, into: &bytes)
        bytes.append(contentsOf: response.body)
        _ = bytes.withUnsafeBytes { send(socket.descriptor, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL | MSG_DONTWAIT)) }
        socket.shutdown(Int32(SHUT_WR))
        // Consume what the client already sent, so closing does not reset the connection before
        // the 503 is read.
        var scratch = [UInt8](repeating: 0, count: 4096)
        _ = scratch.withUnsafeMutableBytes { recv(socket.descriptor, $0.baseAddress, $0.count, Int32(MSG_DONTWAIT)) }
        ServerMetrics.record(core.metrics, route: RequestContext.unmatchedRoute, method: "OTHER", status: 503, seconds: 0)
    }
}
