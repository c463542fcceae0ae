import Foundation
import XDRCore
import XDRStore

/// The correlator's work, on one dedicated thread: libpq calls block, so they never run on Swift
/// concurrency's shared threads. Everything but the stop flag and the status is confined to that
/// thread.
///
/// Each turn: a lease round when due (discover tenants, take free ones up to the fair share,
/// hand back excess), then one batch for every leased tenant that is due — notified on the
/// events channel, behind (its last batch was full) or reached by the poll interval — then a wait
/// on the listening connection until the next thing is due.
final class CorrelatorLoop: @unchecked Sendable {
    private let url: DatabaseURL
    private let configuration: CorrelatorConfiguration
    private let logger: Logger
    private let metrics: CorrelatorMetrics
    private let status: CorrelatorStatusBox

    private let stopLock = NSLock()
    private var stopRequested = false

    private let leases: TenantLeases
    /// Reads behind tenants' next batches ahead, shared by all of this loop's tenants.
    private let prefetcher: BatchPrefetcher
    /// Saves engine states after their batches commit, off the batch path.
    private let saver: StateSaver
    private var work: DatabaseConnection?
    private var listener: DatabaseConnection?
    private var correlators: [UUID: TenantCorrelator] = [:]
    private var due: Set<UUID> = []
    /// Tenants whose batches keep failing (bad settings, a poisoned state) wait before retrying,
    /// doubling up to a minute, so they neither spin nor flood the log.
    private var failures: [UUID: (count: Int, retryAt: Date)] = [:]
    private var nextLeaseRound = Date.distantPast
    private var nextPoll = Date.distantPast

    init(url: DatabaseURL, configuration: CorrelatorConfiguration, logger: Logger, metrics: CorrelatorMetrics,
         status: CorrelatorStatusBox) {
        self.url = url
        self.configuration = configuration
        self.logger = logger
        self.metrics = metrics
        self.status = status
        leases = TenantLeases(url: url, applicationName: configuration.leaseApplicationName)
        prefetcher = BatchPrefetcher(url: url)
        let metrics = metrics
        let logger = logger
        saver = StateSaver(url: url) { tenant, result in
            switch result {
            case .success(let bytes?): metrics.stateSaved(tenant: tenant, bytes: bytes)
            case .success(nil): break
            case .failure(let error):
                logger.warning("engine state not saved; a restart replays further",
                               ["tenant": tenant.uuidString.lowercased(), "error": "\(error)"])
            }
        }
    }

    /// Asks the loop to finish its current batch, release its leases and return.
    func requestStop() {
        stopLock.withLock { stopRequested = true }
    }

    private var isStopping: Bool { stopLock.withLock { stopRequested } }

    /// Runs until `requestStop`.
    func run() {
        while !isStopping {
            let now = Date()
            if now >= nextLeaseRound {
                leaseRound()
                nextLeaseRound = now.addingTimeInterval(configuration.leaseRetryInterval)
            }
            if now >= nextPoll {
                due.formUnion(correlators.keys)
                nextPoll = now.addingTimeInterval(configuration.pollInterval)
            }
            let turn = due.intersection(correlators.keys)
                .filter { (failures[$0]?.retryAt ?? .distantPast) <= now }
                .sorted { $0.uuidString < $1.uuidString }
            due.removeAll()
            for tenant in turn where !isStopping {
                runBatch(tenant)
            }
            if due.isEmpty && !isStopping {
                waitForEvents(until: min(nextLeaseRound, nextPoll))
            }
        }
        shutdown()
    }

    // MARK: Leases

    private func leaseRound() {
        do {
            for tenant in try leases.ensureSession() {
                correlators[tenant] = nil
                logger.warning("lease session lost; tenant released", ["tenant": tenant.uuidString.lowercased()])
            }
            let connection = try workConnection()
            let tenants = try connection.query("SELECT id FROM xdr_all_tenant_ids() AS id").map { try $0.uuid("id") }
            let known = Set(tenants)
            for tenant in leases.held where !known.contains(tenant) { try release(tenant) }
            let replicas = try leases.replicaCount()
            let share = (tenants.count + replicas - 1) / replicas
            // Excess goes back from the end of the order, which is where other replicas look last.
            let held = leases.held.sorted { $0.uuidString < $1.uuidString }
            for tenant in held.dropFirst(share).reversed() { try release(tenant) }
            for tenant in tenants.sorted(by: { $0.uuidString < $1.uuidString }) where leases.held.count < share {
                guard !leases.held.contains(tenant), try leases.tryAcquire(tenant) else { continue }
                correlators[tenant] = TenantCorrelator(tenant: tenant, batchSize: configuration.batchSize,
                                                       stateInterval: configuration.stateInterval, prefetcher: prefetcher,
                                                       saver: saver)
                due.insert(tenant)
                logger.info("tenant leased", ["tenant": tenant.uuidString.lowercased()])
            }
            metrics.leased(leases.held.count)
            let leased = leases.held.sorted { $0.uuidString < $1.uuidString }
            let pid = leases.backendPID
            status.update {
                $0.ready = true
                $0.leasedTenants = leased
                $0.leaseBackendPID = pid
            }
        } catch {
            logger.warning("lease round failed", ["error": "\(error)"])
            if work?.isBroken ?? false { work = nil }
            status.update {
                $0.ready = false
                $0.lastError = "\(error)"
            }
        }
    }

