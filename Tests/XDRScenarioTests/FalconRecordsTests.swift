import Testing
import XDRJSON
@testable import XDRScenario

@Suite struct FalconRecordsTests {
    @Test func followsTheStreamingDetectionSummaryShape() throws {
        let records = GeneratedSamples.records(.falcon)
        #expect(!records.isEmpty)
        for record in records {
            #expect(record[path: "metadata.eventType"]?.string == "DetectionSummaryEvent")
            let created = try #require(record[path: "metadata.eventCreationTime"]?.int)
            #expect(created > 1_700_000_000_000, "epoch milliseconds")
            let start = try #require(record[path: "event.ProcessStartTime"]?.int)
            #expect(start < 10_000_000_000, "epoch seconds")
            let severity = try #require(record[path: "event.Severity"]?.int)
            #expect((1...5).contains(severity))
            #expect(FalconRecords.severityNames[severity] == record[path: "event.SeverityName"]?.string)
            #expect(record[path: "event.SHA256String"]?.string?.count == 64)
            #expect(record[path: "event.FilePath"]?.string?.hasPrefix("\\Device\\HarddiskVolume") == true)
            #expect(record[path: "event.DetectId"]?.string?.hasPrefix("ldt:") == true)
        }
    }
}
