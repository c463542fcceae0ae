import Testing
import XDRAPI

@Suite struct SystemPressureTests {
    @Test func readsTheSomeTotalAndTurnsADifferenceIntoAShareOfTheRun() {
        let text = """
            some avg10=8.53 avg60=36.82 avg300=57.64 total=5176242621
            full avg10=0.00 avg60=0.00 avg300=0.00 total=0
            """
        #expect(SystemPressure.someTotal(text) == 5_176_242_621)
        #expect(SystemPressure.someTotal("full avg10=0.00 total=7") == nil)
        let before = SystemPressure(cpuMicroseconds: 1_000_000, ioMicroseconds: nil)
        let after = SystemPressure(cpuMicroseconds: 31_000_000, ioMicroseconds: 5)
        let share = after.percent(since: before, seconds: 60)
        #expect(share.cpu == 50)
        #expect(share.io == nil)
    }
}
