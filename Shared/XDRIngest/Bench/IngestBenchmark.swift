import Foundation
import XDRCore
import XDRModel
import XDRPlatform
import XDRStore

/// End-to-end ingestion speed against PostgreSQL's own COPY speed, measured in the same run.
///
/// For each format: a fresh migrated database, the layer's service binary started as a child
/// process, the records posted as NDJSON batches over keep-alive connections, and the time from
/// the first request to the last acknowledgement (acknowledged means committed). Then the same
/// records, normalised and encoded once, are loaded with `COPY` into another fresh database.
public struct IngestBenchmark {
    public struct Configuration: Sendable {
        /// Superuser URL of the benchmark server (a `postgres` database on it).
        public var serverURL: DatabaseURL
        public var appUser: String
        /// Directory holding the service binaries (`xdr-endpoint`, …).
        public var binaries: String
        public var connections = 3
        public var batchSize = 1_000
        public var logDirectory = "/tmp"

        public init(serverURL: DatabaseURL, appUser: String, binaries: String) {
            self.serverURL = serverURL
            self.appUser = appUser
            self.binaries = binaries
        }
    }

    /// One format's measurements.
    public struct Measurement: Sendable {
        public var format: String
        public var records: Int
        public var stored: Int
        public var ingestSeconds: Double
        public var copyRows: Int
        public var copySeconds: Double
        public var peakResidentBytes: Int
        public var failures: [String]

        public var ingestRate: Double { Double(stored) / max(ingestSeconds, 1e-9) }
        public var copyRate: Double { Double(copyRows) / max(copySeconds, 1e-9) }
        public var ratio: Double { ingestRate / max(copyRate, 1e-9) }
    }

    public let configuration: Configuration
    let log: (String) -> Void

    public init(configuration: Configuration, log: @escaping (String) -> Void) {
        self.configuration = configuration
        self.log = log
    }

    /// Measures `records` (one NDJSON line each) of the format `formatName`.
    public func measure(formatName: String, records: [[UInt8]]) throws -> Measurement {
        guard let format = FormatRegistry.format(named: formatName) else { throw BenchError("unknown format \(formatName)") }
        let safe = formatName.replacingOccurrences(of: "-", with: "_")
        let ingestDB = try BenchDatabase(server: configuration.serverURL, appUser: configuration.appUser, name: "bench_\(safe)", withTenant: true)
        defer { ingestDB.drop(server: configuration.serverURL) }
        var bodies: [[UInt8]] = []
        var start = 0
        while start < records.count {
            let end = min(records.count, start + configuration.batchSize)
            var body = records[start..<end].joined(separator: [0x0A]).map { $0 }
            body.append(0x0A)
            bodies.append(body)
            start = end
        }
        let binary = "\(configuration.binaries)/xdr-\(format.layer.rawValue)"
        log("\(formatName): \(records.count) records in \(bodies.count) batches → \(binary)")
        let ingestor = try ServiceProcess(binary: binary, databaseURL: ingestDB.appURL,
                                           logPath: "\(configuration.logDirectory)/bench-\(formatName).log")
        let load = LoadGenerator(port: ingestor.port, path: "/v1/ingest/\(formatName)", key: ingestDB.key, connections: configuration.connections)
        let result = load.run(bodies)
        let peak = ingestor.peakResidentBytes
        ingestor.stop()
        bodies.removeAll()
        let stored = try ingestDB.count()
        log("\(formatName): ingested \(stored) events in \(String(format: "%.2f", result.seconds)) s, peak RSS \(peak >> 20) MiB")

        let encoded = CopyBaseline.encode(records, format: format, tenant: ingestDB.tenant)
        let copyDB = try BenchDatabase(server: configuration.serverURL, appUser: configuration.appUser, name: "bench_\(safe)_copy", withTenant: false)
        defer { copyDB.drop(server: configuration.serverURL) }
        let copy = try CopyBaseline.load(encoded.text, adminURL: copyDB.adminURL, earliest: encoded.earliest, latest: encoded.latest)
        log("\(formatName): COPY loaded \(copy.rows) rows (\(copy.bytes >> 20) MiB) in \(String(format: "%.2f", copy.seconds)) s")
        return Measurement(format: formatName, records: records.count, stored: stored, ingestSeconds: result.seconds,
                           copyRows: copy.rows, copySeconds: copy.seconds, peakResidentBytes: peak, failures: result.failures)
    }

    /// A Markdown table of the measurements.
    public static func report(_ measurements: [Measurement]) -> String {
        var lines = ["| format | records | events stored | ingest events/s | COPY rows/s | ratio | ingestor peak RSS |",
                     "|---|---:|---:|---:|---:|---:|---:|"]
        for m in measurements {
            lines.append("| \(m.format) | \(m.records) | \(m.stored) | \(Int(m.ingestRate)) | \(Int(m.copyRate)) | \(String(format: "%.0f%%", m.ratio * 100)) | \(m.peakResidentBytes >> 20) MiB |")
        }
        for m in measurements where !m.failures.isEmpty {
            lines.append("")
            lines.append("\(m.format): \(m.failures.count) failed batches, first: \(m.failures[0])")
        }
        return lines.joined(separator: "\n")
    }
}
