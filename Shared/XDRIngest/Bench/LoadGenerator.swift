import Foundation
import XDRHTTP

/// Posts prepared request bodies over a few keep-alive connections, each taking the next body
/// until none are left, and times the whole run from first request to last answer.
struct LoadGenerator {
    let port: Int
    let path: String
    let key: String
    let connections: Int

    struct Result {
        var seconds: Double
        var failures: [String]
    }

    /// The shared cursor over the bodies and the failures seen.
    final class Progress: @unchecked Sendable {
        let lock = NSLock()
        var next = 0
        var failures: [String] = []
        func take() -> Int { lock.withLock { defer { next += 1 }; return next } }
        func fail(_ text: String) { lock.withLock { failures.append(text) } }
    }

    func run(_ bodies: [[UInt8]]) -> Result {
        let progress = Progress()
        let group = DispatchGroup()
        let started = Date()
        for _ in 0..<connections {
            group.enter()
            let thread = Thread {
                defer { group.leave() }
                let connection = HTTPClientConnection(host: "127.0.0.1", port: port, timeout: 120)
                var headers = HTTPHeaders()
                headers.add("Authorization", "Bearer \(key)")
                headers.add("Content-Type", "application/x-ndjson")
                while true {
                    let index = progress.take()
                    guard index < bodies.count else { return }
                    do {
                        let response = try connection.send("POST", path, headers: headers, body: bodies[index])
                        if response.status != 200 { progress.fail("batch \(index): \(response.status) \(response.text.prefix(300))") }
                    } catch {
                        progress.fail("batch \(index): \(error)")
                    }
                }
            }
            thread.start()
        }
        group.wait()
        return Result(seconds: Date().timeIntervalSince(started), failures: progress.failures)
    }
}
