import Foundation
import Testing
@testable import XDRIngest
import XDRModel

@Suite struct ZeekSMTPTests {
    let format = ZeekSMTP()

    static let log = """
    {"ts":1709633730.123456,"uid":"CHhAvVGS1DHFjwGM9","id.orig_h":"203.0.113.45","id.orig_p":51234,"id.resp_h":"10.0.0.10","id.resp_p":25,"trans_depth":1,"helo":"mail.contoso-billing.example","mailfrom":"bounce@contoso-billing.example","rcptto":["alice@fabrikam.example","finance@fabrikam.example"],"date":"Tue, 05 Mar 2024 10:15:29 +0000","from":"\\"Billing Team\\" <billing@contoso-billing.example>","to":["<alice@fabrikam.example>"],"cc":["finance@fabrikam.example"],"reply_to":"pay-desk@freemail.example","msg_id":"<20240305101530.ABC@mail.contoso-billing.example>","subject":"Invoice 7731 overdue","x_originating_ip":"198.51.100.99","last_reply":"250 2.0.0 Ok: queued as 4F3A41C2","path":["10.0.0.10","203.0.113.45"],"user_agent":"Microsoft Outlook 16.0","tls":false,"fuids":["FhwjYM0fs1gqkOaDn1"],"is_webmail":false}
    {"_path":"smtp","ts":"2018-03-24T17:15:21.789543Z","uid":"C18H5P2mT0bRiA2Sdk","id.orig_h":"10.164.94.120","id.orig_p":38041,"id.resp_h":"10.47.8.208","id.resp_p":25,"trans_depth":1,"helo":"10.164.94.120","last_reply":"220 2.0.0 SMTP server ready","path":["10.47.8.208","10.164.94.120"],"tls":true,"fuids":[],"is_webmail":false}
    {"_path":"conn","ts":1709633730.5,"uid":"C1","id.orig_h":"10.0.0.1","id.resp_h":"10.0.0.2"}
    """

    @Test func normalisesAnInboundTransaction() throws {
        let run = FormatHarness.run(format, Self.log)
        let event = try #require(run.accepted.first)
        #expect(event.time == 1_709_633_730_123_456)
        #expect(event.classUID == OCSFClass.emailActivity)
        #expect(event.activityID == 2)
        #expect(event.kind == .telemetry)
        #expect(event.severity == .informational)
        #expect(event.outcome == "success")
        #expect(event.sourceProduct == "Zeek" && event.sourceFormat == "zeek-smtp")
        #expect(event.sourceEventID == "CHhAvVGS1DHFjwGM9#1")
        #expect(event.title == "SMTP billing@contoso-billing.example → alice@fabrikam.example, finance@fabrikam.example: Invoice 7731 overdue")
        #expect(event.emailFrom == "billing@contoso-billing.example")
        #expect(event.emailMessageID == "20240305101530.abc@mail.contoso-billing.example")
        #expect(event.srcIP == "203.0.113.45" && event.srcPort == 51234)
        #expect(event.dstIP == "10.0.0.10" && event.dstPort == 25)
        #expect(event.entityKeys == [
            "email_message:20240305101530.abc@mail.contoso-billing.example",
            "email:billing@contoso-billing.example", "user:billing@contoso-billing.example",
            "email:bounce@contoso-billing.example", "user:bounce@contoso-billing.example",
            "ip:203.0.113.45", "ip:10.0.0.10",
            "email:alice@fabrikam.example", "user:alice@fabrikam.example",
            "email:finance@fabrikam.example", "user:finance@fabrikam.example",
            "email:pay-desk@freemail.example", "ip:198.51.100.99",
            "domain:mail.contoso-billing.example",
        ])
        #expect(event.details["file.uids"] == .strings(["FhwjYM0fs1gqkOaDn1"]))
        #expect(event.details["email.x_mailer"] == "Microsoft Outlook 16.0")
    }

    @Test func readsISOTimestampsAndSessionsWithoutTransactions() throws {
        let run = FormatHarness.run(format, Self.log)
        let event = run.accepted[1]
        #expect(event.time == 1_521_911_721_789_543)
        #expect(event.activityID == 0)
        #expect(event.outcome == "success")
        #expect(event.title == "SMTP session 10.164.94.120 → 10.47.8.208 without a mail transaction")
        #expect(event.entityKeys == ["ip:10.164.94.120", "ip:10.47.8.208"])
    }

    @Test func rejectsOtherZeekLogsAndMalformedRecords() {
        let run = FormatHarness.run(format, Self.log)
        #expect(run.rejected.map(\.number) == [3])
        #expect(run.rejected.first?.error.description == "field \"_path\": Zeek log \"conn\" is not supported by zeek-smtp (smtp only); other Zeek logs belong to the network layer's zeek format")
        let cases: [(String, String)] = [
            (#"{"uid":"C1","id.orig_h":"10.0.0.1","id.resp_h":"10.0.0.2"}"#, "field \"ts\": missing"),
            (#"{"ts":"yesterday","uid":"C1","id.orig_h":"10.0.0.1","id.resp_h":"10.0.0.2"}"#, "field \"ts\": not a date: \"yesterday\""),
            (#"{"ts":1709633730.5,"id.orig_h":"10.0.0.1","id.resp_h":"10.0.0.2"}"#, "field \"uid\": missing"),
            (#"{"ts":1709633730.5,"uid":"C1","id.orig_h":"10.0.0.1","id.resp_h":"10.0.0.2","rcptto":{"a":1}}"#, "field \"rcptto\": expected an array of strings, got an object"),
            (#"{"ts":1709633730.5,"uid":"C1","id.orig_h":"10.0.0.1","id.resp_h":"10.0.0.2","id.resp_p":"smtp"}"#, "field \"id.resp_p\": expected an integer, got \"smtp\""),
        ]
        for (body, expected) in cases {
            let result = FormatHarness.run(format, body)
            #expect(result.accepted.isEmpty, "\(body)")
            #expect(result.rejected.first?.error.description == expected, "\(body)")
        }
        #expect(FormatHarness.run(format, #"{"ts":1709633730.5,"uid":"C1","id.orig_h":"10.0.0.1","id.resp_h":"10.0.0.2"}"#, hint: "dns").rejected.count == 1)
    }

    /// When the sample folder is absent and `XDR_SHARED_DIR` is unset the test has nothing to read
    /// and returns.
    @Test func acceptsEveryRecordOfTheRealSample() throws {
        guard Samples.directory != nil else {
            if ProcessInfo.processInfo.environment["XDR_SHARED_DIR"] == nil { return }
            Issue.record("../shared/samples not found")
            return
        }
        let files = Samples.files(in: "email/zeek_smtp_json")
        #expect(!files.isEmpty)
        for file in files {
            let run = try FormatHarness.run(format, file: file)
            print("samples zeek-smtp \(file.lastPathComponent): \(run.accepted.count) accepted, \(run.rejected.count) rejected")
            #expect(run.rejected.isEmpty, "\(run.rejected.prefix(3).map { "\($0.number): \($0.error)" })")
            #expect(run.accepted.count == 1188)
            #expect(run.accepted.filter { $0.emailFrom != nil }.count == 12)
            #expect(run.accepted.filter { $0.outcome == "failure" }.count > 0)
        }
    }
}
