import Foundation
import XDRCore

/// A small bounded pool of connections, safe to share between threads.
///
/// Connections are created lazily up to `maximumConnections`; a caller waits up to
/// `acquireTimeout` for a free one. Broken connections are discarded and replaced. After a failed
/// connect the pool backs off (doubling up to `maximumBackoff`) and fails fast meanwhile, so an
/// unreachable database costs callers a quick error instead of a pile of connect attempts.
public final class ConnectionPool: @unchecked Sendable {
    public struct Configuration: Sendable {
        public var maximumConnections: Int
        public var acquireTimeout: Double
        public var maximumBackoff: Double

        public init(maximumConnections: Int = 8, acquireTimeout: Double = 5, maximumBackoff: Double = 5) {
            self.maximumConnections = maximumConnections
            self.acquireTimeout = acquireTimeout
            self.maximumBackoff = maximumBackoff
        }
    }

    public let url: DatabaseURL
    public let configuration: Configuration
    private let logger: Logger
    private let condition = NSCondition()
    private var idle: [DatabaseConnection] = []
    private var open = 0
    private var closed = false
    private var backoff: Double = 0
    private var retryAfter: Date = .distantPast

    public init(url: DatabaseURL, configuration: Configuration = Configuration(), logger: Logger) {
        self.url = url
        self.configuration = configuration
        self.logger = logger
    }

    /// Runs `body` with a connection, returning it to the pool afterwards (or discarding it if it broke).
    public func withConnection<T>(_ body: (DatabaseConnection) throws -> T) throws -> T {
        let connection = try acquire()
        do {
            let value = try body(connection)
            release(connection)
            return value
        } catch {
            release(connection)
            throw error
        }
    }

    /// Runs `body` in a transaction scoped to `tenants` by row-level security.
    public func withTenantScope<T>(_ tenants: [UUID], _ body: (DatabaseConnection) throws -> T) throws -> T {
        try withConnection { try $0.withTenantScope(tenants, body) }
    }

    /// Connections currently open (idle or in use).
    public var openConnections: Int {
        condition.lock(); defer { condition.unlock() }
        return open
    }

    /// Closes idle connections and refuses new work.
    public func close() {
        condition.lock()
        closed = true
        let toClose = idle
        idle.removeAll()
        open -= toClose.count
        condition.broadcast()
        condition.unlock()
        _ = toClose
    }

    private func acquire() throws -> DatabaseConnection {
        let deadline = Date().addingTimeInterval(configuration.acquireTimeout)
        condition.lock()
        while true {
            if closed {
                condition.unlock()
                throw DatabaseError(.connection, message: "connection pool is closed")
            }
            if let connection = idle.popLast() {
                condition.unlock()
                if connection.isReady { return connection }
                discard(connection)
                condition.lock()
                continue
            }
            if open < configuration.maximumConnections {
                if Date() < retryAfter {
                    condition.unlock()
                    throw DatabaseError(.connection, message: "database unreachable; retrying in \(String(format: "%.1f", retryAfter.timeIntervalSinceNow)) s")
                }
                open += 1
                condition.unlock()
                do {
                    let connection = try DatabaseConnection(url: url)
                    condition.lock()
                    backoff = 0
                    retryAfter = .distantPast
                    condition.unlock()
                    return connection
                } catch {
                    condition.lock()
                    open -= 1
                    backoff = min(configuration.maximumBackoff, backoff == 0 ? 0.1 : backoff * 2)
                    retryAfter = Date().addingTimeInterval(backoff)
                    condition.broadcast()
                    condition.unlock()
                    logger.warning("database connect failed", ["db.url": url.description, "error": "\(error)", "db.backoff_s": String(backoff)])
                    throw error
                }
            }
            if !condition.wait(until: deadline) {
                condition.unlock()
                throw DatabaseError(.poolTimeout, message: "no database connection free within \(configuration.acquireTimeout) s")
            }
        }
    }

    private func release(_ connection: DatabaseConnection) {
        if connection.isBroken {
            discard(connection)
            return
        }
        if !connection.isReady {
            // A transaction left open by a failed body must not leak into the next user.
            _ = try? connection.execute("ROLLBACK")
            guard connection.isReady else { discard(connection); return }
        }
        condition.lock()
        if closed {
            open -= 1
            condition.unlock()
            return
        }
        idle.append(connection)
        condition.signal()
        condition.unlock()
    }

    private func discard(_ connection: DatabaseConnection) {
        condition.lock()
        open -= 1
        condition.signal()
        condition.unlock()
        _ = connection
    }
}
