import XDRJSON
import XDRModel

/// Microsoft Defender for Office 365 Advanced Hunting rows (`EmailEvents`, `EmailAttachmentInfo`,
/// `EmailUrlInfo`, `UrlClickEvents`, and Exchange Online mailbox actions from `CloudAppEvents`).
///
/// Rows arrive as the streaming API writes them, `{"time", "tenantId", "operationName",
/// "category": "AdvancedHunting-EmailEvents", "properties": {…}}`, optionally batched in Event
/// Hub's `{"records": […]}`, or bare (an Advanced Hunting API or Log Analytics export) with the
/// table named by `Type`, by the hint, or inferred from the row's columns.
public struct DefenderEmail: JSONRecordFormat {
    public init() {}

    public var name: String { "defender-email" }
    public var layer: Layer { .email }
    public var summary: String { "Microsoft Defender for Office 365 Advanced Hunting email tables (streaming API or export)" }
    public var framing: FormatFraming { .json(envelope: "records") }

    static let product = "Microsoft Defender for Office 365"
    static let supportedTables = "EmailEvents, EmailAttachmentInfo, EmailUrlInfo, UrlClickEvents, CloudAppEvents (Exchange Online actions)"

    public func normalize(record: JSONValue, raw: RawRecord, context: FormatContext) throws(RecordError) -> NormalizedEvent {
        guard case .object = record else {
            throw RecordError("expected a JSON object, got \(record.kindName)")
        }
        let row = try DefenderRow(record, hint: context.hint)
        switch row.table {
        case .emailEvents: return try emailEvent(row, raw: raw)
        case .emailAttachmentInfo: return try attachmentEvent(row, raw: raw)
        case .emailUrlInfo: return try urlEvent(row, raw: raw)
        case .urlClickEvents: return try clickEvent(row, raw: raw)
        case .cloudAppEvents: return try mailboxActionEvent(row, raw: raw)
        }
    }

    /// The event skeleton every table shares: time, product, format, raw text, report id.
    func baseEvent(_ row: DefenderRow, classUID: Int, activityID: Int, raw: RawRecord) throws(RecordError) -> NormalizedEvent {
        var event = NormalizedEvent(time: try row.time(), layer: .email, kind: .telemetry, classUID: classUID,
                                    activityID: activityID, severity: .informational,
                                    sourceProduct: Self.product, sourceFormat: name, raw: raw.text)
        event.setDetail("metadata.log_name", row.table.rawValue)
        event.setDetail("metadata.tenant_uid", row.tenantID)
        return event
    }
}
