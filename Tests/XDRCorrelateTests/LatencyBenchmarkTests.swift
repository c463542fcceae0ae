import Foundation
import Testing
import XDRIngest
import XDRPlatform
import XDRScenario
import XDRTestSupport

/// A small run of the ingest-to-incident benchmark against the real service binaries (built next
/// to the test binary by `swift build --build-tests`).
@Suite struct LatencyBenchmarkTests {
    @Test func everyProbeBecomesVisibleWhileLoadRuns() throws {
        let database = try TestDatabase("latency")
        let tenancy = TestTenancy(database)
        let tenant = try tenancy.tenant("bench")
        let key = try tenancy.key(tenant: "bench", scopes: [.ingest]).key
        let target = LatencyTarget(adminURL: database.adminURL, appURL: database.appURL, tenant: tenant, key: key)

        let binaries = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath().deletingLastPathComponent()
        let directory = FileManager.default.fileExists(atPath: binaries.appendingPathComponent("xdr-endpoint").path)
            ? binaries.path : binaries.deletingLastPathComponent().path
        var configuration = LatencyBenchmark.Configuration(binaries: directory)
        configuration.rate = 200
        configuration.seconds = 3
        configuration.probeCount = 3
        configuration.linesPerBatch = 100
        configuration.connectionsPerStream = 1
        configuration.probeTimeout = 20
        let streams = [LatencyBenchmark.Stream(service: "xdr-endpoint", format: "sysmon", share: 1) { start, perSecond in
            var lines = ScenarioGenerator(seed: 5).noise(format: .sysmon, count: 1_000_000, startingAt: start, recordsPerSecond: perSecond).makeIterator()
            return LineSource { lines.next() }
        }]
        let probes = LatencyBenchmark.Probes(service: "xdr-endpoint", format: "falcon",
                                             line: { LatencyProbeRecords.detection($0, time: $1) }, host: LatencyProbeRecords.hostName)
        let report = try LatencyBenchmark(configuration: configuration, streams: streams, probes: probes) { _ in }.run(target: target)

        #expect(report.failures.isEmpty, "\(report.failures)")
        #expect(report.missing.isEmpty)
        #expect(report.latencies.count == 3)
        #expect(report.acknowledgedLines == 600)
        #expect(report.unsentLines == 0)
        #expect(report.storedEvents >= 600)
        #expect(report.passed)
        #expect(report.correlatorLagSamples > 0)
        #expect(report.markdown.contains("| 200 |"))
    }
}
