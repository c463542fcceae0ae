import Foundation
import XDRHTTP
import XDRModel

/// The probes of one run: sends them on schedule, notes when each was acknowledged and when it
/// became visible, and knows which are still awaited.
final class ProbeBook: @unchecked Sendable {
    struct Entry {
        var key: String
        /// The probe's event time (microseconds): with the key, it finds the stored event.
        var time: Int64
        var acknowledged: Double
        /// The stored event's id, once found.
        var eventID: Int64?
        var visible: Double?
        var incident: String?
    }

    private let host: @Sendable (Int) -> String
    private let timeout: Double
    private let lock = NSLock()
    private var entries: [Int: Entry] = [:]
    private var failed: [String] = []

    init(host: @escaping @Sendable (Int) -> String, timeout: Double) {
        self.host = host
        self.timeout = timeout
    }

    /// The entity key the probe's event carries for its host (`host:latency-probe-3`).
    static func hostKey(_ name: String) -> String {
        Entity(.host, EntityNormalizer.host(name)?.short ?? name.lowercased()).key
    }

    /// Sends probe `i` at `start + offsets[i]`, each as a one-line body on its own keep-alive
    /// connection, stamped with the wall-clock time it is sent.
    func send(_ probes: LatencyBenchmark.Probes, offsets: [Double], start: Double, port: Int, key: String) {
        let connection = HTTPClientConnection(host: "127.0.0.1", port: port, timeout: 30)
        var headers = HTTPHeaders()
        headers.add("Authorization", "Bearer \(key)")
        headers.add("Content-Type", "application/x-ndjson")
        for (number, offset) in offsets.enumerated() {
            Clock.sleep(until: start + offset)
            // Whole milliseconds: the coarsest unit detection formats carry.
            let time = Int64(Date().timeIntervalSince1970 * 1_000) * 1_000
            var body = probes.line(number, time)
            body.append(0x0A)
            do {
                let response = try connection.send("POST", "/v1/ingest/\(probes.format)", headers: headers, body: body)
                let answered = Clock.now()
                guard (200..<300).contains(response.status) else {
                    fail("probe \(number): \(response.status) \(response.text.prefix(200))")
                    continue
                }
                let key = Self.hostKey(host(number))
                lock.withLock { entries[number] = Entry(key: key, time: time, acknowledged: answered) }
            } catch {
                fail("probe \(number): \(error)")
            }
        }
    }

    /// Acknowledged probes not yet seen and not yet given up on, by number.
    func awaited(at now: Double) -> [Int: Entry] {
        lock.withLock { entries.filter { $0.value.visible == nil && now - $0.value.acknowledged <= timeout } }
    }

    func found(_ number: Int, eventID: Int64) {
        lock.withLock { entries[number]?.eventID = eventID }
    }

    func seen(_ number: Int, at moment: Double, incident: String) {
        lock.withLock {
            guard entries[number]?.visible == nil else { return }
            entries[number]?.visible = moment
            entries[number]?.incident = incident
        }
    }

    func fail(_ text: String) { lock.withLock { failed.append(text) } }

    /// Latencies (seconds) of the probes seen in time, and the numbers of those never seen.
    func results() -> (latencies: [Double], missing: [Int], failures: [String]) {
        lock.withLock {
            var latencies: [Double] = []
            var missing: [Int] = []
            for (number, entry) in entries.sorted(by: { $0.key < $1.key }) {
                if let visible = entry.visible, visible - entry.acknowledged <= timeout {
                    latencies.append(max(0, visible - entry.acknowledged))
                } else {
                    missing.append(number)
                }
            }
            return (latencies, missing, failed)
        }
    }
}
