import Foundation
import Testing
@testable import XDRIngest
import XDRModel

@Suite struct ProofpointTAPTests {
    let format = ProofpointTAP()

    func siemAll() throws -> FormatHarness.Run {
        FormatHarness.run(format, EmailGolden.proofpointSiemAll)
    }

    @Test func expandsTheSiemAllDocumentIntoItemsInBucketOrder() throws {
        let run = try siemAll()
        #expect(run.accepted.count == 3)
        #expect(run.accepted.map { $0.details["metadata.log_name"]?.text } == ["messagesDelivered", "messagesBlocked", "clicksPermitted"])
        #expect(run.rejected.count == 1)
        #expect(run.rejected.first?.number == 3)
        #expect(run.rejected.first?.error.description == "field \"messagesBlocked[1].messageTime\": not a date: \"not a time\"")
        // Each item keeps its own bytes from the document.
        #expect(run.accepted[1].raw.hasPrefix("{\n      \"GUID\": \"b27dbea0-87d5-463b-b93c-4e8b708289ce\""))
        #expect(run.accepted[1].raw.hasSuffix("}"))
        #expect(run.accepted.allSatisfy { $0.sourceFormat == "proofpoint" && $0.sourceProduct == "Proofpoint TAP" })
    }

    @Test func deliveredMalwareMessageIsACriticalDetection() throws {
        let event = try siemAll().accepted[0]
        #expect(event.time == 1_709_633_730_000_000)
        #expect(event.classUID == OCSFClass.emailActivity)
        #expect(event.activityID == 2)
        #expect(event.kind == .detection)
        #expect(event.severity == .critical)
        #expect(event.outcome == "success")
        #expect(event.sourceEventID == "c26dbea0-80d5-463b-b93c-4e8b708219ce")
        #expect(event.title == "Malware, Phish message delivered: Invoice 7731 overdue")
        #expect(event.emailFrom == "billing@contoso-billing.example")
        #expect(event.emailTo == ["alice.smith@fabrikam.example", "finance@fabrikam.example"])
        #expect(event.emailMessageID == "20240305101530.abc@mail.contoso-billing.example")
        #expect(event.attackTechniques == ["T1566"])
        #expect(event.fileHashes == ["sha256": "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08",
                                     "md5": "5873c7d37608e0d49bcaa6f32b6c731f"])
        #expect(event.entityKeys == [
            "email_message:20240305101530.abc@mail.contoso-billing.example",
            "email_message:c26dbea0-80d5-463b-b93c-4e8b708219ce",
            "email:billing@contoso-billing.example", "user:billing@contoso-billing.example",
            "email:bounce@contoso-billing.example", "user:bounce@contoso-billing.example",
            "ip:203.0.113.45",
            "email:alice.smith@fabrikam.example", "user:alice.smith@fabrikam.example",
            "email:finance@fabrikam.example", "user:finance@fabrikam.example",
            "email:pay-desk@freemail.example",
            "file:invoice_7731.docm",
            "hash:9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08",
            "hash:5873c7d37608e0d49bcaa6f32b6c731f",
            "url:http://login.contoso-billing.example/pay", "domain:login.contoso-billing.example",
        ])
        #expect(event.details["email.malware_score"] == .number("100"))
        #expect(event.details["finding_info.types"] == .strings(["malware", "phish"]))
        #expect(event.details["finding_info.campaign_uid"] == .strings(["46e01b8a-c899-404d-bcd9-189bb393d1a7"]))
        #expect(event.details["email.queue_id"] == "r2FNwRHF004109")
    }

    @Test func blockedImpostorMessageIsAMediumDetectionThatFailed() throws {
        let event = try siemAll().accepted[1]
        #expect(event.time == 1_709_635_212_500_000)
        #expect(event.kind == .detection)
        #expect(event.severity == .medium)
        #expect(event.outcome == "failure")
        #expect(event.title == "Impostor message blocked: Urgent wire")
        #expect(event.details["email.quarantine_folder"] == "Impostor")
        #expect(event.entityKeys == [
            "email_message:bec-001@fabr1kam.example", "email_message:b27dbea0-87d5-463b-b93c-4e8b708289ce",
            "email:ceo@fabr1kam.example", "user:ceo@fabr1kam.example", "ip:192.0.2.77",
            "email:cfo@fabrikam.example", "user:cfo@fabrikam.example",
        ])
    }

    @Test func permittedPhishClickJoinsTheMessageAndTheClicker() throws {
        let run = try siemAll()
        let click = run.accepted[2]
        #expect(click.time == 1_709_636_564_250_000)
        #expect(click.classUID == OCSFClass.httpActivity)
        #expect(click.kind == .detection)
        #expect(click.severity == .high)
        #expect(click.outcome == "success")
        #expect(click.sourceEventID == "a5c9f8bb-4999-4a1d-8a9f-1f4e2c7a0b11")
        #expect(click.title == "Phish URL click permitted: login.contoso-billing.example")
        #expect(click.userName == "alice.smith@fabrikam.example")
        #expect(click.srcIP == "198.51.100.23")
        #expect(click.attackTechniques == ["T1204.001"])
        #expect(click.details["finding_info.first_seen_time"] == "2024-03-05T10:21:00.000000Z")
        #expect(click.entityKeys == [
            "email_message:20240305101530.abc@mail.contoso-billing.example",
            "email_message:c26dbea0-80d5-463b-b93c-4e8b708219ce",
            "url:http://login.contoso-billing.example/pay", "domain:login.contoso-billing.example",
            "email:alice.smith@fabrikam.example", "user:alice.smith@fabrikam.example",
            "ip:198.51.100.23",
            "email:bounce@contoso-billing.example", "user:bounce@contoso-billing.example",
            "ip:203.0.113.45",
        ])
        #expect(Set(click.entityKeys).isSuperset(of: ["email_message:20240305101530.abc@mail.contoso-billing.example"]))
        #expect(run.accepted[0].entityKeys.contains("email_message:20240305101530.abc@mail.contoso-billing.example"))
    }

    @Test func singleItemsTakeTheirBucketFromTheHint() {
        let items = """
        {"GUID":"g1","messageTime":"2024-03-05T10:15:30Z","sender":"a@x.example","recipient":["b@y.example"],"subject":"hello","threatsInfoMap":[]}
        {"GUID":"g2","id":"c2","clickTime":"2024-03-05T10:15:31Z","url":"https://bad.example/x","classification":"malware","recipient":"b@y.example","threatStatus":"active"}
        """
        let unhinted = FormatHarness.run(format, items)
        #expect(unhinted.rejected.isEmpty)
        #expect(unhinted.accepted.map(\.classUID) == [4009, 4002])
        #expect(unhinted.accepted[0].kind == .telemetry)
        #expect(unhinted.accepted[0].title == "Message a@x.example → b@y.example seen")
        #expect(unhinted.accepted[0].outcome == nil)
        #expect(unhinted.accepted[1].severity == .high)
        #expect(unhinted.accepted[1].title == "Malware URL click seen: bad.example")

        let blocked = FormatHarness.run(format, #"{"GUID":"g2","id":"c2","clickTime":"2024-03-05T10:15:31Z","url":"https://bad.example/x","classification":"malware","recipient":"b@y.example"}"#,
                                        hint: "clicksBlocked")
        #expect(blocked.accepted.first?.outcome == "failure")
        #expect(blocked.accepted.first?.title == "Malware URL click blocked: bad.example")
    }

    @Test func falsePositiveThreatsAreTelemetry() {
        let item = #"{"GUID":"g3","messageTime":"2024-03-05T10:15:30Z","sender":"a@x.example","threatsInfoMap":[{"classification":"phish","threat":"http://ok.example/","threatType":"url","threatStatus":"falsePositive"}]}"#
        let event = FormatHarness.run(format, item, hint: "messagesDelivered").accepted.first
        #expect(event?.kind == .telemetry)
        #expect(event?.severity == .informational)
        #expect(event?.entityKeys.contains("url:http://ok.example/") == false)
    }

    @Test func malformedItemsNameTheField() {
        let cases: [(String, String)] = [
            (#"{"GUID":"g","sender":"a@x.example","subject":"s"}"#, "field \"messageTime\": missing"),
            (#"{"GUID":"g","messageTime":1709633730}"#, "field \"messageTime\": expected a non-empty string, got a number"),
            (#"{"GUID":"g","messageTime":"2024-03-05T10:15:30Z","threatsInfoMap":{"x":1}}"#, "field \"threatsInfoMap\": expected an array, got an object"),
            (#"{"GUID":"g","messageTime":"2024-03-05T10:15:30Z","threatsInfoMap":[{"threat":"x"}]}"#, "field \"threatsInfoMap[0].classification\": missing"),
            (#"{"GUID":"g","messageTime":"2024-03-05T10:15:30Z","recipient":42}"#, "field \"recipient\": expected an array of strings, got a number"),
            (#"{"GUID":"g","messageTime":"2024-03-05T10:15:30Z","spamScore":"high"}"#, "field \"spamScore\": expected a number, got \"high\""),
            (#"{"id":"c","clickTime":"2024-03-05T10:15:30Z","classification":"phish"}"#, "field \"url\": missing"),
            (#"{"queryEndTime":"2024-03-05T11:00:00Z","clicksBlocked":{"a":1}}"#, "field \"clicksBlocked\": expected an array, got an object"),
            (#"{"queryEndTime":"2024-03-05T11:00:00Z","messagesDelivered":[7]}"#, "expected a JSON object, got a number"),
            ("[1]", "expected a JSON object, got a number"),
        ]
        for (body, expected) in cases {
            let run = FormatHarness.run(format, body)
            #expect(run.accepted.isEmpty, "\(body)")
            #expect(run.rejected.first?.error.description == expected, "\(body)")
        }
    }

    @Test func anEmptyResponseYieldsNothing() {
        let run = FormatHarness.run(format, #"{"queryEndTime":"2024-03-05T11:00:00Z","messagesDelivered":[],"messagesBlocked":[],"clicksPermitted":[],"clicksBlocked":[]}"#)
        #expect(run.accepted.isEmpty && run.rejected.isEmpty)
    }
}
