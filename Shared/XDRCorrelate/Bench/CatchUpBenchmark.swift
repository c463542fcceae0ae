import Foundation
import XDRStore

/// Measures how fast one correlator catches up on a backlog: a tenant's committed events are read,
/// correlated and checkpointed batch by batch, exactly as `CorrelatorService` does, until none are left.
public struct CatchUpBenchmark {
    public struct Report: Sendable {
        public var events: Int
        public var batches: Int
        public var seconds: Double
        public var incidentsCreated: Int
        public var peakResidentBytes: Int
        public var engineStateEntries: Int
        /// The engine's state at the end, part by part (what `engineStateEntries` adds up).
        public var engineStats = EngineStats()
        public var stateBytes: Int?
        public var timings = BatchTimings()
        /// CPU seconds used during the drain by this process, and by the PostgreSQL server's processes
        /// (the benchmark's own server; nil when /proc shows none).
        public var cpuSeconds = 0.0
        public var databaseCPUSeconds: Double?

        public var eventsPerSecond: Double { seconds > 0 ? Double(events) / seconds : 0 }
    }

    public let tenant: UUID
    public let batchSize: Int

    public init(tenant: UUID, batchSize: Int = 5_000) {
        self.tenant = tenant
        self.batchSize = batchSize
    }

    /// Drains the tenant's stream on `connection` (the application role); `progress` is called per batch.
    /// With `prefetchURL` (the application role's URL) the next batch is read ahead and the state
    /// saved in the background, as the service does.
    public func run(on connection: DatabaseConnection, prefetchURL: DatabaseURL? = nil, progress: (Int) -> Void = { _ in }) throws -> Report {
        let prefetcher = prefetchURL.map { BatchPrefetcher(url: $0) }
        let saver = prefetchURL.map { StateSaver(url: $0) }
        defer {
            prefetcher?.stop()
            saver?.stop()
        }
        let correlator = TenantCorrelator(tenant: tenant, batchSize: batchSize, prefetcher: prefetcher, saver: saver)
        var report = Report(events: 0, batches: 0, seconds: 0, incidentsCreated: 0, peakResidentBytes: 0, engineStateEntries: 0, stateBytes: nil)
        let started = Date()
        let cpuAtStart = ProcessCPUTime.ofSelf()
        let databaseCPUAtStart = ProcessCPUTime.byProcess(named: "postgres")
        while true {
            let result = try correlator.processBatch(on: connection)
            if result.events == 0 { break }
            report.events += result.events
            report.batches += 1
            report.incidentsCreated += result.summary.created.count
            report.engineStateEntries = result.stats.total
            report.engineStats = result.stats
            report.stateBytes = result.stateBytes ?? report.stateBytes
            report.timings = report.timings + result.timings
            progress(report.events)
        }
        saver?.flush()
        report.seconds = Date().timeIntervalSince(started)
        report.cpuSeconds = ProcessCPUTime.ofSelf() - cpuAtStart
        let databaseCPU = ProcessCPUTime.used(from: databaseCPUAtStart, to: ProcessCPUTime.byProcess(named: "postgres"))
        report.databaseCPUSeconds = databaseCPU > 0 ? databaseCPU : nil
        report.peakResidentBytes = Self.peakResidentBytes()
        return report
    }

    /// The engine alone over the tenant's whole stream, read into memory first: events per second
    /// of `TenantEngine.process` in batches of `batchSize`, without the database. Its ratio to the
    /// full drain shows how much of a batch is the engine.
    /// `readSeconds`: reading and decoding those events first, on one thread, in chunks of 50,000.
    public func engineOnly(on connection: DatabaseConnection) throws -> (events: Int, seconds: Double, readSeconds: Double) {
        let reader = EventStreamReader()
        var events: [SharedEvent] = []
        var position = StreamPosition.start
        let readStarted = Date()
        let (configuration, rules) = try connection.withTenantScope([tenant]) { connection in
            let (configuration, rules) = try TenantCorrelationSettings.load(tenant: tenant, on: connection)
            while true {
                let batch = try reader.read(tenant: tenant, after: position, limit: 50_000, details: rules.detailSelection,
                                            on: connection)
                guard batch.rowCount > 0 else { break }
                events += batch.shared
                position = batch.position
            }
            return (configuration, rules)
        }
        let readSeconds = Date().timeIntervalSince(readStarted)
        let engine = TenantEngine(tenantID: tenant, configuration: configuration, rules: rules)
        let started = Date()
        var index = 0
        while index < events.count {
            _ = engine.process(shared: Array(events[index..<min(events.count, index + batchSize)]))
            index += batchSize
        }
        return (events.count, Date().timeIntervalSince(started), readSeconds)
    }

    /// CPU per event during the drain, and the rate it allows on this machine's cores: with every
    /// core busy, no overlap of reading, deciding and writing drains faster than that.
    public static func cpuSummary(_ report: Report, cores: Int = ProcessInfo.processInfo.activeProcessorCount) -> String {
        guard report.events > 0 else { return "bench: no events drained" }
        func micros(_ seconds: Double) -> Double { seconds / Double(report.events) * 1_000_000 }
        var line = String(format: "bench: CPU during the drain: correlator %.1f s (%.1f µs/event)", report.cpuSeconds, micros(report.cpuSeconds))
        let total = report.cpuSeconds + (report.databaseCPUSeconds ?? 0)
        if let database = report.databaseCPUSeconds {
            line += String(format: ", PostgreSQL %.1f s (%.1f µs/event)", database, micros(database))
        }
        line += String(format: "; at %d cores, %.1f µs/event allows at most %.0f events/s", cores, micros(total),
                       Double(cores) / max(total, 0.000_001) * Double(report.events))
        return line
    }

    /// VmHWM of this process, from /proc.
    public static func peakResidentBytes(pid: String = "self") -> Int {
        guard let status = try? String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8) else { return 0 }
        for line in status.split(separator: "\n") where line.hasPrefix("VmHWM:") {
            let digits = line.filter(\.isNumber)
            return (Int(digits) ?? 0) * 1024
        }
        return 0
    }
}
