import XDRJSON
import XDRModel

/// Elastic Common Schema documents from endpoint agents: Elastic Defend (Elastic Endpoint) process,
/// file, network, registry, library and authentication events and its alerts, Auditbeat
/// (auditd, system and file_integrity modules), and Kibana security alerts. `event.kind` `alert`
/// (or `signal`) makes a detection; everything else is telemetry.
public struct ECSFormat: JSONRecordFormat {
    public let name = "ecs"
    public let layer = Layer.endpoint
    public let summary = "ECS endpoint documents (Elastic Defend, Auditbeat, Kibana security alerts)"

    public init() {}

    public func normalize(record: JSONValue, raw: RawRecord, context: FormatContext) throws(RecordError) -> NormalizedEvent {
        guard case .object = record else { throw RecordError("expected a JSON object, got \(record.kindName)") }
        let time = try record.requiredISOTime("@timestamp")
        let categories = record[path: "event.category"]?.strings.map { $0.lowercased() } ?? []
        let kindName = record[path: "event.kind"]?.text?.lowercased()
        guard !categories.isEmpty || kindName != nil || record[path: "event.action"] != nil else {
            throw RecordError(field: "event.category", "missing (an ECS event names event.category, event.kind or event.action)")
        }
        let types = record[path: "event.type"]?.strings.map { $0.lowercased() } ?? []
        let isAlert = kindName == "alert" || kindName == "signal"
        let mapped = isAlert
            ? WindowsEventKind(classUID: OCSFClass.detectionFinding, activityID: 1, title: "Alert")
            : Self.classify(categories: categories, types: types, record: record)

        var event = NormalizedEvent(time: time, layer: .endpoint, kind: isAlert ? .detection : .telemetry,
                                    classUID: mapped.classUID, activityID: mapped.activityID,
                                    severity: try Self.severity(record, isAlert: isAlert),
                                    sourceProduct: Self.product(record), sourceFormat: name, raw: raw.text)
        event.sourceEventID = record[path: "kibana.alert.uuid"]?.text ?? record[path: "event.id"]?.text
        let ruleName = record[path: "kibana.alert.rule.name"]?.text ?? record[path: "rule.name"]?.text
            ?? record[path: "signal.rule.name"]?.text
        event.ruleID = record[path: "kibana.alert.rule.uuid"]?.text ?? record[path: "rule.id"]?.text
            ?? record[path: "rule.uuid"]?.text ?? record[path: "signal.rule.id"]?.text
        event.title = isAlert ? (ruleName ?? record["message"]?.text ?? "Alert") : Self.telemetryTitle(mapped.title, record)
        if !isAlert { event.setDetail("rule.name", ruleName) }
        event.outcome = record[path: "event.outcome"]?.text.flatMap { $0 == "unknown" ? nil : $0 }
        if !isAlert, event.outcome == "failure", event.classUID == OCSFClass.authentication { event.severity = .low }
        event.setDetail("metadata.event_code", record[path: "event.code"]?.text)
        event.setDetail("metadata.event_action", record[path: "event.action"]?.text)
        event.setDetail("metadata.categories", categories.isEmpty ? nil : .strings(categories))
        event.setDetail("finding_info.desc", isAlert ? (record[path: "kibana.alert.reason"]?.text ?? record["message"]?.text) : nil)

        Self.addEntities(record, to: &event)
        Self.addThreat(record, to: &event)
        return event
    }

