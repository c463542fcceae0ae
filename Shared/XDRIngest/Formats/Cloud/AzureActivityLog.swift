import XDRJSON
import XDRModel

/// Normalises an Azure Activity Log record (control-plane operations on subscriptions).
///
/// Role assignments (`Microsoft.Authorization/roleAssignments/*`) are Entity Management 3004;
/// every other operation is API Activity 6003 with the activity from its last segment
/// (`write` Update, `delete` Delete, `read` Read, `action` Other).
enum AzureActivityLog {
    static let claimUPN = "http://schemas.xmlsoap.org/ws/2005/05/identity/claims/upn"
    static let claimObjectID = "http://schemas.microsoft.com/identity/claims/objectidentifier"
    static let claimEmail = "http://schemas.xmlsoap.org/ws/2005/05/identity/claims/emailaddress"

    static func normalize(_ record: JSONValue, format: String, raw: String) throws(RecordError) -> NormalizedEvent {
        let timeKeys = ["time", "eventTimestamp", "event_timestamp", "TimeGenerated"]
        guard let (timeKey, timeValue) = record.azureField(timeKeys) else { throw .missing("time") }
        guard let timeText = timeValue.text else { throw RecordError(field: timeKey, "expected a time string, got \(timeValue.kindName)") }
        guard let time = EventTime.iso8601(timeText) else { throw .notADate(timeKey, timeText) }
        guard let operation = record.azureText("operationName", "operation_name", "OperationNameValue", "OperationName") else {
            throw RecordError(field: "operationName", "expected a non-empty string or {value}")
        }

        let lower = operation.lowercased()
        let isRoleAssignment = lower.hasPrefix("microsoft.authorization/roleassignments/")
        var event = NormalizedEvent(time: time, layer: .cloud, kind: .telemetry,
                                    classUID: isRoleAssignment ? OCSFClass.entityManagement : OCSFClass.apiActivity,
                                    activityID: activity(of: lower, roleAssignment: isRoleAssignment),
                                    severity: AzureActivity.severity(level: record.azureText("level", "Level")),
                                    sourceProduct: AzureActivity.activityProduct, sourceFormat: format, raw: raw)
        event.sourceEventID = record.azureText("eventDataId", "event_data_id", "EventDataId")
        event.apiOperation = operation
        let status = record.azureText("resultType", "status", "ActivityStatusValue", "ActivityStatus")
        event.outcome = AzureActivity.outcome(status)

        let claims = record.azureEmbedded("claims", "Claims") ?? record[path: "identity.claims"]
        let caller = record.azureText("caller", "Caller") ?? claims?[claimUPN]?.text ?? claims?["upn"]?.text
        addCaller(caller, claims: claims, to: &event)
        let ip = record.azureText("callerIpAddress", "CallerIpAddress") ?? record.optionalText("httpRequest.clientIpAddress")
            ?? record.optionalText("http_request.client_ip_address") ?? claims?["ipaddr"]?.text
        event.addIP(ip, role: .source)

        let resourceID = record.azureText("resourceId", "resource_id", "ResourceId", "_ResourceId")
        let subscription = record.azureText("subscriptionId", "subscription_id", "SubscriptionId") ?? resourceID.flatMap(subscription(in:))
        event.addCloudAccount(subscription)
        event.addCloudAccount(record.azureText("tenantId", "tenant_id", "TenantId"))
        event.cloudRegion = record.azureText("location", "Location")

        var title = operation
        if let caller { title += " by \(caller)" }
        if event.outcome == "failure" { title += " failed" }
        event.title = title

        event.setDetail("cloud.provider", "Azure")
        event.setDetail("resources", resourceID.map { .strings([$0]) })
        event.setDetail("azure.category", record.azureText("category", "CategoryValue"))
        event.setDetail("azure.status", status)
        event.setDetail("azure.sub_status", record.azureText("resultSignature", "subStatus", "sub_status", "ActivitySubstatusValue"))
        event.setDetail("azure.correlation_id", record.azureText("correlationId", "correlation_id", "CorrelationId"))
        event.setDetail("azure.event_name", record.azureText("eventName", "event_name"))
        event.setDetail("azure.resource_group", record.azureText("resourceGroupName", "resource_group_name", "ResourceGroup"))
        event.setDetail("http_request.http_method", record.optionalText("httpRequest.method") ?? record.optionalText("http_request.method"))
        event.setDetail("actor.app.uid", claims?["appid"]?.text)
        return event
    }

    /// A person (UPN/e-mail) is a user; the object id is the stable principal; a bare GUID caller is
    /// an application or managed identity principal.
    private static func addCaller(_ caller: String?, claims: JSONValue?, to event: inout NormalizedEvent) {
        let objectID = claims?[claimObjectID]?.text ?? claims?["oid"]?.text
        if let caller, caller.contains("@") {
            event.addUser(caller)
        } else if let caller, objectID == nil {
            event.addCloudPrincipal(caller)
        }
        event.addCloudPrincipal(objectID)
        if event.userName == nil, let email = claims?[claimEmail]?.text { event.addUser(email) }
    }

    /// Role assignments: write 1 Create, delete 4 Delete; others from the operation's last segment.
    static func activity(of operation: String, roleAssignment: Bool) -> Int {
        if roleAssignment {
            if operation.hasSuffix("/write") { return 1 }
            if operation.hasSuffix("/delete") { return 4 }
            return 99
        }
        return APIVerb.activity(ofMethod: operation)
    }

    /// `/subscriptions/<id>/…` → `<id>`.
    static func subscription(in resourceID: String) -> String? {
        let parts = resourceID.split(separator: "/")
        guard parts.count >= 2, parts[0].lowercased() == "subscriptions" else { return nil }
        return String(parts[1])
    }
}
