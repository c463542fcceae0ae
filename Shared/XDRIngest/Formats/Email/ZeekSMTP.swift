import XDRJSON
import XDRModel

/// Zeek `smtp.log` in JSON (one SMTP transaction per record), with `ts` as epoch seconds or, when
/// Zeek's `JSON::TimestampFormat` is ISO 8601, as an RFC 3339 string.
public struct ZeekSMTP: JSONRecordFormat {
    public init() {}

    public var name: String { "zeek-smtp" }
    public var layer: Layer { .email }
    public var summary: String { "Zeek smtp.log (JSON): SMTP transactions seen on the wire" }

    public func normalize(record: JSONValue, raw: RawRecord, context: FormatContext) throws(RecordError) -> NormalizedEvent {
        guard case .object = record else { throw RecordError("expected a JSON object, got \(record.kindName)") }
        if let path = record["_path"]?.text ?? context.hint, path.lowercased() != "smtp" {
            throw RecordError(field: "_path", "Zeek log \"\(path)\" is not supported by zeek-smtp (smtp only); other Zeek logs belong to the network layer's zeek format")
        }
        let time = try record.requiredEpochTime("ts")
        let uid = try record.requiredText("uid")
        let origin = try record.requiredText("id.orig_h")
        let responder = try record.requiredText("id.resp_h")
        let depth = try record.optionalInt("trans_depth")
        var event = NormalizedEvent(time: time, layer: .email, kind: .telemetry, classUID: OCSFClass.emailActivity,
                                    activityID: Self.activity(origin: origin, responder: responder), severity: .informational,
                                    sourceProduct: "Zeek", sourceFormat: name, raw: raw.text)
        event.sourceEventID = depth.map { "\(uid)#\($0)" } ?? uid
        event.networkProtocol = "smtp"
        event.addEmailMessage(record["msg_id"]?.text)
        event.addEmail(record["from"]?.text, role: .sender)
        event.addEmail(record["mailfrom"]?.text, role: .sender)
        event.addIP(origin, role: .source, port: try record.optionalInt("id.orig_p"))
        event.addIP(responder, role: .destination, port: try record.optionalInt("id.resp_p"))
        for key in ["rcptto", "to", "cc"] {
            for address in try Self.list(record, key) { event.addEmail(address, role: .recipient) }
        }
        if let replyTo = record["reply_to"]?.text, let address = EntityNormalizer.email(replyTo) {
            event.add(Entity(.email, address, role: .related, original: replyTo))
        }
        // The webmail user's own address, when the sending server recorded it.
        event.addIP(record["x_originating_ip"]?.text, role: .related)
        event.addDomain(record["helo"]?.text, role: .source)
        event.emailSubject = record["subject"]?.text

        let reply = record["last_reply"]?.text
        switch reply?.first {
        case "2": event.outcome = "success"
        case "4", "5": event.outcome = "failure"
        default: break
        }
        let sender = event.emailFrom ?? origin
        let recipients = event.emailTo
        if recipients.isEmpty && event.emailFrom == nil {
            event.title = "SMTP session \(origin) → \(responder) without a mail transaction"
        } else {
            event.title = "SMTP \(sender) → \(recipients.prefix(3).joined(separator: ", "))\(recipients.count > 3 ? " (+\(recipients.count - 3))" : "")"
                + (event.emailSubject.map { ": \($0)" } ?? "")
        }

        event.setDetail("network.uid", uid)
        event.setDetail("smtp.trans_depth", depth.map(JSONValue.int))
        event.setDetail("smtp.helo", record["helo"]?.text)
        event.setDetail("smtp.last_reply", reply)
        event.setDetail("smtp.path", record["path"])
        event.setDetail("smtp.tls", record["tls"])
        event.setDetail("email.x_mailer", record["user_agent"]?.text)
        event.setDetail("email.date", record["date"]?.text)
        event.setDetail("email.in_reply_to", record["in_reply_to"]?.text)
        event.setDetail("email.first_received", record["first_received"]?.text)
        event.setDetail("email.is_webmail", record["is_webmail"])
        if let fuids = record["fuids"], !fuids.strings.isEmpty { event.setDetail("file.uids", .strings(fuids.strings)) }
        return event
    }

    /// Internal → external is Send (1), external → internal is Receive (2); otherwise Unknown (0).
    static func activity(origin: String, responder: String) -> Int {
        guard let source = EntityNormalizer.ip(origin), let destination = EntityNormalizer.ip(responder) else { return 0 }
        switch (EntityNormalizer.isInternal(source), EntityNormalizer.isInternal(destination)) {
        case (true, false): return 1
        case (false, true): return 2
        default: return 0
        }
    }

    static func list(_ record: JSONValue, _ key: String) throws(RecordError) -> [String] {
        guard let value = record[key], !value.isNull else { return [] }
        switch value {
        case .array, .string: return value.strings
        default: throw RecordError(field: key, "expected an array of strings, got \(value.kindName)")
        }
    }
}
