import Foundation
import Testing
@testable import XDRIngest
import XDRModel

/// Golden audit.log lines for `auditd`: interleaved multi-record events, hex-encoded values,
/// ENRICHED names after 0x1D, a SOCKADDR and a PAM login.
@Suite struct AuditdFormatTests {
    static let golden = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Golden/auditd_enriched.log")

    func events() throws -> [NormalizedEvent] {
        let run = try FormatHarness.run(AuditdFormat(), file: Self.golden)
        #expect(run.rejected.isEmpty, "\(run.rejected.map { "\($0.number): \($0.error)" })")
        #expect(run.accepted.count == 3)
        return run.accepted
    }

    @Test func joinsExecveRecordsIntoOneProcessLaunch() throws {
        let event = try events()[0]
        #expect(event.time == 1_709_650_000_123_000)
        #expect(event.classUID == OCSFClass.processActivity && event.activityID == 1)
        #expect(event.kind == .telemetry && event.severity == .informational && event.outcome == "success")
        #expect(event.sourceProduct == "Linux auditd" && event.sourceFormat == "auditd")
        #expect(event.sourceEventID == "web01.corp.example:1709650000.123:5001")
        #expect(event.title == "Process launched: execve /usr/bin/curl")
        #expect(event.processImage == "/usr/bin/curl")
        // The hex-encoded argument is decoded; the spaces in it survive.
        #expect(event.processCommandLine == "curl -o /tmp/my tool")
        #expect(event.processPID == 2245)
        #expect(event.details["process.parent_process.pid"]?.int == 2210)
        #expect(event.details["process.working_directory"]?.string == "/home/alice")
        #expect(event.details["rule.name"]?.string == "T1105_download")
        #expect(event.attackTechniques == ["T1105"])
        #expect(event.userName == "alice")
        #expect(event.entityKeys == ["host:web01", "user:alice"])
        #expect(event.raw.split(separator: "\n").count == 5)
    }

    @Test func connectWithSockaddrIsANetworkEvent() throws {
        let event = try events()[1]
        #expect(event.classUID == OCSFClass.networkActivity && event.activityID == 1)
        #expect(event.outcome == "failure")
        #expect(event.dstIP == "203.0.113.13" && event.dstPort == 443)
        #expect(event.processCommandLine == "curl -o /tmp/my tool")
        #expect(event.entityKeys == ["host:web01", "ip:203.0.113.13"])
    }

    @Test func failedPamLoginIsALowSeverityAuthenticationFailure() throws {
        let event = try events()[2]
        #expect(event.time == 1_709_650_100_500_000)
        #expect(event.classUID == OCSFClass.authentication && event.activityID == 1)
        #expect(event.outcome == "failure" && event.severity == .low)
        #expect(event.title == "User login: alice")
        #expect(event.userName == "alice")
        #expect(event.srcIP == "203.0.113.9")
        #expect(event.entityKeys == ["host:web01", "user:alice", "ip:203.0.113.9"])
        #expect(event.entities(of: .user).first?.role == .target)
    }

    @Test func rejectsLinesThatAreNotAuditRecords() {
        let body = """
        type=SYSCALL msg=audit(1709650000.123:5001): arch=c000003e syscall=59 success=yes exe="/bin/true"
        Mar  5 14:00:00 web01 sshd[22]: Accepted password for alice
        type=SYSCALL msg=audit(yesterday:5002): arch=c000003e
        type=PATH item=0 name="/etc/shadow"
        """
        let run = FormatHarness.run(AuditdFormat(), body)
        #expect(run.accepted.count == 1)
        #expect(run.rejected.map { "\($0.number): \($0.error)" } == [
            "2: field \"type\": not an audit record (no type=): \"Mar  5 14:00:00 web01 sshd[22]: Accepted password for alice\"",
            "3: field \"msg\": not an audit time and serial: audit(yesterday:5002)",
            "4: field \"msg\": missing msg=audit(<time>:<serial>) in PATH record",
        ])
    }

    @Test func decodesOnlyUpperCaseHexOfEvenLength() {
        #expect(AuditdRecord.decodeHex("2F62696E2F7368", nulAsSpace: false) == "/bin/sh")
        #expect(AuditdRecord.decodeHex("617270002D61", nulAsSpace: true) == "arp -a")
        #expect(AuditdRecord.decodeHex("deadbeef", nulAsSpace: false) == nil)
        #expect(AuditdRecord.decodeHex("ABC", nulAsSpace: false) == nil)
    }

    @Test func survivesTruncatedAndHostileValues() {
        let body = """
        type=SYSCALL msg=audit(1709650000.123:1): a0= key=" exe=
        type=SOCKADDR msg=audit(1709650000.123:1): saddr=0A00
        type=USER_LOGIN msg=audit(1709650000.200:2): msg='op=login acct=
        type=EXECVE msg=audit(1709650000.300:3): argc=99999999999 a0=ABC a1=00
        type=X msg=audit(99999999999999999999.1:4):
        """
        let run = FormatHarness.run(AuditdFormat(), body)
        #expect(run.accepted.count == 3)
        #expect(run.rejected.map(\.number) == [5])
    }
}
