/// Golden inputs written to the real native shapes of the email formats.
enum EmailGolden {
    /// Defender for Office 365 streaming API rows in an Event Hub `records` batch.
    static let defenderStreaming = #"""
{"records": [
{"time": "2024-03-05T10:15:35.0000000Z", "tenantId": "7d1a2b3c-0000-4000-8000-00000000cafe", "operationName": "Publish", "category": "AdvancedHunting-EmailEvents", "properties": {"Timestamp": "2024-03-05T10:15:30.1234567Z", "NetworkMessageId": "5E4B2C1A-9F3D-4A7B-8C6D-0E1F2A3B4C5D", "InternetMessageId": "<CAH7x9Q=abc123@mail.contoso-billing.example>", "SenderMailFromAddress": "bounce@contoso-billing.example", "SenderFromAddress": "Billing Team <billing@contoso-billing.example>", "SenderDisplayName": "Billing Team", "SenderFromDomain": "contoso-billing.example", "SenderMailFromDomain": "contoso-billing.example", "SenderIPv4": "203.0.113.45", "SenderIPv6": null, "RecipientEmailAddress": "Alice.Smith@Fabrikam.example", "RecipientObjectId": "0f8e7d6c-5b4a-4321-9876-abcdefabcdef", "Subject": "Invoice 7731 overdue", "EmailClusterId": 123456789, "EmailDirection": "Inbound", "DeliveryAction": "Delivered", "DeliveryLocation": "Inbox/folder", "ThreatTypes": "Phish, Malware", "ThreatNames": "", "DetectionMethods": "{\"Phish\":[\"URL detonation reputation\"],\"Malware\":[\"File detonation\"]}", "ConfidenceLevel": "{\"Phish\":\"High\",\"Spam\":\"Normal\"}", "AttachmentCount": 1, "UrlCount": 2, "EmailLanguage": "en", "ReportId": "5e4b2c1a-9f3d-4a7b-8c6d-0e1f2a3b4c5d-11112222333344445555-1", "AuthenticationDetails": "{\"SPF\":\"fail\",\"DKIM\":\"none\",\"DMARC\":\"fail\"}"}},
{"time": "2024-03-05T10:16:05.0000000Z", "tenantId": "7d1a2b3c-0000-4000-8000-00000000cafe", "operationName": "Publish", "category": "AdvancedHunting-EmailEvents", "properties": {"Timestamp": "2024-03-05T10:16:02Z", "NetworkMessageId": "aa11bb22-cc33-4d44-8e55-ff6677889900", "InternetMessageId": "<weekly-report-42@fabrikam.example>", "SenderMailFromAddress": "bob@fabrikam.example", "SenderFromAddress": "bob@fabrikam.example", "SenderIPv4": "10.1.2.3", "RecipientEmailAddress": "partner@northwind.example", "Subject": "Weekly report", "EmailDirection": "Outbound", "DeliveryAction": "Delivered", "DeliveryLocation": "External", "ThreatTypes": "", "DetectionMethods": "", "AttachmentCount": 0, "UrlCount": 0}},
{"time": "2024-03-05T10:15:36Z", "tenantId": "7d1a2b3c-0000-4000-8000-00000000cafe", "operationName": "Publish", "category": "AdvancedHunting-EmailAttachmentInfo", "properties": {"Timestamp": "2024-03-05T10:15:31.5Z", "NetworkMessageId": "5e4b2c1a-9f3d-4a7b-8c6d-0e1f2a3b4c5d", "SenderFromAddress": "billing@contoso-billing.example", "RecipientEmailAddress": "alice.smith@fabrikam.example", "RecipientObjectId": "0f8e7d6c-5b4a-4321-9876-abcdefabcdef", "FileName": "Invoice_7731.docm", "FileType": "docm", "SHA256": "9F86D081884C7D659A2FEAA0C55AD015A3BF4F1B2B0B822CD15D6C15B0F00A08", "FileSize": 48213, "ThreatTypes": "Malware", "ThreatNames": "TrojanDownloader:O97M/Obfuse.RV", "DetectionMethods": "{\"Malware\":[\"File detonation\"]}", "ReportId": "att-0001"}},
{"time": "2024-03-05T10:15:36Z", "tenantId": "7d1a2b3c-0000-4000-8000-00000000cafe", "operationName": "Publish", "category": "AdvancedHunting-EmailUrlInfo", "properties": {"Timestamp": "2024-03-05T10:15:31.5Z", "NetworkMessageId": "5e4b2c1a-9f3d-4a7b-8c6d-0e1f2a3b4c5d", "Url": "https://Login.Contoso-Billing.example/pay?id=7731", "UrlDomain": "login.contoso-billing.example", "UrlLocation": "Body", "ReportId": "url-0001"}},
{"time": "2024-03-05T11:02:45Z", "tenantId": "7d1a2b3c-0000-4000-8000-00000000cafe", "operationName": "Publish", "category": "AdvancedHunting-UrlClickEvents", "properties": {"Timestamp": "2024-03-05T11:02:44.25Z", "Url": "https://login.contoso-billing.example/pay?id=7731", "ActionType": "ClickAllowed", "AccountUpn": "Alice.Smith@fabrikam.example", "Workload": "Email", "NetworkMessageId": "5E4B2C1A-9F3D-4A7B-8C6D-0E1F2A3B4C5D", "IPAddress": "198.51.100.23", "ThreatTypes": "Phish", "DetectionMethods": "[\"URL detonation reputation\"]", "IsClickedThrough": true, "UrlChain": "[\"https://login.contoso-billing.example/pay?id=7731\"]", "ReportId": "click-0001"}},
{"time": "2024-03-05T09:00:01Z", "tenantId": "7d1a2b3c-0000-4000-8000-00000000cafe", "operationName": "Publish", "category": "AdvancedHunting-DeviceProcessEvents", "properties": {"Timestamp": "2024-03-05T09:00:00Z", "DeviceName": "ws01"}}
]}
"""#

    /// A Proofpoint TAP `/v2/siem/all` response.
    static let proofpointSiemAll = #"""
{
  "queryEndTime": "2024-03-05T11:00:00Z",
  "messagesDelivered": [
    {
      "GUID": "c26dbea0-80d5-463b-b93c-4e8b708219ce",
      "QID": "r2FNwRHF004109",
      "ccAddresses": ["Finance@Fabrikam.example"],
      "clusterId": "fabrikam_hosted",
      "completelyRewritten": true,
      "fromAddress": ["billing@contoso-billing.example"],
      "headerFrom": "\"Billing Team\" <billing@contoso-billing.example>",
      "headerReplyTo": "pay-desk@freemail.example",
      "impostorScore": 0,
      "malwareScore": 100,
      "messageID": "<20240305101530.ABC@mail.contoso-billing.example>",
      "messageParts": [
        {"contentType": "text/plain", "disposition": "inline", "filename": "text.txt", "md5": "008c5926ca861023c1d2a36653fd88e2", "oContentType": "text/plain", "sandboxStatus": "unsupported", "sha256": "85738f8f9a7f1b04b5329c590ebcb9e425925c6d0984089c43a022de4f19c281"},
        {"contentType": "application/vnd.ms-word.document.macroEnabled.12", "disposition": "attached", "filename": "Invoice_7731.docm", "md5": "5873c7d37608e0d49bcaa6f32b6c731f", "oContentType": "application/octet-stream", "sandboxStatus": "threat", "sha256": "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08"}
      ],
      "messageSize": 48213,
      "messageTime": "2024-03-05T10:15:30.000Z",
      "modulesRun": ["pdr", "sandbox", "spam", "urldefense"],
      "phishScore": 46,
      "policyRoutes": ["default_inbound"],
      "quarantineFolder": null,
      "quarantineRule": null,
      "recipient": ["alice.smith@fabrikam.example"],
      "replyToAddress": ["pay-desk@freemail.example"],
      "sender": "bounce@contoso-billing.example",
      "senderIP": "203.0.113.45",
      "spamScore": 4,
      "subject": "Invoice 7731 overdue",
      "threatsInfoMap": [
        {"campaignID": "46e01b8a-c899-404d-bcd9-189bb393d1a7", "classification": "MALWARE", "threat": "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08", "threatId": "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08", "threatID": "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08", "threatStatus": "active", "threatTime": "2024-03-05T10:20:00.000Z", "threatType": "ATTACHMENT", "threatUrl": "https://threatinsight.proofpoint.com/0/threat/email/9f86d081"},
        {"classification": "PHISH", "threat": "http://login.contoso-billing.example/pay", "threatID": "e2b0a51ce41a1d9e6f2f0b8a1d1b0e7d1c0f1e2d3c4b5a69788796a5b4c3d2e1", "threatStatus": "active", "threatTime": "2024-03-05T10:21:00.000Z", "threatType": "url", "threatUrl": "https://threatinsight.proofpoint.com/0/threat/email/e2b0a51c"}
      ],
      "toAddresses": [],
      "xmailer": "Microsoft Outlook 16.0"
    }
  ],
  "messagesBlocked": [
    {
      "GUID": "b27dbea0-87d5-463b-b93c-4e8b708289ce",
      "QID": "r2FNwRHF004110",
      "fromAddress": ["ceo@fabr1kam.example"],
      "headerFrom": "\"CEO\" <ceo@fabr1kam.example>",
      "impostorScore": 98,
      "malwareScore": 0,
      "messageID": "<bec-001@fabr1kam.example>",
      "messageParts": [],
      "messageTime": "2024-03-05T10:40:12.500Z",
      "phishScore": 12,
      "policyRoutes": ["default_inbound", "executives"],
      "quarantineFolder": "Impostor",
      "quarantineRule": "inbound_impostor",
      "recipient": ["cfo@fabrikam.example"],
      "sender": "ceo@fabr1kam.example",
      "senderIP": "192.0.2.77",
      "spamScore": 0,
      "subject": "Urgent wire",
      "threatsInfoMap": [
        {"classification": "impostor", "threat": "ceo@fabr1kam.example", "threatID": "aa77bb", "threatStatus": "active", "threatTime": "2024-03-05T10:40:13.000Z", "threatType": "message", "threatUrl": "https://threatinsight.proofpoint.com/0/threat/email/aa77bb"}
      ]
    },
    {"GUID": "d00d", "messageTime": "not a time"}
  ],
  "clicksPermitted": [
    {
      "GUID": "c26dbea0-80d5-463b-b93c-4e8b708219ce",
      "campaignId": "46e01b8a-c899-404d-bcd9-189bb393d1a7",
      "classification": "phish",
      "clickIP": "198.51.100.23",
      "clickTime": "2024-03-05T11:02:44.250Z",
      "id": "a5c9f8bb-4999-4a1d-8a9f-1f4e2c7a0b11",
      "messageID": "<20240305101530.ABC@mail.contoso-billing.example>",
      "recipient": "alice.smith@fabrikam.example",
      "sender": "bounce@contoso-billing.example",
      "senderIP": "203.0.113.45",
      "threatID": "e2b0a51ce41a1d9e6f2f0b8a1d1b0e7d1c0f1e2d3c4b5a69788796a5b4c3d2e1",
      "threatStatus": "active",
      "threatTime": "2024-03-05T10:21:00.000Z",
      "threatURL": "https://threatinsight.proofpoint.com/0/threat/email/e2b0a51c",
      "url": "http://login.contoso-billing.example/pay",
      "userAgent": "Mozilla/5.0 (Windows NT 10.0; Win64; x64)"
    }
  ],
  "clicksBlocked": []
}
"""#
}
