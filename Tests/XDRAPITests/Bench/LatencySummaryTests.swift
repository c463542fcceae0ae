import Testing
import XDRAPI

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
}
