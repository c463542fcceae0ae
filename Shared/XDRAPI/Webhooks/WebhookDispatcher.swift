import Foundation
import XDRCore
import XDRHTTP
import XDRStore

/// Delivers `webhook_outbox` rows: POSTs the payload signed with the route's secret, records every
/// attempt in `webhook_deliveries`, retries failures with exponential backoff, and marks a delivery
/// dead after `maximumAttempts`.
///
/// Each row is claimed with `FOR UPDATE SKIP LOCKED` inside its own transaction, so several API
/// replicas can dispatch side by side without sending one delivery twice. A receiver should still
/// de-duplicate on `X-Tsunagi-Delivery`: a crash after the POST and before the commit resends it.
public struct WebhookDispatcher: Service {
    public struct Configuration: Sendable {
        public var maximumAttempts: Int
        /// First retry delay; doubled per failed attempt up to `maximumBackoff`.
        public var initialBackoff: Double
        public var maximumBackoff: Double
        public var requestTimeout: Double
        public var idlePoll: Double

        public init(maximumAttempts: Int = 8, initialBackoff: Double = 5, maximumBackoff: Double = 3600,
                    requestTimeout: Double = 10, idlePoll: Double = 2) {
            self.maximumAttempts = maximumAttempts
            self.initialBackoff = initialBackoff
            self.maximumBackoff = maximumBackoff
            self.requestTimeout = requestTimeout
            self.idlePoll = idlePoll
        }
    }

    public let name = "webhooks"
    let pool: ConnectionPool
    let configuration: Configuration
    let logger: Logger

    public init(pool: ConnectionPool, configuration: Configuration = Configuration(), logger: Logger) {
        self.pool = pool
        self.configuration = configuration
        self.logger = logger
    }

    public func run() async throws {
        while !Task.isCancelled {
            var worked = false
            do {
                worked = try deliverNext()
            } catch {
                logger.warning("webhook dispatch failed", ["error": "\(error)"])
            }
            if !worked { try? await Task.sleep(nanoseconds: UInt64(configuration.idlePoll * 1_000_000_000)) }
        }
    }

    /// Attempts the oldest due delivery, if any; returns whether there was one.
    @discardableResult
    public func deliverNext() throws -> Bool {
        // The dispatcher serves every tenant; the scope is all of them, one row at a time.
        let tenants = try pool.withConnection { connection in
            try connection.query("SELECT xdr_all_tenant_ids() AS id").map { try $0.uuid("id") }
        }
        guard !tenants.isEmpty else { return false }
        return try pool.withTenantScope(tenants) { connection -> Bool in
            let rows = try connection.query("""
                SELECT o.id, o.tenant_id, o.change, o.payload, o.attempts, r.url, r.secret FROM webhook_outbox o
                JOIN notification_routes r ON r.id = o.route_id
                WHERE o.status = 'pending' AND o.next_attempt_at <= now()
                ORDER BY o.next_attempt_at, o.id LIMIT 1 FOR UPDATE OF o SKIP LOCKED
                """)
            guard let row = rows.first else { return false }
            let id = try row.int64("id")
            let attempt = try row.int("attempts") + 1
            let body = Array(try row.string("payload").utf8)
            let started = Date()
            var statusCode: Int?
            var failure: String?
            do {
                let response = try HTTPClient.send("POST", url: try row.string("url"), headers: [
                    "Content-Type": "application/json",
                    WebhookSignature.header: WebhookSignature.sign(body, secret: try row.string("secret")),
                    "X-Tsunagi-Delivery": String(id),
                    "X-Tsunagi-Event": "incident.\(try row.string("change"))",
                ], body: body, timeout: configuration.requestTimeout)
                statusCode = response.status
                if !(200..<300).contains(response.status) { failure = "receiver answered \(response.status)" }
            } catch {
                failure = "\(error)"
            }
            let elapsed = Int(Date().timeIntervalSince(started) * 1000)
            try connection.execute("""
                INSERT INTO webhook_deliveries (tenant_id, outbox_id, attempt, status_code, error, duration_ms) VALUES ($1, $2, $3, $4, $5, $6)
                """, [try row.uuid("tenant_id"), id, attempt, statusCode, failure, elapsed])
            if failure == nil {
                try connection.execute("UPDATE webhook_outbox SET status = 'delivered', attempts = $2, delivered_at = now(), last_error = NULL WHERE id = $1", [id, attempt])
            } else if attempt >= configuration.maximumAttempts {
                try connection.execute("UPDATE webhook_outbox SET status = 'dead', attempts = $2, last_error = $3 WHERE id = $1", [id, attempt, failure])
                logger.warning("webhook delivery dead", ["webhook.delivery": String(id), "error": failure ?? ""])
            } else {
                let delay = min(configuration.maximumBackoff, configuration.initialBackoff * pow(2, Double(attempt - 1)))
                try connection.execute("""
                    UPDATE webhook_outbox SET attempts = $2, last_error = $3, next_attempt_at = now() + make_interval(secs => $4) WHERE id = $1
                    """, [id, attempt, failure, delay])
            }
            return true
        }
    }
}
