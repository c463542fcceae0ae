import Testing
import XDRIngest

@Suite struct OpenLoopScheduleTests {
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
