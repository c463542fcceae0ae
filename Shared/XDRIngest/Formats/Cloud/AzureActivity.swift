import XDRJSON
import XDRModel

/// Azure Activity Log records and Azure AD (Entra ID) audit and sign-in records, in the shapes Azure exports
/// them: diagnostic settings to Event Hub or storage (`{"records": [...]}`), the REST API and SDKs
/// (`az monitor activity-log list`), Microsoft Graph `directoryAudits`, and Log Analytics tables
/// (`AzureActivity`, `AuditLogs`). Each record is recognised by its shape.
///
/// All are telemetry.
public struct AzureActivity: JSONRecordFormat {
    public init() {}

    public var name: String { "azure-activity" }
    public var layer: Layer { .cloud }
    public var summary: String { "Azure Activity Log, Azure AD audit and sign-in records (diagnostic export, REST/SDK, Graph, Log Analytics)" }
    public var framing: FormatFraming { .json(envelope: "records") }

    static let activityProduct = "Azure Activity Log"
    static let auditProduct = "Azure AD Audit Logs"
    static let signInCategories: Set<String> = [
        "SignInLogs", "SigninLogs", "NonInteractiveUserSignInLogs", "ServicePrincipalSignInLogs",
        "ManagedIdentitySignInLogs", "AADNonInteractiveUserSignInLogs", "AADServicePrincipalSignInLogs",
        "AADManagedIdentitySignInLogs",
    ]

    /// Azure AD diagnostic categories that are neither audits nor sign-ins.
    static let unsupportedCategories: Set<String> = [
        "ProvisioningLogs", "RiskyUsers", "UserRiskEvents", "RiskyServicePrincipals", "ServicePrincipalRiskEvents",
        "ADFSSignInLogs", "NetworkAccessTrafficLogs", "MicrosoftGraphActivityLogs", "EnrichedOffice365AuditLogs",
        "AADProvisioningLogs", "AADRiskyUsers", "AADUserRiskEvents",
    ]

    public func normalize(record: JSONValue, raw: RawRecord, context: FormatContext) throws(RecordError) -> NormalizedEvent {
        guard case .object = record else { throw RecordError("expected a JSON object, got \(record.kindName)") }
        let category = record.azureText("category", "Category", "CategoryValue")
        let type = record.optionalText("Type")
        let kinds = [category, type].compactMap { $0 }
        if let kind = kinds.first(where: { Self.unsupportedCategories.contains($0) }) {
            throw RecordError(field: "category", "Azure log category \"\(kind)\" is not supported (Activity Log categories such as Administrative, Security, Policy; Azure AD AuditLogs and sign-in logs)")
        }
        if kinds.contains(where: { Self.signInCategories.contains($0) }) {
            if category != nil, let properties = record["properties"], case .object = properties {
                return try AzureADSignIn.normalize(properties, envelope: record, format: name, raw: raw.text)
            }
            return try AzureADSignIn.normalize(record, envelope: nil, format: name, raw: raw.text)
        }
        // Graph `signIns` items have no category.
        if record["createdDateTime"] != nil, record.azureField(["userPrincipalName", "servicePrincipalId", "appDisplayName"]) != nil {
            return try AzureADSignIn.normalize(record, envelope: nil, format: name, raw: raw.text)
        }
        // Azure AD audit: Graph/Log Analytics records name the activity; the diagnostic export nests them in `properties`.
        if record.azureField(["activityDisplayName", "ActivityDisplayName"]) != nil {
            return try AzureADAudit.normalize(record, envelope: nil, format: name, raw: raw.text)
        }
        if category == "AuditLogs", let properties = record["properties"], case .object = properties {
            return try AzureADAudit.normalize(properties, envelope: record, format: name, raw: raw.text)
        }
        if record.azureField(["operationName", "operation_name", "OperationNameValue", "OperationName"]) != nil {
            return try AzureActivityLog.normalize(record, format: name, raw: raw.text)
        }
        throw RecordError("not an Azure Activity Log or Azure AD audit record (expected operationName, or activityDisplayName)")
    }

    /// Azure log levels describe the entry, not a threat, so they are damped:
    /// Verbose/Informational → Informational, Warning/Error → Low, Critical → Medium.
    static func severity(level: String?) -> Severity {
        switch level?.lowercased() {
        case "warning", "error", "3", "2": .low
        case "critical", "1": .medium
        default: .informational
        }
    }

    /// `Succeeded`/`Success` → success, `Failed`/`Failure` → failure; `Started`/`Accepted` say nothing yet.
    static func outcome(_ status: String?) -> String? {
        switch status?.lowercased() {
        case "success", "succeeded": "success"
        case "failure", "failed", "timeout": "failure"
        default: nil
        }
    }
}
