import XDRJSON
import XDRModel

extension DefenderEmail {
    /// `EmailEvents`: one row per message and recipient, with the filtering verdict and delivery.
    func emailEvent(_ row: DefenderRow, raw: RawRecord) throws(RecordError) -> NormalizedEvent {
        let networkMessageID = try row.requiredText("NetworkMessageId")
        let direction = row.text("EmailDirection")
        var event = try baseEvent(row, classUID: OCSFClass.emailActivity, activityID: Self.activity(direction: direction), raw: raw)
        event.sourceEventID = row.text("ReportId") ?? networkMessageID
        event.addEmailMessage(row.text("InternetMessageId"))
        event.addEmailMessage(networkMessageID)
        event.addEmail(row.text("SenderFromAddress"), role: .sender)
        event.addEmail(row.text("SenderMailFromAddress"), role: .sender)
        event.addDomain(row.text("SenderFromDomain"), role: .source)
        event.addDomain(row.text("SenderMailFromDomain"), role: .source)
        event.addIP(row.text("SenderIPv4"), role: .source)
        event.addIP(row.text("SenderIPv6"), role: .source)
        event.addEmail(row.text("RecipientEmailAddress"), role: .recipient)
        event.addCloudPrincipal(row.text("RecipientObjectId"), role: .target)
        event.emailSubject = row.text("Subject")

        let delivery = row.text("DeliveryAction")
        event.outcome = Self.outcome(delivery: delivery)
        let verdict = DefenderVerdict(row.threatTypes)
        let confidence = row["ConfidenceLevel"].flatMap(Self.object)
        let highConfidence = confidence?.members.contains { $0.value.text?.lowercased() == "high" } ?? false
        var severity = verdict.severity(highConfidence: highConfidence)
        if verdict.isThreat {
            event.kind = .detection
            if delivery?.lowercased() == "delivered" { severity = severity.raised }
            event.title = "\(verdict.threats.joined(separator: ", ")) email \(delivery?.lowercased() ?? "seen")"
                + (event.emailSubject.map { ": \($0)" } ?? "")
            event.addTechniques(["T1566"])
            event.addTactics(["initial-access"])
        } else {
            let from = event.emailFrom ?? "unknown sender"
            let to = event.emailTo.first ?? "unknown recipient"
            event.title = "\(direction ?? "Email") message \(from) → \(to)\(delivery.map { " (\($0))" } ?? "")"
        }
        event.severity = severity

        event.setDetail("email.direction", direction)
        event.setDetail("email.delivery_action", delivery)
        event.setDetail("email.delivery_location", row.text("DeliveryLocation"))
        event.setDetail("email.latest_delivery_action", row.text("LatestDeliveryAction"))
        event.setDetail("email.latest_delivery_location", row.text("LatestDeliveryLocation"))
        event.setDetail("email.sender_display_name", row.text("SenderDisplayName"))
        event.setDetail("email.attachment_count", try row.int("AttachmentCount").map(JSONValue.int))
        event.setDetail("email.url_count", try row.int("UrlCount").map(JSONValue.int))
        event.setDetail("email.size", try row.int("EmailSize").map(JSONValue.int))
        event.setDetail("email.language", row.text("EmailLanguage"))
        event.setDetail("email.action", row.text("EmailAction"))
        event.setDetail("email.action_policy", row.text("EmailActionPolicy"))
        event.setDetail("email.org_level_action", row.text("OrgLevelAction"))
        event.setDetail("email.user_level_action", row.text("UserLevelAction"))
        addVerdictDetails(row, verdict: verdict, into: &event)
        event.setDetail("email.confidence_level", confidence.map(JSONValue.object))
        event.setDetail("email.authentication_details", row["AuthenticationDetails"].flatMap(Self.object).map(JSONValue.object))
        event.setDetail("email.connectors", row.text("Connectors"))
        return event
    }

    /// `ThreatTypes`, `ThreatNames` and `DetectionMethods`, shared by every table that has them.
    func addVerdictDetails(_ row: DefenderRow, verdict: DefenderVerdict, into event: inout NormalizedEvent) {
        if !verdict.threats.isEmpty { event.setDetail("finding_info.types", .strings(verdict.threats)) }
        let names = EmailList.split(row.text("ThreatNames"))
        if !names.isEmpty { event.setDetail("malware.names", .strings(names)) }
        if let methods = row["DetectionMethods"] {
            event.setDetail("finding_info.analytic", Self.object(methods).map(JSONValue.object) ?? methods.text.map(JSONValue.string))
        }
    }

    /// OCSF email activity: Outbound → Send (1), Inbound and Intra-org → Receive (2, the rows are per
    /// recipient mailbox), anything else → Unknown (0).
    static func activity(direction: String?) -> Int {
        switch direction?.lowercased() {
        case "outbound": 1
        case "inbound", "intra-org", "intraorg": 2
        default: 0
        }
    }

    /// Delivered and Junked reached a mailbox (success); Blocked did not (failure); others unknown.
    static func outcome(delivery: String?) -> String? {
        switch delivery?.lowercased() {
        case "delivered", "junked": "success"
        case "blocked": "failure"
        default: nil
        }
    }

    /// A column that holds a JSON object either directly or as a JSON string (the streaming API
    /// writes `DetectionMethods` as `"{\"Phish\":[\"URL detonation\"]}"`).
    static func object(_ value: JSONValue) -> JSONObject? {
        if let object = value.object { return object }
        guard let text = value.text, text.first == "{", let parsed = try? JSONParser.parse(text) else { return nil }
        return parsed.object
    }
}
