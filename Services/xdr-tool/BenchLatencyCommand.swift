import Foundation
import XDRIngest
import XDRScenario
import XDRStore

/// `xdr-tool bench latency [--rate N] [--seconds N] [--probes N]`: the time from ingest
/// acknowledgement to the incident being visible, while background telemetry is ingested at
/// `--rate` events/s (see LatencyBenchmark). Run through `./xdr bench latency`. Exits non-zero
/// when a probe never became visible or the run saw failures.
enum BenchLatencyCommand {
    /// Background mix: Sysmon through the endpoint service, Suricata and Zeek through the network
    /// service — the three busiest telemetry sources of a typical tenant.
    static let mix: [(format: SourceFormat, service: String, share: Double)] = [
        (.sysmon, "xdr-endpoint", 0.5), (.suricata, "xdr-network", 0.25), (.zeek, "xdr-network", 0.25),
    ]

    static func run(_ arguments: [String]) throws -> Bool {
        var rate = 10_000
        var seconds = 60
        var probeCount = 100
        var index = 0
        while index < arguments.count {
            let name = arguments[index]
            guard index + 1 < arguments.count else { throw BenchError("\(name) needs a value") }
            guard let number = Int(arguments[index + 1]), number > 0 else { throw BenchError("\(name): expected a positive number") }
            switch name {
            case "--rate": rate = number
            case "--seconds": seconds = number
            case "--probes": probeCount = number
            default: throw BenchError("unknown option \(name) (use --rate, --seconds, --probes)")
            }
            index += 2
        }
        let environment = ProcessInfo.processInfo.environment
        guard let serverText = environment["XDR_BENCH_ADMIN_URL"], !serverText.isEmpty else {
            throw BenchError("XDR_BENCH_ADMIN_URL is not set: run ./xdr bench latency, which starts a throwaway PostgreSQL")
        }
        let server = try DatabaseURL(serverText)
        let target = try LatencyTarget.fresh(server: server, appUser: environment["XDR_BENCH_APP_USER"] ?? "xdr_app",
                                             name: "bench_latency_\(getpid())")
        defer { target.drop(server: server) }

        let binaries = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath().deletingLastPathComponent().path
        var configuration = LatencyBenchmark.Configuration(binaries: binaries)
        configuration.rate = rate
        configuration.seconds = Double(seconds)
        configuration.probeCount = probeCount
        let report = try LatencyBenchmark(configuration: configuration, streams: streams(), probes: probes()) { print("bench: \($0)") }
            .run(target: target)
        print("\n" + report.markdown)
        return report.passed
    }

    /// The background streams, each drawing on the generator's benign noise of its format.
    static func streams(seed: UInt64 = 17) -> [LatencyBenchmark.Stream] {
        mix.map { entry in
            LatencyBenchmark.Stream(service: entry.service, format: entry.format.name, share: entry.share) { start, perSecond in
                var lines = ScenarioGenerator(seed: seed).noise(format: entry.format, count: Int.max / 2, startingAt: start,
                                                                recordsPerSecond: perSecond).makeIterator()
                return LineSource { lines.next() }
            }
        }
    }

    /// Falcon detections on hosts of their own, through the endpoint service.
    static func probes() -> LatencyBenchmark.Probes {
        LatencyBenchmark.Probes(service: "xdr-endpoint", format: LatencyProbeRecords.format.name,
                                line: { LatencyProbeRecords.detection($0, time: $1) }, host: LatencyProbeRecords.hostName)
    }
}
