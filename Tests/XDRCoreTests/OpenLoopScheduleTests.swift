import Testing
import XDRCore

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

    @Test func offersRateTimesSecondsInFullBatchesAndARemainder() {
        let schedule = OpenLoopSchedule(rate: 1_000, linesPerBatch: 300, seconds: 2)
        #expect(schedule.totalLines == 2_000)
        #expect(schedule.batchCount == 7)
        #expect((0..<7).map { schedule.lines(inBatch: $0) } == [300, 300, 300, 300, 300, 300, 200])
        #expect(schedule.lines(inBatch: 7) == 0)
        #expect(schedule.lines(inBatch: -1) == 0)
    }

    @Test func dueTimesFollowTheRateNotTheAnswers() {
        let schedule = OpenLoopSchedule(rate: 5_000, linesPerBatch: 500, seconds: 60)
        #expect(schedule.offset(ofBatch: 0) == 0)
        #expect(schedule.offset(ofBatch: 1) == 0.1)
        #expect(schedule.offset(ofBatch: 599) == 59.9)
        #expect(schedule.batchCount == 600)
    }

    @Test func spreadsProbesEvenlyInsideTheRun() {
        #expect(OpenLoopSchedule.spread(4, over: 2) == [0.25, 0.75, 1.25, 1.75])
        #expect(OpenLoopSchedule.spread(0, over: 10).isEmpty)
        let hundred = OpenLoopSchedule.spread(100, over: 60)
        #expect(hundred.count == 100)
        #expect(hundred.last! < 60)
        #expect(abs(hundred[1] - hundred[0] - 0.6) < 1e-9)
    }
}
