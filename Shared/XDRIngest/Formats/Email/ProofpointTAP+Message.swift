import XDRJSON
import XDRModel

extension ProofpointTAP {
    /// A message TAP delivered or blocked, with the threats it found in it.
    func messageEvent(_ item: ProofpointItem) throws(RecordError) -> NormalizedEvent {
        let time = try item.time("messageTime")
        var event = NormalizedEvent(time: time, layer: .email, kind: .telemetry, classUID: OCSFClass.emailActivity,
                                    activityID: 2, severity: .informational, sourceProduct: Self.product,
                                    sourceFormat: name, raw: item.text)
        event.sourceEventID = item.text("GUID")
        event.addEmailMessage(item.text("messageID"))
        event.addEmailMessage(item.text("GUID"))
        for address in try item.list("fromAddress") { event.addEmail(address, role: .sender) }
        event.addEmail(item.text("sender"), role: .sender)
        event.addEmail(item.text("headerFrom"), role: .sender)
        event.addIP(item.text("senderIP"), role: .source)
        for key in ["recipient", "toAddresses", "ccAddresses"] {
            for address in try item.list(key) { event.addEmail(address, role: .recipient) }
        }
        for address in try item.list("replyToAddress") {
            // A Reply-To that differs from the sender is the classic impostor tell; keep it joinable.
            if let normalized = EntityNormalizer.email(address) { event.add(Entity(.email, normalized, role: .related, original: address)) }
        }
        event.emailSubject = item.text("subject")

        for part in try item.objects("messageParts") where part["disposition"]?.text?.lowercased() != "inline" {
            event.addFile(part["filename"]?.text)
            event.addHash(part["sha256"]?.text, algorithm: "sha256", role: .target)
            event.addHash(part["md5"]?.text, algorithm: "md5", role: .target)
        }
        let threats = try ProofpointThreats(item.objects("threatsInfoMap"), prefix: item.fieldPrefix + "threatsInfoMap")
        for threat in threats.active {
            switch threat.type {
            case "url": event.addURL(threat.value, role: .destination)
            case "attachment": event.addHash(threat.value, role: .target)
            default: break
            }
        }

        let blocked = item.bucket?.isBlocked ?? (item.text("quarantineFolder") != nil)
        let delivered = item.bucket == .messagesDelivered
        event.outcome = blocked ? "failure" : (delivered ? "success" : nil)
        let verb = blocked ? "blocked" : (delivered ? "delivered" : "seen")
        if threats.active.isEmpty {
            let from = event.emailFrom ?? "unknown sender"
            event.title = "Message \(from) → \(event.emailTo.first ?? "unknown recipient") \(verb)"
        } else {
            event.kind = .detection
            let severity = threats.severity
            event.severity = delivered ? severity.raised : severity
            event.title = "\(threats.classificationTitle) message \(verb)" + (event.emailSubject.map { ": \($0)" } ?? "")
            if threats.isAttack {
                event.addTechniques(["T1566"])
                event.addTactics(["initial-access"])
            }
        }

        event.setDetail("metadata.log_name", item.bucket?.rawValue)
        event.setDetail("email.queue_id", item.text("QID"))
        event.setDetail("email.header_from", item.text("headerFrom"))
        event.setDetail("email.header_reply_to", item.text("headerReplyTo"))
        event.setDetail("email.x_mailer", item.text("xmailer"))
        event.setDetail("email.size", try item.number("messageSize"))
        for score in ["spamScore", "phishScore", "malwareScore", "impostorScore"] {
            event.setDetail("email.\(score.dropLast(5))_score", try item.number(score))
        }
        event.setDetail("email.policy_routes", item.json["policyRoutes"])
        event.setDetail("email.modules_run", item.json["modulesRun"])
        event.setDetail("email.quarantine_folder", item.text("quarantineFolder"))
        event.setDetail("email.quarantine_rule", item.text("quarantineRule"))
        event.setDetail("email.cluster", item.text("cluster"))
        threats.addDetails(to: &event)
        return event
    }
}
