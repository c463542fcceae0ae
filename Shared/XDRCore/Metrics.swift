import Foundation

/// A small, thread-safe metrics registry that renders the Prometheus text exposition format.
///
/// Counters and histograms are keyed by name plus a sorted label set. Names and help texts are
/// registered once; label values are escaped on output.
public final class MetricsRegistry: @unchecked Sendable {
    public static let latencyBuckets: [Double] = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10]

    private struct SeriesKey: Hashable { let name: String; let labels: [String] }
    private struct Histogram { var buckets: [Double]; var counts: [UInt64]; var sum: Double; var count: UInt64 }

    private let lock = NSLock()
    private var help: [String: (type: String, text: String)] = [:]
    private var counters: [SeriesKey: Double] = [:]
    private var gauges: [SeriesKey: Double] = [:]
    private var histograms: [SeriesKey: Histogram] = [:]

    public init() {}

    public func describe(_ name: String, type: String, help text: String) {
        lock.lock(); defer { lock.unlock() }
        help[name] = (type, text)
    }

    public func increment(_ name: String, by amount: Double = 1, labels: [String: String] = [:]) {
        let key = SeriesKey(name: name, labels: Self.flatten(labels))
        lock.lock(); defer { lock.unlock() }
        counters[key, default: 0] += amount
    }

    public func set(_ name: String, _ value: Double, labels: [String: String] = [:]) {
        let key = SeriesKey(name: name, labels: Self.flatten(labels))
        lock.lock(); defer { lock.unlock() }
        gauges[key] = value
    }

    public func observe(_ name: String, _ value: Double, labels: [String: String] = [:], buckets: [Double] = MetricsRegistry.latencyBuckets) {
        let key = SeriesKey(name: name, labels: Self.flatten(labels))
        lock.lock(); defer { lock.unlock() }
        var histogram = histograms[key] ?? Histogram(buckets: buckets, counts: Array(repeating: 0, count: buckets.count), sum: 0, count: 0)
        for (index, bound) in histogram.buckets.enumerated() where value <= bound { histogram.counts[index] += 1 }
        histogram.sum += value
        histogram.count += 1
        histograms[key] = histogram
    }

    /// The current value of a counter, for tests and status output.
    public func counter(_ name: String, labels: [String: String] = [:]) -> Double {
        lock.lock(); defer { lock.unlock() }
        return counters[SeriesKey(name: name, labels: Self.flatten(labels))] ?? 0
    }

    /// Renders every series in the Prometheus text format (version 0.0.4).
    public func render() -> String {
        lock.lock(); defer { lock.unlock() }
        var out = ""
        var names = Set(counters.keys.map(\.name))
        names.formUnion(gauges.keys.map(\.name))
        names.formUnion(histograms.keys.map(\.name))
        for name in names.sorted() {
            if let info = help[name] {
                out += "# HELP \(name) \(info.text)\n# TYPE \(name) \(info.type)\n"
            }
            for (key, value) in counters.filter({ $0.key.name == name }).sorted(by: { $0.key.labels.lexicographicallyPrecedes($1.key.labels) }) {
                out += "\(name)\(Self.render(key.labels)) \(Self.number(value))\n"
            }
            for (key, value) in gauges.filter({ $0.key.name == name }).sorted(by: { $0.key.labels.lexicographicallyPrecedes($1.key.labels) }) {
                out += "\(name)\(Self.render(key.labels)) \(Self.number(value))\n"
            }
            for (key, histogram) in histograms.filter({ $0.key.name == name }).sorted(by: { $0.key.labels.lexicographicallyPrecedes($1.key.labels) }) {
                for (index, bound) in histogram.buckets.enumerated() {
                    out += "\(name)_bucket\(Self.render(key.labels + ["le=\(Self.number(bound))"])) \(histogram.counts[index])\n"
                }
                out += "\(name)_bucket\(Self.render(key.labels + ["le=+Inf"])) \(histogram.count)\n"
                out += "\(name)_sum\(Self.render(key.labels)) \(Self.number(histogram.sum))\n"
                out += "\(name)_count\(Self.render(key.labels)) \(histogram.count)\n"
            }
        }
        return out
    }

    private static func flatten(_ labels: [String: String]) -> [String] {
        labels.keys.sorted().map { "\($0)=\(labels[$0]!)" }
    }

    private static func render(_ labels: [String]) -> String {
        guard !labels.isEmpty else { return "" }
        let parts = labels.map { pair -> String in
            let split = pair.firstIndex(of: "=")!
            let value = pair[pair.index(after: split)...]
                .replacingOccurrences(of: "\\", with: "\\\\")
                .replacingOccurrences(of: "\"", with: "\\\"")
                .replacingOccurrences(of: "\n", with: "\\n")
            return "\(pair[..<split])=\"\(value)\""
        }
        return "{" + parts.joined(separator: ",") + "}"
    }

    private static func number(_ value: Double) -> String {
        if value == value.rounded(), abs(value) < 1e15 { return String(Int64(value)) }
        return String(value)
    }
}
