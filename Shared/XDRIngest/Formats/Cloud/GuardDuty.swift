import XDRJSON
import XDRModel

/// Amazon GuardDuty findings: bare (S3 export, `get-findings` output with its `Findings` envelope)
/// or inside the EventBridge event that delivers them (`detail-type: GuardDuty Finding`).
///
/// Every finding is a detection (OCSF Detection Finding 2004).
public struct GuardDuty: JSONRecordFormat {
    public init() {}

    public var name: String { "guardduty" }
    public var layer: Layer { .cloud }
    public var summary: String { "Amazon GuardDuty findings, bare or in EventBridge events" }
    public var framing: FormatFraming { .json(envelope: "Findings") }

    static let product = "Amazon GuardDuty"

    public func normalize(record: JSONValue, raw: RawRecord, context: FormatContext) throws(RecordError) -> NormalizedEvent {
        guard case .object = record else { throw RecordError("expected a JSON object, got \(record.kindName)") }
        var finding = record
        var prefix = ""
        if let detailType = record["detail-type"] {
            guard detailType.text == "GuardDuty Finding" else {
                throw RecordError(field: "detail-type", "EventBridge detail-type \(detailType.preview) is not supported (GuardDuty Finding)")
            }
            guard let detail = record["detail"], case .object = detail else {
                throw RecordError(field: "detail", record["detail"].map { "expected an object, got \($0.kindName)" } ?? "missing")
            }
            finding = detail
            prefix = "detail."
        }
        func field(_ name: String) -> String { prefix + name }
        let id: String
        let type: String
        let time: Int64
        do throws(RecordError) {
            id = try finding.requiredText("id")
            type = try finding.requiredText("type")
            time = try finding["updatedAt"] == nil && finding["createdAt"] != nil
                ? finding.requiredISOTime("createdAt") : finding.requiredISOTime("updatedAt")
        } catch {
            throw RecordError(field: error.field.map(field), error.reason)
        }
        guard let severityValue = finding["severity"] else { throw .missing(field("severity")) }
        guard let score = severityValue.double else {
            throw RecordError(field: field("severity"), "expected a number, got \(severityValue.preview)")
        }

        let archived = finding["service"]?["archived"]?.bool ?? false
        var event = NormalizedEvent(time: time, layer: .cloud, kind: .detection, classUID: OCSFClass.detectionFinding,
                                    activityID: archived ? 3 : (finding.optionalText("createdAt") == finding.optionalText("updatedAt") ? 1 : 2),
                                    severity: Self.severity(score), sourceProduct: Self.product, sourceFormat: name,
                                    raw: raw.text)
        event.sourceEventID = id
        event.ruleID = type
        event.title = finding.optionalText("title") ?? type
        event.cloudRegion = finding.optionalText("region") ?? record.optionalText("region")
        event.addCloudAccount(finding.optionalText("accountId") ?? record.optionalText("account"))
        let mapping = GuardDutyFindingType.attack(for: type)
        event.addTactics(mapping.tactics)
        event.addTechniques(mapping.techniques)

        event.setDetail("finding_info.desc", finding.optionalText("description"))
        event.setDetail("finding_info.types", .strings([type]))
        event.setDetail("finding_info.created_time", finding.optionalText("createdAt"))
        event.setDetail("severity_score", .double(score))
        event.setDetail("cloud.provider", "AWS")
        event.setDetail("guardduty.arn", finding.optionalText("arn"))
        event.setDetail("guardduty.eventbridge_id", prefix.isEmpty ? nil : record.optionalText("id"))
        if let service = finding["service"], case .object = service {
            event.setDetail("finding_info.first_seen_time", service.optionalText("eventFirstSeen"))
            event.setDetail("finding_info.last_seen_time", service.optionalText("eventLastSeen"))
            event.setDetail("count", service["count"])
            if archived { event.setDetail("guardduty.archived", .bool(true)) }
            event.setDetail("guardduty.resource_role", service.optionalText("resourceRole"))
        }
        let direction = GuardDutyEntities.addAction(finding[path: "service.action"], to: &event)
        GuardDutyEntities.addResource(finding["resource"], direction: direction, to: &event)
        GuardDutyEntities.addRuntime(finding[path: "service.runtimeDetails"], to: &event)
        return event
    }

    /// GuardDuty's 0.1–10 score: 0.1–3.9 Low, 4.0–6.9 Medium, 7.0–8.9 High, 9.0–10 Critical.
    static func severity(_ score: Double) -> Severity {
        switch score {
        case ..<0.1: .informational
        case ..<4.0: .low
        case ..<7.0: .medium
        case ..<9.0: .high
        default: .critical
        }
    }
}
