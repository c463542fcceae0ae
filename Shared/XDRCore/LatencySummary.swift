/// Percentiles of a set of latencies, by the nearest-rank method: the p-th percentile is the
/// smallest sample with at least p % of the samples at or below it, so p99 of 100 samples is the
/// 99th smallest and never an interpolation between samples. The unit is the caller's.
public struct LatencySummary: Sendable, Equatable {
    /// The samples, ascending.
    public let sorted: [Double]

    public init(_ samples: [Double]) { sorted = samples.sorted() }

    public var count: Int { sorted.count }

    /// The `percent`-th percentile (0 < percent ≤ 100); nil without samples.
    public func percentile(_ percent: Double) -> Double? {
        sorted.isEmpty ? nil : Self.percentile(percent, of: sorted)
    }

    public var median: Double? { percentile(50) }
    public var maximum: Double? { sorted.last }

    // For report tables, where no samples reads as 0.
    public var p50: Double { percentile(50) ?? 0 }
    public var p90: Double { percentile(90) ?? 0 }
    public var p99: Double { percentile(99) ?? 0 }
    public var max: Double { sorted.last ?? 0 }

    /// The nearest-rank `percent`-th percentile of ascending `sorted` samples (0 without samples).
    public static func percentile(_ percent: Double, of sorted: [Double]) -> Double {
        guard !sorted.isEmpty else { return 0 }
        let rank = Int((percent / 100 * Double(sorted.count)).rounded(.up))
        return sorted[Swift.min(Swift.max(rank, 1), sorted.count) - 1]
    }
}
