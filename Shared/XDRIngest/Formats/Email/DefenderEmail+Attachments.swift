import XDRJSON
import XDRModel

extension DefenderEmail {
    /// `EmailAttachmentInfo`: one row per attachment and recipient, with the file's verdict.
    func attachmentEvent(_ row: DefenderRow, raw: RawRecord) throws(RecordError) -> NormalizedEvent {
        let networkMessageID = try row.requiredText("NetworkMessageId")
        // OCSF Email File Activity, activity Scan (3): the row is the filter's analysis of the file.
        var event = try baseEvent(row, classUID: OCSFClass.emailFileActivity, activityID: 3, raw: raw)
        event.sourceEventID = row.text("ReportId") ?? networkMessageID
        event.addEmailMessage(networkMessageID)
        event.addEmail(row.text("SenderFromAddress"), role: .sender)
        event.addIP(row.text("SenderIPv4"), role: .source)
        event.addEmail(row.text("RecipientEmailAddress"), role: .recipient)
        event.addCloudPrincipal(row.text("RecipientObjectId"), role: .target)
        let fileName = row.text("FileName")
        event.addFile(fileName)
        event.addHash(row.text("SHA256"), algorithm: "sha256", role: .target)
        event.setDetail("file.type", row.text("FileType"))
        event.setDetail("file.size", try row.int("FileSize").map(JSONValue.int))
        let verdict = DefenderVerdict(row.threatTypes)
        addVerdictDetails(row, verdict: verdict, into: &event)
        event.severity = verdict.severity()
        let names = EmailList.split(row.text("ThreatNames"))
        if verdict.isThreat {
            event.kind = .detection
            event.title = "\(verdict.threats.joined(separator: ", ")) attachment \(fileName ?? "(unnamed)")"
                + (names.isEmpty ? "" : " (\(names.joined(separator: ", ")))")
            event.addTechniques(["T1566.001"])
            event.addTactics(["initial-access"])
        } else {
            event.title = "Attachment \(fileName ?? "(unnamed)") to \(event.emailTo.first ?? "unknown recipient")"
        }
        return event
    }

    /// `EmailUrlInfo`: one row per URL found in a message (body, subject or attachment).
    func urlEvent(_ row: DefenderRow, raw: RawRecord) throws(RecordError) -> NormalizedEvent {
        let networkMessageID = try row.requiredText("NetworkMessageId")
        let url = try row.requiredText("Url")
        // OCSF Email URL Activity, activity Scan (3).
        var event = try baseEvent(row, classUID: OCSFClass.emailURLActivity, activityID: 3, raw: raw)
        event.sourceEventID = row.text("ReportId") ?? networkMessageID
        event.addEmailMessage(networkMessageID)
        event.addURL(url, role: .destination)
        event.addDomain(row.text("UrlDomain"), role: .destination)
        event.setDetail("url.location", row.text("UrlLocation"))
        let verdict = DefenderVerdict(row.threatTypes)
        addVerdictDetails(row, verdict: verdict, into: &event)
        event.severity = verdict.severity()
        if verdict.isThreat {
            event.kind = .detection
            event.title = "\(verdict.threats.joined(separator: ", ")) URL in email: \(event.domain ?? url)"
            event.addTechniques(["T1566.002"])
            event.addTactics(["initial-access"])
        } else {
            event.title = "URL in email\(row.text("UrlLocation").map { " \($0.lowercased())" } ?? ""): \(event.domain ?? url)"
        }
        return event
    }
}
