import Foundation

/// The official Python Elasticsearch client (8.x), installed once into `.xdr/venv-es` of the
/// repository from PyPI, for driving `_bulk` with a client we did not write.
enum PythonElasticsearchClient {
    static let repository = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()
    static let environment = repository.appendingPathComponent(".xdr/venv-es")
    static var python: String { environment.appendingPathComponent("bin/python").path }

    /// The venv's python, installing the client first if needed; throws with the installer's output.
    static func ensureInstalled() async throws -> String {
        if FileManager.default.fileExists(atPath: python), (try? await run(python, ["-c", "import elasticsearch"]))?.status == 0 { return python }
        let steps: [(String, [String])] = [
            ("/usr/bin/env", ["python3", "-m", "venv", environment.path]),
            (environment.appendingPathComponent("bin/pip").path, ["install", "--quiet", "elasticsearch>=8,<9"]),
        ]
        for (tool, arguments) in steps {
            let result = try await run(tool, arguments)
            guard result.status == 0 else {
                throw PythonClientError(message: "could not install the Python Elasticsearch client (\(([tool] + arguments).joined(separator: " ")) exited \(result.status)): \(result.output.suffix(800))")
            }
        }
        return python
    }

    /// Runs a program with arguments; returns exit status and combined output. Waits without
    /// blocking a thread of the shared cooperative pool.
    static func run(_ tool: String, _ arguments: [String]) async throws -> (status: Int32, output: String) {
        let outputPath = FileManager.default.temporaryDirectory.appendingPathComponent("run-\(UUID().uuidString.prefix(8)).log").path
        _ = FileManager.default.createFile(atPath: outputPath, contents: nil)
        defer { try? FileManager.default.removeItem(atPath: outputPath) }
        let output = try FileHandle(forWritingTo: URL(fileURLWithPath: outputPath))
        let process = Process()
        process.executableURL = URL(fileURLWithPath: tool)
        process.arguments = arguments
        process.standardOutput = output
        process.standardError = output
        let status: Int32 = try await withCheckedThrowingContinuation { continuation in
            process.terminationHandler = { continuation.resume(returning: $0.terminationStatus) }
            do { try process.run() } catch { process.terminationHandler = nil; continuation.resume(throwing: error) }
        }
        try output.close()
        return (status, (try? String(contentsOfFile: outputPath, encoding: .utf8)) ?? "")
    }
}

struct PythonClientError: Error, CustomStringConvertible {
    let message: String
    var description: String { message }
}
