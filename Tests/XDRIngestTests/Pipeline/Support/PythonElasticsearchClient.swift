import Foundation

/// The official Python Elasticsearch client (8.x), installed once into `.xdr/venv-es` of the
/// repository from PyPI, for driving `_bulk` with a client we did not write.
enum PythonElasticsearchClient {
    static let repository = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()
    static let environment = repository.appendingPathComponent(".xdr/venv-es")
    static var python: String { environment.appendingPathComponent("bin/python").path }
    private static let lock = NSLock()

    /// The venv's python, installing the client first if needed; throws with the installer's output.
    static func ensureInstalled() throws -> String {
        try lock.withLock {
            if (try? run(python, ["-c", "import elasticsearch"]))?.status == 0 { return python }
            let steps: [(String, [String])] = [
                ("/usr/bin/env", ["python3", "-m", "venv", environment.path]),
                (environment.appendingPathComponent("bin/pip").path, ["install", "--quiet", "elasticsearch>=8,<9"]),
            ]
            for (tool, arguments) in steps {
                let result = try run(tool, arguments)
                guard result.status == 0 else {
                    throw PythonClientError(message: "could not install the Python Elasticsearch client (\(([tool] + arguments).joined(separator: " ")) exited \(result.status)): \(result.output.suffix(800))")
                }
            }
            return python
        }
    }

    /// Runs a script with arguments; returns exit status and combined output.
    static func run(_ tool: String, _ arguments: [String]) throws -> (status: Int32, output: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: tool)
        process.arguments = arguments
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: data, as: UTF8.self))
    }
}

struct PythonClientError: Error, CustomStringConvertible {
    let message: String
    var description: String { message }
}
