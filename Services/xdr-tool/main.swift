import Foundation
import XDRScenario

// xdr-tool: the demo replay and the benchmarks. Logic lives in the libraries.
let arguments = Array(CommandLine.arguments.dropFirst())
let usage = """
    usage: xdr-tool demo --keys FILE
           xdr-tool bench ingest [--count N] [--formats sysmon,suricata,…] [--connections N] [--out FILE]
           xdr-tool bench correlate [--count N] [--batch N] [--alert-share N]
           xdr-tool bench latency [--rate N] [--seconds N] [--probes N]
           xdr-tool bench api [--events N] [--incidents N] [--tenants N] [--rate R] [--seconds S] [--warmup S]
                              [--connections N] [--loaders N] [--out FILE] [--plans FILE]
    """
do {
    switch (arguments.first, arguments.dropFirst().first) {
    case ("demo", _):
        exit(ToolCommands.run(arguments))
    case ("bench", "ingest"):
        try BenchIngestCommand.run(Array(arguments.dropFirst(2)))
    case ("bench", "correlate"):
        try BenchCorrelateCommand.run(Array(arguments.dropFirst(2)))
    case ("bench", "latency"):
        if try !BenchLatencyCommand.run(Array(arguments.dropFirst(2))) { exit(1) }
    case ("bench", "api"):
        exit(try BenchAPICommand.run(Array(arguments.dropFirst(2))))
    default:
        FileHandle.standardError.write(Data((usage + "\n").utf8))
        exit(arguments.isEmpty ? 0 : 64)
    }
} catch {
    FileHandle.standardError.write(Data("xdr-tool: \(error)\n".utf8))
    exit(1)
}
