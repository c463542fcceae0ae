import Foundation
import XDRAPI
import XDRIngest
import XDRJSON
import XDRStore

/// `xdr-tool bench api [--events N] [--incidents N] [--tenants N] [--rate R] [--seconds S]
/// [--warmup S] [--connections N] [--out FILE] [--plans FILE]`: seeds a fresh database, runs the
/// real xdr-api under an open-loop load and prints latency percentiles and query plans (see
/// APIBenchmark). Exits non-zero when a request failed. Run through `./xdr bench api`.
enum BenchAPICommand {
    static func run(_ arguments: [String]) throws -> Int32 {
        let environment = ProcessInfo.processInfo.environment
        guard let server = environment["XDR_BENCH_ADMIN_URL"], !server.isEmpty else {
            throw BenchError("XDR_BENCH_ADMIN_URL is not set: run ./xdr bench api, which starts a throwaway PostgreSQL")
        }
        let binaries = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath().deletingLastPathComponent().path
        var configuration = APIBenchmark.Configuration(serverURL: try DatabaseURL(server), appUser: environment["XDR_BENCH_APP_USER"] ?? "xdr_app",
                                                       binaries: binaries)
        var output: String?
        var plansOutput: String?
        var index = 0
        while index < arguments.count {
            let name = arguments[index]
            guard index + 1 < arguments.count else { throw BenchError("\(name) needs a value") }
            let value = arguments[index + 1]
            func number(_ range: ClosedRange<Double>) throws -> Double {
                guard let number = Double(value), range.contains(number) else {
                    throw BenchError("\(name): expected a number from \(range.lowerBound) to \(range.upperBound), got \"\(value)\"")
                }
                return number
            }
            switch name {
            case "--events": configuration.shape.events = Int(try number(1_000...100_000_000))
            case "--incidents": configuration.shape.incidents = Int(try number(10...10_000_000))
            case "--tenants": configuration.shape.tenants = Int(try number(1...10_000))
            case "--loaders": configuration.shape.loaders = Int(try number(1...16))
            case "--rate": configuration.rate = try number(1...100_000)
            case "--seconds": configuration.seconds = try number(1...3_600)
            case "--warmup": configuration.warmupSeconds = try number(0...600)
            case "--connections": configuration.connections = Int(try number(1...256))
            case "--out": output = value
            case "--plans": plansOutput = value
            default: throw BenchError("unknown option \(name) (use --events, --incidents, --tenants, --loaders, --rate, --seconds, --warmup, --connections, --out, --plans)")
            }
            index += 2
        }
        let report = try APIBenchmark(configuration: configuration) { print("bench: \($0)") }.run()
        print("\n" + report.markdown + "\n")
        print(report.plansMarkdown)
        if let output { try (JSONWriter.serialize(report.json) + "\n").write(toFile: output, atomically: true, encoding: .utf8) }
        if let plansOutput { try (report.plansMarkdown + "\n").write(toFile: plansOutput, atomically: true, encoding: .utf8) }
        if !report.errors.isEmpty {
            FileHandle.standardError.write(Data("xdr-tool: \(report.errors.count) requests failed\n".utf8))
            return 1
        }
        if !report.missedTargets.isEmpty {
            FileHandle.standardError.write(Data("xdr-tool: p99 above target for \(report.missedTargets.joined(separator: ", "))\n".utf8))
        }
        return 0
    }
}
