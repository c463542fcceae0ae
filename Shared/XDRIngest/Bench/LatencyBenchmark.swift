import Foundation
import XDRCore
import XDRModel
import XDRPlatform
import XDRStore

/// Ingest acknowledgement → incident visible in the database, while background load is ingested.
///
/// The real services run as child processes (the endpoint and network ingestors and the
/// correlator). Background streams post benign telemetry open-loop at a fixed total rate; probes,
/// spread over the run, each post one detection that must seed an incident. A probe's latency runs
/// from the moment its `POST` was answered 2xx (acknowledged means committed) to the moment a
/// query on another connection first sees the probe's event as a member of an incident. That
/// connection `LISTEN`s on `xdr_incidents` and queries on every notification, and at least every
/// `pollInterval`, so the figure is late by at most one query, never early. Background load stops
/// at the end of the run even when the services fell behind; the unsent part is reported.
public struct LatencyBenchmark {
    /// Background telemetry of one format, sent through one service.
    public struct Stream: Sendable {
        /// Service binary that accepts it (`xdr-endpoint`, `xdr-network`).
        public var service: String
        /// Format name as in `POST /v1/ingest/{format}`.
        public var format: String
        /// Part of the total rate this stream offers (the shares are normalised to sum to 1).
        public var share: Double
        /// Lines (no newline) whose event times start at `start` (microseconds since the epoch)
        /// and advance at `perSecond` lines a second, so they track the wall clock as sent.
        public var lines: @Sendable (_ start: Int64, _ perSecond: Int) -> LineSource

        public init(service: String, format: String, share: Double, lines: @escaping @Sendable (Int64, Int) -> LineSource) {
            self.service = service
            self.format = format
            self.share = share
            self.lines = lines
        }
    }

    /// The detections that are timed.
    public struct Probes: Sendable {
        public var service: String
        public var format: String
        /// The detection line of probe `number` with event time `time` (microseconds, whole
        /// milliseconds), which its stored event must carry exactly: the event is found by it.
        public var line: @Sendable (_ number: Int, _ time: Int64) -> [UInt8]
        /// The host of probe `number`: the probe's event is found by this host alone.
        public var host: @Sendable (_ number: Int) -> String

        public init(service: String, format: String, line: @escaping @Sendable (Int, Int64) -> [UInt8],
                    host: @escaping @Sendable (Int) -> String) {
            self.service = service
            self.format = format
            self.line = line
            self.host = host
        }
    }

    public struct Configuration: Sendable {
        /// Directory holding the service binaries.
        public var binaries: String
        /// Background lines per second, all streams together.
        public var rate = 10_000
        public var seconds = 60.0
        public var probeCount = 100
        public var linesPerBatch = 500
        /// Keep-alive connections per background stream.
        public var connectionsPerStream = 2
        /// A probe not visible this many seconds after its acknowledgement counts as lost.
        public var probeTimeout = 30.0
        /// Longest wait between two visibility queries when no notification arrives.
        public var pollInterval = 0.05
        public var logDirectory = "/tmp"
        /// The correlator's binary, in `binaries`.
        public var correlator = "xdr-correlator"

        public init(binaries: String) { self.binaries = binaries }
    }

    public let configuration: Configuration
    public let streams: [Stream]
    public let probes: Probes
    let log: (String) -> Void

    public init(configuration: Configuration, streams: [Stream], probes: Probes, log: @escaping (String) -> Void) {
        self.configuration = configuration
        self.streams = streams
        self.probes = probes
        self.log = log
    }

