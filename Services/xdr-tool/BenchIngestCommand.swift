import Foundation
import XDRIngest
import XDRScenario
import XDRStore

/// `xdr-tool bench ingest [--count N] [--formats a,b] [--connections N] [--out FILE]`: end-to-end
/// ingestion against `COPY` of the same rows (see IngestBenchmark). Run through `./xdr bench
/// ingest`, which builds in release mode and provides a throwaway PostgreSQL.
enum BenchIngestCommand {
    static let defaultFormats = ["sysmon", "defender-email", "suricata", "cloudtrail"]

    static func run(_ arguments: [String]) throws {
        var count = 200_000
        var formats = defaultFormats
        var connections = 3
        var output: String?
        var index = 0
        while index < arguments.count {
            let name = arguments[index]
            guard index + 1 < arguments.count else { throw BenchError("\(name) needs a value") }
            let value = arguments[index + 1]
            switch name {
            case "--count": guard let number = Int(value), number > 0 else { throw BenchError("--count: expected a positive number") }; count = number
            case "--formats": formats = value.split(separator: ",").map(String.init)
            case "--connections": guard let number = Int(value), (1...64).contains(number) else { throw BenchError("--connections: 1 to 64") }; connections = number
            case "--out": output = value
            default: throw BenchError("unknown option \(name) (use --count, --formats, --connections, --out)")
            }
            index += 2
        }
        let environment = ProcessInfo.processInfo.environment
        guard let server = environment["XDR_BENCH_ADMIN_URL"], !server.isEmpty else {
            throw BenchError("XDR_BENCH_ADMIN_URL is not set: run ./xdr bench ingest, which starts a throwaway PostgreSQL")
        }
        let binaries = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath().deletingLastPathComponent().path
        var configuration = IngestBenchmark.Configuration(serverURL: try DatabaseURL(server), appUser: environment["XDR_BENCH_APP_USER"] ?? "xdr_app",
                                                          binaries: binaries)
        configuration.connections = connections
        let benchmark = IngestBenchmark(configuration: configuration) { print("bench: \($0)") }
        var measurements: [IngestBenchmark.Measurement] = []
        for format in formats {
            let records = Array(try ScenarioGenerator(seed: 7).noise(format: format, count: count))
            measurements.append(try benchmark.measure(formatName: format, records: records))
        }
        let report = IngestBenchmark.report(measurements)
        print(report)
        if let output { try (report + "\n").write(toFile: output, atomically: true, encoding: .utf8) }
    }
}
