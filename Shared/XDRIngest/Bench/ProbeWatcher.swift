import Foundation
import XDRStore

/// Watches the incident tables for the awaited probes from a connection of its own: it listens on
/// `xdr_incidents`, and on every notification (or after `pollInterval` without one) asks which of
/// the awaited probe events are members of an incident — one indexed query for all of them.
final class ProbeWatcher: @unchecked Sendable {
    static let incidentsChannel = "xdr_incidents"

    let adminURL: DatabaseURL
    let tenant: UUID
    let book: ProbeBook
    let pollInterval: Double
    private let lock = NSLock()
    private var failures: [String] = []

    init(adminURL: DatabaseURL, tenant: UUID, book: ProbeBook, pollInterval: Double) {
        self.adminURL = adminURL
        self.tenant = tenant
        self.book = book
        self.pollInterval = pollInterval
    }

    var errors: [String] { lock.withLock { failures } }

    /// Watches until the probes are all sent (`sent`) and none is awaited any more.
    func run(until sent: Flag) {
        let connection: DatabaseConnection
        do {
            connection = try DatabaseConnection(url: adminURL)
            try connection.listen(Self.incidentsChannel)
        } catch {
            lock.withLock { failures.append("probe watcher: \(error)") }
            return
        }
        while true {
            let finished = sent.isSet
            let awaited = book.awaited(at: Clock.now())
            if awaited.isEmpty {
                if finished { return }
                Thread.sleep(forTimeInterval: pollInterval)
                continue
            }
            do {
                _ = try connection.waitForNotifications(timeout: pollInterval)
                // The member row is written in the same transaction as the incident, so a row
                // seen here means the incident is committed and visible to every reader.
                let rows = try connection.query("""
                    SELECT k.key, (SELECT m.incident_id::text FROM events e
                                   JOIN incident_members m ON m.tenant_id = e.tenant_id AND m.event_id = e.id
                                   WHERE e.tenant_id = $1 AND e.entity_keys @> ARRAY[k.key] LIMIT 1) AS incident
                    FROM unnest($2::text[]) AS k(key)
                    """, [tenant, Array(awaited.keys)])
                let answered = Clock.now()
                for row in rows {
                    guard let incident = try row.optionalString("incident"), let number = awaited[try row.string("key")] else { continue }
                    book.seen(number, at: answered, incident: incident)
                }
            } catch {
                lock.withLock { failures.append("probe watcher: \(error)") }
                return
            }
        }
    }
}