    /// Runs the services against `target`, the load and the probes; returns what was measured.
    /// - Throws: `BenchError` when a service does not start; failures during the run are reported.
    public func run(target: LatencyTarget) throws -> LatencyReport {
        let services = Set(streams.map(\.service) + [probes.service, configuration.correlator]).sorted()
        var processes: [String: ServiceProcess] = [:]
        defer { for process in processes.values { process.stop() } }
        for service in services {
            processes[service] = try ServiceProcess(binary: "\(configuration.binaries)/\(service)", databaseURL: target.appURL,
                                                     logPath: "\(configuration.logDirectory)/bench-latency-\(service).log")
            log("\(service) ready on port \(processes[service]!.port)")
        }
        let totalShare = streams.reduce(0) { $0 + max(0, $1.share) }
        let start = Clock.now() + 0.5
        let startMicros = Int64((Date().timeIntervalSince1970 + 0.5) * 1_000_000)
        let lanes = streams.map { stream -> StreamLane in
            let rate = Double(configuration.rate) * max(0, stream.share) / max(totalShare, 1e-9)
            return StreamLane(port: processes[stream.service]!.port, path: "/v1/ingest/\(stream.format)",
                              schedule: OpenLoopSchedule(rate: rate, linesPerBatch: configuration.linesPerBatch, seconds: configuration.seconds),
                              source: stream.lines(startMicros, max(1, Int(rate.rounded()))))
        }
        let book = ProbeBook(host: probes.host, timeout: configuration.probeTimeout)
        let offsets = OpenLoopSchedule.spread(configuration.probeCount, over: configuration.seconds)
        log("offering \(configuration.rate) events/s for \(Int(configuration.seconds)) s with \(offsets.count) probes")

        let group = DispatchGroup()
        let deadline = start + configuration.seconds + 1
        for lane in lanes {
            for _ in 0..<configuration.connectionsPerStream {
                spawn(group) { lane.send(start: start, deadline: deadline, key: target.key) }
            }
        }
        let probePort = processes[probes.service]!.port
        let probeDone = Flag()
        spawn(group) { [probes] in
            book.send(probes, offsets: offsets, start: start, port: probePort, key: target.key)
            probeDone.set()
        }
        let watching = Flag()
        let lag = LagSampler(adminURL: target.adminURL, tenant: target.tenant)
        spawn(group) { lag.run(until: watching) }
        let watcher = ProbeWatcher(adminURL: target.adminURL, tenant: target.tenant, book: book, pollInterval: configuration.pollInterval)
        spawn(group) {
            watcher.run(until: probeDone)
            watching.set()
        }
        group.wait()
        let loadEnd = lanes.map(\.lastAcknowledgement).max() ?? start
        let acknowledged = lanes.reduce(0) { $0 + $1.acknowledgedLines }
        let stopped = processes.filter { !$0.value.process.isRunning }.map(\.key)

        let admin = try DatabaseConnection(url: target.adminURL)
        let stored = try admin.query("SELECT count(*) AS n FROM events").first?.int("n") ?? 0
        let incidents = try admin.query("SELECT count(*) AS n FROM incidents WHERE redirected_to IS NULL").first?.int("n") ?? 0
        let checkpoint = try admin.query(
            """
            SELECT c.events_processed, coalesce(octet_length(s.state), 0) AS state_bytes
            FROM correlator_checkpoints c LEFT JOIN correlator_states s USING (tenant_id) WHERE c.tenant_id = $1
            """,
            [target.tenant]).first
        let decided = try checkpoint?.int("events_processed") ?? 0
        let stateBytes = try checkpoint?.int("state_bytes") ?? 0
        let results = book.results()
        log("probe latencies (ms, in sending order): " + results.latencies.map { String(Int(($0 * 1000).rounded())) }.joined(separator: " "))
        return LatencyReport(
            offeredRate: configuration.rate, seconds: configuration.seconds,
            achievedRate: Double(acknowledged) / max(loadEnd - start, 1e-9), acknowledgedLines: acknowledged,
            unsentLines: lanes.reduce(0) { $0 + $1.unsentLines }, storedEvents: stored,
            decidedEvents: decided, engineStateBytes: stateBytes, incidents: incidents, worstSendDelay: lanes.map(\.worstDelay).max() ?? 0,
            failures: lanes.flatMap(\.failures) + results.failures + watcher.errors + [lag.error].compactMap { $0 } + stopped.map { "\($0) exited during the run" },
            latencies: LatencySummary(results.latencies), probes: offsets.count, missing: results.missing,
            correlatorLagMaximum: lag.maximum, correlatorLagMean: lag.mean, correlatorLagSamples: lag.samples)
    }

    private func spawn(_ group: DispatchGroup, _ body: @escaping @Sendable () -> Void) {
        group.enter()
        let thread = Thread {
            body()
            group.leave()
        }
        thread.start()
    }
}

/// Monotonic seconds, for intervals that a wall-clock adjustment must not distort.
enum Clock {
    static func now() -> Double { Double(DispatchTime.now().uptimeNanoseconds) / 1e9 }

    static func sleep(until moment: Double) {
        let wait = moment - now()
        if wait > 0 { Thread.sleep(forTimeInterval: wait) }
    }
}

/// A one-way switch shared between threads.
final class Flag: @unchecked Sendable {
    private let lock = NSLock()
    private var value = false
    var isSet: Bool { lock.withLock { value } }
    func set() { lock.withLock { value = true } }
}

/// Where the benchmark writes: a database with one tenant and an ingest key.
public struct LatencyTarget: Sendable {
    /// Owner access, for the visibility queries and the final counts (no row-level security).
    public var adminURL: DatabaseURL
    /// What the services connect as.
    public var appURL: DatabaseURL
    public var tenant: UUID
    /// An ingest-scoped API key of the tenant.
    public var key: String

    public init(adminURL: DatabaseURL, appURL: DatabaseURL, tenant: UUID, key: String) {
        self.adminURL = adminURL
        self.appURL = appURL
        self.tenant = tenant
        self.key = key
    }

    /// A fresh migrated database `name` on `server` with a tenant and an ingest key.
    public static func fresh(server: DatabaseURL, appUser: String, name: String) throws -> LatencyTarget {
        let database = try BenchDatabase(server: server, appUser: appUser, name: name, withTenant: true)
        return LatencyTarget(adminURL: database.adminURL, appURL: database.appURL, tenant: database.tenant, key: database.key)
    }

    /// Drops the database `fresh` created, ending its sessions first.
    public func drop(server: DatabaseURL) {
        guard let name = adminURL.value("dbname") else { return }
        BenchDatabase.drop(name: name, server: server)
    }
}
