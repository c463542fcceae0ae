import Dispatch
import Foundation

/// Runs services together until SIGTERM or SIGINT, then cancels them and waits for them to drain.
///
/// Services are started in order and cancelled together; each is expected to stop accepting new work,
/// finish what is in flight and return. If one service fails, the others are cancelled too.
public struct ServiceRunner: Sendable {
    public let services: [any Service]
    public let logger: Logger

    public init(services: [any Service], logger: Logger) {
        self.services = services
        self.logger = logger
    }

    /// Runs until a termination signal arrives or a service fails. Throws the first service error.
    public func run() async throws {
        let signals = SignalWatcher(signals: [SIGTERM, SIGINT])
        let logger = self.logger
        try await withThrowingTaskGroup(of: Void.self) { group in
            for service in services {
                group.addTask {
                    logger.info("service starting", ["service": service.name])
                    try await service.run()
                    logger.info("service stopped", ["service": service.name])
                }
            }
            group.addTask {
                let signal = await signals.next()
                logger.notice("shutting down", ["signal": signal == SIGTERM ? "SIGTERM" : "SIGINT"])
                throw ShutdownRequested()
            }
            do {
                // The first task to finish (a signal, a failure, or a service that ended) ends the run.
                try await group.next()
                group.cancelAll()
                while let _ = try await group.next() {}
            } catch is ShutdownRequested {
                group.cancelAll()
                while true {
                    do {
                        guard let _ = try await group.next() else { break }
                    } catch is CancellationError {
                        continue
                    }
                }
            } catch {
                group.cancelAll()
                logger.error("service failed", ["error": "\(error)"])
                throw error
            }
        }
    }
}

struct ShutdownRequested: Error {}

/// Turns POSIX signals into an async value, through Dispatch sources (signal handlers cannot be Swift closures).
final class SignalWatcher: @unchecked Sendable {
    private var sources: [DispatchSourceSignal] = []
    private let lock = NSLock()
    private var received: Int32?
    private var waiters: [CheckedContinuation<Int32, Never>] = []

    init(signals: [Int32]) {
        for sig in signals {
            signal(sig, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: sig, queue: .global())
            source.setEventHandler { [weak self] in self?.fire(sig) }
            source.resume()
            sources.append(source)
        }
    }

    private func fire(_ sig: Int32) {
        lock.lock()
        if received == nil { received = sig }
        let pending = waiters
        waiters.removeAll()
        lock.unlock()
        for waiter in pending { waiter.resume(returning: sig) }
    }

    func next() async -> Int32 {
        await withCheckedContinuation { continuation in
            lock.lock()
            if let received {
                lock.unlock()
                continuation.resume(returning: received)
            } else {
                waiters.append(continuation)
                lock.unlock()
            }
        }
    }
}
