import Foundation
import XDRHTTP

/// Samples the correlator's own lag gauge (`xdr_correlator_lag_seconds`: ingestion time of the
/// newest event read to now, 0 when caught up) from its `/metrics` twice a second.
final class LagSampler: @unchecked Sendable {
    let port: Int
    private let lock = NSLock()
    private var values: [Double] = []

    init(port: Int) { self.port = port }

    var samples: Int { lock.withLock { values.count } }
    var maximum: Double { lock.withLock { values.max() ?? 0 } }
    var mean: Double { lock.withLock { values.isEmpty ? 0 : values.reduce(0, +) / Double(values.count) } }

    func run(until done: Flag) {
        while !done.isSet {
            if let response = try? HTTPClient.send("GET", url: "http://127.0.0.1:\(port)/metrics", timeout: 2), response.status == 200,
               let lag = Self.lag(in: response.text) {
                lock.withLock { values.append(lag) }
            }
            Thread.sleep(forTimeInterval: 0.5)
        }
    }

    /// The largest `xdr_correlator_lag_seconds` sample in Prometheus text (one per tenant).
    static func lag(in text: String) -> Double? {
        text.split(separator: "\n")
            .filter { $0.hasPrefix("xdr_correlator_lag_seconds") }
            .compactMap { $0.split(separator: " ").last.flatMap { Double($0) } }
            .max()
    }
}
