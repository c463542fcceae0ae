import Foundation
import XDRStore

/// Applies each tenant's event retention: `tenants.config.retention_days` (default 365).
///
/// Events are partitioned by month for every tenant at once, so a tenant with a shorter policy has
/// its old rows deleted, and whole monthly partitions are dropped (cheap, no vacuum debt) once they
/// lie entirely beyond the longest retention of any tenant. Runs as the schema owner (`xdrctl`).
public struct EventRetention {
    public static let defaultDays = 365

    public struct Report: Sendable, Equatable {
        public var deletedRows: Int
        public var droppedPartitions: [String]
    }

    public init() {}

    /// - Parameter now: the reference time (injected for tests).
    public func apply(on connection: DatabaseConnection, now: Date = Date()) throws -> Report {
        try connection.transaction { connection in
            let tenants = try connection.query("""
                SELECT id, COALESCE((config->>'retention_days')::int, $1) AS days FROM tenants
                """, [Self.defaultDays])
            var deleted = 0
            var longest = 0
            for tenant in tenants {
                let days = try tenant.int("days")
                longest = max(longest, days)
                let cutoff = now.addingTimeInterval(-Double(days) * 86_400)
                deleted += try connection.execute("DELETE FROM events WHERE tenant_id = $1 AND time < $2", [try tenant.uuid("id"), cutoff])
            }
            if tenants.isEmpty { longest = Self.defaultDays }
            let cutoff = now.addingTimeInterval(-Double(longest) * 86_400)
            var dropped: [String] = []
            // A partition's upper bound is in its definition; drop those that end before the cutoff.
            let partitions = try connection.query("""
                SELECT c.relname AS name, pg_get_expr(c.relpartbound, c.oid) AS bound
                FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid
                WHERE i.inhparent = 'events'::regclass ORDER BY c.relname
                """)
            for partition in partitions {
                let name = try partition.string("name")
                guard let upper = Self.upperBound(try partition.string("bound")), upper <= cutoff,
                      name.hasPrefix("events_"), name.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "_" }) else { continue }
                // Identifiers cannot be bound; the name comes from the catalogue and is checked above.
                try connection.execute("DROP TABLE \(name)")
                dropped.append(name)
            }
            return Report(deletedRows: deleted, droppedPartitions: dropped)
        }
    }

    /// The `TO ('…')` bound of `FOR VALUES FROM ('…') TO ('…')`.
    static func upperBound(_ bound: String) -> Date? {
        guard let range = bound.range(of: "TO ('") else { return nil }
        let rest = bound[range.upperBound...]
        guard let end = rest.firstIndex(of: "'") else { return nil }
        guard let micros = PostgresTimestamp.parse(String(rest[..<end])) else { return nil }
        return Date(timeIntervalSince1970: Double(micros) / 1_000_000)
    }
}
