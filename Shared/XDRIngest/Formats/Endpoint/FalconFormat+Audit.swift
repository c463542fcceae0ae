import XDRJSON
import XDRModel

/// The Falcon console audit streams: who signed in to the console (`AuthActivityAuditEvent`) and
/// what they changed (`UserActivityAuditEvent`: detection status, policies, host containment).
extension FalconFormat {
    func audit(_ body: JSONValue, eventType: String, time: Int64, raw: RawRecord) throws(RecordError) -> NormalizedEvent {
        guard let operation = body["OperationName"]?.text else { throw .missing("event.OperationName") }
        let isAuthentication = eventType == "AuthActivityAuditEvent" && operation.lowercased().contains("authenticate")
        var eventTime = time
        if let value = body["UTCTimestamp"], !value.isNull {
            guard let text = value.string, let micros = FalconFormat.epoch(text) else {
                throw RecordError(field: "event.UTCTimestamp", "expected epoch seconds, got \(value.preview)")
            }
            eventTime = micros
        }
        var event = NormalizedEvent(time: eventTime, layer: .endpoint, kind: .telemetry,
                                    classUID: isAuthentication ? OCSFClass.authentication : OCSFClass.apiActivity,
                                    activityID: isAuthentication ? 1 : 99, severity: .informational,
                                    sourceProduct: "CrowdStrike Falcon", sourceFormat: name, raw: raw.text)
        event.apiOperation = operation
        event.title = "Falcon console: \(operation)"
        if let success = body["Success"]?.bool {
            event.outcome = success ? "success" : "failure"
            if !success && isAuthentication { event.severity = .low }
        }
        event.addUser(body["UserId"]?.text, role: .actor)
        event.addIP(body["UserIp"]?.text, role: .source)
        event.setDetail("api.service.name", body["ServiceName"]?.text)
        var values = JSONObject()
        for pair in body["AuditKeyValues"]?.array ?? [] {
            guard let key = pair["Key"]?.text, let value = pair["ValueString"]?.text else { continue }
            values[key] = .string(value)
            // Containment and detection updates name the host or detection they act on.
            switch key {
            case "target_name" where isAuthentication: event.addUser(value, role: .target)
            case "hostname", "device_name": event.addHost(value, role: .target)
            case "detection_id": event.setDetail("finding_info.uid", value)
            default: break
            }
        }
        if !values.isEmpty { event.setDetail("unmapped.audit_key_values", .object(values)) }
        return event
    }
}
