import XDRJSON
import XDRModel

/// Exchange Online message trace rows: `Get-MessageTrace` output converted to JSON, or the
/// Reporting Web Service `MessageTrace` report (OData `{"value": […]}` or verbose `{"d": {"results": […]}}`).
public struct M365MessageTrace: JSONRecordFormat {
    public init() {}

    public var name: String { "m365-messagetrace" }
    public var layer: Layer { .email }
    public var summary: String { "Exchange Online message trace (Get-MessageTrace, Reporting Web Service MessageTrace)" }
    public var framing: FormatFraming { .json(envelope: "value") }

    /// Unwraps OData verbose documents (`d.results`, which the framing's single envelope key cannot
    /// reach); those rows are re-serialised for `raw`. Everything else is one row per record.
    public func normalize(_ records: [RawRecord], context: FormatContext) -> [FormatOutcome] {
        var outcomes: [FormatOutcome] = []
        for record in records {
            guard let json = record.json else {
                outcomes.append(.rejected(number: record.number, error: RecordError("not a JSON document")))
                continue
            }
            let rows: [RawRecord]
            if let results = json[path: "d.results"]?.array {
                rows = results.enumerated().map { RawRecord(number: record.number + $0.offset, text: JSONWriter.serialize($0.element), json: $0.element) }
            } else {
                rows = [record]
            }
            for row in rows {
                do throws(RecordError) {
                    outcomes.append(.accepted(number: row.number, event: try normalize(record: row.json ?? .null, raw: row, context: context)))
                } catch {
                    outcomes.append(.rejected(number: row.number, error: error))
                }
            }
        }
        return outcomes
    }

    public func normalize(record: JSONValue, raw: RawRecord, context: FormatContext) throws(RecordError) -> NormalizedEvent {
        guard case .object = record else { throw RecordError("expected a JSON object, got \(record.kindName)") }
        let time = try Self.received(record)
        let recipient = try record.requiredText("RecipientAddress")
        let toIP = record["ToIP"]?.text
        let fromIP = record["FromIP"]?.text
        // ToIP is where Exchange Online sent the message (outbound); FromIP where it came from.
        let activity = toIP != nil ? 1 : (fromIP != nil ? 2 : 0)
        var event = NormalizedEvent(time: time, layer: .email, kind: .telemetry, classUID: OCSFClass.emailActivity,
                                    activityID: activity, severity: .informational, sourceProduct: "Exchange Online",
                                    sourceFormat: name, raw: raw.text)
        let traceID = record["MessageTraceId"]?.text
        event.sourceEventID = traceID
        event.addEmailMessage(record["MessageId"]?.text)
        // MessageTraceId is the Network Message ID Defender for Office 365 rows carry.
        event.addEmailMessage(traceID)
        event.addEmail(record["SenderAddress"]?.text, role: .sender)
        event.addEmail(recipient, role: .recipient)
        event.addIP(fromIP, role: .source)
        event.addIP(toIP, role: .destination)
        event.emailSubject = record["Subject"]?.text

        let status = record["Status"]?.text
        switch status?.lowercased() {
        case "delivered", "filteredasspam": event.outcome = "success"
        case "failed", "quarantined": event.outcome = "failure"
        default: break
        }
        switch status?.lowercased() {
        case "failed", "quarantined", "filteredasspam": event.severity = .low
        default: break
        }
        event.title = "Message \(event.emailFrom ?? "<>") → \(event.emailTo.first ?? recipient)" + (status.map { " \($0)" } ?? "")
            + (event.emailSubject.map { ": \($0)" } ?? "")
        event.setDetail("email.status", status)
        event.setDetail("email.size", try record.optionalInt("Size").map(JSONValue.int))
        event.setDetail("metadata.tenant_name", record["Organization"]?.text)
        return event
    }

    /// `Received`: ISO 8601 (UTC when no zone is written, as Exchange Online reports in UTC) or the
    /// OData/.NET JSON form `/Date(1709633730123)/`.
    static func received(_ record: JSONValue) throws(RecordError) -> Int64 {
        let text = try record.requiredText("Received")
        if text.hasPrefix("/Date("), let close = text.firstIndex(of: ")") {
            let inner = text[text.index(text.startIndex, offsetBy: 6)..<close]
            let digits = inner.prefix { $0.isNumber || $0 == "-" }
            if let millis = Int64(digits) { return millis * 1000 }
        }
        guard let micros = EventTime.iso8601(text) else { throw .notADate("Received", text) }
        return micros
    }
}
