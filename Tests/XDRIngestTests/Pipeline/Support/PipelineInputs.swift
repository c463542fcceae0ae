import Foundation

/// Native records written for the pipeline tests, one per layer.
enum PipelineInputs {
    /// The first record of the Winlogbeat Sysmon golden file (a process creation).
    static var sysmon: String {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Endpoint/Golden/sysmon_winlogbeat.ndjson")
        let text = (try? String(contentsOf: url, encoding: .utf8)) ?? ""
        return String(text.split(separator: "\n").first ?? "")
    }

    /// A Sysmon record made unique by its record id, for loads.
    static func sysmon(recordID: Int) -> String {
        sysmon.replacingOccurrences(of: #""record_id":"88231""#, with: #""record_id":"\#(recordID)""#)
    }

    static let defenderEmail = #"{"time":"2024-03-05T10:15:35Z","tenantId":"7d1a2b3c-0000-4000-8000-00000000cafe","category":"AdvancedHunting-EmailEvents","properties":{"Timestamp":"2024-03-05T10:15:30Z","NetworkMessageId":"5e4b2c1a-9f3d-4a7b-8c6d-0e1f2a3b4c5d","InternetMessageId":"<inv-7731@contoso-billing.example>","SenderFromAddress":"billing@contoso-billing.example","SenderIPv4":"203.0.113.45","RecipientEmailAddress":"Alice.Smith@Fabrikam.example","Subject":"Invoice 7731 overdue","EmailDirection":"Inbound","DeliveryAction":"Delivered","ThreatTypes":"Phish"}}"#

    static let suricataAlert = #"{"timestamp":"2026-11-22T10:15:30.123456+0100","flow_id":1234567890123456,"event_type":"alert","src_ip":"10.1.2.3","src_port":49712,"dest_ip":"203.0.113.7","dest_port":443,"proto":"TCP","host":"sensor-01.corp.example","alert":{"action":"blocked","gid":1,"signature_id":2027865,"rev":3,"signature":"ET MALWARE Cobalt Strike Beacon","category":"A Network Trojan was detected","severity":1},"app_proto":"tls"}"#

    static let cloudTrail = #"{"eventVersion":"1.08","userIdentity":{"type":"IAMUser","principalId":"AIDAEXAMPLEBOB","arn":"arn:aws:iam::111122223333:user/bob","accountId":"111122223333","userName":"bob","accessKeyId":"AKIAEXAMPLEBOB00001"},"eventTime":"2024-05-02T08:21:17Z","eventSource":"iam.amazonaws.com","eventName":"CreateUser","awsRegion":"us-east-1","sourceIPAddress":"203.0.113.50","userAgent":"aws-cli/2.15","requestParameters":{"userName":"backdoor"},"responseElements":null,"eventID":"0b8e3b4e-1111-4c56-9c7d-2f4c1a000003","readOnly":false,"eventType":"AwsApiCall","managementEvent":true,"recipientAccountId":"111122223333"}"#

    static let cefLine = "<134>1 2026-11-22T10:00:00.000Z fw01.corp.example firewall - TRAFFIC - CEF:0|Acme|NGFW|9.1|TRAFFIC|end|3|rt=1795341600123 src=10.1.2.3 spt=49712 dst=203.0.113.7 dpt=443 proto=TCP act=allow externalId=7001"
}
