import Foundation
import Glibc
import XDRHTTP
import XDRStore

/// One of the project's service binaries run as a child process on a free loopback port,
/// configured as a deployment configures it (environment variables only), for the benchmarks: its
/// memory is measured on its own and it answers over real sockets.
public final class ServiceProcess {
    public let process = Process()
    public let port: Int

    /// Starts `binary` against `databaseURL` and waits until `/readyz` answers 200.
    public init(binary: String, databaseURL: DatabaseURL, logPath: String, environment extra: [String: String] = [:]) throws {
        port = try Self.freePort()
        process.executableURL = URL(fileURLWithPath: binary)
        var environment = ProcessInfo.processInfo.environment
        environment["XDR_DATABASE_URL"] = databaseURL.connectionString
        environment["XDR_LISTEN"] = "127.0.0.1:\(port)"
        // Benchmarks keep their services quiet unless asked (`XDR_BENCH_LOG_LEVEL=debug` logs each batch).
        environment["XDR_LOG_LEVEL"] = environment["XDR_BENCH_LOG_LEVEL"] ?? "warning"
        for (name, value) in extra { environment[name] = value }
        process.environment = environment
        _ = FileManager.default.createFile(atPath: logPath, contents: nil)
        let log = try FileHandle(forWritingTo: URL(fileURLWithPath: logPath))
        process.standardOutput = log
        process.standardError = log
        try process.run()
        let deadline = Date().addingTimeInterval(30)
        while Date() < deadline {
            if let response = try? HTTPClient.send("GET", url: "http://127.0.0.1:\(port)/readyz", timeout: 2), response.status == 200 { return }
            guard process.isRunning else { throw ServiceProcessError("\(binary) exited during start-up (log: \(logPath))") }
            Thread.sleep(forTimeInterval: 0.1)
        }
        stop()
        throw ServiceProcessError("\(binary) did not become ready within 30 s (log: \(logPath))")
    }

    /// Peak resident memory so far (VmHWM), in bytes.
    public var peakResidentBytes: Int {
        guard let status = try? String(contentsOfFile: "/proc/\(process.processIdentifier)/status", encoding: .utf8),
              let line = status.split(separator: "\n").first(where: { $0.hasPrefix("VmHWM:") }) else { return 0 }
        return (line.split(separator: " ").compactMap { Int($0) }.first ?? 0) * 1024
    }

    public func stop() {
        guard process.isRunning else { return }
        process.terminate()
        process.waitUntilExit()
    }

    /// A loopback port nobody listens on: bind to port 0, read what the kernel chose, release it.
    public static func freePort() throws -> Int {
        let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard descriptor >= 0 else { throw ServiceProcessError("socket() failed: errno \(errno)") }
        defer { close(descriptor) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(descriptor, $0, length) == 0 && getsockname(descriptor, $0, &length) == 0 }
        }
        guard bound else { throw ServiceProcessError("could not find a free loopback port: errno \(errno)") }
        return Int(UInt16(bigEndian: address.sin_port))
    }
}

/// Why a service binary could not be started for a benchmark.
public struct ServiceProcessError: Error, CustomStringConvertible {
    public let description: String
    public init(_ description: String) { self.description = description }
}
