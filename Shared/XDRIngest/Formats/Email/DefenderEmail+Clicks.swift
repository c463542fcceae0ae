import XDRJSON
import XDRModel

extension DefenderEmail {
    /// `UrlClickEvents`: a Safe Links click, allowed or blocked. Mapped to OCSF HTTP Activity (4002),
    /// activity Get (3): it is a user's web request from an address, which the network layer sees too.
    func clickEvent(_ row: DefenderRow, raw: RawRecord) throws(RecordError) -> NormalizedEvent {
        let url = try row.requiredText("Url")
        let action = try row.requiredText("ActionType")
        var event = try baseEvent(row, classUID: OCSFClass.httpActivity, activityID: 3, raw: raw)
        event.sourceEventID = row.text("ReportId") ?? row.text("NetworkMessageId")
        event.addEmailMessage(row.text("NetworkMessageId"))
        event.addURL(url, role: .destination)
        // The clicker is the mailbox that received the link, and the actor of the click.
        event.addEmail(row.text("AccountUpn"), role: .recipient)
        event.addUser(row.text("AccountUpn"), role: .actor)
        event.addIP(row.text("IPAddress"), role: .source)
        let clickedThrough = row["IsClickedThrough"]?.bool ?? (row["IsClickedThrough"]?.int).map { $0 != 0 }
        let allowed = action.lowercased() == "clickallowed" || clickedThrough == true
        let blocked = action.lowercased().hasPrefix("clickblocked") || action.lowercased() == "urlerrorpage"
        event.outcome = allowed ? "success" : (blocked ? "failure" : nil)
        event.setDetail("activity_name", action)
        event.setDetail("url.is_clicked_through", clickedThrough.map(JSONValue.bool))
        event.setDetail("app_name", row.text("Workload"))
        event.setDetail("url.chain", row["UrlChain"])
        let verdict = DefenderVerdict(row.threatTypes)
        addVerdictDetails(row, verdict: verdict, into: &event)
        let target = event.domain ?? url
        if verdict.isThreat {
            event.kind = .detection
            // A threat the user reached is worse than one Safe Links stopped.
            event.severity = allowed ? verdict.severity().raised : verdict.severity()
            event.title = "\(verdict.threats.joined(separator: ", ")) URL click \(allowed ? "allowed" : "blocked"): \(target)"
            event.addTechniques(["T1204.001"])
            event.addTactics(["execution"])
        } else {
            event.severity = blocked ? .low : .informational
            event.title = "URL click \(action): \(target)"
        }
        return event
    }
}
