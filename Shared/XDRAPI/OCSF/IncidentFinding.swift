import XDRJSON
import XDRModel
import XDRStore

/// OCSF 1.x Incident Finding (category 2 Findings, class 2005) built from an incident row and its
/// member detections.
enum IncidentFinding {
    /// OCSF status_id: 1 New, 2 In Progress, 4 Resolved, 5 Closed.
    static func statusID(_ status: String) -> Int {
        switch status {
        case "new": 1
        case "acknowledged", "investigating", "contained": 2
        case "resolved": 4
        case "closed": 5
        default: 0
        }
    }

    /// OCSF verdict_id: 1 False Positive, 2 True Positive, 4 Benign, 8 Duplicate.
    static func verdictID(_ verdict: String?) -> Int {
        switch verdict {
        case "false_positive": 1
        case "true_positive": 2
        case "benign": 4
        case "duplicate": 8
        default: 0
        }
    }

    /// Milliseconds since the epoch, OCSF's `timestamp_t`.
    private static func millis(_ row: Row, _ column: String) throws -> JSONValue {
        (try row.text(column)).flatMap(PostgresTimestamp.parse).map { .int($0 / 1000) } ?? .null
    }

    private static func optional(_ text: String?) -> JSONValue { text.map { .string($0) } ?? .null }

    static func build(_ row: Row, detections: [Row]) throws -> JSONObject {
        let incident = try IncidentSummary.json(row)
        let status = incident["status"]?.string ?? "new"
        // activity_id: 1 Create, 2 Update, 3 Close.
        let activity = status == "new" ? 1 : (status == "closed" ? 3 : 2)
        let severity = incident["severity_id"]?.int ?? 0
        let findings: [JSONValue] = try detections.map { detection in
            [
                "uid": .string(try detection.string("member_key")),
                "title": optional(try detection.text("title") ?? detection.text("derived_title")),
                "analytic": ["uid": optional(try detection.text("rule_id") ?? detection.text("derived_rule_id")), "type_id": 1, "type": "Rule"],
                "product": ["name": .string(try detection.text("source_product") ?? "Tsunagi correlation")],
                "first_seen_time": try millis(detection, "event_time"),
                "attacks": .array(try detection.strings("attack_techniques").map { ["technique": ["uid": .string($0)]] }),
            ]
        }
        var assignee: JSONValue = .null
        if let name = incident["assignee"]?.string { assignee = ["name": .string(name)] }
        let entityCount = (try row.jsonDocument("entities")).array?.count ?? 0
        return [
            "class_uid": .int(OCSFClass.incidentFinding), "class_name": "Incident Finding",
            "category_uid": 2, "category_name": "Findings",
            "activity_id": .int(activity), "type_uid": .int(OCSFClass.incidentFinding * 100 + activity),
            "severity_id": .int(severity), "severity": incident["severity"] ?? .null,
            "status_id": .int(statusID(status)), "status": .string(status),
            "verdict_id": .int(verdictID(incident["verdict"]?.string)), "verdict": incident["verdict"] ?? .null,
            "time": try millis(row, "updated_at"),
            "start_time": try millis(row, "first_seen"),
            "end_time": try millis(row, "last_seen"),
            "is_suspected_breach": .bool(severity >= Severity.high.rawValue),
            "assignee": assignee,
            "desc": .string(IncidentAPI.summaryText(incident, entityCount: entityCount)),
            "finding_info_list": .array(findings),
            "metadata": ["version": "1.3.0", "product": ["name": "Tsunagi", "vendor_name": "Tsunagi"],
                         "uid": incident["id"] ?? .null, "tenant_uid": incident["tenant_id"] ?? .null],
            "unmapped": ["title": incident["title"] ?? .null, "layers": incident["layers"] ?? .null,
                         "tactics": incident["tactics"] ?? .null, "techniques": incident["techniques"] ?? .null],
        ]
    }
}
