import Foundation
import XDRCore

/// The correlator's Prometheus series. Every method is a no-op without a registry.
struct CorrelatorMetrics: Sendable {
    let registry: MetricsRegistry?

    static let events = "xdr_correlator_events_processed_total"
    static let batches = "xdr_correlator_batches_total"
    static let skipped = "xdr_correlator_rows_skipped_total"
    static let failures = "xdr_correlator_batch_failures_total"
    static let batchSeconds = "xdr_correlator_batch_seconds"
    static let lag = "xdr_correlator_lag_seconds"
    static let openIncidents = "xdr_correlator_open_incidents"
    static let stateEntries = "xdr_correlator_engine_state_entries"
    static let bufferedTelemetry = "xdr_correlator_buffered_telemetry"
    static let stateBytes = "xdr_correlator_engine_state_bytes"
    static let leasedTenants = "xdr_correlator_leased_tenants"
    static let incidentChanges = "xdr_correlator_incident_changes_total"

    init(registry: MetricsRegistry?) {
        self.registry = registry
        guard let registry else { return }
        registry.describe(Self.events, type: "counter", help: "Events read from the stream and given to the engine.")
        registry.describe(Self.batches, type: "counter", help: "Batches committed (checkpoint moved with the decisions).")
        registry.describe(Self.skipped, type: "counter", help: "Event rows that could not be decoded and were skipped.")
        registry.describe(Self.failures, type: "counter", help: "Batches rolled back by an error.")
        registry.describe(Self.batchSeconds, type: "histogram", help: "Time to read, decide and commit one batch.")
        registry.describe(Self.lag, type: "gauge", help: "Seconds between ingestion of the newest event read and now; 0 when caught up.")
        registry.describe(Self.openIncidents, type: "gauge", help: "Incidents the tenant's engine holds open.")
        registry.describe(Self.stateEntries, type: "gauge", help: "Total entries of the tenant's engine state.")
        registry.describe(Self.bufferedTelemetry, type: "gauge", help: "Telemetry events buffered for late detections.")
        registry.describe(Self.stateBytes, type: "gauge", help: "Size of the engine state saved with the tenant's checkpoint.")
        registry.describe(Self.leasedTenants, type: "gauge", help: "Tenants this replica holds a lease for.")
        registry.describe(Self.incidentChanges, type: "counter", help: "Incidents created, updated and merged.")
    }

    func record(_ result: TenantCorrelator.BatchResult, tenant: UUID, seconds: Double, caughtUp: Bool, now: Date) {
        guard let registry else { return }
        let labels = ["tenant": tenant.uuidString.lowercased()]
        if result.rows > 0 {
            // Idle polls are not batches: they would drown the timings of real ones.
            registry.increment(Self.events, by: Double(result.events))
            registry.increment(Self.batches)
            registry.observe(Self.batchSeconds, seconds)
        }
        if !result.skipped.isEmpty { registry.increment(Self.skipped, by: Double(result.skipped.count)) }
        let lag = caughtUp ? 0 : result.latestIngestedAt.map { max(0, now.timeIntervalSince1970 - Double($0) / 1_000_000) } ?? 0
        registry.set(Self.lag, lag, labels: labels)
        registry.set(Self.openIncidents, Double(result.stats.openIncidents), labels: labels)
        registry.set(Self.stateEntries, Double(result.stats.total), labels: labels)
        registry.set(Self.bufferedTelemetry, Double(result.stats.bufferedTelemetry), labels: labels)
        if let bytes = result.stateBytes { registry.set(Self.stateBytes, Double(bytes), labels: labels) }
        let summary = result.summary
        if !summary.created.isEmpty { registry.increment(Self.incidentChanges, by: Double(summary.created.count), labels: ["change": "created"]) }
        if !summary.updated.isEmpty { registry.increment(Self.incidentChanges, by: Double(summary.updated.count), labels: ["change": "updated"]) }
        if !summary.merged.isEmpty { registry.increment(Self.incidentChanges, by: Double(summary.merged.count), labels: ["change": "merged"]) }
    }

    /// A state saved in the background (`StateSaver`).
    func stateSaved(tenant: UUID, bytes: Int) {
        registry?.set(Self.stateBytes, Double(bytes), labels: ["tenant": tenant.uuidString.lowercased()])
    }

    func failed() { registry?.increment(Self.failures) }

    func leased(_ count: Int) { registry?.set(Self.leasedTenants, Double(count)) }
}
