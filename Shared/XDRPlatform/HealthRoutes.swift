import Foundation
import XDRCore
import XDRHTTP
import XDRJSON
import XDRStore

/// `/healthz` (the process answers), `/readyz` (database reachable and schema current, and not
/// shutting down) and `/metrics` (Prometheus text) — the same on every service.
public final class HealthRoutes: @unchecked Sendable {
    private let pool: ConnectionPool
    private let metrics: MetricsRegistry
    private let service: String
    private let lock = NSLock()
    private var lastCheck: (at: Date, ready: Bool, reason: String?) = (.distantPast, false, nil)
    private var draining = false
    /// Extra readiness conditions a service adds (its background loop is running, …).
    private let extraCheck: (@Sendable () -> String?)?

    public init(service: String, pool: ConnectionPool, metrics: MetricsRegistry, extraCheck: (@Sendable () -> String?)? = nil) {
        self.service = service
        self.pool = pool
        self.metrics = metrics
        self.extraCheck = extraCheck
    }

    /// Readiness turns false from now on (SIGTERM: let load balancers stop sending).
    public func beginDraining() {
        lock.withLock { draining = true }
    }

    public func register(on router: inout Router) {
        router.get("/healthz") { [service] _, _ in .json(["status": "ok", "service": .string(service)]) }
        router.get("/readyz") { [self] _, _ in
            let (ready, reason) = readiness()
            var body: JSONObject = ["status": .string(ready ? "ready" : "not ready"), "service": .string(service)]
            if let reason { body["reason"] = .string(reason) }
            return .json(.object(body), status: ready ? 200 : 503)
        }
        router.get("/metrics") { [metrics] _, _ in
            var response = HTTPResponse.text(metrics.render())
            response.headers.replaceOrAdd("Content-Type", "text/plain; version=0.0.4; charset=utf-8")
            return response
        }
    }

    /// Checks at most once a second; probes are frequent and the database is shared.
    public func readiness() -> (Bool, String?) {
        lock.lock()
        if draining { lock.unlock(); return (false, "shutting down") }
        if Date().timeIntervalSince(lastCheck.at) < 1 {
            let cached = lastCheck
            lock.unlock()
            return (cached.ready, cached.reason)
        }
        lock.unlock()
        var ready = false
        var reason: String?
        do {
            let version = try pool.withConnection { try Migrator.currentVersion($0) }
            if version < Migrations.latestVersion {
                reason = "database schema is at version \(version), this build needs \(Migrations.latestVersion): run xdrctl migrate"
            } else if let extra = extraCheck?() {
                reason = extra
            } else {
                ready = true
            }
        } catch {
            reason = "database unreachable: \(error)"
        }
        lock.withLock { lastCheck = (Date(), ready, reason) }
        return (ready, reason)
    }
}
