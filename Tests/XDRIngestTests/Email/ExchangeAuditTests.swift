import Foundation
import Testing
@testable import XDRIngest
import XDRModel

@Suite struct ExchangeAuditTests {
    let format = ExchangeAudit()

    static let records = #"""
    {"CreationTime":"2024-03-05T12:00:00","Id":"8f1c2d3e-0000-4000-8000-000000000001","Operation":"MailItemsAccessed","OrganizationId":"7d1a2b3c-0000-4000-8000-00000000cafe","RecordType":50,"ResultStatus":"Succeeded","UserKey":"10032001A1B2C3D4","UserType":0,"Version":1,"Workload":"Exchange","UserId":"alice.smith@fabrikam.example","ClientIPAddress":"198.51.100.23:50123","ClientInfoString":"Client=REST;;","ExternalAccess":false,"LogonType":0,"MailboxGuid":"d0c5f8ae-9ed7-4e46-bfdf-ea1460f5a31b","MailboxOwnerUPN":"Alice.Smith@fabrikam.example","OperationProperties":[{"Name":"MailAccessType","Value":"Bind"},{"Name":"IsThrottled","Value":"False"}],"Folders":[{"Id":"LgAAAA","Path":"\\Inbox","FolderItems":[{"InternetMessageId":"<20240305101530.ABC@mail.contoso-billing.example>","SizeInBytes":48213}]}],"ClientAppId":"5a95e683-08ad-424e-a441-1d1aec52c02c","AppId":"00000003-0000-0000-c000-000000000000"}
    {"CreationTime":"2024-03-05T12:05:10","Id":"8f1c2d3e-0000-4000-8000-000000000002","Operation":"New-InboxRule","OrganizationId":"7d1a2b3c-0000-4000-8000-00000000cafe","RecordType":1,"ResultStatus":"True","UserKey":"10032001A1B2C3D4","UserType":0,"Workload":"Exchange","ClientIP":"[2001:db8::23]:443","ObjectId":"fabrikam.example/Users/alice.smith\\.","UserId":"alice.smith@fabrikam.example","Parameters":[{"Name":"Mailbox","Value":"alice.smith@fabrikam.example"},{"Name":"Name","Value":"."},{"Name":"SubjectContainsWords","Value":"invoice;payment"},{"Name":"ForwardTo","Value":"pay-desk@freemail.example"},{"Name":"DeleteMessage","Value":"True"}]}
    {"RecordType":"ExchangeItem","CreationDate":"2024-03-05T12:07:00","UserIds":"alice.smith@fabrikam.example","Operations":"Send","AuditData":"{\"CreationTime\":\"2024-03-05T12:07:00\",\"Id\":\"8f1c2d3e-0000-4000-8000-000000000003\",\"Operation\":\"Send\",\"ResultStatus\":\"Succeeded\",\"Workload\":\"Exchange\",\"UserId\":\"alice.smith@fabrikam.example\",\"MailboxOwnerUPN\":\"alice.smith@fabrikam.example\",\"ClientIPAddress\":\"198.51.100.23\",\"Item\":{\"Id\":\"RgAAAA\",\"InternetMessageId\":\"<reply-77@fabrikam.example>\",\"Subject\":\"RE: Invoice 7731 overdue\",\"ParentFolder\":{\"Path\":\"\\\\Sent Items\"}}}"}
    {"CreationTime":"2024-03-05T12:08:00","Id":"x","Operation":"UserLoggedIn","Workload":"AzureActiveDirectory","UserId":"alice.smith@fabrikam.example"}
    """#

    func run() -> FormatHarness.Run { FormatHarness.run(format, Self.records) }

    @Test func mailboxReadsJoinTheMessagesTheyTouched() throws {
        let event = try #require(run().accepted.first)
        #expect(event.time == 1_709_640_000_000_000)
        #expect(event.classUID == OCSFClass.apiActivity)
        #expect(event.activityID == 2)
        #expect(event.kind == .telemetry)
        #expect(event.severity == .informational)
        #expect(event.outcome == "success")
        #expect(event.sourceProduct == "Microsoft Exchange Online" && event.sourceFormat == "exchange-audit")
        #expect(event.sourceEventID == "8f1c2d3e-0000-4000-8000-000000000001")
        #expect(event.apiOperation == "MailItemsAccessed")
        #expect(event.title == "MailItemsAccessed on mailbox Alice.Smith@fabrikam.example by alice.smith@fabrikam.example")
        #expect(event.srcIP == "198.51.100.23")
        #expect(event.entityKeys == [
            "user:alice.smith@fabrikam.example", "email:alice.smith@fabrikam.example",
            "ip:198.51.100.23", "cloud_principal:5a95e683-08ad-424e-a441-1d1aec52c02c",
            "cloud_account:7d1a2b3c-0000-4000-8000-00000000cafe",
            "email_message:20240305101530.abc@mail.contoso-billing.example",
        ])
        #expect(event.details["email.mail_access_type"] == "Bind")
    }

    @Test func aForwardingAndDeletingInboxRuleCarriesItsTechniques() throws {
        let event = run().accepted[1]
        #expect(event.time == 1_709_640_310_000_000)
        #expect(event.activityID == 1)
        #expect(event.severity == .low)
        #expect(event.outcome == "success")
        #expect(event.attackTechniques == ["T1114.003", "T1564.008"])
        #expect(event.attackTactics == ["collection", "defense_evasion"])
        #expect(event.title == "New-InboxRule on mailbox alice.smith@fabrikam.example by alice.smith@fabrikam.example")
        #expect(event.entityKeys.contains("email:pay-desk@freemail.example"))
        #expect(event.entities(of: .email).first { $0.value == "pay-desk@freemail.example" }?.role == .destination)
        #expect(event.srcIP == "2001:db8::23")
        #expect(event.details["api.request.parameters"]?["SubjectContainsWords"] == "invoice;payment")
    }

    @Test func unwrapsSearchUnifiedAuditLogRows() throws {
        let event = run().accepted[2]
        #expect(event.time == 1_709_640_420_000_000)
        #expect(event.apiOperation == "Send")
        #expect(event.activityID == 1)
        #expect(event.emailSubject == "RE: Invoice 7731 overdue")
        #expect(event.emailMessageID == "reply-77@fabrikam.example")
        #expect(event.raw.hasPrefix("{\"RecordType\":\"ExchangeItem\""))
    }

    @Test func rejectsOtherWorkloadsAndMalformedRecords() {
        let run = run()
        #expect(run.rejected.map(\.number) == [4])
        #expect(run.rejected.first?.error.description == "field \"Workload\": \"AzureActiveDirectory\" records are not Exchange mailbox activity; exchange-audit reads Workload \"Exchange\" only (other Unified Audit Log workloads belong to the cloud layer)")
        let cases: [(String, String)] = [
            (#"{"CreationTime":"2024-03-05T12:00:00","Workload":"Exchange"}"#, "field \"Operation\": missing"),
            (#"{"CreationTime":"noon","Workload":"Exchange","Operation":"Send"}"#, "field \"CreationTime\": not a date: \"noon\""),
            (#"{"Workload":"Exchange","Operation":"Send"}"#, "field \"TimeGenerated\": missing"),
            (#"{"Operation":"Send","CreationTime":"2024-03-05T12:00:00"}"#, "field \"Workload\": missing"),
            (#"{"AuditData":"{not json"}"#, "field \"AuditData\": expected an audit record as a JSON object or JSON text, got \"{not json\""),
        ]
        for (body, expected) in cases {
            let result = FormatHarness.run(format, body)
            #expect(result.accepted.isEmpty, "\(body)")
            #expect(result.rejected.first?.error.description == expected, "\(body)")
        }
    }

    /// The Unified Audit Log sample has three Exchange admin records and one Entra ID sign-in (rejected);
    /// the OfficeActivity sample is the Golden SAML chain's mailbox read. When the sample folder is
    /// absent and `XDR_SHARED_DIR` is unset the test has nothing to read and returns.
    @Test func readsTheExchangeRecordsOfTheRealSamples() throws {
        guard Samples.directory != nil else {
            if ProcessInfo.processInfo.environment["XDR_SHARED_DIR"] == nil { return }
            Issue.record("../shared/samples not found")
            return
        }
        let audit = Samples.files(in: "email/m365_unified_audit_json") + Samples.files(in: "email/m365_officeactivity_json")
        #expect(audit.count == 2)
        var accepted: [NormalizedEvent] = []
        for file in audit {
            let run = try FormatHarness.run(format, file: file)
            print("samples exchange-audit \(file.lastPathComponent): \(run.accepted.count) accepted, \(run.rejected.count) rejected")
            for rejection in run.rejected {
                #expect(rejection.error.description.contains("\"AzureActiveDirectory\" records are not Exchange mailbox activity"), "\(rejection.error)")
            }
            accepted += run.accepted
        }
        #expect(accepted.count == 4)
        let access = try #require(accepted.first { $0.apiOperation == "MailItemsAccessed" })
        #expect(access.time == 1_627_911_127_000_000)
        #expect(access.entityKeys.contains("user:pgustavo@simulandlabs.com"))
        #expect(access.entityKeys.contains("ip:1.2.3.4"))
        #expect(access.entityKeys.contains("cloud_principal:5a95e683-08ad-424e-a441-1d1aec52c02c"))
        #expect(access.entityKeys.contains("email_message:ab1cd23ef4567dac24353b8ad047ddeb0b1eb9@ab1cd23ef4567.abcdef12.prod.outlook.com"))
        #expect(access.details["email.mail_access_type"] == "Bind")
        // SYSTEM-run admin cmdlets have no person behind them.
        #expect(accepted.filter { $0.apiOperation != "MailItemsAccessed" }.allSatisfy { $0.userName == nil })
    }
}
