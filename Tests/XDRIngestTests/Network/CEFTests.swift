import Foundation
import Testing
@testable import XDRIngest
import XDRModel

@Suite struct CEFTests {
    let format = CEF()

    static let golden = #"""
    <134>1 2026-11-22T10:00:00.000Z fw01.corp.example firewall - TRAFFIC - CEF:0|Acme|NGFW|9.1|TRAFFIC|end|3|rt=1795341600123 src=10.1.2.3 spt=49712 dst=203.0.113.7 dpt=443 proto=TCP act=allow suser=CORP\\alice smac=00-0C-29-AA-BB-CC app=ssl in=9000 out=1500 cs1Label=Rule cs1=allow-web externalId=7001
    <132>Nov 22 10:00:01 fw01 CEF:0|Acme|NGFW|9.1|THREAT|Cobalt Strike Beacon Detection|7|rt=Nov 22 2026 10:00:01 UTC src=10.1.2.3 spt=49713 dst=203.0.113.7 dpt=443 proto=tcp act=reset-both cat=command-and-control request=https://c2.evil.example/beacon fileHash=E3B0C44298FC1C149AFBF4C8996FB92427AE41E4649B934CA495991B7852B855 cs2Label=MITRE Technique cs2=T1071.001 externalId=7002
    CEF:0|Acme|NGFW|9.1|TRAFFIC|drop|3|rt=Nov 22 2026 11:00:02.500 +01:00 src=198.51.100.4 spt=5555 dst=10.1.2.3 dpt=22 proto=6 act=drop
    CEF:0|Acme|Console|2.0|userAuthenticate|userAuthenticate|1|duser=alice@corp.example outcome=false rt=1795341603000
    """#

    @Test func normalisesAllowedTrafficAsTelemetry() throws {
        let run = FormatHarness.run(format, Self.golden)
        #expect(run.rejected.isEmpty, "\(run.rejected.map { $0.error.description })")
        #expect(run.accepted.count == 4)
        let traffic = run.accepted[0]
        #expect(traffic.time == 1_795_341_600_123_000)
        #expect(traffic.kind == .telemetry)
        #expect(traffic.classUID == OCSFClass.networkActivity && traffic.activityID == 6)
        #expect(traffic.severity == .low)
        #expect(traffic.sourceProduct == "Acme NGFW")
        #expect(traffic.sourceEventID == "7001")
        #expect(traffic.ruleID == "TRAFFIC")
        #expect(traffic.title == "end tcp 10.1.2.3:49712 → 203.0.113.7:443")
        #expect(traffic.hostname == "fw01.corp.example")
        #expect(traffic.userName == #"corp\alice"#)
        #expect(traffic.entityKeys == ["ip:10.1.2.3", "ip:203.0.113.7", "mac:00:0c:29:aa:bb:cc", #"user:corp\alice"#, "host:fw01"])
        #expect(traffic.details["unmapped.Rule"] == .string("allow-web"))
        #expect(traffic.details["traffic.bytes_in"] == .number("9000"))
        #expect(traffic.details["syslog.facility"] == .number("16"))
        #expect(traffic.details["time_source"] == .string("rt"))
    }

    @Test func normalisesAThreatAsADetection() throws {
        let threat = FormatHarness.run(format, Self.golden).accepted[1]
        #expect(threat.kind == .detection)
        #expect(threat.classUID == OCSFClass.detectionFinding)
        #expect(threat.severity == .high)
        #expect(threat.title == "Cobalt Strike Beacon Detection")
        #expect(threat.time == 1_795_341_601_000_000)
        #expect(threat.attackTechniques == ["T1071.001"])
        #expect(threat.url == "https://c2.evil.example/beacon")
        #expect(threat.fileHashes["sha256"] == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        #expect(threat.entityKeys.contains("domain:c2.evil.example"))
        #expect(threat.entityKeys.contains("host:fw01"))
    }

    @Test func treatsDeniedTrafficAsADetectionAndReadsZones() {
        let run = FormatHarness.run(format, Self.golden)
        let drop = run.accepted[2]
        #expect(drop.kind == .detection)
        #expect(drop.title == "TRAFFIC drop tcp 198.51.100.4:5555 → 10.1.2.3:22")
        #expect(drop.severity == .low)
        #expect(drop.time == 1_795_341_602_500_000) // 11:00:02.5 at +01:00
        #expect(drop.networkProtocol == "tcp")
        #expect(drop.hostname == nil)

        let login = run.accepted[3]
        #expect(login.kind == .telemetry)
        #expect(login.classUID == OCSFClass.authentication && login.activityID == 1)
        #expect(login.outcome == "failure")
        #expect(login.userName == "alice@corp.example")
    }

    @Test func recognisesThreatWordsAtWordStartsOnly() {
        func kind(_ line: String) -> EventKind? { FormatHarness.run(format, line).accepted.first?.kind }
        #expect(kind("CEF:0|V|P|1|AntiMalwareScan|Scan finished|1|") == .detection)
        #expect(kind("CEF:0|V|P|1|100|threat found|1|") == .detection)
        #expect(kind("CEF:0|V|P|1|100|Session|1|cat=c2/beacon") == .detection)
        #expect(kind("CEF:0|V|P|1|100|ec2 instance started|1|") == .telemetry)
        #expect(kind("CEF:0|V|P|1|100|Config change|1|act=allow") == .telemetry)
        #expect(kind("CEF:0|F-Secure|EDR||deepGuard.blocked|DeepGuard event|1|") == .detection)
    }

    @Test func mapsCEFSeverity() throws {
        #expect(try CEF.severity("0") == .low)
        #expect(try CEF.severity("3") == .low)
        #expect(try CEF.severity("4") == .medium)
        #expect(try CEF.severity("6") == .medium)
        #expect(try CEF.severity("7") == .high)
        #expect(try CEF.severity("8") == .high)
        #expect(try CEF.severity("9") == .critical)
        #expect(try CEF.severity("10") == .critical)
        #expect(try CEF.severity("Very-High") == .critical)
        #expect(try CEF.severity("medium") == .medium)
        #expect(try CEF.severity("Unknown") == .unknown)
    }

    @Test func takesTheDeviceFromTheSyslogHeader() {
        let byAddress = FormatHarness.run(format, "<134>Nov 22 10:00:00 192.0.2.10 CEF:0|V|P|1|1|N|1|msg=x").accepted.first
        #expect(byAddress?.entityKeys == ["ip:192.0.2.10"])
        #expect(byAddress?.details["syslog.hostname"] == .string("192.0.2.10"))
        let byName = FormatHarness.run(format, "<134>Nov 22 10:00:00 fw02.corp.example CEF:0|V|P|1|1|N|1|msg=x").accepted.first
        #expect(byName?.hostname == "fw02.corp.example")
        // Received 2026-09-21: a November line more than a month ahead belongs to the year before.
        #expect(byName.map { EventTime.format($0.time) } == "2025-11-22T10:00:00.000000Z")
    }

    @Test func fallsBackToTheSyslogOrReceiptTime() {
        let header = FormatHarness.run(format, "<13>1 2026-11-22T10:00:00.5Z h a - - - CEF:0|V|P|1|1|N|1|msg=x").accepted.first
        #expect(header?.time == 1_795_341_600_500_000)
        #expect(header?.details["time_source"] == .string("syslog"))
        let received = FormatHarness.run(format, "CEF:0|V|P|1|1|N|1|msg=x").accepted.first
        #expect(received?.time == FormatHarness.receivedAt)
        #expect(received?.details["time_source"] == .string("received"))
    }

    @Test func rejectsMalformedRecordsNamingTheField() {
        let body = """
        <134>Nov 22 10:00:00 host just a syslog line
        CEF:0|V|P|1|1|N|3
        CEF:0|V|P|1|1|N|11|src=10.0.0.1
        CEF:0|V|P|1|1|N|3|rt=yesterday
        CEF:0|V|P|1|1|N|3|src=10.0.0.300
        CEF:0|V|P|1|1|N|3|spt=http
        CEF:0|V|P
        """
        let messages = FormatHarness.run(format, body).rejected.map { $0.error.description }
        #expect(messages == [
            "field \"header\": no \"CEF:\" header in the line",
            "field \"severity\": expected 0 to 10 or Low, Medium, High, Very-High, Unknown, got \"11\"",
            "field \"rt\": not a date: \"yesterday\"",
            "field \"src\": not an IP address: \"10.0.0.300\"",
            "field \"spt\": expected a port number (0-65535), got \"http\"",
            "field \"header\": CEF header ends after 2 of its 7 \"|\"-separated fields (Version|Vendor|Product|Version|SignatureID|Name|Severity)",
        ])
    }

    /// Every CEF sample (network and endpoint consoles) is accepted. Without `XDR_SHARED_DIR` and
    /// without the `../shared` folder the corpus is absent and the test returns.
    @Test func acceptsTheRealSamples() throws {
        guard Samples.directory != nil else {
            if ProcessInfo.processInfo.environment["XDR_SHARED_DIR"] == nil { return }
            Issue.record("../shared/samples not found")
            return
        }
        var total = 0
        for folder in ["network/cef", "endpoint/crowdstrike_falcon_cef", "endpoint/withsecure_cef"] {
            let files = Samples.files(in: folder)
            #expect(!files.isEmpty, "\(folder)")
            for file in files {
                let run = try FormatHarness.run(format, file: file)
                let detections = run.accepted.filter { $0.kind == .detection }.count
                print("samples cef \(file.lastPathComponent): \(run.accepted.count) accepted (\(detections) detections), \(run.rejected.count) rejected")
                #expect(run.rejected.isEmpty, "\(file.path): \(run.rejected.prefix(3).map { "line \($0.number): \($0.error)" })")
                #expect(run.accepted.allSatisfy { $0.title != nil && !$0.sourceProduct.isEmpty })
                total += run.accepted.count
            }
        }
        #expect(total >= 120)
    }
}
