import Foundation
import Testing
@testable import XDRIngest
import XDRModel

/// Golden records for `sysmon`, written in the shapes Winlogbeat and Log Analytics produce.
@Suite struct SysmonFormatTests {
    static let golden = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Golden")

    func winlogbeat() throws -> [NormalizedEvent] {
        let run = try FormatHarness.run(SysmonFormat(), file: Self.golden.appendingPathComponent("sysmon_winlogbeat.ndjson"))
        #expect(run.rejected.isEmpty, "\(run.rejected.map { "\($0.number): \($0.error)" })")
        return run.accepted
    }

    @Test func processCreationKeepsProcessParentHashesAndUser() throws {
        let event = try winlogbeat()[0]
        #expect(event.time == 1_709_648_467_512_000)
        #expect(EventTime.format(event.time) == "2024-03-05T14:21:07.512000Z")
        #expect(event.classUID == OCSFClass.processActivity && event.activityID == 1)
        #expect(event.kind == .telemetry && event.severity == .informational)
        #expect(event.sourceProduct == "Microsoft Sysmon" && event.sourceFormat == "sysmon")
        #expect(event.sourceEventID == "ws-0142.corp.example/Microsoft-Windows-Sysmon/Operational/88231")
        #expect(event.title == "Process created")
        #expect(event.hostname == "ws-0142.corp.example")
        #expect(event.userName == "corp\\alice")
        #expect(event.processImage == "C:\\Windows\\System32\\WindowsPowerShell\\v1.0\\powershell.exe")
        #expect(event.processCommandLine == "powershell.exe -nop -w hidden -enc SQBFAFgA")
        #expect(event.processPID == 6120)
        #expect(event.processGUID == "4a3b9c21-2a13-65e7-6b04-000000001e00")
        #expect(event.parentProcessImage == "C:\\Program Files\\Microsoft Office\\root\\Office16\\WINWORD.EXE")
        #expect(event.parentProcessGUID == "4a3b9c21-29f0-65e7-5a04-000000001e00")
        #expect(event.fileHashes["sha256"] == "de96a6e69944335375dc1ac238336066889d9ffc7d73628ef4fe1b1b160ab32c")
        #expect(event.fileHashes["md5"] == "7353f60b1739074eb17c5f4dddefe239")
        #expect(event.details["file.imphash"]?.string == "741776aaccfc5b71ff59832dcdcace0f")
        #expect(event.attackTechniques == ["T1059.001"])
        #expect(event.entityKeys == [
            "host:ws-0142", "user:corp\\alice", "process:4a3b9c21-2a13-65e7-6b04-000000001e00",
            "process:4a3b9c21-29f0-65e7-5a04-000000001e00",
            "hash:6cbce4a295c163791b60fc23d285e6d84f28ee4c", "hash:7353f60b1739074eb17c5f4dddefe239",
            "hash:de96a6e69944335375dc1ac238336066889d9ffc7d73628ef4fe1b1b160ab32c",
        ])
    }

    @Test func networkConnectionHasBothEndsAndTheRemoteName() throws {
        let event = try winlogbeat()[1]
        #expect(event.classUID == OCSFClass.networkActivity && event.activityID == 1)
        #expect(event.sourceEventID == "ws-0142.corp.example/Microsoft-Windows-Sysmon/Operational/88235")
        #expect(event.srcIP == "10.20.30.142" && event.srcPort == 51544)
        #expect(event.dstIP == "203.0.113.77" && event.dstPort == 443)
        #expect(event.networkProtocol == "tcp")
        #expect(event.details["connection_info.direction"]?.string == "outbound")
        #expect(event.entityKeys == [
            "host:ws-0142", "user:corp\\alice", "ip:10.20.30.142", "ip:203.0.113.77",
            "domain:cdn.bad-updates.example", "process:4a3b9c21-2a13-65e7-6b04-000000001e00",
        ])
    }

    @Test func dnsQueryAddsTheNameAndResolvedAddresses() throws {
        let event = try winlogbeat()[2]
        #expect(event.classUID == OCSFClass.dnsActivity)
        #expect(event.domain == "cdn.bad-updates.example")
        #expect(event.entityKeys.contains("ip:203.0.113.77"))
        #expect(event.entities(of: .ip).first?.role == .related)
    }

    @Test func lsassAccessStaysTelemetryButSaysWhy() throws {
        let event = try winlogbeat()[3]
        #expect(event.classUID == OCSFClass.processActivity && event.activityID == 3)
        #expect(event.kind == .telemetry)
        #expect(event.title == "Process accessed")
        #expect(event.details["granted_access"]?.string == "0x1010")
        #expect(event.details["target_process.file.path"]?.string == "C:\\Windows\\system32\\lsass.exe")
        #expect(event.details["risk_details"]?.string?.contains("T1003.001") == true)
        #expect(event.attackTechniques == ["T1003"])
        #expect(event.entities.contains(Entity(.process, "4a3b9c21-0b11-65e6-0c00-000000001e00", role: .target, original: "{4a3b9c21-0b11-65e6-0c00-000000001e00}")))
        // NT AUTHORITY\SYSTEM is not a person.
        #expect(event.entities(of: .user).map(\.value) == ["corp\\alice"])
    }

    @Test func networkLogonNamesTheTargetUserAndTheSourceWorkstation() throws {
        let event = try winlogbeat()[4]
        #expect(event.time == 1_709_649_002_250_000)
        #expect(event.classUID == OCSFClass.authentication && event.activityID == 1)
        #expect(event.sourceProduct == "Microsoft Windows")
        #expect(event.sourceEventID == "srv-file01.corp.example/Security/1203345")
        #expect(event.outcome == "success" && event.severity == .informational)
        #expect(event.userName == "corp\\alice")
        #expect(event.srcIP == "10.20.30.142" && event.srcPort == 51602)
        #expect(event.details["logon_type"]?.string == "Network")
        #expect(event.entityKeys == ["host:srv-file01", "user:corp\\alice", "ip:10.20.30.142", "host:ws-0142"])
        #expect(event.entities(of: .user).first?.role == .target)
    }

    @Test func failedLogonIsAFailureOfLowSeverity() throws {
        let event = try winlogbeat()[5]
        #expect(event.title == "Logon failed")
        #expect(event.outcome == "failure" && event.severity == .low)
        #expect(event.userName == "corp\\administrator")
        #expect(event.details["status_code"]?.string == "0xc000006d")
    }

    @Test func logAnalyticsSecurityEventReadsTheEventDataXML() throws {
        let run = try FormatHarness.run(SysmonFormat(), file: Self.golden.appendingPathComponent("security_loganalytics.ndjson"))
        let event = try #require(run.accepted.first)
        #expect(event.time == 1_709_649_072_407_000)
        #expect(event.classUID == OCSFClass.processActivity && event.activityID == 1)
        #expect(event.sourceEventID == nil)
        #expect(event.processImage == "C:\\Windows\\System32\\rundll32.exe")
        #expect(event.processPID == 0x1a2c)
        #expect(event.processCommandLine == "rundll32.exe C:\\Windows\\System32\\comsvcs.dll, MiniDump 712 C:\\Users\\Public\\l.dmp full & echo done")
        #expect(event.parentProcessImage == "C:\\Windows\\System32\\WindowsPowerShell\\v1.0\\powershell.exe")
        #expect(event.details["process.parent_process.pid"]?.int == 0x17e8)
        #expect(event.entityKeys == ["host:srv-file01", "user:corp\\alice"])
    }

    @Test func flattenedMordorRecordUsesTopLevelFields() throws {
        let body = #"{"SourceName":"Microsoft-Windows-Sysmon","Channel":"Microsoft-Windows-Sysmon/Operational","Hostname":"WORKSTATION5","TimeCreated":"2020-10-18 07:50:06.220","EventID":11,"RecordNumber":"4411","Image":"C:\\Windows\\System32\\rundll32.exe","ProcessGuid":"{39e4a257-f37e-5f8b-c001-000000000500}","ProcessId":"4824","TargetFilename":"C:\\Users\\Public\\l.dmp","User":"WORKSTATION5\\wardog"}"#
        let event = try #require(FormatHarness.run(SysmonFormat(), body).accepted.first)
        #expect(EventTime.format(event.time) == "2020-10-18T07:50:06.220000Z")
        #expect(event.classUID == OCSFClass.fileActivity && event.activityID == 1)
        #expect(event.filePath == "C:\\Users\\Public\\l.dmp")
        #expect(event.sourceEventID == "workstation5/Microsoft-Windows-Sysmon/Operational/4411")
        #expect(event.entityKeys == ["host:workstation5", "user:workstation5\\wardog", "process:39e4a257-f37e-5f8b-c001-000000000500", "file:l.dmp"])
    }

    @Test func unknownEventIdsAreKeptWithTheirMessageAsTitle() throws {
        let body = #"{"@timestamp":"2024-03-05T14:00:00Z","Hostname":"DC01","Channel":"Application","EventID":1000,"Message":"Faulting application name: app.exe\r\nmore"}"#
        let event = try #require(FormatHarness.run(SysmonFormat(), body).accepted.first)
        #expect(event.classUID == 0 && event.activityID == 99)
        #expect(event.title == "Faulting application name: app.exe")
    }

    @Test func rejectsRecordsWithMissingOrMalformedHeaderFields() {
        let body = """
        {"winlog":{"channel":"Security","computer_name":"DC01","event_id":4624},"host":{"name":"dc01"}}
        {"@timestamp":"yesterday","winlog":{"channel":"Security","computer_name":"DC01","event_id":4624}}
        {"@timestamp":"2024-03-05T14:00:00Z","winlog":{"channel":"Security","computer_name":"DC01","event_id":"logon"}}
        {"@timestamp":"2024-03-05T14:00:00Z","winlog":{"channel":"Security","event_id":4624}}
        {"@timestamp":"2024-03-05T14:00:00Z","Hostname":"DC01"}
        {"@timestamp":"2024-03-05T14:00:00Z","Hostname":"DC01","EventID":3,"Channel":"Microsoft-Windows-Sysmon/Operational","EventData":"{broken"}
        [1, 2]
        """
        let run = FormatHarness.run(SysmonFormat(), body)
        #expect(run.accepted.isEmpty)
        let messages = run.rejected.map { "\($0.number): \($0.error)" }
        #expect(messages == [
            "1: field \"@timestamp\": missing",
            "2: field \"@timestamp\": not a date: \"yesterday\"",
            "3: field \"winlog.event_id\": expected an event id (0-65535), got \"logon\"",
            "4: field \"winlog.computer_name\": missing",
            "5: field \"EventID\": missing",
            "6: field \"EventData\": not a JSON object: {broken",
            "7: expected a JSON object, got an array",
        ])
    }

    @Test func survivesTruncatedAndHostileValues() {
        let body = """
        {"@timestamp":"2024-03-05T14:00:00Z","SyslogMessage":"<Event><System><EventID>"}
        {"@timestamp":"2024-03-05T14:00:00Z","SyslogMessage":"<Event><System><EventID>1</EventID><TimeCreated SystemTime=\\"2024-03-05T14:00:00Z\\"/><Computer>h</Computer></System><EventData><Data Name=\\"Image\\">x</Data><Data Name=\\"User"}
        {"@timestamp":"2024-03-05T14:00:00Z","Computer":"h","EventID":4624,"EventData":"<EventData><Data Name=\\"IpAddress\\">&#xFFFFFFFF;&bogus;</Data><Data"}
        {"@timestamp":"2024-03-05T14:00:00Z","Hostname":"h","EventID":1,"Channel":"Microsoft-Windows-Sysmon/Operational","ProcessId":"99999999999999999999","SourcePort":"-5","Hashes":"=,SHA256=,MD5"}
        """
        let run = FormatHarness.run(SysmonFormat(), body)
        #expect(run.accepted.count + run.rejected.count == 4)
        #expect(run.rejected.map(\.number) == [1])
        #expect(run.accepted.first?.processImage == "x")
    }
}
