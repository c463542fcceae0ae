import Testing
import XDRModel

@Suite struct EventTimeTests {
    @Test func parsesTheISOVariantsSourcesWrite() {
        let expected: Int64 = 1_600_046_380_000_000 // 2020-09-14T01:19:40Z
        #expect(EventTime.iso8601("2020-09-14T01:19:40Z") == expected)
        #expect(EventTime.iso8601("2020-09-14T01:19:40.123456+0000") == expected + 123_456)   // Suricata
        #expect(EventTime.iso8601("2020-09-14T03:19:40+02:00") == expected)
        #expect(EventTime.iso8601("2020-09-13T20:19:40-0500") == expected)
        #expect(EventTime.iso8601("2020-09-14 01:19:40.1") == expected + 100_000)             // no zone: UTC
        #expect(EventTime.iso8601("2020-09-14T01:19:40.123456789Z") == expected + 123_456)    // nanoseconds truncated
        #expect(EventTime.iso8601("2020-09-14 01:19:40 UTC") == expected)
    }

    @Test func rejectsWhatIsNotADate() {
        for text in ["yesterday", "", "2020-13-01T00:00:00Z", "2020-09-14T25:00:00Z", "2020-09-14T01:19:40Zjunk", "2020-09-14T01:19:40."] {
            #expect(EventTime.iso8601(text) == nil, "\(text)")
        }
    }

    @Test func parsesEpochsByMagnitude() {
        #expect(EventTime.epochSeconds("1591367999.305988") == 1_591_367_999_305_988)
        #expect(EventTime.epoch("1591367999") == 1_591_367_999_000_000)
        #expect(EventTime.epoch("1591367999305") == 1_591_367_999_305_000)          // milliseconds
        #expect(EventTime.epoch("1591367999305988123") == 1_591_367_999_305_988)    // nanoseconds
        #expect(EventTime.epoch(1e30) == nil)                                        // no trap on absurd values
        #expect(EventTime.epoch(-5) == nil)
        #expect(EventTime.epoch("1e400") == nil)
    }

    @Test func givesSyslogLinesTheYearTheyWereMostLikelyWritten() {
        let receivedJanuary = EventTime.iso8601("2027-01-02T00:00:00Z")!
        #expect(EventTime.syslog("Dec 31 23:59:59", receivedAt: receivedJanuary) == EventTime.iso8601("2026-12-31T23:59:59Z"))
        let receivedJune = EventTime.iso8601("2026-06-15T00:00:00Z")!
        #expect(EventTime.syslog("Jun  2 07:05:01", receivedAt: receivedJune) == EventTime.iso8601("2026-06-02T07:05:01Z"))
        #expect(EventTime.syslog("Foo  2 07:05:01", receivedAt: receivedJune) == nil)
    }

    @Test func formatsRoundTrip() {
        for text in ["1970-01-01T00:00:00.000000Z", "2020-02-29T23:59:59.999999Z", "1969-12-31T23:59:59.500000Z", "2400-03-01T00:00:00.000001Z"] {
            #expect(EventTime.format(EventTime.iso8601(text)!) == text)
        }
    }
}
