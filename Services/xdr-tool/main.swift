import Foundation
import XDRIngest

// xdr-tool: developer tools. `bench ingest` measures ingestion against PostgreSQL's COPY.
let arguments = Array(CommandLine.arguments.dropFirst())
let usage = "usage: xdr-tool bench ingest [--count N] [--formats sysmon,suricata,…] [--connections N] [--out FILE]"
do {
    switch (arguments.first, arguments.dropFirst().first) {
    case ("bench", "ingest"):
        try BenchIngestCommand.run(Array(arguments.dropFirst(2)))
    default:
        FileHandle.standardError.write(Data((usage + "\n").utf8))
        exit(64)
    }
} catch {
    FileHandle.standardError.write(Data("xdr-tool: \(error)\n".utf8))
    exit(1)
}
