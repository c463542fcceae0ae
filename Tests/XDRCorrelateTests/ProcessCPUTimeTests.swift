import Foundation
import Testing
@testable import XDRCorrelate

@Suite struct ProcessCPUTimeTests {
    /// The name in /proc/PID/stat may hold spaces and parentheses; the times are counted after it.
    @Test func readsTimesAfterANameWithSpacesAndParentheses() {
        let ticks = Double(sysconf(Int32(_SC_CLK_TCK)))
        let line = "4242 (postgres: a (b) c) S 1 4242 4242 0 -1 4194560 1 0 0 0 250 50 0 0 20 0 1 0 100 1000 10"
        #expect(ProcessCPUTime.command(in: line) == "postgres: a (b) c")
        #expect(ProcessCPUTime.seconds(in: line) == 300 / ticks)
        #expect(ProcessCPUTime.seconds(in: "12 (x) S 1 2") == nil)
    }

    @Test func countsGrowthPerProcessAndWholeNewProcessesButNotEndedOnes() {
        let start = [10: 5.0, 11: 100.0]
        let end = [10: 7.5, 12: 1.0]
        #expect(ProcessCPUTime.used(from: start, to: end) == 3.5)
    }

    @Test func countsThisProcessesWork() {
        let before = ProcessCPUTime.ofSelf()
        var sum = 0
        let until = Date().addingTimeInterval(0.3)
        while Date() < until { for value in 0..<10_000 { sum &+= value } }
        #expect(sum != 0)
        #expect(ProcessCPUTime.ofSelf() > before)
    }
}
