import Foundation
import XDRJSON
import XDRModel

/// Normalises an Azure AD (Entra ID) directory audit record: Graph `directoryAudits`, the
/// diagnostic export's `properties`, or the Log Analytics `AuditLogs` row (nested JSON as strings).
///
/// User changes are Account Change 3001, group changes Group Management 3006, everything else
/// (applications, service principals, roles, policies) Entity Management 3004. Credential and
/// permission grants on applications are flagged in `details["azure.notable"]`.
enum AzureADAudit {
    static func normalize(_ audit: JSONValue, envelope: JSONValue?, format: String, raw: String) throws(RecordError) -> NormalizedEvent {
        let timeKeys = ["activityDateTime", "ActivityDateTime", "TimeGenerated"]
        let timeField = audit.azureField(timeKeys) ?? envelope?.azureField(["time"])
        guard let (timeKey, timeValue) = timeField else { throw .missing("activityDateTime") }
        guard let timeText = timeValue.text else { throw RecordError(field: timeKey, "expected a time string, got \(timeValue.kindName)") }
        guard let time = EventTime.iso8601(timeText) else { throw .notADate(timeKey, timeText) }
        guard let activity = audit.azureText("activityDisplayName", "ActivityDisplayName", "OperationName")
            ?? envelope?.azureText("operationName") else {
            throw RecordError(field: "activityDisplayName", "missing")
        }
        let category = audit.azureText("category", "Category")
        let operationType = audit.azureText("operationType", "AADOperationType")
        let (classUID, activityID) = classify(category: category, operationType: operationType, activity: activity)

        var event = NormalizedEvent(time: time, layer: .cloud, kind: .telemetry, classUID: classUID, activityID: activityID,
                                    severity: .informational, sourceProduct: AzureActivity.auditProduct,
                                    sourceFormat: format, raw: raw)
        event.sourceEventID = audit.azureText("id", "Id")
        event.apiOperation = activity
        event.outcome = AzureActivity.outcome(audit.azureText("result", "Result"))
        event.addCloudAccount(audit.azureText("tenantId", "TenantId", "AADTenantId") ?? envelope?.azureText("tenantId"))

        let initiator = addInitiator(audit.azureEmbedded("initiatedBy", "InitiatedBy"), to: &event)
        event.addIP(envelope?.azureText("callerIpAddress"), role: .source)
        for target in audit.azureEmbedded("targetResources", "TargetResources")?.array ?? [] {
            addTarget(target, to: &event)
        }

        var title = activity.trimmingCharacters(in: .whitespaces)
        if let initiator { title += " by \(initiator)" }
        if event.outcome == "failure" { title += " failed" }
        event.title = title

        event.setDetail("cloud.provider", "Azure")
        event.setDetail("azure.category", category)
        event.setDetail("azure.operation_type", operationType)
        event.setDetail("azure.logged_by_service", audit.azureText("loggedByService", "LoggedByService"))
        event.setDetail("azure.correlation_id", audit.azureText("correlationId", "CorrelationId"))
        event.setDetail("azure.result_reason", audit.azureText("resultReason", "ResultReason"))
        let userAgent = audit.azureText("UserAgent") ?? (audit.azureEmbedded("additionalDetails", "AdditionalDetails")?.array ?? [])
            .first { $0.optionalText("key") == "User-Agent" }?.optionalText("value")
        event.setDetail("http_request.user_agent", userAgent)
        let notable = notableTraits(of: activity)
        if !notable.isEmpty { event.setDetail("azure.notable", .strings(notable)) }
        return event
    }

    /// Adds the user or application that acted; returns its name for the title.
    private static func addInitiator(_ initiatedBy: JSONValue?, to event: inout NormalizedEvent) -> String? {
        guard let initiatedBy else { return nil }
        if let user = initiatedBy["user"], case .object = user {
            event.addUser(user.optionalText("userPrincipalName"))
            event.addCloudPrincipal(user.optionalText("id"))
            event.addIP(user.optionalText("ipAddress"), role: .source)
            if let name = user.optionalText("userPrincipalName") ?? user.optionalText("displayName") ?? user.optionalText("id") { return name }
        }
        if let app = initiatedBy["app"], case .object = app {
            event.addCloudPrincipal(app.optionalText("servicePrincipalId"))
            event.setDetail("actor.app.uid", app.optionalText("appId"))
            event.setDetail("actor.app.name", app.optionalText("displayName"))
            return app.optionalText("displayName") ?? app.optionalText("servicePrincipalName") ?? app.optionalText("appId")
        }
        return nil
    }

    private static func addTarget(_ target: JSONValue, to event: inout NormalizedEvent) {
        let type = target.optionalText("type")
        switch type {
        case "User":
            event.addUser(target.optionalText("userPrincipalName"), role: .target)
            event.addCloudPrincipal(target.optionalText("id"), role: .target)
        case "ServicePrincipal", "Application":
            event.addCloudPrincipal(target.optionalText("id"), role: .target)
        case "Device":
            event.addHost(target.optionalText("displayName"), role: .target)
        default:
            break
        }
        if let name = target.optionalText("displayName") {
            var names = event.details["target.names"]?.strings ?? []
            if !names.contains(name) { names.append(name) }
            event.setDetail("target.names", .strings(names))
        }
    }

    static func classify(category: String?, operationType: String?, activity: String) -> (Int, Int) {
        let operation = operationType?.lowercased()
        switch category {
        case "UserManagement":
            let ids = ["add": 1, "delete": 6, "reset": 4, "assign": 7, "unassign": 8]
            return (OCSFClass.accountChange, operation.flatMap { ids[$0] } ?? 99)
        case "GroupManagement":
            let lower = activity.lowercased()
            if lower.hasPrefix("add member") { return (OCSFClass.groupManagement, 3) }
            if lower.hasPrefix("remove member") { return (OCSFClass.groupManagement, 4) }
            let ids = ["add": 6, "delete": 5]
            return (OCSFClass.groupManagement, operation.flatMap { ids[$0] } ?? 99)
        default:
            let ids = ["add": 1, "update": 3, "assign": 3, "unassign": 3, "delete": 4]
            return (OCSFClass.entityManagement, operation.flatMap { ids[$0] } ?? 99)
        }
    }

    /// Changes the Golden SAML and consent-phishing playbooks rely on.
    static func notableTraits(of activity: String) -> [String] {
        let lower = activity.lowercased()
        var traits: [String] = []
        if lower.contains("certificates and secrets") || lower.contains("service principal credentials") {
            traits.append("credential_added")
        }
        if lower.contains("permission grant") || lower.contains("consent to application") || lower.contains("app role assignment") {
            traits.append("permission_grant")
        }
        if lower.contains("member to role") { traits.append("role_assignment") }
        if lower.contains("federation settings") || lower.contains("domain authentication") { traits.append("federation_change") }
        return traits
    }
}
