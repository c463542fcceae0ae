import Foundation
import XDRStore

/// Prunes the logs that only serve recent readers, which otherwise grow with every incident
/// update forever: the incident change log (what `/v1/stream` resumes from) and finished webhook
/// deliveries (delivered or dead-lettered outbox rows and their attempts). Pending deliveries are
/// never touched. Runs as the schema owner (`xdrctl retention apply`).
public struct LogRetention {
    public static let defaultDays = 30

    public struct Report: Sendable, Equatable {
        public var changes: Int
        public var outbox: Int
        public var deliveries: Int
    }

    public let days: Int

    public init(days: Int = defaultDays) {
        self.days = days
    }

    /// - Parameter now: the reference time (injected for tests).
    public func apply(on connection: DatabaseConnection, now: Date = Date()) throws -> Report {
        let cutoff = now.addingTimeInterval(-Double(days) * 86_400)
        return try connection.transaction { connection in
            let changes = try connection.execute("DELETE FROM incident_changes WHERE at < $1", [cutoff])
            // Attempts first: they reference their outbox row.
            let deliveries = try connection.execute("""
                DELETE FROM webhook_deliveries d USING webhook_outbox o
                WHERE d.outbox_id = o.id AND o.status IN ('delivered', 'dead') AND o.created_at < $1
                """, [cutoff])
            let outbox = try connection.execute(
                "DELETE FROM webhook_outbox WHERE status IN ('delivered', 'dead') AND created_at < $1", [cutoff])
            return Report(changes: changes, outbox: outbox, deliveries: deliveries)
        }
    }
}
