import Foundation
import XDRCore
import XDRModel
import XDRStore

/// Writes a batch of normalised events for one tenant durably and without duplicates.
///
/// One short transaction per batch, scoped to the tenant by row-level security: make sure the
/// monthly partitions exist, `COPY` the rows into a per-connection temporary staging table, move
/// them with `INSERT … ON CONFLICT DO NOTHING` (the unique (tenant, fingerprint, time) key makes a
/// retried batch a no-op), and notify the correlator. The caller acknowledges only after this
/// returns: acknowledged means committed.
public final class EventWriter: @unchecked Sendable {
    public struct Result: Sendable, Equatable {
        public var inserted: Int
        public var duplicates: Int
    }

    static let stagingColumns = """
        tenant_id, time, layer, kind, class_uid, activity_id, type_uid, category_uid, severity_id, source_product,
        source_format, source_event_id, title, rule_id, attack_techniques, attack_tactics, outcome, hostname, src_ip,
        src_port, dst_ip, dst_port, protocol, user_name, email_from, email_to, email_subject, email_message_id,
        process_image, process_cmdline, process_pid, process_guid, parent_image, parent_guid, file_path, file_hashes,
        domain, url, cloud_account, cloud_region, cloud_principal, cloud_access_key, api_operation, k8s_namespace,
        k8s_pod, k8s_service_account, entity_keys, entities, details, fingerprint, raw
        """

    private let pool: ConnectionPool
    private let lock = NSLock()
    private var knownMonths = Set<Int64>()

    public init(pool: ConnectionPool) {
        self.pool = pool
    }

    public func write(_ events: [NormalizedEvent], tenant: UUID) throws -> Result {
        do {
            return try attempt(events, tenant: tenant)
        } catch let error as DatabaseError where Self.lostPartitionRace(error) {
            // Another writer created the same month's partition concurrently; the partition
            // exists now and this transaction rolled back whole, so one more attempt is safe.
            return try attempt(events, tenant: tenant)
        }
    }

    /// `CREATE TABLE … PARTITION OF` raced with another session's: duplicate table (42P07), or
    /// the duplicate row type name in pg_type (23505).
    static func lostPartitionRace(_ error: DatabaseError) -> Bool {
        error.sqlState == "42P07" || (error.sqlState == "23505" && error.message.contains("pg_type"))
    }

    private func attempt(_ events: [NormalizedEvent], tenant: UUID) throws -> Result {
        guard !events.isEmpty else { return Result(inserted: 0, duplicates: 0) }
        let tenantText = tenant.uuidString.lowercased()
        var body: [UInt8] = []
        body.reserveCapacity(events.count * 1500)
        var earliest = Int64.max
        var latest = Int64.min
        for event in events {
            EventRowEncoder.append(event, tenant: tenantText, to: &body)
            earliest = min(earliest, event.time)
            latest = max(latest, event.time)
        }
        let months = monthsNeeded(from: earliest, to: latest)
        return try pool.withConnection { connection in
            try connection.withTenantScope([tenant]) { connection in
                if !months.isEmpty {
                    try connection.execute("SELECT xdr_ensure_event_partitions($1, $2)", [Micros(earliest), Micros(latest)])
                }
                try connection.execute("""
                    CREATE TEMP TABLE IF NOT EXISTS events_staging ON COMMIT DELETE ROWS AS
                        SELECT \(Self.stagingColumns) FROM events WITH NO DATA
                    """)
                try connection.copyIn("COPY events_staging (\(Self.stagingColumns)) FROM STDIN") { send in
                    var offset = 0
                    while offset < body.count {
                        let end = min(body.count, offset + 256 * 1024)
                        try send(Array(body[offset..<end]))
                        offset = end
                    }
                }
                let inserted = try connection.execute("""
                    INSERT INTO events (\(Self.stagingColumns)) SELECT \(Self.stagingColumns) FROM events_staging
                    ON CONFLICT (tenant_id, fingerprint, time) DO NOTHING
                    """)
                if inserted > 0 { try connection.execute("SELECT pg_notify('xdr_events', $1)", [tenantText]) }
                self.remember(months)
                return Result(inserted: inserted, duplicates: events.count - inserted)
            }
        }
    }

    /// Month starts (as a sortable number) this batch touches that this process has not yet ensured.
    private func monthsNeeded(from earliest: Int64, to latest: Int64) -> [Int64] {
        let first = EventWriter.monthNumber(earliest)
        let last = EventWriter.monthNumber(latest)
        guard last - first < 240 else { return [first, last] }
        lock.lock(); defer { lock.unlock() }
        return (first...last).filter { !knownMonths.contains($0) }
    }

    private func remember(_ months: [Int64]) {
        lock.lock(); defer { lock.unlock() }
        knownMonths.formUnion(months)
    }

    static func monthNumber(_ micros: Int64) -> Int64 {
        let text = PostgresTimestamp.format(micros: micros)
        let year = Int64(text.prefix(4)) ?? 0
        let month = Int64(text.dropFirst(5).prefix(2)) ?? 0
        return year * 12 + month
    }
}
