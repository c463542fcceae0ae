import Testing
@testable import XDRCorrelate

@Suite struct IncidentChangeWriterRowsTests {
    /// A batch may change one row twice; the statement gets it once, as last changed.
    @Test func keepsTheLastItemOfEachKeyInTheOrderOfThoseLastItems() {
        let items = [("a", 1), ("b", 2), ("a", 3), ("c", 4), ("b", 5)]
        let kept = IncidentChangeWriter.lastOfEach(items) { $0.0 }
        #expect(kept.map(\.1) == [3, 4, 5])
        #expect(IncidentChangeWriter.lastOfEach([(String, Int)]()) { $0.0 }.isEmpty)
    }
}
