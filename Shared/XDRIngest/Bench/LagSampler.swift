import Foundation
import XDRStore

/// Samples, twice a second, how far the correlator is behind: the age of the oldest committed
/// event of the tenant that it has not yet decided (the first after its checkpoint), 0 when there
/// is none. The correlator's own `xdr_correlator_lag_seconds` gauge reads 0 whenever a batch
/// drains what is visible, so it hides the delay of a correlator that keeps up in bursts.
final class LagSampler: @unchecked Sendable {
    let adminURL: DatabaseURL
    let tenant: UUID
    private let lock = NSLock()
    private var values: [Double] = []
    private var failure: String?

    init(adminURL: DatabaseURL, tenant: UUID) {
        self.adminURL = adminURL
        self.tenant = tenant
    }

    var samples: Int { lock.withLock { values.count } }
    var maximum: Double { lock.withLock { values.max() ?? 0 } }
    var mean: Double { lock.withLock { values.isEmpty ? 0 : values.reduce(0, +) / Double(values.count) } }
    var error: String? { lock.withLock { failure } }

    func run(until done: Flag) {
        do {
            let connection = try DatabaseConnection(url: adminURL)
            while !done.isSet {
                // The correlator's stream order and index. Rows a running transaction still holds
                // back (above the snapshot's xmin) are counted too: they wait as well.
                let rows = try connection.query("""
                    SELECT extract(epoch FROM now() - e.ingested_at)::float8 AS lag
                    FROM correlator_checkpoints c
                    JOIN LATERAL (SELECT ingested_at FROM events
                                  WHERE tenant_id = c.tenant_id AND (ingest_xid, id) > (c.last_xid, c.last_id)
                                  ORDER BY ingest_xid, id LIMIT 1) e ON true
                    WHERE c.tenant_id = $1
                    """, [tenant])
                let lag = try rows.first?.decode(Double.self, "lag") ?? 0
                lock.withLock { values.append(max(0, lag)) }
                Thread.sleep(forTimeInterval: 0.5)
            }
        } catch {
            lock.withLock { failure = "lag sampler: \(error)" }
        }
    }
}
