import Foundation
import Testing
@testable import XDRIngest
import XDRModel

@Suite struct M365MessageTraceTests {
    let format = M365MessageTrace()

    static let odata = """
    {"odata.metadata":"https://reports.office365.com/ecp/ReportingWebService/Reporting.svc/$metadata#MessageTrace","value":[
    {"Organization":"fabrikam.onmicrosoft.com","MessageId":"<20240305101530.ABC@mail.contoso-billing.example>","Received":"2024-03-05T10:15:30.1234567","SenderAddress":"billing@contoso-billing.example","RecipientAddress":"Alice.Smith@fabrikam.example","Subject":"Invoice 7731 overdue","Status":"Quarantined","ToIP":null,"FromIP":"203.0.113.45","Size":48213,"MessageTraceId":"5e4b2c1a-9f3d-4a7b-8c6d-0e1f2a3b4c5d","StartDate":"2024-03-05T00:00:00","EndDate":"2024-03-06T00:00:00","Index":0},
    {"Organization":"fabrikam.onmicrosoft.com","MessageId":"<weekly-report-42@fabrikam.example>","Received":"/Date(1709633762000)/","SenderAddress":"bob@fabrikam.example","RecipientAddress":"partner@northwind.example","Subject":"Weekly report","Status":"Delivered","ToIP":"198.51.100.7","FromIP":null,"Size":"2048","MessageTraceId":"aa11bb22-cc33-4d44-8e55-ff6677889900","Index":1}
    ]}
    """

    @Test func normalisesReportingWebServiceRows() throws {
        let run = FormatHarness.run(format, Self.odata)
        #expect(run.rejected.isEmpty)
        #expect(run.accepted.count == 2)
        let inbound = run.accepted[0]
        #expect(inbound.time == 1_709_633_730_123_456)
        #expect(inbound.classUID == OCSFClass.emailActivity)
        #expect(inbound.activityID == 2)
        #expect(inbound.kind == .telemetry)
        #expect(inbound.severity == .low)
        #expect(inbound.outcome == "failure")
        #expect(inbound.sourceProduct == "Exchange Online" && inbound.sourceFormat == "m365-messagetrace")
        #expect(inbound.sourceEventID == "5e4b2c1a-9f3d-4a7b-8c6d-0e1f2a3b4c5d")
        #expect(inbound.title == "Message billing@contoso-billing.example → alice.smith@fabrikam.example Quarantined: Invoice 7731 overdue")
        #expect(inbound.raw.hasPrefix("{\"Organization\":\"fabrikam.onmicrosoft.com\",\"MessageId\":\"<20240305101530.ABC"))
        // The trace id is Defender's NetworkMessageId: both sources join on the message.
        #expect(inbound.entityKeys == [
            "email_message:20240305101530.abc@mail.contoso-billing.example",
            "email_message:5e4b2c1a-9f3d-4a7b-8c6d-0e1f2a3b4c5d",
            "email:billing@contoso-billing.example", "user:billing@contoso-billing.example",
            "email:alice.smith@fabrikam.example", "user:alice.smith@fabrikam.example",
            "ip:203.0.113.45",
        ])
        let outbound = run.accepted[1]
        #expect(outbound.time == 1_709_633_762_000_000)
        #expect(outbound.activityID == 1)
        #expect(outbound.outcome == "success")
        #expect(outbound.severity == .informational)
        #expect(outbound.dstIP == "198.51.100.7")
        #expect(outbound.details["email.size"] == .int(2048))
    }

    @Test func unwrapsVerboseODataAndPowerShellArrays() {
        let verbose = #"{"d":{"results":[{"Received":"2024-03-05T10:15:30Z","RecipientAddress":"a@x.example","SenderAddress":"b@y.example","Status":"Delivered","MessageTraceId":"t1"},{"Received":"2024-03-05T10:15:31Z","RecipientAddress":"c@x.example","MessageTraceId":"t2"}]}}"#
        let run = FormatHarness.run(format, verbose)
        #expect(run.accepted.map(\.sourceEventID) == ["t1", "t2"])
        #expect(run.accepted[1].title == "Message <> → c@x.example")
        let powershell = #"[{"Received":"2024-03-05T10:15:30+00:00","RecipientAddress":"a@x.example","Status":"FilteredAsSpam"}]"#
        let fromShell = FormatHarness.run(format, powershell).accepted.first
        #expect(fromShell?.outcome == "success")
        #expect(fromShell?.severity == .low)
    }

    @Test func malformedRowsNameTheField() {
        let cases: [(String, String)] = [
            (#"{"RecipientAddress":"a@x.example"}"#, "field \"Received\": missing"),
            (#"{"Received":"last tuesday","RecipientAddress":"a@x.example"}"#, "field \"Received\": not a date: \"last tuesday\""),
            (#"{"Received":"2024-03-05T10:15:30Z"}"#, "field \"RecipientAddress\": missing"),
            (#"{"Received":"2024-03-05T10:15:30Z","RecipientAddress":"a@x.example","Size":"big"}"#, "field \"Size\": expected an integer, got \"big\""),
            ("42", "expected a JSON object, got a number"),
        ]
        for (body, expected) in cases {
            let run = FormatHarness.run(format, body)
            #expect(run.accepted.isEmpty, "\(body)")
            #expect(run.rejected.first?.error.description == expected, "\(body)")
        }
    }
}

extension M365MessageTraceTests {
    @Test func aTraceIdWithoutDashesJoinsDefendersNetworkMessageId() {
        let row = #"{"Received":"2024-03-05T10:15:30Z","RecipientAddress":"a@x.example","MessageTraceId":"5E4B2C1A9F3D4A7B8C6D0E1F2A3B4C5D"}"#
        #expect(FormatHarness.run(format, row).accepted.first?.entityKeys.contains("email_message:5e4b2c1a-9f3d-4a7b-8c6d-0e1f2a3b4c5d") == true)
    }
}
