import XDRJSON
import XDRModel

extension PostfixMessage {
    /// The message as one OCSF Email Activity (4009) event.
    func event(format: String) -> NormalizedEvent {
        // Received from the network (smtpd `client=`) → Receive 2; submitted locally (pickup) → Send 1.
        let activity = clientIP != nil ? 2 : (localUID != nil ? 1 : 0)
        var event = NormalizedEvent(time: time, layer: .email, kind: .telemetry, classUID: OCSFClass.emailActivity,
                                    activityID: activity, severity: .informational, sourceProduct: "Postfix",
                                    sourceFormat: format, raw: lines.joined(separator: "\n"))
        event.sourceEventID = queueID
        event.addHost(host, role: .device)
        event.addEmailMessage(messageID)
        event.addEmail(from, role: .sender)
        event.addIP(clientIP, role: .source)
        // Remote MTAs by their full name (a domain): short host names such as `mx` or `mail` would
        // glue unrelated messages together.
        if let clientName, clientName != "unknown" { event.addDomain(clientName, role: .source) }
        event.addUser(saslUser, role: .actor)
        for delivery in deliveries {
            event.addEmail(delivery.to, role: .recipient)
            event.addEmail(delivery.originalTo, role: .recipient)
            if let relay = delivery.relay, let open = relay.firstIndex(of: "["), let close = relay.lastIndex(of: "]"), open < close {
                let port = relay[relay.index(after: close)...].dropFirst().isEmpty ? nil : Int(relay[relay.index(after: close)...].dropFirst())
                event.addIP(String(relay[relay.index(after: open)..<close]), role: .destination, port: port)
                event.addDomain(String(relay[..<open]), role: .destination)
            }
        }
        event.emailSubject = subject

        let statuses = deliveries.compactMap(\.status)
        let failed = !rejections.isEmpty || statuses.contains { $0 == "bounced" || $0 == "expired" }
        event.outcome = failed ? "failure" : (statuses.contains("sent") ? "success" : nil)
        event.severity = failed ? .low : .informational
        let sender = from.map { $0.isEmpty ? "<>" : $0 } ?? clientIP.map { "\(clientName ?? "unknown")[\($0)]" } ?? "unknown sender"
        let recipients = Array(Set(deliveries.map(\.to))).sorted()
        let to = recipients.isEmpty ? "" : " → " + recipients.prefix(3).joined(separator: ", ") + (recipients.count > 3 ? " (+\(recipients.count - 3))" : "")
        if let rejection = rejections.first {
            event.title = "Mail \(sender)\(to) rejected: \(rejection.prefix(120))"
        } else {
            event.title = "Mail \(sender)\(to)" + (Self.summary(statuses).map { " \($0)" } ?? "")
        }

        event.setDetail("email.queue_id", queueID)
        event.setDetail("email.size", size.map(JSONValue.int))
        event.setDetail("email.recipient_count", recipientCount.map(JSONValue.int))
        event.setDetail("smtp.helo", helo)
        event.setDetail("auth.sasl_method", saslMethod)
        event.setDetail("process.uid", localUID)
        if removed { event.setDetail("email.removed_from_queue", .bool(true)) }
        if !rejections.isEmpty { event.setDetail("email.rejections", .strings(rejections)) }
        if !deliveries.isEmpty {
            event.setDetail("email.deliveries", .array(deliveries.map { delivery in
                var object = JSONObject()
                object["to"] = .string(delivery.to)
                if let value = delivery.originalTo { object["orig_to"] = .string(value) }
                if let value = delivery.relay { object["relay"] = .string(value) }
                if let value = delivery.dsn { object["dsn"] = .string(value) }
                if let value = delivery.status { object["status"] = .string(value) }
                if let value = delivery.reply { object["reply"] = .string(value) }
                if let value = delivery.delay { object["delay"] = .string(value) }
                return .object(object)
            }))
        }
        return event
    }

    /// `sent`, `deferred`, or `sent, deferred` when recipients fared differently.
    static func summary(_ statuses: [String]) -> String? {
        var seen: [String] = []
        for status in statuses where !seen.contains(status) { seen.append(status) }
        return seen.isEmpty ? nil : seen.joined(separator: ", ")
    }
}
