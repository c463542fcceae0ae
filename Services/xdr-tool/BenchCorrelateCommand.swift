import Foundation
import XDRCore
import XDRCorrelate
import XDRIngest
import XDRModel
import XDRPlatform
import XDRScenario
import XDRStore

/// `xdr-tool bench correlate [--count N] [--batch N] [--keep-database NAME]`: loads a backlog of N
/// events (generated noise across every layer plus the built-in attacks) for one tenant, then
/// measures how fast one correlator drains it (see CatchUpBenchmark). Run through `./xdr bench
/// correlate`. With `--keep-database` the loaded database stays for the next run against the same
/// server, which empties the correlator's tables and drains the same backlog again (for A/B runs).
/// `--engine-only` (with `--keep-database`) skips the drain and times the engine alone on the kept
/// backlog: the part to run under `valgrind --tool=callgrind`, whose instruction counts do not move
/// with what else the machine is doing (drains on a shared 2-core machine vary by a sixth).
enum BenchCorrelateCommand {
    /// The backlog's mix, in events per 10,000: mostly telemetry, as a customer's stream is. The two
    /// alert-only formats (Falcon detections, Falco) get `alertShare` each, and Suricata raises an
    /// alert on 1 % of its records. With the default share of 10, 0.35 % of the events are detections:
    /// 7 a second for a tenant of 2,000 events/s, still hundreds of times the ~2,000 high-severity
    /// alerts a month of a real customer. `--alert-share 100` gives the alert-heavy 2 % mix.
    static func mix(alertShare: Int) -> [(format: SourceFormat, share: Int)] {
        let telemetry: [(format: SourceFormat, share: Int)] = [
            (.zeek, 2_000), (.suricata, 1_500), (.cloudtrail, 1_000), (.defenderEmail, 700), (.k8sAudit, 600),
        ]
        let sysmon = 10_000 - telemetry.reduce(0) { $0 + $1.share } - 2 * alertShare
        return [(.sysmon, sysmon)] + telemetry + [(.falcon, alertShare), (.falco, alertShare)]
    }

    /// Events per second of the whole simulated tenant: it sets the backlog's span in event time.
    static let tenantEventsPerSecond = 2_000