    private func release(_ tenant: UUID) throws {
        correlators[tenant] = nil
        failures[tenant] = nil
        try leases.release(tenant)
        logger.info("tenant lease released", ["tenant": tenant.uuidString.lowercased()])
    }

    // MARK: Batches

    private func runBatch(_ tenant: UUID) {
        guard let correlator = correlators[tenant] else { return }
        let started = Date()
        do {
            let result = try correlator.processBatch(on: try workConnection())
            failures[tenant] = nil
            let caughtUp = result.rows < configuration.batchSize
            if !caughtUp { due.insert(tenant) }
            metrics.record(result, tenant: tenant, seconds: Date().timeIntervalSince(started), caughtUp: caughtUp, now: Date())
            for skipped in result.skipped {
                logger.warning("event row skipped", ["tenant": tenant.uuidString.lowercased(), "error": skipped.description])
            }
            if result.rows > 0 {
                let t = result.timings
                let ms = { (seconds: Double) in String(Int((seconds * 1000).rounded())) }
                logger.debug("batch", ["tenant": tenant.uuidString.lowercased(), "events": String(result.events),
                                       "read_ms": ms(t.read), "engine_ms": ms(t.engine), "write_ms": ms(t.write),
                                       "checkpoint_ms": ms(t.checkpoint), "total_ms": ms(Date().timeIntervalSince(started)),
                                       "decided_ahead": String(result.decidedAhead)])
                status.update {
                    $0.eventsProcessed += Int64(result.events)
                    $0.batches += 1
                }
            }
        } catch {
            metrics.failed()
            let count = (failures[tenant]?.count ?? 0) + 1
            let delay = min(60, configuration.pollInterval * Double(1 << min(count - 1, 10)))
            failures[tenant] = (count, Date().addingTimeInterval(delay))
            logger.error("batch failed", ["tenant": tenant.uuidString.lowercased(), "error": "\(error)",
                                          "retry_in_s": String(format: "%.1f", delay)])
            if work?.isBroken ?? false { work = nil }
            status.update { $0.lastError = "\(error)" }
        }
    }

    private func workConnection() throws -> DatabaseConnection {
        if let work, !work.isBroken { return work }
        let connection = try DatabaseConnection(url: url.with("application_name", "xdr-correlator"))
        work = connection
        return connection
    }

    // MARK: Waiting

    /// Waits for `xdr_events` notifications until `deadline`, in short slices so a stop request
    /// is seen promptly. Without a listening connection it just sleeps: polling still works.
    private func waitForEvents(until deadline: Date) {
        while !isStopping, Date() < deadline, due.isEmpty {
            let slice = min(0.2, max(0, deadline.timeIntervalSinceNow))
            guard let listener = listeningConnection() else {
                Thread.sleep(forTimeInterval: slice)
                continue
            }
            do {
                for notification in try listener.waitForNotifications(timeout: slice) {
                    if let tenant = UUID(uuidString: notification.payload), correlators[tenant] != nil {
                        due.insert(tenant)
                    }
                }
            } catch {
                logger.warning("listening connection lost", ["error": "\(error)"])
                self.listener = nil
            }
        }
    }

    private func listeningConnection() -> DatabaseConnection? {
        if let listener, !listener.isBroken { return listener }
        do {
            let connection = try DatabaseConnection(url: url.with("application_name", "xdr-correlator-listen"))
            try connection.listen(configuration.eventsChannel)
            listener = connection
            // Events may have arrived while nobody listened.
            due.formUnion(correlators.keys)
            return connection
        } catch {
            listener = nil
            return nil
        }
    }

    private func shutdown() {
        prefetcher.stop()
        saver.flush()
        saver.stop()
        leases.releaseAll()
        correlators.removeAll()
        work = nil
        listener = nil
        metrics.leased(0)
        status.update {
            $0.ready = false
            $0.leasedTenants = []
            $0.leaseBackendPID = 0
        }
        logger.info("correlator stopped; leases released")
    }
}
