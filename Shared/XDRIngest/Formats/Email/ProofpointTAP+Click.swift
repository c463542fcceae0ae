import XDRJSON
import XDRModel

extension ProofpointTAP {
    /// A click on a URL TAP rewrote and found malicious, permitted or blocked. Mapped to OCSF HTTP
    /// Activity (4002) Get (3), like Defender's Safe Links clicks.
    func clickEvent(_ item: ProofpointItem) throws(RecordError) -> NormalizedEvent {
        let time = try item.time("clickTime")
        let url = try item.requiredText("url")
        var event = NormalizedEvent(time: time, layer: .email, kind: .telemetry, classUID: OCSFClass.httpActivity,
                                    activityID: 3, severity: .informational, sourceProduct: Self.product,
                                    sourceFormat: name, raw: item.text)
        event.sourceEventID = item.text("id") ?? item.text("GUID")
        event.addEmailMessage(item.text("messageID"))
        event.addEmailMessage(item.text("GUID"))
        event.addURL(url, role: .destination)
        // The recipient who clicked is both the mailbox and the actor of the click.
        event.addEmail(item.text("recipient"), role: .recipient)
        event.addUser(item.text("recipient"), role: .actor)
        event.addIP(item.text("clickIP"), role: .source)
        event.addEmail(item.text("sender"), role: .sender)
        event.addIP(item.text("senderIP"), role: .related)

        let classification = item.text("classification")?.lowercased()
        let status = item.text("threatStatus")
        let permitted = item.bucket == .clicksPermitted
        let blocked = item.bucket == .clicksBlocked
        event.outcome = permitted ? "success" : (blocked ? "failure" : nil)
        let verb = permitted ? "permitted" : (blocked ? "blocked" : "seen")
        let target = event.domain ?? url
        if let classification, status?.lowercased() != "falsepositive" {
            event.kind = .detection
            let severity = ProofpointThreats.severity(of: classification)
            event.severity = permitted ? severity.raised : severity
            event.title = "\(classification.prefix(1).uppercased() + classification.dropFirst()) URL click \(verb): \(target)"
            if classification != "spam" {
                event.addTechniques(["T1204.001"])
                event.addTactics(["execution"])
            }
        } else {
            event.title = "URL click \(verb): \(target)"
        }
        event.setDetail("metadata.log_name", item.bucket?.rawValue)
        event.setDetail("http_request.user_agent", item.text("userAgent"))
        event.setDetail("finding_info.types", classification.map { .strings([$0]) })
        event.setDetail("finding_info.uid", item.text("threatID"))
        event.setDetail("finding_info.campaign_uid", item.text("campaignId") ?? item.text("campaignID"))
        event.setDetail("finding_info.status", status)
        event.setDetail("finding_info.src_url", item.text("threatURL") ?? item.text("threatUrl"))
        if let threatTime = item.text("threatTime"), let micros = EventTime.iso8601(threatTime) {
            event.setDetail("finding_info.first_seen_time", EventTime.format(micros))
        }
        return event
    }
}
