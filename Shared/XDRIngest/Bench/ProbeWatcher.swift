import Foundation
import XDRStore

/// Watches the incident tables for the awaited probes from a connection of its own: it listens on
/// `xdr_incidents`, and on every notification (or after `pollInterval` without one) asks which of
/// the awaited probe events are members of an incident.
///
/// Each probe's event id is looked up once, by its exact event time and host key (the
/// `(tenant_id, time)` index); the polls then read `incident_members` by `(tenant_id, event_id)`.
/// A single query joining `events` to `incident_members` by entity key invites a plan that scans
/// every event while the probe is not yet a member.
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
                var byEvent: [Int64: Int] = [:]
                for (number, entry) in awaited {
                    if let id = try entry.eventID ?? findEvent(entry, on: connection) {
                        byEvent[id] = number
                        if entry.eventID == nil { book.found(number, eventID: id) }
                    }
                }
                _ = try connection.waitForNotifications(timeout: pollInterval)
                guard !byEvent.isEmpty else { continue }
                // Member rows are written in the incident's own transaction: seen here, the
                // incident is committed and visible to every reader.
                let rows = try connection.query(
                    "SELECT event_id, incident_id::text AS incident FROM incident_members WHERE tenant_id = $1 AND event_id = ANY($2::bigint[])",
                    [tenant, Array(byEvent.keys)])
                let answered = Clock.now()
                for row in rows {
                    guard let number = byEvent[try row.int64("event_id")] else { continue }
                    book.seen(number, at: answered, incident: try row.string("incident"))
                }
            } catch {
                lock.withLock { failures.append("probe watcher: \(error)") }
                return
            }
        }
    }

    /// The stored event of a probe (committed before its acknowledgement), nil if not there.
    private func findEvent(_ entry: ProbeBook.Entry, on connection: DatabaseConnection) throws -> Int64? {
        try connection.query("SELECT id FROM events WHERE tenant_id = $1 AND time = $2 AND entity_keys @> ARRAY[$3::text]",
                             [tenant, Micros(entry.time), entry.key]).first?.int64("id")
    }
}
