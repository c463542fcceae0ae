import Foundation
import XDRStore

/// Reads a tenant's next batch on a connection and thread of its own while the current batch is
/// being decided, so that during catch-up PostgreSQL and the decoding work beside the engine
/// instead of before it.
///
/// Correct by construction: a read only returns rows whose transaction is older than every one
/// still running, so a batch read ahead, with an older snapshot, is a prefix of what a read at
/// the same position would return later — fewer rows perhaps, never different ones. It is used
/// only when the batch transaction finds the checkpoint exactly where the read began.
///
/// Holds at most `maxHeld` batches (one per tenant); further requests are ignored, so several
/// tenants catching up side by side cannot pile batches up in memory.
public final class BatchPrefetcher: @unchecked Sendable {
    private struct Job {
        var serial: Int
        var tenant: UUID
        var after: StreamPosition
        var limit: Int
        var details: DetailSelection
        var result: Result<EventStreamReader.Batch, Error>?
    }

    private let url: DatabaseURL
    private let maxHeld: Int
    private let reader = EventStreamReader()
    private let condition = NSCondition()
    private var jobs: [UUID: Job] = [:]
    private var queue: [Int] = []
    private var nextSerial = 0
    private var stopped = false
    private var worker: Thread?

    public init(url: DatabaseURL, maxHeld: Int = 2) {
        self.url = url.with("application_name", "xdr-correlator-prefetch")
        self.maxHeld = max(1, maxHeld)
    }

    deinit { stop() }

    /// Starts reading `tenant`'s events after `position` (replacing an older request of that
    /// tenant), keeping the `details` given.
    public func start(tenant: UUID, after position: StreamPosition, limit: Int, details: DetailSelection = .all) {
        condition.lock()
        defer { condition.unlock() }
        guard !stopped, jobs[tenant] != nil || jobs.count < maxHeld else { return }
        nextSerial += 1
        jobs[tenant] = Job(serial: nextSerial, tenant: tenant, after: position, limit: limit, details: details)
        queue.append(nextSerial)
        if worker == nil {
            let thread = Thread { [weak self] in self?.work() }
            thread.name = "xdr-correlator-prefetch"
            worker = thread
            thread.start()
        }
        condition.broadcast()
    }

    /// The batch read ahead for `tenant` after exactly `position`, waiting for it if it is still
    /// being read; nil when none was started for that position or the read failed (the caller
    /// then reads itself). Either way the tenant's slot is freed.
    public func take(tenant: UUID, after position: StreamPosition) -> EventStreamReader.Batch? {
        condition.lock()
        defer { condition.unlock() }
        guard let job = jobs[tenant] else { return nil }
        guard job.after == position else {
            jobs[tenant] = nil
            return nil
        }
        while jobs[tenant]?.serial == job.serial, jobs[tenant]?.result == nil, !stopped { condition.wait() }
        let result = jobs[tenant]?.serial == job.serial ? jobs[tenant]?.result : nil
        jobs[tenant] = nil
        return try? result?.get()
    }

    /// Drops every request and ends the worker after its current read.
    public func stop() {
        condition.lock()
        stopped = true
        jobs.removeAll()
        queue.removeAll()
        condition.broadcast()
        condition.unlock()
    }

    private func work() {
        var connection = WorkerConnection(url: url)
        while true {
            condition.lock()
            while queue.isEmpty, !stopped { condition.wait() }
            if stopped {
                condition.unlock()
                return
            }
            let serial = queue.removeFirst()
            let job = jobs.values.first { $0.serial == serial && $0.result == nil }
            condition.unlock()
            guard let job else { continue }

            let result = connection.inTenantScope(job.tenant) { connection in
                try reader.read(tenant: job.tenant, after: job.after, limit: job.limit, details: job.details, on: connection)
            }
            condition.lock()
            if jobs[job.tenant]?.serial == job.serial { jobs[job.tenant]?.result = result }
            condition.broadcast()
            condition.unlock()
        }
    }
}
