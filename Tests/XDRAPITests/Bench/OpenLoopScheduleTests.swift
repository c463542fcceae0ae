import Testing
import XDRAPI

@Suite struct OpenLoopScheduleTests {
    @Test func spacesRequestsEvenlyAtTheRate() {
        let schedule = OpenLoopSchedule(rate: 200, seconds: 60)
        #expect(schedule.count == 12_000)
        #expect(schedule.dueNanoseconds(0) == 0)
        #expect(schedule.dueNanoseconds(1) == 5_000_000)
        #expect(schedule.dueNanoseconds(200) == 1_000_000_000)
    }

    @Test func measuresLatencyFromTheDueTimeSoQueueingCounts() {
        let schedule = OpenLoopSchedule(rate: 100, seconds: 1)
        // Request 10 is due at 100 ms; a sender that only got to it at 150 ms and was answered
        // at 160 ms reports 60 ms, not the 10 ms the exchange itself took.
        #expect(schedule.latencyMilliseconds(10, completedNanoseconds: 160_000_000) == 60)
        #expect(schedule.latencyMilliseconds(10, completedNanoseconds: 90_000_000) == 0)
    }

    @Test func sendsNothingForAFractionOfOneRequest() {
        #expect(OpenLoopSchedule(rate: 0.5, seconds: 1).count == 0)
        #expect(OpenLoopSchedule(rate: 2.5, seconds: 3).count == 7)
    }
}
