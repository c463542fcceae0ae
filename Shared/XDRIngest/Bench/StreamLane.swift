import Foundation
import XDRCore
import XDRHTTP

/// One background stream on its way to a service: hands its batches, in order, to the connections
/// that send it, and tallies what was acknowledged and how late the senders fell behind schedule.
final class StreamLane: @unchecked Sendable {
    let port: Int
    let path: String
    let schedule: OpenLoopSchedule
    private let source: LineSource
    private let lock = NSLock()
    private var next = 0
    private var handedOut = 0
    private var acknowledged = 0
    private var latest = 0.0
    private var delay = 0.0
    private var failed: [String] = []

    init(port: Int, path: String, schedule: OpenLoopSchedule, source: LineSource) {
        self.port = port
        self.path = path
        self.schedule = schedule
        self.source = source
    }

    var acknowledgedLines: Int { lock.withLock { acknowledged } }
    /// Monotonic time of the last acknowledgement.
    var lastAcknowledgement: Double { lock.withLock { latest } }
    /// Seconds the latest-sent batch left after it was due.
    var worstDelay: Double { lock.withLock { delay } }
    var failures: [String] { lock.withLock { failed } }
    /// Scheduled lines never sent because the run's end came first.
    var unsentLines: Int { lock.withLock { schedule.totalLines - handedOut } }

    /// Sends batches until the schedule is exhausted or `deadline` (monotonic) has passed, each
    /// batch no earlier than it is due. Runs on one thread per connection; several connections
    /// share the lane. Stopping at the deadline keeps a slow service from stretching the run: what
    /// it could not take in time is reported as unsent, not sent later.
    func send(start: Double, deadline: Double, key: String) {
        let connection = HTTPClientConnection(host: "127.0.0.1", port: port, timeout: 120)
        var headers = HTTPHeaders()
        headers.add("Authorization", "Bearer \(key)")
        headers.add("Content-Type", "application/x-ndjson")
        while Clock.now() < deadline, let (index, lines, body) = take() {
            let due = start + schedule.offset(ofBatch: index)
            Clock.sleep(until: due)
            let sent = Clock.now()
            do {
                let response = try connection.send("POST", path, headers: headers, body: body)
                let answered = Clock.now()
                lock.withLock {
                    delay = max(delay, sent - due)
                    if (200..<300).contains(response.status) {
                        acknowledged += lines
                        latest = max(latest, answered)
                    } else if failed.count < 20 {
                        failed.append("\(path) batch \(index): \(response.status) \(response.text.prefix(200))")
                    }
                }
            } catch {
                lock.withLock { if failed.count < 20 { failed.append("\(path) batch \(index): \(error)") } }
            }
        }
    }

    /// The next batch's index, line count and NDJSON body, built under the lock so batches keep
    /// the stream's order of event times.
    private func take() -> (Int, Int, [UInt8])? {
        lock.withLock {
            let index = next
            let wanted = schedule.lines(inBatch: index)
            guard wanted > 0 else { return nil }
            next += 1
            var body: [UInt8] = []
            body.reserveCapacity(wanted * 700)
            var lines = 0
            while lines < wanted, let line = source.line() {
                body += line
                body.append(0x0A)
                lines += 1
            }
            handedOut += lines
            return lines > 0 ? (index, lines, body) : nil
        }
    }
}
