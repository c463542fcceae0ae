import Foundation
import Glibc
import XDRCore

/// An HTTP/1.1 server with one thread per connection, bounded by `maximumConnections`.
///
/// Handlers run synchronously on their connection's thread, so they may block on database I/O
/// without touching Swift concurrency's cooperative pool. `run()` starts the server and, when its
/// task is cancelled, stops accepting, lets in-flight requests finish (up to `drainTimeout`),
/// closes idle keep-alive connections, ends streams, and returns.
public final class HTTPServer: Service, @unchecked Sendable {
    public let name: String
    let core: ServerCore
    private let lock = NSLock()
    private var listener: Socket?
    private var wakePipe: (read: Int32, write: Int32)?
    private var boundPort: Int?
    private var stopped = false
    private var stopWaiters: [CheckedContinuation<Void, Never>] = []
    private let stoppedCondition = NSCondition()
    private var shutdownStarted = false

    /// A server that routes requests with `router`.
    public convenience init(configuration: Configuration, router: Router, middleware: [any HTTPMiddleware] = [],
                            logger: Logger, metrics: MetricsRegistry? = nil, name: String = "http") {
        self.init(configuration: configuration, responder: .router(router), middleware: middleware, logger: logger, metrics: metrics, name: name)
    }

    /// A server that sends every request to `handler` (its route label is `*`).
    public convenience init(configuration: Configuration, handler: @escaping HTTPHandler, middleware: [any HTTPMiddleware] = [],
                            logger: Logger, metrics: MetricsRegistry? = nil, name: String = "http") {
        self.init(configuration: configuration, responder: .handler(handler), middleware: middleware, logger: logger, metrics: metrics, name: name)
    }

    private init(configuration: Configuration, responder: ServerCore.Responder, middleware: [any HTTPMiddleware],
                 logger: Logger, metrics: MetricsRegistry?, name: String) {
        self.name = name
        ServerMetrics.describe(metrics)
        core = ServerCore(
            configuration: configuration, responder: responder, middleware: middleware, logger: logger, metrics: metrics,
            registry: ConnectionRegistry(maximum: configuration.maximumConnections, metrics: metrics),
            shutdown: ShutdownSignal()
        )
    }

    /// The bound port once started.
    public var port: Int? {
        lock.lock(); defer { lock.unlock() }
        return boundPort
    }

    /// Binds, listens and starts the accept thread; returns the bound port (useful with port 0).
    /// - Throws: when the address cannot be resolved or bound, or the server was already started.
    @discardableResult
    public func start() throws -> Int {
        lock.lock(); defer { lock.unlock() }
        if let boundPort { return boundPort }
        guard !shutdownStarted else { throw SocketError.failed(operation: "start after shutdown", errno: EINVAL) }
        // Writes use MSG_NOSIGNAL, but libraries in the same process may not; a vanished peer must
        // never kill the service.
        signal(SIGPIPE, SIG_IGN)
        let configuration = core.configuration
        let socket = try Socket.listen(host: configuration.host, port: configuration.port, backlog: configuration.backlog)
        var fds: [Int32] = [0, 0]
        guard pipe(&fds) == 0 else { throw SocketError.failed(operation: "pipe", errno: errno) }
        fds.forEach(Socket.makeNonBlocking)
        listener = socket
        wakePipe = (fds[0], fds[1])
        let port = socket.localPort
        boundPort = port
        let acceptor = Acceptor(core: core, listener: socket, wake: fds[0])
        let thread = Thread { acceptor.run() }
        thread.name = "\(name)-accept"
        thread.start()
        core.logger.info("listening", ["http.address": "\(configuration.host):\(port)", "service": name])
        return port
    }

    /// Stops accepting, drains in-flight requests (up to `drainTimeout`), and waits until done.
    /// Blocking: call it from a thread, not from an async task.
    public func shutdown() {
        beginShutdown()
        stoppedCondition.lock()
        while !stopped { stoppedCondition.wait() }
        stoppedCondition.unlock()
    }

    /// Starts the server and runs until the task is cancelled, then shuts down gracefully.
    public func run() async throws {
        try start()
        await withTaskCancellationHandler {
            await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
                stoppedCondition.lock()
                if stopped {
                    stoppedCondition.unlock()
                    continuation.resume()
                } else {
                    stopWaiters.append(continuation)
                    stoppedCondition.unlock()
                }
            }
        } onCancel: {
            beginShutdown()
        }
    }

    /// Starts draining on a separate thread and returns at once (safe from cancellation handlers).
    public func beginShutdown() {
        lock.lock()
        if shutdownStarted { lock.unlock(); return }
        shutdownStarted = true
        let listener = self.listener, pipe = self.wakePipe
        self.listener = nil
        lock.unlock()

        let core = self.core
        core.logger.info("draining", ["service": name, "http.connections": String(core.registry.count)])
        // Stop accepting first, so nothing new arrives while we drain.
        if let pipe { var byte: UInt8 = 1; _ = write(pipe.write, &byte, 1) }
        listener?.shutdown(Int32(SHUT_RDWR))
        core.shutdown.trigger()
        core.registry.beginDraining()
        let thread = Thread { [self] in
            let deadline = Date(timeIntervalSinceNow: core.configuration.drainTimeout)
            if !core.registry.waitUntilEmpty(before: deadline) {
                core.logger.warning("drain timeout reached, closing remaining connections", ["http.connections": String(core.registry.count)])
                core.registry.closeAll()
                _ = core.registry.waitUntilEmpty(before: Date(timeIntervalSinceNow: 1))
            }
            if let pipe { close(pipe.write) }
            markStopped()
        }
        thread.name = "\(name)-drain"
        thread.start()
    }

    private func markStopped() {
        stoppedCondition.lock()
        stopped = true
        let waiters = stopWaiters
        stopWaiters.removeAll()
        stoppedCondition.broadcast()
        stoppedCondition.unlock()
        core.logger.info("stopped", ["service": name])
        for waiter in waiters { waiter.resume() }
    }
}

/// What every connection thread shares: immutable configuration plus thread-safe registries.
struct ServerCore: Sendable {
    enum Responder: Sendable {
        case router(Router)
        case handler(HTTPHandler)
    }

    let configuration: HTTPServer.Configuration
    let responder: Responder
    let middleware: [any HTTPMiddleware]
    let logger: Logger
    let metrics: MetricsRegistry?
    let registry: ConnectionRegistry
    let shutdown: ShutdownSignal
}
