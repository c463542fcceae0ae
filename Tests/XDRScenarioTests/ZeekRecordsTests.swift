import Testing
import XDRJSON
@testable import XDRScenario

@Suite struct ZeekRecordsTests {
    @Test func writesFlatDottedKeysAndEpochTimes() {
        let records = GeneratedSamples.records(.zeek)
        #expect(Set(records.compactMap { $0["_path"]?.string }) == ["conn", "dns", "ssl"])
        for record in records {
            #expect((record["ts"]?.double ?? 0) > 1_700_000_000)
            #expect(record["uid"]?.string?.hasPrefix("C") == true)
            #expect(record.object?["id.orig_h"]?.string != nil, "flat dotted key")
            #expect(record.object?["id.resp_p"]?.int != nil)
        }
    }
}
