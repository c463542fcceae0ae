import Testing
import XDRCore

@Suite struct LatencySummaryTests {
    @Test func takesNearestRankPercentiles() {
        let summary = LatencySummary((1...100).map(Double.init).reversed())
        #expect(summary.count == 100)
        #expect(summary.p50 == 50)
        #expect(summary.p90 == 90)
        #expect(summary.p99 == 99)
        #expect(summary.max == 100)
    }

    @Test func aSingleSlowRequestInAHundredIsTheP99ButNotInTwoHundred() {
        let hundred = Array(repeating: 2.0, count: 98) + [3.0, 400.0]
        #expect(LatencySummary(hundred).p99 == 3)
        let withTwoSlow = Array(repeating: 2.0, count: 98) + [400.0, 400.0]
        #expect(LatencySummary(withTwoSlow).p99 == 400)
    }

    @Test func summarisesNothingAsZero() {
        let summary = LatencySummary([])
        #expect(summary == LatencySummary([]))
        #expect(summary.count == 0 && summary.p99 == 0 && summary.max == 0)
        #expect(LatencySummary([7]).p50 == 7)
    }

    @Test func percentilesAreNearestRankSamples() {
        let summary = LatencySummary((1...100).map { Double($0) / 100 }.shuffled())
        #expect(summary.median == 0.5)
        #expect(summary.percentile(90) == 0.9)
        #expect(summary.percentile(99) == 0.99)
        #expect(summary.percentile(100) == 1.0)
        #expect(summary.maximum == 1.0)
    }

    @Test func p99OfFewSamplesIsTheWorst() {
        let summary = LatencySummary([0.2, 3.5, 0.1])
        #expect(summary.percentile(99) == 3.5)
        #expect(summary.median == 0.2)
        #expect(summary.percentile(1) == 0.1)
    }

    @Test func noSamplesGiveNoFigures() {
        let summary = LatencySummary([])
        #expect(summary.median == nil)
        #expect(summary.maximum == nil)
        #expect(summary.count == 0)
    }
}
