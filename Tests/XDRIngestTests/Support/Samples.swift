import Foundation
import Testing
@testable import XDRIngest
import XDRModel

/// The third-party sample corpus in `../shared/samples` (or `$XDR_SHARED_DIR/samples`).
enum Samples {
    static var directory: URL? {
        let fromEnvironment = ProcessInfo.processInfo.environment["XDR_SHARED_DIR"].map { URL(fileURLWithPath: $0) }
        let beside = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("../../../../shared").standardizedFileURL
        for candidate in [fromEnvironment, beside].compactMap({ $0 }) {
            let samples = candidate.appendingPathComponent("samples")
            if FileManager.default.fileExists(atPath: samples.path) { return samples }
        }
        return nil
    }

    /// Files under `samples/<relative>` (a folder), sorted by name.
    static func files(in relative: String) -> [URL] {
        guard let root = directory?.appendingPathComponent(relative),
              let names = try? FileManager.default.contentsOfDirectory(atPath: root.path) else { return [] }
        return names.sorted().map { root.appendingPathComponent($0) }
    }
}

/// Runs a format over a body exactly as the ingest pipeline frames it.
enum FormatHarness {
    static let receivedAt: Int64 = 1_790_000_000_000_000 // 2026-09-21, a fixed "now" for syslog years

    struct Run {
        var accepted: [NormalizedEvent] = []
        var rejected: [(number: Int, error: RecordError)] = []
    }

    static func run(_ format: any EventFormat, _ body: String, hint: String? = nil) -> Run {
        run(format, Array(body.utf8), hint: hint)
    }

    static func run(_ format: any EventFormat, _ body: [UInt8], hint: String? = nil) -> Run {
        let framed = BodyFraming.split(body, framing: format.framing)
        var run = Run()
        run.rejected = framed.rejected
        for outcome in format.normalize(framed.records, context: FormatContext(receivedAt: receivedAt, hint: hint)) {
            switch outcome {
            case .accepted(_, let event): run.accepted.append(event)
            case .rejected(let number, let error): run.rejected.append((number, error))
            }
        }
        return run
    }

    static func run(_ format: any EventFormat, file: URL, hint: String? = nil) throws -> Run {
        let data = try Data(contentsOf: file)
        return run(format, Array(data), hint: hint)
    }
}
