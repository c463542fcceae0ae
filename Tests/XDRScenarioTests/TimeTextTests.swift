import Testing
import XDRModel
@testable import XDRScenario

@Suite struct TimeTextTests {
    /// 2026-11-22T10:00:00.123456Z
    let instant: Int64 = 1_795_341_600_123_456

    @Test func writesEachProductsSpelling() {
        #expect(TimeText.string(instant, .isoMillis) == "2026-11-22T10:00:00.123Z")
        #expect(TimeText.string(instant, .isoMicros) == "2026-11-22T10:00:00.123456Z")
        #expect(TimeText.string(instant, .isoTicks) == "2026-11-22T10:00:00.1234560Z")
        #expect(TimeText.string(instant, .isoSeconds) == "2026-11-22T10:00:00Z")
        #expect(TimeText.string(instant, .suricata) == "2026-11-22T10:00:00.123456+0000")
        #expect(TimeText.string(instant, .sysmonUTC) == "2026-11-22 10:00:00.123")
        #expect(TimeText.string(instant, .isoNanos).hasPrefix("2026-11-22T10:00:00.123456"))
        #expect(TimeText.epochSeconds(instant) == "1795341600.123456")
    }

    @Test func agreesWithTheModelsParser() {
        for micros in [instant, 0, 951_782_400_000_001, 4_102_444_799_999_999] {
            #expect(EventTime.iso8601(TimeText.string(micros, .isoMicros)) == micros)
            #expect(EventTime.iso8601(TimeText.string(micros, .suricata)) == micros)
        }
    }
}
