import Testing
@testable import XDRAPI

@Suite struct SplitMix64Tests {
    @Test func repeatsItsSequenceForASeedAndStaysBelowTheBound() {
        var a = SplitMix64(seed: 7), b = SplitMix64(seed: 7), c = SplitMix64(seed: 8)
        let first = (0..<5).map { _ in a.next() }
        #expect(first == (0..<5).map { _ in b.next() })
        #expect(first != (0..<5).map { _ in c.next() })
        var counts = [0, 0, 0]
        for _ in 0..<3_000 { counts[a.below(3)] += 1 }
        #expect(counts.allSatisfy { $0 > 900 && $0 < 1_100 })
    }
}
