import XDRJSON
import XDRModel

extension SuricataEVE {
    /// Suricata's rule severity (1 highest, 3 lowest in the shipped classification.config;
    /// custom classifications may go higher) as an OCSF severity.
    static func severity(_ value: Int?) -> Severity {
        switch value {
        case 1: .high
        case 2: .medium
        case 3: .low
        case .some(let level) where level >= 4: .informational
        default: .unknown
        }
    }

    /// Fills a detection from the `alert` object; returns the signature id for the event id.
    static func addAlert(_ record: JSONValue, to event: inout NormalizedEvent) throws(RecordError) -> String {
        guard let alert = record["alert"], alert.object != nil else {
            throw record["alert"] == nil ? .missing("alert") : RecordError(field: "alert", "expected an object, got \(record["alert"]!.kindName)")
        }
        let signature = try record.requiredText("alert.signature")
        guard let signatureID = alert["signature_id"]?.int else {
            throw alert["signature_id"] == nil ? .missing("alert.signature_id")
                : RecordError(field: "alert.signature_id", "expected an integer, got \(alert["signature_id"]!.preview)")
        }
        let severity = try record.optionalInt("alert.severity")
        event.kind = .detection
        event.classUID = OCSFClass.detectionFinding
        event.activityID = 1 // Create
        event.severity = Self.severity(severity)
        event.title = signature
        event.ruleID = String(signatureID)
        if let action = alert["action"]?.text {
            // "blocked" only appears when Suricata runs inline (IPS) and dropped the packet.
            event.setDetail("disposition", action == "blocked" ? "Blocked" : action == "allowed" ? "Allowed" : action)
            event.outcome = action == "blocked" ? "failure" : nil
        }
        event.setDetail("finding_info.title", signature)
        event.setDetail("finding_info.uid", String(signatureID))
        event.setDetail("finding_info.types", alert["category"]?.text.map { JSONValue.strings([$0]) })
        event.setDetail("rule.version", alert["rev"])
        event.setDetail("rule.uid", String(signatureID))
        event.setDetail("rule.category", alert["category"]?.text)
        event.setDetail("rule.gid", alert["gid"])
        event.setDetail("severity_source", severity.map { JSONValue.int($0) })
        if let metadata = alert["metadata"], metadata.object != nil {
            // Rule metadata values are arrays of strings (`"mitre_technique_id": ["T1071"]`).
            event.addTechniques(metadata["mitre_technique_id"]?.strings ?? [])
            event.addTechniques(metadata["mitre_technique_name"]?.strings.filter { $0.hasPrefix("T") } ?? [])
            event.addTactics(metadata["mitre_tactic_id"]?.strings ?? [])
            event.addTactics(metadata["mitre_tactic_name"]?.strings ?? [])
            event.setDetail("finding_info.metadata", metadata)
        }
        return String(signatureID)
    }

    /// A decoder or stream anomaly Suricata noticed (telemetry: anomalies are frequent and benign).
    static func addAnomaly(_ record: JSONValue, to event: inout NormalizedEvent) {
        event.classUID = OCSFClass.networkActivity
        event.activityID = 99 // Other
        let anomaly = record["anomaly"]
        let name = anomaly?["event"]?.text ?? anomaly?["code"]?.text ?? "anomaly"
        event.title = "Suricata anomaly \(anomaly?["type"]?.text ?? "")\(anomaly?["type"]?.text == nil ? "" : " ")\(name)"
        event.setDetail("anomaly.type", anomaly?["type"]?.text)
        event.setDetail("anomaly.event", anomaly?["event"]?.text)
        event.setDetail("anomaly.layer", anomaly?["layer"]?.text)
    }
}