    static func run(_ arguments: [String]) throws {
        var count = 500_000
        var batch = 20_000
        var alertShare = 10
        var keptName: String?
        var engineOnly = false
        var index = 0
        while index < arguments.count {
            if arguments[index] == "--engine-only" {
                engineOnly = true
                index += 1
                continue
            }
            guard index + 1 < arguments.count else { throw BenchError("\(arguments[index]) needs a value") }
            switch arguments[index] {
            case "--count": count = Int(arguments[index + 1]) ?? count
            case "--batch": batch = Int(arguments[index + 1]) ?? batch
            case "--alert-share": alertShare = Int(arguments[index + 1]) ?? alertShare
            case "--keep-database": keptName = arguments[index + 1]
            default: throw BenchError("unknown option \(arguments[index]) (use --count, --batch, --alert-share, --keep-database, --engine-only)")
            }
            index += 2
        }
        guard (0...1_000).contains(alertShare) else { throw BenchError("--alert-share: 0 to 1000 events per 10,000, got \(alertShare)") }
        let mix = Self.mix(alertShare: alertShare)
        let environment = ProcessInfo.processInfo.environment
        guard let serverText = environment["XDR_BENCH_ADMIN_URL"], !serverText.isEmpty else {
            throw BenchError("XDR_BENCH_ADMIN_URL is not set: run ./xdr bench correlate, which starts a throwaway PostgreSQL")
        }
        let server = try DatabaseURL(serverText)
        if let keptName, !keptName.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "_") }) {
            throw BenchError("--keep-database: letters, digits and _ only, got \(keptName)")
        }
        let name = keptName ?? "bench_correlate_\(getpid())"
        let adminURL = server.with("dbname", name)
        let appURL = adminURL.with("user", environment["XDR_BENCH_APP_USER"] ?? "xdr_app")
        if engineOnly {
            guard let keptName, let tenant = try keptTenant(server: server, name: keptName, adminURL: adminURL, emptying: false) else {
                throw BenchError("--engine-only: needs --keep-database NAME of a backlog already loaded")
            }
            try timeEngineAlone(tenant: tenant, batch: batch, connection: DatabaseConnection(url: appURL))
            return
        }
        if let keptName, let tenant = try keptTenant(server: server, name: keptName, adminURL: adminURL) {
            print("bench: draining the backlog kept in \(keptName) again (correlator tables emptied)")
            try drain(tenant: tenant, batch: batch, appURL: appURL, adminURL: adminURL)
            return
        }
        try DatabaseConnection(url: server).execute("CREATE DATABASE \(name)")
        try Migrator(logger: Logger(label: "bench", level: .warning)).migrate(DatabaseConnection(url: adminURL))
        let admin = AdminCommands(environment: ["XDR_ADMIN_DATABASE_URL": adminURL.connectionString], output: { _ in })
        _ = try admin.createProvider(name: "Bench MSSP")
        let tenant = try admin.createTenant(provider: "Bench MSSP", name: "Bench", slug: "bench")
        try DatabaseConnection(url: adminURL).execute(
            "INSERT INTO tenant_correlation_config (tenant_id, config) VALUES ($1, $2::jsonb)",
            [tenant, #"{"userDomains": {"corp": "corp.example"}, "hubs": {"dnsResolvers": ["10.0.0.53"], "domainControllers": ["dc01"]}}"#])

        // The backlog: the attack scenarios, then noise of every layer in equal shares.
        let pool = ConnectionPool(url: appURL, configuration: .init(maximumConnections: 2), logger: Logger(label: "bench", level: .warning))
        let writer = EventWriter(pool: pool)
        let pipeline = IngestPipeline()
        let context = FormatContext(receivedAt: ScenarioGenerator.defaultStart)
        var loaded = 0
        let loadStarted = Date()
        let dataset = try ScenarioGenerator(seed: 3).build(ScenarioKind.allCases.filter { $0 != .twoTenants }, tenants: ["bench"], noise: .none)
        for item in dataset.batches {
            guard let format = FormatRegistry.format(named: item.format) else { continue }
            let outcome = pipeline.normalize(body: item.body, format: format, context: context)
            loaded += try writer.write(outcome.events, tenant: tenant).inserted
        }
        // Shippers send their backlogs side by side: rounds of one chunk per format, each format's
        // clock running at its share of the tenant's rate, so every round covers the same span.
        let remaining = max(0, count - loaded)
        var streams = mix.map { share in
            let total = remaining * share.share / 10_000
            let rate = max(1, tenantEventsPerSecond * share.share / 10_000)
            return (share: share, iterator: ScenarioGenerator(seed: 11).noise(format: share.format, count: total, recordsPerSecond: rate).makeIterator(),
                    format: FormatRegistry.format(named: share.format.name))
        }
        let round = 10_000
        var exhausted = false
        while !exhausted {
            exhausted = true
            for index in streams.indices {
                guard let format = streams[index].format else { throw BenchError("no format \(streams[index].share.format.name)") }
                var body: [UInt8] = []
                for _ in 0..<max(1, round * streams[index].share.share / 10_000) {
                    guard let line = streams[index].iterator.next() else { break }
                    body += line
                    body.append(0x0A)
                }
                guard !body.isEmpty else { continue }
                exhausted = false
                loaded += try writer.write(pipeline.normalize(body: body, format: format, context: context).events, tenant: tenant).inserted
            }
            if loaded % 200_000 < round { print("bench: loaded \(loaded) events") }
        }
        pool.close()
        print("bench: backlog of \(loaded) events loaded in \(String(format: "%.0f", Date().timeIntervalSince(loadStarted))) s")
        try drain(tenant: tenant, batch: batch, appURL: appURL, adminURL: adminURL)
        if keptName == nil {
            _ = try? DatabaseConnection(url: server).execute("DROP DATABASE IF EXISTS \(name) WITH (FORCE)")
        }
    }

    /// The tenant of a database kept by an earlier run, with everything the correlator wrote
    /// removed unless `emptying` is false (the engine alone writes nothing); nil when there is no
    /// such database yet.
    static func keptTenant(server: DatabaseURL, name: String, adminURL: DatabaseURL, emptying: Bool = true) throws -> UUID? {
        let exists = try DatabaseConnection(url: server).query("SELECT 1 AS one FROM pg_database WHERE datname = $1", [name])
        guard !exists.isEmpty else { return nil }
        let admin = try DatabaseConnection(url: adminURL)
        try Migrator(logger: Logger(label: "bench", level: .warning)).migrate(admin)
        guard let tenant = try admin.query("SELECT id FROM tenants WHERE slug = 'bench'").first?.uuid("id") else {
            throw BenchError("database \(name) has no bench tenant: drop it or choose another name")
        }
        guard emptying else { return tenant }
        try admin.execute("""
            TRUNCATE incidents, incident_members, incident_merges, derived_detections, correlator_checkpoints,
                     correlator_states, incident_entities, incident_changes, incident_history, incident_comments, incident_actions,
                     webhook_outbox, webhook_deliveries
            """)
        // No ANALYZE here: statistics of the emptied tables would plan the foreign-key checks of the
        // whole run as scans (TRUNCATE leaves their size unknown, as in a new database).
        return tenant
    }

    static func drain(tenant: UUID, batch: Int, appURL: DatabaseURL, adminURL: DatabaseURL) throws {
        let connection = try DatabaseConnection(url: appURL)
        var lastReport = 0
        let report = try CatchUpBenchmark(tenant: tenant, batchSize: batch).run(on: connection, prefetchURL: appURL) { done in
            if done - lastReport >= 100_000 { print("bench: correlated \(done)"); lastReport = done }
        }
        let incidents = try DatabaseConnection(url: adminURL).query("SELECT count(*) AS n FROM incidents WHERE redirected_to IS NULL").first?.int("n") ?? 0
        print("""

            | events | batch | seconds | events/s | incidents | engine state entries | state JSON | peak RSS |
            |---:|---:|---:|---:|---:|---:|---:|---:|
            | \(report.events) | \(batch) | \(String(format: "%.1f", report.seconds)) | \(Int(report.eventsPerSecond)) | \(incidents) | \(report.engineStateEntries) | \((report.stateBytes ?? 0) / 1024) KiB | \(report.peakResidentBytes / 1_048_576) MiB |
            """)
        let t = report.timings
        print(String(format: "\nbench: time in batches: read %.1f s, engine %.1f s, write %.1f s, checkpoint and state %.1f s, commit and the rest %.1f s",
                     t.read, t.engine, t.write, t.checkpoint, report.seconds - t.read - t.engine - t.write - t.checkpoint))
        print(String(format: "bench: the engine deciding, on its own thread or in turn: %.1f s, of which %.1f s on a core",
                     t.deciding, t.decidingCPU))
        print(CatchUpBenchmark.cpuSummary(report))
        let parts = report.engineStats
        print("bench: engine state at the end: \(parts.openIncidents) open incidents, \(parts.redirects) redirects, "
            + "\(parts.bufferedTelemetry) buffered events, \(parts.anchors) anchors, \(parts.leaseSightings) lease sightings, "
            + "\(parts.hubState) fan-out entries, \(parts.ruleState) rule entries, \(parts.campaignState) campaign entries, "
            + "\(parts.detectionKeys) detection keys")
        // The engine-alone pass holds every event in memory (about 2 KB each): not for backlogs
        // that would not fit beside the database on the machine.
        if report.events <= 1_500_000 {
            try timeEngineAlone(tenant: tenant, batch: batch, connection: connection)
        } else {
            print("bench: the engine alone is timed for backlogs up to 1,500,000 events (it holds them all in memory)")
        }
    }

    static func timeEngineAlone(tenant: UUID, batch: Int, connection: DatabaseConnection) throws {
        let alone = try CatchUpBenchmark(tenant: tenant, batchSize: batch).engineOnly(on: connection)
        print(String(format: "bench: the engine alone (events in memory, same batches): %.1f s, %.0f events/s",
                     alone.seconds, Double(alone.events) / max(alone.seconds, 0.001)))
        print(String(format: "bench: reading and decoding them first, on one thread: %.1f s, %.0f events/s",
                     alone.readSeconds, Double(alone.events) / max(alone.readSeconds, 0.001)))
    }
}
