import XDRJSON
import XDRModel

/// Exchange Online audit records — mailbox actions (`MailItemsAccessed`, `Send`, `HardDelete`,
/// `UpdateInboxRules`) and admin cmdlets (`New-InboxRule`, `Set-Mailbox`) — from the Unified Audit
/// Log (Management Activity API, or `Search-UnifiedAuditLog` rows with `AuditData` as JSON text)
/// and from Sentinel's `OfficeActivity` table.
public struct ExchangeAudit: JSONRecordFormat {
    public init() {}

    public var name: String { "exchange-audit" }
    public var layer: Layer { .email }
    public var summary: String { "Exchange Online mailbox and admin audit records (Unified Audit Log, OfficeActivity)" }

    public func normalize(record: JSONValue, raw: RawRecord, context: FormatContext) throws(RecordError) -> NormalizedEvent {
        guard case .object = record else { throw RecordError("expected a JSON object, got \(record.kindName)") }
        let audit = try Self.unwrap(record)
        guard let workload = audit.workload else { throw .missing("Workload") }
        guard workload.lowercased() == "exchange" else {
            throw RecordError(field: "Workload", "\"\(workload)\" records are not Exchange mailbox activity; exchange-audit reads Workload \"Exchange\" only (other Unified Audit Log workloads belong to the cloud layer)")
        }
        guard let operation = audit.operation else { throw .missing("Operation") }
        let time = try Self.time(audit.json)
        var event = NormalizedEvent(time: time, layer: .email, kind: .telemetry, classUID: OCSFClass.apiActivity,
                                    activityID: DefenderEmail.apiActivity(operation), severity: .informational,
                                    sourceProduct: "Microsoft Exchange Online", sourceFormat: name, raw: raw.text)
        event.sourceEventID = audit.text("Id") ?? audit.text("OfficeId")
        event.apiOperation = operation
        event.outcome = audit.outcome
        audit.addEntities(to: &event)
        // Rules that forward or hide mail are the persistence of business e-mail compromise.
        if !event.attackTechniques.isEmpty { event.severity = .low }
        let actor = audit.text("UserId") ?? "unknown user"
        if let owner = audit.mailboxOwner {
            event.title = "\(operation) on mailbox \(owner) by \(actor)"
        } else if let object = audit.text("ObjectId") {
            event.title = "\(operation) on \(object.split(separator: "/").last.map(String.init) ?? object) by \(actor)"
        } else {
            event.title = "\(operation) by \(actor)"
        }
        event.setDetail("api.service.name", "Exchange")
        event.setDetail("metadata.log_name", audit.text("Type"))
        event.setDetail("metadata.record_type", audit.json["RecordType"])
        event.setDetail("metadata.tenant_name", audit.text("OrganizationName"))
        return event
    }

    /// `Search-UnifiedAuditLog` rows carry the record as JSON text in `AuditData`.
    static func unwrap(_ record: JSONValue) throws(RecordError) -> ExchangeAuditRecord {
        guard let data = record["AuditData"] else { return ExchangeAuditRecord(record) }
        if case .object = data { return ExchangeAuditRecord(data) }
        guard let text = data.text, let parsed = try? JSONParser.parse(text), case .object = parsed else {
            throw RecordError(field: "AuditData", "expected an audit record as a JSON object or JSON text, got \(data.preview)")
        }
        return ExchangeAuditRecord(parsed)
    }

    /// `CreationTime` (UTC without a zone in the Unified Audit Log), else `TimeGenerated` (OfficeActivity).
    static func time(_ json: JSONValue) throws(RecordError) -> Int64 {
        let field = json["CreationTime"] != nil ? "CreationTime" : "TimeGenerated"
        return try json.requiredISOTime(field)
    }
}
