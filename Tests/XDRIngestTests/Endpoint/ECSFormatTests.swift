import Foundation
import Testing
@testable import XDRIngest
import XDRModel

/// Golden ECS documents as Elastic Defend and Auditbeat write them.
@Suite struct ECSFormatTests {
    static let golden = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Golden/ecs_endpoint.ndjson")

    func events() throws -> [NormalizedEvent] {
        let run = try FormatHarness.run(ECSFormat(), file: Self.golden)
        #expect(run.rejected.isEmpty, "\(run.rejected.map { "\($0.number): \($0.error)" })")
        return run.accepted
    }

    @Test func processStartIsProcessLaunchTelemetry() throws {
        let event = try events()[0]
        #expect(event.time == 1_709_648_467_512_000)
        #expect(event.classUID == OCSFClass.processActivity && event.activityID == 1)
        #expect(event.kind == .telemetry && event.severity == .informational && event.outcome == nil)
        #expect(event.sourceProduct == "Elastic Defend" && event.sourceFormat == "ecs")
        #expect(event.sourceEventID == "NjYxMi0xNzA5NjQ4NDY3")
        #expect(event.title == "Process started: powershell.exe -nop -w hidden -enc SQBFAFgA")
        #expect(event.processPID == 6120 && event.parentProcessImage == "C:\\Program Files\\Microsoft Office\\root\\Office16\\WINWORD.EXE")
        #expect(event.userName == "corp\\alice")
        #expect(event.entityKeys == [
            "host:ws-0142", "ip:10.20.30.142", "user:corp\\alice",
            "process:zme0yjm5yzitnjeymc0xnza5njq4ndy3", "process:zme0yjm5yzitndm4oc0xnza5njq4ndaw",
            "hash:de96a6e69944335375dc1ac238336066889d9ffc7d73628ef4fe1b1b160ab32c", "hash:7353f60b1739074eb17c5f4dddefe239",
        ])
    }

    @Test func networkEventHasEndpointsAndDomain() throws {
        let event = try events()[1]
        #expect(event.classUID == OCSFClass.networkActivity && event.activityID == 1)
        #expect(event.srcIP == "10.20.30.142" && event.dstIP == "203.0.113.77" && event.dstPort == 443)
        #expect(event.networkProtocol == "tcp" && event.domain == "cdn.bad-updates.example")
    }

    @Test func endpointAlertIsADetectionWithRiskBandSeverityAndAttack() throws {
        let event = try events()[2]
        #expect(event.kind == .detection && event.classUID == OCSFClass.detectionFinding)
        #expect(event.severity == .high)
        #expect(event.title == "LSASS Memory Access via PowerShell")
        #expect(event.ruleID == "a3b4c5d6-7e8f-4a0b-9c1d-2e3f4a5b6c7d")
        #expect(event.attackTechniques == ["T1003", "T1003.001"])
        #expect(event.attackTactics == ["credential_access"])
        #expect(event.details["finding_info.desc"]?.string == "Malicious Behavior Detection Alert: LSASS Memory Access via PowerShell")
    }

    @Test func auditbeatFailedLoginIsLowAuthenticationFailure() throws {
        let event = try events()[3]
        #expect(event.classUID == OCSFClass.authentication && event.activityID == 1)
        #expect(event.sourceProduct == "Elastic Auditbeat")
        #expect(event.outcome == "failure" && event.severity == .low)
        #expect(event.entities(of: .user).first?.role == .target)
        #expect(event.entityKeys == ["host:web01", "user:alice", "ip:198.51.100.23"])
    }

    @Test func kibanaAlertSeverityNameWins() throws {
        let body = #"{"@timestamp":"2024-03-05T14:26:00Z","event":{"kind":"signal"},"kibana.alert.uuid":"9f1c","kibana.alert.rule.name":"Suspicious LSASS Access","kibana.alert.rule.uuid":"r-1","kibana.alert.severity":"critical","kibana.alert.risk_score":99,"kibana.alert.rule.threat":[{"framework":"MITRE ATT&CK","tactic":{"id":"TA0006","name":"Credential Access"},"technique":[{"id":"T1003","subtechnique":[{"id":"T1003.001"}]}]}],"host":{"name":"ws-0142"}}"#
        let event = try #require(FormatHarness.run(ECSFormat(), body).accepted.first)
        #expect(event.severity == .critical && event.sourceEventID == "9f1c" && event.ruleID == "r-1")
        #expect(event.sourceProduct == "Elastic Security")
        #expect(event.attackTechniques == ["T1003", "T1003.001"])
    }

    @Test func rejectsDocumentsThatAreNotECSEvents() {
        let body = """
        {"event":{"category":["process"]}}
        {"@timestamp":"not-a-time","event":{"category":["process"]}}
        {"@timestamp":"2024-03-05T14:26:00Z","host":{"name":"h"}}
        {"@timestamp":"2024-03-05T14:26:00Z","event":{"kind":"alert","severity":"very"}}
        """
        let messages = FormatHarness.run(ECSFormat(), body).rejected.map { "\($0.number): \($0.error)" }
        #expect(messages == [
            "1: field \"@timestamp\": missing",
            "2: field \"@timestamp\": not a date: \"not-a-time\"",
            "3: field \"event.category\": missing (an ECS event names event.category, event.kind or event.action)",
            "4: field \"event.severity\": expected a score from 0 to 100, got \"very\"",
        ])
    }

    @Test func survivesOutOfRangeNumbers() {
        let body = """
        {"@timestamp":"2024-03-05T14:26:00Z","event":{"kind":"alert","severity":1e300}}
        {"@timestamp":"2024-03-05T14:26:00Z","event":{"category":"process"},"process":{"pid":1e300},"source":{"port":1e30}}
        """
        let run = FormatHarness.run(ECSFormat(), body)
        #expect(run.rejected.map(\.number) == [1])
        #expect(run.accepted.first?.processPID == nil)
    }
}
