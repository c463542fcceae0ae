import Foundation
import XDRCore
import XDRCorrelate
import XDRIngest
import XDRModel
import XDRPlatform
import XDRScenario
import XDRStore

/// `xdr-tool bench correlate [--count N] [--batch N]`: loads a backlog of N events (generated noise
/// across every layer plus the built-in attacks) for one tenant, then measures how fast one
/// correlator drains it (see CatchUpBenchmark). Run through `./xdr bench correlate`.
enum BenchCorrelateCommand {
    static let formats = ["sysmon", "suricata", "zeek", "defender-email", "cloudtrail", "k8s-audit", "falco", "falcon"]

    static func run(_ arguments: [String]) throws {
        var count = 500_000
        var batch = 5_000
        var index = 0
        while index + 1 < arguments.count {
            switch arguments[index] {
            case "--count": count = Int(arguments[index + 1]) ?? count
            case "--batch": batch = Int(arguments[index + 1]) ?? batch
            default: throw BenchError("unknown option \(arguments[index]) (use --count, --batch)")
            }
            index += 2
        }
        let environment = ProcessInfo.processInfo.environment
        guard let serverText = environment["XDR_BENCH_ADMIN_URL"], !serverText.isEmpty else {
            throw BenchError("XDR_BENCH_ADMIN_URL is not set: run ./xdr bench correlate, which starts a throwaway PostgreSQL")
        }
        let server = try DatabaseURL(serverText)
        let name = "bench_correlate_\(getpid())"
        try DatabaseConnection(url: server).execute("CREATE DATABASE \(name)")
        let adminURL = server.with("dbname", name)
        let appURL = adminURL.with("user", environment["XDR_BENCH_APP_USER"] ?? "xdr_app")
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
        let perFormat = max(1, (count - loaded) / formats.count)
        for formatName in formats {
            guard let format = FormatRegistry.format(named: formatName) else { throw BenchError("no format \(formatName)") }
            var body: [UInt8] = []
            var lines = 0
            for line in try ScenarioGenerator(seed: 11).noise(format: formatName, count: perFormat) {
                body += line
                body.append(0x0A)
                lines += 1
                if lines == 2_000 {
                    loaded += try writer.write(pipeline.normalize(body: body, format: format, context: context).events, tenant: tenant).inserted
                    body.removeAll(keepingCapacity: true)
                    lines = 0
                }
            }
            if !body.isEmpty { loaded += try writer.write(pipeline.normalize(body: body, format: format, context: context).events, tenant: tenant).inserted }
            print("bench: loaded \(loaded) events (\(formatName) done)")
        }
        pool.close()
        print("bench: backlog of \(loaded) events loaded in \(String(format: "%.0f", Date().timeIntervalSince(loadStarted))) s")

        let connection = try DatabaseConnection(url: appURL)
        var lastReport = 0
        let report = try CatchUpBenchmark(tenant: tenant, batchSize: batch).run(on: connection) { done in
            if done - lastReport >= 100_000 { print("bench: correlated \(done)"); lastReport = done }
        }
        let incidents = try DatabaseConnection(url: adminURL).query("SELECT count(*) AS n FROM incidents WHERE redirected_to IS NULL").first?.int("n") ?? 0
        print("""

            | events | batch | seconds | events/s | incidents | engine state entries | state JSON | peak RSS |
            |---:|---:|---:|---:|---:|---:|---:|---:|
            | \(report.events) | \(batch) | \(String(format: "%.1f", report.seconds)) | \(Int(report.eventsPerSecond)) | \(incidents) | \(report.engineStateEntries) | \((report.stateBytes ?? 0) / 1024) KiB | \(report.peakResidentBytes / 1_048_576) MiB |
            """)
        _ = try? DatabaseConnection(url: server).execute("DROP DATABASE IF EXISTS \(name) WITH (FORCE)")
    }
}
