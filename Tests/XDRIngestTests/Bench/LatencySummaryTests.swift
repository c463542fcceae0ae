import Testing
import XDRIngest

@Suite struct LatencySummaryTests {
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
