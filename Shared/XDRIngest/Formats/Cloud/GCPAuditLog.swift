import XDRJSON
import XDRModel

/// Google Cloud Audit Logs: Cloud Logging `LogEntry` records whose `protoPayload` is a
/// `google.cloud.audit.AuditLog` (Admin Activity, Data Access, System Event and Policy Denied logs),
/// as a log sink to Pub/Sub, Cloud Storage or a shipper delivers them.
///
/// Audit logs are telemetry (OCSF API Activity 6003; IAM policy and service-account changes are
/// Entity Management 3004).
public struct GCPAuditLog: JSONRecordFormat {
    public init() {}

    public var name: String { "gcp-audit" }
    public var layer: Layer { .cloud }
    public var summary: String { "Google Cloud audit log entries (LogEntry with an AuditLog protoPayload)" }
    /// `gcloud logging read --format=json` and the Logging API answer with an `entries` array.
    public var framing: FormatFraming { .json(envelope: "entries") }

    static let product = "Google Cloud Audit Logs"
    static let auditLogType = "type.googleapis.com/google.cloud.audit.AuditLog"

    public func normalize(record: JSONValue, raw: RawRecord, context: FormatContext) throws(RecordError) -> NormalizedEvent {
        guard case .object = record else { throw RecordError("expected a JSON object, got \(record.kindName)") }
        guard let payload = record["protoPayload"], case .object = payload else {
            let kind = ["jsonPayload", "textPayload"].first { record[$0] != nil }
            throw RecordError(field: "protoPayload", "GCP log entries with \(kind ?? "no protoPayload") are not supported (audit logs: protoPayload of type google.cloud.audit.AuditLog)")
        }
        if let type = payload.optionalText("@type"), type != Self.auditLogType {
            throw RecordError(field: "protoPayload.@type", "GCP payload type \"\(type)\" is not supported (\(Self.auditLogType))")
        }
        let time = try record.requiredISOTime("timestamp")
        let method = try payload.requiredText("methodName")
        let service = try payload.requiredText("serviceName")
        let statusCode = try payload.optionalInt("status.code") ?? 0

        let classification = Self.classify(service: service, method: method)
        var event = NormalizedEvent(time: time, layer: .cloud, kind: .telemetry, classUID: classification.classUID,
                                    activityID: classification.activityID,
                                    severity: Self.severity(record.optionalText("severity")),
                                    sourceProduct: Self.product, sourceFormat: name, raw: raw.text)
        event.sourceEventID = record.optionalText("insertId")
        event.apiOperation = method
        event.outcome = statusCode == 0 ? "success" : "failure"

        let principal = payload.optionalText("authenticationInfo.principalEmail")
        event.addCloudPrincipal(principal)
        for delegation in payload[path: "authenticationInfo.serviceAccountDelegationInfo"]?.array ?? [] {
            event.addCloudPrincipal(delegation.optionalText("firstPartyPrincipal.principalEmail"))
        }
        if let keyName = payload.optionalText("authenticationInfo.serviceAccountKeyName") {
            event.addAccessKey(keyName.split(separator: "/").last.map(String.init))
        }
        if let ip = payload.optionalText("requestMetadata.callerIp") {
            // Calls from inside Google carry `private` or `gce-internal-ip` instead of an address.
            if EntityNormalizer.ip(ip) != nil { event.addIP(ip, role: .source) } else { event.setDetail("src_endpoint.name", ip) }
        }
        event.addCloudAccount(record.optionalText("resource.labels.project_id"))
        event.cloudRegion = payload[path: "resourceLocation.currentLocations"]?.strings.first
            ?? record.optionalText("resource.labels.location") ?? record.optionalText("resource.labels.zone")
        addPolicyDelta(payload[path: "serviceData.policyDelta.bindingDeltas"], to: &event)
        addPolicyDelta(payload[path: "metadata.datasetChange.bindingDeltas"], to: &event)

        let shortService = service.hasSuffix(".googleapis.com") ? String(service.dropLast(15)) : service
        var title = "\(shortService):\(method)"
        if let principal { title += " by \(principal)" }
        if statusCode != 0 { title += " failed (\(payload.optionalText("status.message") ?? "code \(statusCode)"))" }
        event.title = title

        event.setDetail("api.service.name", service)
        event.setDetail("resources", payload.optionalText("resourceName").map { .strings([$0]) })
        event.setDetail("http_request.user_agent", payload.optionalText("requestMetadata.callerSuppliedUserAgent"))
        event.setDetail("api.response.error", statusCode == 0 ? nil : String(statusCode))
        event.setDetail("api.response.error_message", payload.optionalText("status.message"))
        event.setDetail("cloud.provider", "GCP")
        event.setDetail("gcp.log_name", record.optionalText("logName"))
        event.setDetail("gcp.resource_type", record.optionalText("resource.type"))
        event.setDetail("gcp.severity", record.optionalText("severity"))
        event.setDetail("gcp.operation_id", record.optionalText("operation.id"))
        event.setDetail("actor.principal_subject", payload.optionalText("authenticationInfo.principalSubject"))
        return event
    }

    /// IAM bindings added or removed: their members are the target principals.
    private func addPolicyDelta(_ deltas: JSONValue?, to event: inout NormalizedEvent) {
        var changes: [JSONValue] = []
        for delta in deltas?.array ?? [] {
            guard let member = delta.optionalText("member") else { continue }
            // Members are written `user:…`, `serviceAccount:…`, `group:…`, `domain:…`.
            let identity = member.split(separator: ":", maxSplits: 1).last.map(String.init) ?? member
            if !member.hasPrefix("domain:") { event.addCloudPrincipal(identity, role: .target) }
            changes.append(.object(JSONObject([
                "action": .optional(delta.optionalText("action")), "role": .optional(delta.optionalText("role")),
                "member": .string(member),
            ])))
        }
        if !changes.isEmpty { event.setDetail("gcp.binding_deltas", .array(changes)) }
    }

    /// IAM policy changes and IAM service writes are Entity Management; everything else API Activity.
    static func classify(service: String, method: String) -> (classUID: Int, activityID: Int) {
        let verb = APIVerb.activity(ofMethod: method)
        if method.hasSuffix("SetIamPolicy") { return (OCSFClass.entityManagement, 3) }
        if service == "iam.googleapis.com" || service == "iamcredentials.googleapis.com", verb != 2 {
            return (OCSFClass.entityManagement, verb == 99 ? 3 : verb)
        }
        return (OCSFClass.apiActivity, verb)
    }

    /// Cloud Logging severities describe the log line, not a threat, so they are damped:
    /// DEFAULT/DEBUG/INFO/NOTICE → Informational, WARNING/ERROR → Low, CRITICAL/ALERT/EMERGENCY → Medium.
    static func severity(_ level: String?) -> Severity {
        switch level?.uppercased() {
        case "WARNING", "ERROR": .low
        case "CRITICAL", "ALERT", "EMERGENCY": .medium
        default: .informational
        }
    }
}