    /// Telemetry class by `event.category` (first match in this order) and `event.type`.
    static func classify(categories: [String], types: [String], record: JSONValue) -> WindowsEventKind {
        func has(_ type: String) -> Bool { types.contains(type) }
        for category in ["authentication", "iam", "registry", "driver", "library", "file", "network", "process"] where categories.contains(category) {
            switch category {
            case "authentication":
                return .init(classUID: OCSFClass.authentication, activityID: has("end") ? 2 : 1, title: has("end") ? "Logoff" : "Logon")
            case "iam":
                let group = has("group")
                let activity = has("creation") ? (group ? 6 : 1) : has("deletion") ? (group ? 5 : 6) : 99
                return .init(classUID: group ? OCSFClass.groupManagement : OCSFClass.accountChange, activityID: activity,
                             title: group ? "Group changed" : "Account changed")
            case "registry":
                let value = record[path: "registry.value"] != nil
                let activity = has("creation") ? (value ? 2 : 1) : has("deletion") ? 4 : has("change") ? (value ? 2 : 3) : has("access") ? (value ? 1 : 2) : 99
                return .init(classUID: value ? WindowsEventCatalog.registryValueActivity : OCSFClass.registryKeyActivity,
                             activityID: activity, title: value ? "Registry value event" : "Registry key event")
            case "driver":
                return .init(classUID: WindowsEventCatalog.kernelExtensionActivity, activityID: has("end") ? 2 : 1, title: "Driver loaded")
            case "library":
                return .init(classUID: OCSFClass.moduleActivity, activityID: has("end") ? 2 : 1, title: "Library loaded")
            case "file":
                let activity = has("creation") ? 1 : has("deletion") ? 4 : has("change") ? 3 : has("access") ? 14 : 99
                return .init(classUID: OCSFClass.fileActivity, activityID: activity, title: "File \(types.first ?? "event")")
            case "network":
                if record[path: "dns.question.name"] != nil {
                    return .init(classUID: OCSFClass.dnsActivity, activityID: 1, title: "DNS query")
                }
                let activity = has("end") ? 2 : has("denied") ? 5 : (has("start") || has("connection")) ? 1 : 6
                return .init(classUID: OCSFClass.networkActivity, activityID: activity, title: "Network connection")
            default:
                let activity = has("start") ? 1 : has("end") ? 2 : 99
                return .init(classUID: OCSFClass.processActivity, activityID: activity,
                             title: has("start") ? "Process started" : has("end") ? "Process ended" : "Process event")
            }
        }
        return .init(classUID: WindowsEventCatalog.baseEvent, activityID: 99, title: "Event")
    }

    /// Alerts: `kibana.alert.severity` / `signal.rule.severity` by name, else the numeric
    /// `event.severity` / `kibana.alert.risk_score` in Elastic's risk bands (0–21 Low, 22–47
    /// Medium, 48–73 High, 74–100 Critical). Telemetry is Informational.
    static func severity(_ record: JSONValue, isAlert: Bool) throws(RecordError) -> Severity {
        guard isAlert else { return .informational }
        for path in ["kibana.alert.severity", "signal.rule.severity", "rule.severity"] {
            if let name = record[path: path]?.text {
                guard let severity = Severity(name: name) else { throw RecordError(field: path, "unknown severity \"\(name)\"") }
                return severity
            }
        }
        for path in ["kibana.alert.risk_score", "event.risk_score", "event.severity"] {
            guard let value = record[path: path], !value.isNull else { continue }
            guard let score = value.double, (0...100).contains(score) else {
                throw RecordError(field: path, "expected a score from 0 to 100, got \(value.preview)")
            }
            switch score {
            case ..<22: return .low
            case ..<48: return .medium
            case ..<74: return .high
            default: return .critical
            }
        }
        return .medium
    }

    static func product(_ record: JSONValue) -> String {
        switch record[path: "agent.type"]?.text {
        case "endpoint": return "Elastic Defend"
        case "auditbeat": return "Elastic Auditbeat"
        default: break
        }
        if record[path: "kibana.alert.uuid"] != nil || record["signal"] != nil { return "Elastic Security" }
        if let product = record[path: "observer.product"]?.text {
            return [record[path: "observer.vendor"]?.text, product].compactMap { $0 }.joined(separator: " ")
        }
        return record[path: "event.module"]?.text.map { "ECS \($0)" } ?? "ECS"
    }

    static func telemetryTitle(_ base: String, _ record: JSONValue) -> String {
        let subject = record[path: "process.command_line"]?.text ?? record[path: "file.path"]?.text
            ?? record[path: "dns.question.name"]?.text ?? record[path: "destination.ip"]?.text
            ?? record[path: "user.name"]?.text ?? record[path: "process.executable"]?.text
        return subject.map { "\(base): \($0)" } ?? base
    }
}
