import Foundation
import XDRCore
import XDRHTTP
import XDRPlatform
import XDRStore

/// The incident API under load: a fresh database seeded with a month of an MSSP's data
/// (APIBenchSeeder), the real `xdr-api` binary as a child process, an open-loop load of list,
/// detail and timeline requests over loopback (APILoadRun), and the query plans the handlers'
/// SQL gets on that data (APIQueryPlans).
public struct APIBenchmark {
    public struct Configuration: Sendable {
        /// Superuser URL of the benchmark server (a `postgres` database on it).
        public var serverURL: DatabaseURL
        public var appUser: String
        /// Directory holding `xdr-api`.
        public var binaries: String
        public var shape = APIBenchSeeder.Shape()
        public var rate = 200.0
        public var seconds = 60.0
        /// Seconds of the same load before the measured run, not counted.
        public var warmupSeconds = 10.0
        public var connections = 8
        public var logDirectory = "/tmp"

        public init(serverURL: DatabaseURL, appUser: String, binaries: String) {
            self.serverURL = serverURL
            self.appUser = appUser
            self.binaries = binaries
        }
    }

    /// One row of the results: a request kind or variant.
    public struct Row: Sendable {
        public var kind: String
        public var label: String?
        public var latency: LatencySummary
        public var errors: Int
    }

    public struct Report: Sendable {
        public var shape: APIBenchSeeder.Shape
        public var seedingSteps: [(name: String, seconds: Double)]
        public var databaseBytes: Int
        public var rate: Double
        public var seconds: Double
        public var connections: Int
        public var kinds: [Row]
        public var variants: [Row]
        public var errors: [String]
        public var maximumSendLag: Double
        public var loadAverage: String
        /// Share of the measured run in which some task on the machine waited for a CPU / for I/O.
        public var cpuPressure: Double?
        public var ioPressure: Double?
        /// xdr-api's own durations for the measured run, by route.
        public var serverSide: ServerLatencyHistogram
        public var serverPeakBytes: Int
        public var plans: [(title: String, statement: String, text: String)]
    }

    public let configuration: Configuration
    let log: @Sendable (String) -> Void

    public init(configuration: Configuration, log: @escaping @Sendable (String) -> Void) {
        self.configuration = configuration
        self.log = log
    }

    public func run() throws -> Report {
        let name = "bench_api_\(getpid())"
        let server = try DatabaseConnection(url: configuration.serverURL)
        try server.execute("DROP DATABASE IF EXISTS \(name)")
        try server.execute("CREATE DATABASE \(name)")
        defer {
            _ = try? server.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()", [name])
            _ = try? server.execute("DROP DATABASE IF EXISTS \(name)")
        }
        // A throwaway server: fewer checkpoints while loading tens of gigabytes.
        try server.execute("ALTER SYSTEM SET max_wal_size = '8GB'")
        try server.execute("SELECT pg_reload_conf()")
        let adminURL = configuration.serverURL.with("dbname", name)
        let appURL = adminURL.with("user", configuration.appUser)
        try Migrator(logger: Logger(label: "bench", level: .warning)).migrate(DatabaseConnection(url: adminURL))

        log("seeding \(configuration.shape.events) events, \(configuration.shape.incidents) incidents, \(configuration.shape.tenants) tenants")
        let log = self.log
        let seeded = try APIBenchSeeder(adminURL: adminURL, shape: configuration.shape, log: { log("seed: \($0)") }).seed()
        let size = try server.query("SELECT pg_database_size($1) AS bytes", [name]).first?.int("bytes") ?? 0
        log("seeded in \(String(format: "%.0f", seeded.totalSeconds)) s; database \(size >> 20) MiB")

        // Flush what seeding wrote, so the measured run does not share the disk with a checkpoint.
        try server.execute("CHECKPOINT")
        let api = try ServiceProcess(binary: "\(configuration.binaries)/xdr-api", databaseURL: appURL,
                                     logPath: "\(configuration.logDirectory)/bench-xdr-api.log")
        defer { api.stop() }
        let workload = try APIWorkload(seeded: seeded, adminURL: adminURL, port: api.port)
        if configuration.warmupSeconds > 0 {
            let warmup = OpenLoopSchedule(rate: configuration.rate, seconds: configuration.warmupSeconds)
            log("warm-up: \(warmup.count) requests")
            _ = APILoadRun(port: api.port, connections: configuration.connections, schedule: warmup).run(workload.requests(count: warmup.count, seed: 99))
        }
        let schedule = OpenLoopSchedule(rate: configuration.rate, seconds: configuration.seconds)
        let requests = workload.requests(count: schedule.count)
        log("measuring: \(schedule.count) requests at \(configuration.rate)/s over \(configuration.connections) connections")
        func serverHistogram() -> ServerLatencyHistogram {
            let text = (try? HTTPClient.send("GET", url: "http://127.0.0.1:\(api.port)/metrics", timeout: 10))?.text ?? ""
            return ServerLatencyHistogram(metrics: text)
        }
        let serverBefore = serverHistogram()
        let pressureBefore = SystemPressure.now()
        let started = Date()
        let outcomes = APILoadRun(port: api.port, connections: configuration.connections, schedule: schedule).run(requests)
        let pressure = SystemPressure.now().percent(since: pressureBefore, seconds: Date().timeIntervalSince(started))
        let serverSide = serverHistogram().subtracting(serverBefore)
        let loadAverage = (try? String(contentsOfFile: "/proc/loadavg", encoding: .utf8))?.split(separator: " ").prefix(3).joined(separator: " ") ?? "?"
        let peak = api.peakResidentBytes

        let plans = try APIQueryPlans(appURL: appURL, adminURL: adminURL).explain(tenants: seeded.tenants)
        return Report(shape: configuration.shape, seedingSteps: seeded.steps, databaseBytes: size, rate: configuration.rate,
                      seconds: configuration.seconds, connections: configuration.connections,
                      kinds: Self.rows(requests, outcomes, byLabel: false), variants: Self.rows(requests, outcomes, byLabel: true),
                      errors: outcomes.compactMap(\.error), maximumSendLag: outcomes.map(\.sendLag).max() ?? 0,
                      loadAverage: loadAverage, cpuPressure: pressure.cpu, ioPressure: pressure.io, serverSide: serverSide, serverPeakBytes: peak,
                      plans: plans.map { ($0.title, $0.statement, $0.text) })
    }

    static func rows(_ requests: [BenchRequest], _ outcomes: [APILoadRun.Outcome], byLabel: Bool) -> [Row] {
        var groups: [String: (kind: BenchRequest.Kind, label: String?, latencies: [Double], errors: Int)] = [:]
        var order: [String] = []
        for (request, outcome) in zip(requests, outcomes) {
            let key = byLabel ? "\(request.kind.rawValue)|\(request.label)" : request.kind.rawValue
            if groups[key] == nil { groups[key] = (request.kind, byLabel ? request.label : nil, [], 0); order.append(key) }
            groups[key]!.latencies.append(outcome.latency)
            if outcome.error != nil { groups[key]!.errors += 1 }
        }
        let kindOrder = BenchRequest.Kind.allCases
        return order.sorted {
            let a = groups[$0]!, b = groups[$1]!
            return kindOrder.firstIndex(of: a.kind)! != kindOrder.firstIndex(of: b.kind)!
                ? kindOrder.firstIndex(of: a.kind)! < kindOrder.firstIndex(of: b.kind)! : $0 < $1
        }.map { key in
            let group = groups[key]!
            return Row(kind: group.kind.rawValue, label: group.label, latency: LatencySummary(group.latencies), errors: group.errors)
        }
    }
}
