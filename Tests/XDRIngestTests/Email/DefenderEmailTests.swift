import Foundation
import Testing
@testable import XDRIngest
import XDRModel

@Suite struct DefenderEmailTests {
    let format = DefenderEmail()

    func streamed() throws -> FormatHarness.Run {
        FormatHarness.run(format, EmailGolden.defenderStreaming)
    }

    @Test func unwrapsEventHubRecordsAndRejectsOtherTables() throws {
        let run = try streamed()
        #expect(run.accepted.count == 5)
        #expect(run.rejected.count == 1)
        #expect(run.rejected.first?.number == 6)
        #expect(run.rejected.first?.error.description == "field \"category\": Advanced Hunting table \"AdvancedHunting-DeviceProcessEvents\" is not supported (EmailEvents, EmailAttachmentInfo, EmailUrlInfo, UrlClickEvents, CloudAppEvents (Exchange Online actions)); Device* tables belong to the endpoint layer")
        #expect(run.accepted.allSatisfy { $0.raw.hasPrefix("{\"time\": \"2024-03-05T") && $0.sourceFormat == "defender-email" })
    }

    @Test func phishDeliveredToInboxIsAHighConfidenceDetection() throws {
        let event = try #require(try streamed().accepted.first)
        #expect(event.time == 1_709_633_730_123_456)
        #expect(event.classUID == OCSFClass.emailActivity)
        #expect(event.activityID == 2)
        #expect(event.kind == .detection)
        // Malware → High, raised one step because it was delivered.
        #expect(event.severity == .critical)
        #expect(event.sourceProduct == "Microsoft Defender for Office 365")
        #expect(event.sourceEventID == "5e4b2c1a-9f3d-4a7b-8c6d-0e1f2a3b4c5d-11112222333344445555-1")
        #expect(event.title == "Phish, Malware email delivered: Invoice 7731 overdue")
        #expect(event.outcome == "success")
        #expect(event.emailFrom == "billing@contoso-billing.example")
        #expect(event.emailTo == ["alice.smith@fabrikam.example"])
        #expect(event.emailSubject == "Invoice 7731 overdue")
        #expect(event.emailMessageID == "cah7x9q=abc123@mail.contoso-billing.example")
        #expect(event.srcIP == "203.0.113.45")
        #expect(event.attackTechniques == ["T1566"])
        #expect(event.attackTactics == ["initial_access"])
        #expect(event.entityKeys == [
            "email_message:cah7x9q=abc123@mail.contoso-billing.example",
            "email_message:5e4b2c1a-9f3d-4a7b-8c6d-0e1f2a3b4c5d",
            "email:billing@contoso-billing.example", "user:billing@contoso-billing.example",
            "email:bounce@contoso-billing.example", "user:bounce@contoso-billing.example",
            "domain:contoso-billing.example", "ip:203.0.113.45",
            "email:alice.smith@fabrikam.example", "user:alice.smith@fabrikam.example",
            "cloud_principal:0f8e7d6c-5b4a-4321-9876-abcdefabcdef",
        ])
        #expect(event.details["finding_info.types"] == .strings(["Phish", "Malware"]))
        #expect(event.details["finding_info.analytic"]?["Phish"] == .strings(["URL detonation reputation"]))
        #expect(event.details["email.authentication_details"]?["DMARC"] == "fail")
        #expect(event.details["email.delivery_location"] == "Inbox/folder")
    }

    @Test func cleanOutboundMailIsInformationalTelemetry() throws {
        let event = try streamed().accepted[1]
        #expect(event.time == 1_709_633_762_000_000)
        #expect(event.kind == .telemetry)
        #expect(event.severity == .informational)
        #expect(event.activityID == 1)
        #expect(event.sourceEventID == "aa11bb22-cc33-4d44-8e55-ff6677889900")
        #expect(event.title == "Outbound message bob@fabrikam.example → partner@northwind.example (Delivered)")
        #expect(event.attackTechniques.isEmpty)
        #expect(event.entityKeys == [
            "email_message:weekly-report-42@fabrikam.example",
            "email_message:aa11bb22-cc33-4d44-8e55-ff6677889900",
            "email:bob@fabrikam.example", "user:bob@fabrikam.example", "ip:10.1.2.3",
            "email:partner@northwind.example", "user:partner@northwind.example",
        ])
    }

    @Test func malwareAttachmentIsADetectionWithItsHash() throws {
        let event = try streamed().accepted[2]
        #expect(event.time == 1_709_633_731_500_000)
        #expect(event.classUID == OCSFClass.emailFileActivity)
        #expect(event.kind == .detection)
        #expect(event.severity == .high)
        #expect(event.sourceEventID == "att-0001")
        #expect(event.title == "Malware attachment Invoice_7731.docm (TrojanDownloader:O97M/Obfuse.RV)")
        #expect(event.fileHashes["sha256"] == "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08")
        #expect(event.entityKeys.contains("hash:9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08"))
        #expect(event.entityKeys.contains("file:invoice_7731.docm"))
        #expect(event.attackTechniques == ["T1566.001"])
        #expect(event.details["malware.names"] == .strings(["TrojanDownloader:O97M/Obfuse.RV"]))
    }

    @Test func urlInfoIsTelemetryCarryingTheURL() throws {
        let event = try streamed().accepted[3]
        #expect(event.classUID == OCSFClass.emailURLActivity)
        #expect(event.kind == .telemetry)
        #expect(event.severity == .informational)
        #expect(event.title == "URL in email body: login.contoso-billing.example")
        #expect(event.entityKeys == [
            "email_message:5e4b2c1a-9f3d-4a7b-8c6d-0e1f2a3b4c5d",
            "url:https://login.contoso-billing.example/pay?id=7731",
            "domain:login.contoso-billing.example",
        ])
    }

    @Test func phishClickThroughIsADetectionOnTheClicker() throws {
        let event = try streamed().accepted[4]
        #expect(event.time == 1_709_636_564_250_000)
        #expect(event.classUID == OCSFClass.httpActivity)
        #expect(event.activityID == 3)
        #expect(event.kind == .detection)
        #expect(event.severity == .high)
        #expect(event.outcome == "success")
        #expect(event.sourceEventID == "click-0001")
        #expect(event.title == "Phish URL click allowed: login.contoso-billing.example")
        #expect(event.userName == "alice.smith@fabrikam.example")
        #expect(event.srcIP == "198.51.100.23")
        #expect(event.attackTactics == ["execution"])
        #expect(event.entityKeys == [
            "email_message:5e4b2c1a-9f3d-4a7b-8c6d-0e1f2a3b4c5d",
            "url:https://login.contoso-billing.example/pay?id=7731",
            "domain:login.contoso-billing.example",
            "email:alice.smith@fabrikam.example", "user:alice.smith@fabrikam.example",
            "ip:198.51.100.23",
        ])
    }

    @Test func messageAttachmentURLAndClickJoinOnTheNetworkMessageId() throws {
        let key = "email_message:5e4b2c1a-9f3d-4a7b-8c6d-0e1f2a3b4c5d"
        let joined = try streamed().accepted.filter { $0.entityKeys.contains(key) }
        #expect(joined.map(\.classUID) == [4009, 4011, 4012, 4002])
    }

    @Test func bareRowsFindTheirTableFromTypeHintOrColumns() {
        let rows = """
        {"Timestamp":"2024-03-05T10:15:30Z","NetworkMessageId":"n1","RecipientEmailAddress":"a@x.example","DeliveryAction":"Junked","ThreatTypes":"Spam","EmailDirection":"Inbound"}
        {"Type":"EmailAttachmentInfo","Timestamp":"2024-03-05T10:15:30Z","NetworkMessageId":"n1","FileName":"a.pdf"}
        {"Timestamp":"2024-03-05T10:15:30Z","NetworkMessageId":"n1","Url":"http://x.example/","UrlLocation":"Body"}
        {"Timestamp":"2024-03-05T10:15:30Z","Url":"http://x.example/","ActionType":"ClickBlocked","AccountUpn":"a@x.example","IsClickedThrough":false}
        """
        let run = FormatHarness.run(format, rows)
        #expect(run.rejected.isEmpty)
        #expect(run.accepted.map(\.classUID) == [4009, 4011, 4012, 4002])
        // Spam alone is filtered mail, not a detection.
        #expect(run.accepted[0].kind == .telemetry)
        #expect(run.accepted[0].severity == .low)
        #expect(run.accepted[3].outcome == "failure")
        #expect(run.accepted[3].severity == .low)

        let hinted = FormatHarness.run(format, #"{"Timestamp":"2024-03-05T10:15:30Z","NetworkMessageId":"n1","SHA256":"","FileName":"b.zip"}"#,
                                       hint: "AdvancedHunting-EmailAttachmentInfo")
        #expect(hinted.accepted.first?.classUID == 4011)
    }

    @Test func rejectsRowsWhoseTableCannotBeTold() {
        let run = FormatHarness.run(format, #"{"Timestamp":"2024-03-05T10:15:30Z","DeviceId":"d1","InitiatingProcessFileName":"x.exe"}"#)
        #expect(run.rejected.first?.error.reason.hasPrefix("cannot tell the Advanced Hunting table: the row has a Defender for Endpoint Device* row") == true)
    }

    @Test func malformedRowsNameTheField() {
        let cases: [(String, String)] = [
            (#"{"time":"2024-03-05T10:15:30Z","category":"AdvancedHunting-EmailEvents","properties":{"Timestamp":"2024-03-05T10:15:30Z","DeliveryAction":"Delivered"}}"#,
             "field \"properties.NetworkMessageId\": missing"),
            (#"{"time":"2024-03-05T10:15:30Z","category":"AdvancedHunting-EmailEvents","properties":{"Timestamp":"yesterday","NetworkMessageId":"n1"}}"#,
             "field \"properties.Timestamp\": not a date: \"yesterday\""),
            (#"{"time":"2024-03-05T10:15:30Z","category":"AdvancedHunting-EmailEvents","properties":{"Timestamp":1709633730,"NetworkMessageId":"n1"}}"#,
             "field \"properties.Timestamp\": expected a date string, got a number"),
            (#"{"category":"AdvancedHunting-EmailEvents","properties":"x"}"#,
             "field \"properties\": expected an object, got a string"),
            (#"{"Type":"EmailUrlInfo","Timestamp":"2024-03-05T10:15:30Z","NetworkMessageId":"n1","Url":42}"#,
             "field \"Url\": expected a non-empty string, got a number"),
            (#"{"Type":"EmailEvents","Timestamp":"2024-03-05T10:15:30Z","NetworkMessageId":"n1","AttachmentCount":"many"}"#,
             "field \"AttachmentCount\": expected an integer, got \"many\""),
            (#"["not","an","object"]"#, "expected a JSON object, got a string"),
        ]
        for (body, expected) in cases {
            let run = FormatHarness.run(format, body)
            #expect(run.accepted.isEmpty, "\(body)")
            #expect(run.rejected.first?.error.description == expected, "\(body)")
        }
    }

    /// The M365 Defender sample mixes tables: Defender for Endpoint `DeviceEvents`, Defender for
    /// Identity directory events, and `CloudAppEvents`. Only the Exchange Online `MailItemsAccessed`
    /// row is mail activity; the others are rejected with the reason. When the sample folder is
    /// absent and `XDR_SHARED_DIR` is unset the test has nothing to read and returns.
    @Test func acceptsTheMailboxAccessRowOfTheM365DefenderSample() throws {
        guard Samples.directory != nil else {
            if ProcessInfo.processInfo.environment["XDR_SHARED_DIR"] == nil { return }
            Issue.record("../shared/samples not found")
            return
        }
        let files = Samples.files(in: "email/m365_defender_json")
        #expect(!files.isEmpty)
        for file in files {
            let run = try FormatHarness.run(format, file: file)
            print("samples defender-email \(file.lastPathComponent): \(run.accepted.count) accepted, \(run.rejected.count) rejected")
            #expect(run.accepted.count == 1)
            let access = try #require(run.accepted.first)
            #expect(access.apiOperation == "MailItemsAccessed")
            #expect(access.classUID == OCSFClass.apiActivity && access.activityID == 2)
            #expect(access.time == 1_627_911_127_000_000)
            #expect(access.entityKeys.contains("user:pgustavo@simulandlabs.com"))
            #expect(access.entityKeys.contains("cloud_principal:5a95e683-08ad-424e-a441-1d1aec52c02c"))
            #expect(access.entityKeys.contains("ip:1.2.3.4"))
            #expect(access.details["email.mail_access_type"] == "Bind")
            #expect(access.title == "MailItemsAccessed on mailbox pgustavo@simulandlabs.com by SimuLandApp")
            let reasons = run.rejected.map(\.error.description)
            #expect(run.rejected.map(\.number) == [1, 2, 3, 4, 5, 6, 7, 9])
            #expect(reasons.filter { $0.contains("the row has a Defender for Endpoint Device* row") }.count == 5)
            #expect(reasons.filter { $0.contains("the row has a Defender for Identity Identity* row") }.count == 2)
            #expect(reasons.last == "field \"Application\": CloudAppEvents of \"Office 365\" (ActionType \"Add delegated permission grant.\") are not mail activity; only Microsoft Exchange Online mailbox actions are read by defender-email, send other CloudAppEvents to the cloud layer")
        }
    }
}
