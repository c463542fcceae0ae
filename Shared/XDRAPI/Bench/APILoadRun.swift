import Foundation
import XDRCore
import XDRHTTP

/// Sends prepared requests on an open-loop schedule over a few keep-alive connections and times
/// each from its due time to its complete answer.
///
/// Each sender thread takes the next request in order, sleeps until it is due, sends it and
/// reads the whole answer. When every connection is busy a due request waits, and that wait
/// counts in its latency, as it would for a client that does not slow down with the server.
struct APILoadRun {
    struct Outcome: Sendable {
        var latency: Double
        var status: Int
        var error: String?
        /// How late the sender started the request, in milliseconds (its own lag, for the report).
        var sendLag: Double
    }

    let port: Int
    let connections: Int
    let schedule: OpenLoopSchedule

    /// Runs `requests` (one per scheduled slot; extra slots are not sent) and returns an outcome per request.
    func run(_ requests: [BenchRequest]) -> [Outcome] {
        let count = min(requests.count, schedule.count)
        let results = OutcomeStore(count: count)
        let group = DispatchGroup()
        let start = DispatchTime.now().uptimeNanoseconds + 50_000_000
        let schedule = self.schedule, port = self.port
        for _ in 0..<max(1, connections) {
            group.enter()
            let thread = Thread {
                defer { group.leave() }
                let connection = HTTPClientConnection(host: "127.0.0.1", port: port, timeout: 30)
                while let index = results.take() {
                    let due = start + schedule.dueNanoseconds(index)
                    let now = DispatchTime.now().uptimeNanoseconds
                    if now < due { usleep(UInt32((due - now) / 1_000)) }
                    let sent = DispatchTime.now().uptimeNanoseconds
                    var headers = HTTPHeaders()
                    headers.add("Authorization", "Bearer \(requests[index].key)")
                    var status = 0
                    var failure: String?
                    do {
                        let response = try connection.send("GET", requests[index].target, headers: headers)
                        status = response.status
                        if status != 200 { failure = "\(status) \(response.text.prefix(200))" }
                    } catch {
                        failure = "\(error)"
                        connection.close()
                    }
                    let completed = DispatchTime.now().uptimeNanoseconds
                    let latency = schedule.latencyMilliseconds(index, completedNanoseconds: completed > start ? completed - start : 0)
                    let lag = sent > due ? Double(sent - due) / 1_000_000 : 0
                    results.record(index, Outcome(latency: latency, status: status, error: failure.map { "\(requests[index].target): \($0)" }, sendLag: lag))
                }
            }
            thread.stackSize = 1 << 20
            thread.start()
        }
        group.wait()
        return results.outcomes
    }
}

/// The shared cursor over the schedule and the outcomes, written by the sender threads.
private final class OutcomeStore: @unchecked Sendable {
    private let lock = NSLock()
    private let count: Int
    private var next = 0
    private var stored: [APILoadRun.Outcome]

    init(count: Int) {
        self.count = count
        stored = Array(repeating: APILoadRun.Outcome(latency: 0, status: 0, error: "not sent", sendLag: 0), count: count)
    }

    func take() -> Int? {
        lock.withLock {
            guard next < count else { return nil }
            defer { next += 1 }
            return next
        }
    }

    func record(_ index: Int, _ outcome: APILoadRun.Outcome) { lock.withLock { stored[index] = outcome } }

    var outcomes: [APILoadRun.Outcome] { lock.withLock { stored } }
}
