import Foundation
import XDRStore

/// Saves tenants' engine states on a connection and thread of its own, after the batch that
/// reached the state's position has committed, so a save (tens of megabytes for a busy tenant)
/// never holds up the batches behind it — a saved state only shortens the replay after a
/// restart, it decides nothing.
///
/// A state is written only forward: at a position beyond the one stored and not beyond the
/// checkpoint. A replica that lost its lease cannot put an older state over a newer one, and any
/// engine that decided exactly the events up to a position holds the same state (the engine is
/// deterministic), whoever saved it.
public final class StateSaver: @unchecked Sendable {
    private struct Job {
        var tenant: UUID
        var position: StreamPosition
        var state: TenantState
    }

    private let url: DatabaseURL
    private let condition = NSCondition()
    private var pending: [UUID: Job] = [:]
    private var order: [UUID] = []
    private var busy = false
    private var stopped = false
    private var worker: Thread?
    private var results: [UUID: Result<Int?, Error>] = [:]
    private var durations: [UUID: TimeInterval] = [:]

    /// Called on the saver's thread after each save (bytes written, nil when a newer state was stored).
    private let onSaved: @Sendable (UUID, Result<Int?, Error>) -> Void

    public init(url: DatabaseURL, onSaved: @escaping @Sendable (UUID, Result<Int?, Error>) -> Void = { _, _ in }) {
        self.url = url.with("application_name", "xdr-correlator-state")
        self.onSaved = onSaved
    }

    /// Queues `state` (at `position`) for saving, replacing a tenant's save not yet started.
    public func save(tenant: UUID, position: StreamPosition, state: TenantState) {
        condition.lock()
        defer { condition.unlock() }
        guard !stopped else { return }
        if pending[tenant] == nil { order.append(tenant) }
        pending[tenant] = Job(tenant: tenant, position: position, state: state)
        if worker == nil {
            let thread = Thread { [weak self] in self?.work() }
            thread.name = "xdr-correlator-state"
            worker = thread
            thread.start()
        }
        condition.broadcast()
    }

    /// How the tenant's last finished save went: the bytes written (nil when a newer state was
    /// already stored), or its error. Cleared by reading.
    public func takeResult(tenant: UUID) -> Result<Int?, Error>? {
        condition.lock()
        defer { condition.unlock() }
        return results.removeValue(forKey: tenant)
    }

    /// How long the tenant's last save took (encoding and writing), if one finished: callers space
    /// their saves by it, so a large state under catch-up does not keep a core busy encoding.
    public func lastDuration(tenant: UUID) -> TimeInterval? {
        condition.lock()
        defer { condition.unlock() }
        return durations[tenant]
    }

    /// Waits until every queued save has been written.
    public func flush() {
        condition.lock()
        while (!order.isEmpty || busy) && !stopped { condition.wait() }
        condition.unlock()
    }

    /// Ends the worker after the save in progress; queued saves are dropped.
    public func stop() {
        condition.lock()
        stopped = true
        pending.removeAll()
        order.removeAll()
        condition.broadcast()
        condition.unlock()
    }

    private func work() {
        var connection = WorkerConnection(url: url)
        while true {
            condition.lock()
            while order.isEmpty, !stopped { condition.wait() }
            if stopped {
                condition.unlock()
                return
            }
            let tenant = order.removeFirst()
            let job = pending.removeValue(forKey: tenant)
            busy = true
            condition.unlock()

            var result: Result<Int?, Error> = .success(nil)
            let started = Date()
            if let job {
                result = connection.inTenantScope(job.tenant) { connection in
                    try CorrelatorCheckpoint.saveState(job.state, tenant: job.tenant, position: job.position, on: connection)
                }
            }
            if job != nil { onSaved(tenant, result) }
            condition.lock()
            results[tenant] = result
            if job != nil { durations[tenant] = Date().timeIntervalSince(started) }
            busy = false
            condition.broadcast()
            condition.unlock()
        }
    }
}
