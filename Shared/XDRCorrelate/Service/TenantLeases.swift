import Foundation
import XDRStore

/// Which tenants this replica correlates: one session-level advisory lock per tenant, held on a
/// connection used for nothing else. A lock lives exactly as long as its session, so when a
/// replica dies (or its connection is cut) its tenants are free at once, with no expiry to wait
/// for; the other replicas pick them up on their next lease round.
///
/// Replicas find each other by the `application_name` of their lease sessions and each takes at
/// most its fair share (tenants ÷ replicas, rounded up), handing back the excess when a replica
/// joins.
final class TenantLeases {
    let url: DatabaseURL
    let applicationName: String
    private var connection: DatabaseConnection?
    private(set) var held: Set<UUID> = []

    init(url: DatabaseURL, applicationName: String) {
        self.url = url
        self.applicationName = applicationName
    }

    /// A stable advisory-lock key per tenant: the two halves of the UUID folded together, mixed
    /// with a constant so the keys do not collide with other users of advisory locks.
    static func key(for tenant: UUID) -> Int64 {
        let bytes = withUnsafeBytes(of: tenant.uuid) { Array($0) }
        var high: UInt64 = 0
        var low: UInt64 = 0
        for index in 0..<8 {
            high = high << 8 | UInt64(bytes[index])
            low = low << 8 | UInt64(bytes[index + 8])
        }
        return Int64(bitPattern: high ^ low ^ 0x7473_756E_6167_6921)
    }

    var backendPID: Int32 { connection?.backendPID ?? 0 }

    /// Makes sure the lease session is alive. Returns the tenants lost because it was not (their
    /// locks died with it): the caller must stop correlating them.
    func ensureSession() throws -> Set<UUID> {
        if let connection {
            if !connection.isBroken, (try? connection.query("SELECT 1")) != nil { return [] }
            self.connection = nil
        }
        let lost = held
        held.removeAll()
        connection = try DatabaseConnection(url: url.with("application_name", applicationName))
        return lost
    }

    /// How many replicas (lease sessions, this one included) serve this database.
    func replicaCount() throws -> Int {
        guard let connection else { return 1 }
        let rows = try connection.query("""
            SELECT count(*) AS replicas FROM pg_stat_activity
            WHERE datname = current_database() AND application_name = $1
            """, [applicationName])
        return max(1, try rows.first?.int("replicas") ?? 1)
    }

    func tryAcquire(_ tenant: UUID) throws -> Bool {
        guard let connection else { return false }
        let rows = try connection.query("SELECT pg_try_advisory_lock($1) AS acquired", [Self.key(for: tenant)])
        let acquired = try rows.first?.bool("acquired") ?? false
        if acquired { held.insert(tenant) }
        return acquired
    }

    func release(_ tenant: UUID) throws {
        guard held.remove(tenant) != nil, let connection else { return }
        try connection.execute("SELECT pg_advisory_unlock($1)", [Self.key(for: tenant)])
    }

    /// Ends the session, which releases every lease at once.
    func releaseAll() {
        held.removeAll()
        connection = nil
    }
}
