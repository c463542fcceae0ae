import Foundation
import Testing
@testable import XDRIngest
import XDRModel

/// Golden records for `falcon`, written in the documented Falcon streaming API shape. The Falcon
/// CEF samples in the corpus belong to the `cef` format and are not used here.
@Suite struct FalconFormatTests {
    static let golden = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Golden/falcon_stream.ndjson")

    func events() throws -> [NormalizedEvent] {
        let run = try FormatHarness.run(FalconFormat(), file: Self.golden)
        #expect(run.rejected.isEmpty, "\(run.rejected.map { "\($0.number): \($0.error)" })")
        return run.accepted
    }

    @Test func detectionSummaryIsAHighDetectionFinding() throws {
        let event = try events()[0]
        #expect(event.time == 1_709_648_512_345_000)
        #expect(event.classUID == OCSFClass.detectionFinding && event.activityID == 1)
        #expect(event.kind == .detection && event.severity == .high)
        #expect(event.sourceProduct == "CrowdStrike Falcon" && event.sourceFormat == "falcon")
        #expect(event.sourceEventID == "ldt:4a3b9c212a1365e76b0400000000001e:38451207713")
        #expect(event.title == "Credential Theft")
        #expect(event.ruleID == "10179")
        #expect(event.attackTechniques == ["T1003.001"])
        #expect(event.attackTactics == ["credential_access"])
        #expect(event.hostname == "ws-0142")
        #expect(event.userName == "corp\\alice")
        #expect(event.processImage == "\\Device\\HarddiskVolume2\\Windows\\System32\\WindowsPowerShell\\v1.0\\powershell.exe")
        #expect(event.processCommandLine == "powershell.exe -nop -w hidden -enc SQBFAFgA")
        #expect(event.processPID == 38_451_207_713)
        #expect(event.parentProcessImage == "\\Device\\HarddiskVolume2\\Program Files\\Microsoft Office\\root\\Office16\\WINWORD.EXE")
        #expect(event.srcIP == "10.20.30.142")
        #expect(event.dstIP == "203.0.113.77" && event.dstPort == 443)
        #expect(event.networkProtocol == "tcp")
        #expect(event.domain == "cdn.bad-updates.example")
        #expect(event.details["action"]?.string == "blocked")
        #expect(event.details["process.created_time"]?.string == "2024-03-05T14:21:07.000000Z")
        // The all-zero SHA1 Falcon writes when it has none is not a hash.
        #expect(event.fileHashes == ["sha256": "de96a6e69944335375dc1ac238336066889d9ffc7d73628ef4fe1b1b160ab32c",
                                     "md5": "7353f60b1739074eb17c5f4dddefe239"])
        #expect(event.entityKeys == [
            "host:ws-0142", "ip:10.20.30.142", "mac:00:15:5d:0a:1e:8e", "user:corp\\alice", "file:powershell.exe",
            "hash:de96a6e69944335375dc1ac238336066889d9ffc7d73628ef4fe1b1b160ab32c", "hash:7353f60b1739074eb17c5f4dddefe239",
            "domain:cdn.bad-updates.example", "ip:203.0.113.77", "file:svc.exe",
        ])
    }

    @Test func failedConsoleSignInIsAuthenticationTelemetry() throws {
        let event = try events()[1]
        #expect(event.time == 1_709_649_099_000_000)
        #expect(event.classUID == OCSFClass.authentication && event.activityID == 1)
        #expect(event.kind == .telemetry && event.severity == .low && event.outcome == "failure")
        #expect(event.sourceEventID == "8f2c1a9e3b7d4c5e9a0b1c2d3e4f5a6b:AuthActivityAuditEvent:418224")
        #expect(event.title == "Falcon console: userAuthenticate")
        #expect(event.entityKeys == ["user:soc.analyst@mssp.example", "ip:198.51.100.23"])
    }

    @Test func consoleActivityIsApiActivityNamingTheDetection() throws {
        let event = try events()[2]
        #expect(event.classUID == OCSFClass.apiActivity && event.kind == .telemetry && event.severity == .informational)
        #expect(event.apiOperation == "detection_update" && event.outcome == "success")
        #expect(event.details["finding_info.uid"]?.string == "ldt:4a3b9c212a1365e76b0400000000001e:38451207713")
        #expect(event.details["unmapped.audit_key_values"]?["new_state"]?.string == "in_progress")
    }

    @Test func rejectsMalformedAndUnsupportedRecords() {
        let body = """
        {"metadata":{"eventType":"DetectionSummaryEvent","eventCreationTime":1709648512345},"event":{"ComputerName":"WS-1","Severity":4}}
        {"metadata":{"eventType":"DetectionSummaryEvent","eventCreationTime":"soon"},"event":{"ComputerName":"WS-1","DetectName":"X","Severity":4}}
        {"metadata":{"eventType":"DetectionSummaryEvent","eventCreationTime":1709648512345},"event":{"ComputerName":"WS-1","DetectName":"X","Severity":9}}
        {"metadata":{"eventType":"DetectionSummaryEvent"},"event":{"ComputerName":"WS-1","DetectName":"X","Severity":4}}
        {"metadata":{"eventType":"RemoteResponseSessionStartEvent","eventCreationTime":1709648512345},"event":{}}
        {"event":{"ComputerName":"WS-1"}}
        {"metadata":{"eventType":"DetectionSummaryEvent","eventCreationTime":1709648512345},"event":"text"}
        """
        let messages = FormatHarness.run(FalconFormat(), body).rejected.map { "\($0.number): \($0.error)" }
        #expect(messages == [
            "1: field \"event.DetectName\": missing",
            "2: field \"metadata.eventCreationTime\": expected epoch milliseconds, got \"soon\"",
            "3: field \"event.Severity\": expected 1-5, got 9",
            "4: field \"metadata.eventCreationTime\": missing",
            "5: field \"metadata.eventType\": Falcon eventType \"RemoteResponseSessionStartEvent\" is not supported (DetectionSummaryEvent, EppDetectionSummaryEvent, AuthActivityAuditEvent, UserActivityAuditEvent)",
            "6: field \"metadata\": missing",
            "7: field \"event\": expected an object, got a string",
        ])
    }

    @Test func survivesOutOfRangeNumbers() {
        let body = """
        {"metadata":{"eventType":"DetectionSummaryEvent","eventCreationTime":99999999999999999999},"event":{"ComputerName":"WS-1","DetectName":"X","Severity":4}}
        {"metadata":{"eventType":"DetectionSummaryEvent","eventCreationTime":1709648512345},"event":{"ComputerName":"WS-1","DetectName":"X","Severity":4,"ProcessStartTime":1e300,"ProcessId":1e300,"MACAddress":"zz"}}
        {"metadata":{"eventType":"AuthActivityAuditEvent","eventCreationTime":1709648512345},"event":{"OperationName":"userAuthenticate","UTCTimestamp":1e300}}
        """
        let run = FormatHarness.run(FalconFormat(), body)
        #expect(run.accepted.count == 1)
        #expect(run.rejected.map(\.number) == [1, 3])
    }
}
