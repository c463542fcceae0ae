import Foundation
import XDRHTTP
import XDRStore

/// One service binary (an ingestor, or the correlator for the latency benchmark) run as a child
/// process, so its memory can be measured on its own.
final class IngestorProcess {
    let process = Process()
    let port: Int

    /// Starts `binary` against `databaseURL` on a free loopback port and waits until it is ready.
    init(binary: String, databaseURL: DatabaseURL, logPath: String) throws {
        let probe = try SyslogSocket.listen(host: "127.0.0.1", port: 0)
        port = probe.port
        probe.close()
        process.executableURL = URL(fileURLWithPath: binary)
        var environment = ProcessInfo.processInfo.environment
        environment["XDR_DATABASE_URL"] = databaseURL.connectionString
        environment["XDR_LISTEN"] = "127.0.0.1:\(port)"
        environment["XDR_LOG_LEVEL"] = "warning"
        process.environment = environment
        _ = FileManager.default.createFile(atPath: logPath, contents: nil)
        let log = try FileHandle(forWritingTo: URL(fileURLWithPath: logPath))
        process.standardOutput = log
        process.standardError = log
        try process.run()
        let deadline = Date().addingTimeInterval(30)
        while Date() < deadline {
            if let response = try? HTTPClient.send("GET", url: "http://127.0.0.1:\(port)/readyz", timeout: 2), response.status == 200 { return }
            guard process.isRunning else { throw BenchError("\(binary) exited during start-up (log: \(logPath))") }
            Thread.sleep(forTimeInterval: 0.1)
        }
        stop()
        throw BenchError("\(binary) did not become ready within 30 s (log: \(logPath))")
    }

    /// Peak resident memory so far (VmHWM), in bytes.
    var peakResidentBytes: Int {
        guard let status = try? String(contentsOfFile: "/proc/\(process.processIdentifier)/status", encoding: .utf8),
              let line = status.split(separator: "\n").first(where: { $0.hasPrefix("VmHWM:") }) else { return 0 }
        let kilobytes = line.split(separator: " ").compactMap { Int($0) }.first ?? 0
        return kilobytes * 1024
    }

    func stop() {
        guard process.isRunning else { return }
        process.terminate()
        process.waitUntilExit()
    }
}

/// Why a benchmark could not run.
public struct BenchError: Error, CustomStringConvertible {
    public let description: String
    public init(_ description: String) { self.description = description }
}
