import XDRJSON
import XDRModel

extension DefenderEmail {
    /// `CloudAppEvents` rows of Microsoft Exchange Online: mailbox actions such as
    /// `MailItemsAccessed`, `Send`, `New-InboxRule`. Other applications' rows are cloud-layer events
    /// and are rejected. Mapped to OCSF API Activity (6003).
    func mailboxActionEvent(_ row: DefenderRow, raw: RawRecord) throws(RecordError) -> NormalizedEvent {
        let action = try row.requiredText("ActionType")
        let application = row.text("Application") ?? "unknown application"
        let applicationID = try row.int("ApplicationId")
        // 20893 is Defender for Cloud Apps' id for Microsoft Exchange Online.
        guard application.lowercased() == "microsoft exchange online" || applicationID == 20893 else {
            throw RecordError(field: row.fieldPrefix + "Application",
                              "CloudAppEvents of \"\(application)\" (ActionType \"\(action)\") are not mail activity; only Microsoft Exchange Online mailbox actions are read by defender-email, send other CloudAppEvents to the cloud layer")
        }
        var event = try baseEvent(row, classUID: OCSFClass.apiActivity, activityID: Self.apiActivity(action), raw: raw)
        event.sourceEventID = row.text("ReportId")
        event.apiOperation = action
        let audit = row["RawEventData"].flatMap(Self.object).map { ExchangeAuditRecord(.object($0)) }
        let owner = audit?.mailboxOwner
        event.addCloudPrincipal(row.text("AccountObjectId"), role: .actor)
        if let audit { audit.addEntities(to: &event) }
        event.addIP(row.text("IPAddress"), role: .source)
        event.outcome = audit?.outcome
        // Rules that forward or hide mail are the persistence of business e-mail compromise.
        if !event.attackTechniques.isEmpty { event.severity = .low }
        event.title = "\(action) on mailbox \(owner ?? "unknown") by \(row.text("AccountDisplayName") ?? event.userName ?? "unknown actor")"
        event.setDetail("api.service.name", application)
        event.setDetail("actor.user.name", row.text("AccountDisplayName"))
        event.setDetail("http_request.user_agent", row.text("UserAgent") ?? row.text("UserAgent_string"))
        event.setDetail("src_endpoint.location.country", row.text("CountryCode"))
        event.setDetail("src_endpoint.location.city", row.text("City"))
        event.setDetail("src_endpoint.isp", row.text("ISP"))
        if event.details["email.mail_access_type"] == nil {
            event.setDetail("email.mail_access_type", Self.property("MailAccessType", in: row["ActivityObjects"]))
        }
        event.setDetail("api.operation_count", audit?.json["OperationCount"])
        return event
    }

    /// OCSF API Activity: reads → Read (2), new/add/send → Create (1), set/update/move → Update (3),
    /// remove/delete → Delete (4), others → Other (99).
    static func apiActivity(_ action: String) -> Int {
        let lower = action.lowercased()
        if lower == "mailitemsaccessed" || lower == "messagebind" || lower.hasPrefix("search") || lower.hasPrefix("get-") { return 2 }
        if lower.hasPrefix("new-") || lower.hasPrefix("add-") || lower.hasPrefix("send") || lower == "create" { return 1 }
        if lower.hasPrefix("set-") || lower.hasPrefix("update") || lower.hasPrefix("move") || lower.hasPrefix("enable-") { return 3 }
        if lower.hasPrefix("remove-") || lower.contains("delete") || lower.hasPrefix("disable-") { return 4 }
        return 99
    }

    /// The `Value` of the `ActivityObjects` property entry called `name`.
    static func property(_ name: String, in objects: JSONValue?) -> String? {
        objects?.array?.first { $0["Type"]?.text == "Property" && $0["Name"]?.text == name }?["Value"]?.text
    }
}
