/// Percentiles of a set of latencies (seconds), nearest-rank: the p-th percentile is the smallest
/// value with at least p % of the values at or below it, so p99 of 100 samples is the 99th
/// smallest and never an interpolation between samples.
public struct LatencySummary: Sendable, Equatable {
    /// The values, ascending.
    public let sorted: [Double]

    public init(_ values: [Double]) { sorted = values.sorted() }

    public var count: Int { sorted.count }

    /// The `percent`-th percentile (0 < percent ≤ 100); nil without values.
    public func percentile(_ percent: Double) -> Double? {
        guard !sorted.isEmpty else { return nil }
        let rank = Int((percent / 100 * Double(sorted.count)).rounded(.up))
        return sorted[min(max(rank, 1), sorted.count) - 1]
    }

    public var median: Double? { percentile(50) }
    public var maximum: Double? { sorted.last }
}
