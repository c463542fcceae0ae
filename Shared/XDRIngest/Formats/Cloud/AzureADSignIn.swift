import XDRJSON
import XDRModel

/// Normalises an Azure AD (Entra ID) sign-in: Graph `signIns`, the diagnostic export's
/// `properties` (categories `SignInLogs`, `NonInteractiveUserSignInLogs`,
/// `ServicePrincipalSignInLogs`, `ManagedIdentitySignInLogs`) or a Log Analytics `SigninLogs` row.
///
/// Every sign-in is Authentication 3002, Logon (1); the risk Azure AD assessed sets the severity.
enum AzureADSignIn {
    static let product = "Azure AD Sign-in Logs"

    static func normalize(_ signIn: JSONValue, envelope: JSONValue?, format: String, raw: String) throws(RecordError) -> NormalizedEvent {
        let timeField = signIn.azureField(["createdDateTime", "CreatedDateTime", "TimeGenerated"]) ?? envelope?.azureField(["time"])
        guard let (timeKey, timeValue) = timeField else { throw .missing("createdDateTime") }
        guard let timeText = timeValue.text else { throw RecordError(field: timeKey, "expected a time string, got \(timeValue.kindName)") }
        guard let time = EventTime.iso8601(timeText) else { throw .notADate(timeKey, timeText) }

        let risk = signIn.azureText("riskLevelDuringSignIn", "RiskLevelDuringSignIn")
        var event = NormalizedEvent(time: time, layer: .cloud, kind: .telemetry, classUID: OCSFClass.authentication,
                                    activityID: 1, severity: severity(risk: risk), sourceProduct: product,
                                    sourceFormat: format, raw: raw)
        event.sourceEventID = signIn.azureText("id", "Id")
        // Graph and the export carry `status.errorCode`; Log Analytics `ResultType` ("0" is success).
        let status = signIn.azureEmbedded("status", "Status")
        let errorCode = status?["errorCode"]?.string ?? signIn.azureText("ResultType") ?? envelope?.azureText("resultType")
        if let errorCode { event.outcome = errorCode == "0" ? "success" : "failure" }
        let reason = status?["failureReason"]?.text ?? signIn.azureText("ResultDescription")

        let user = signIn.azureText("userPrincipalName", "UserPrincipalName")
        event.addUser(user)
        event.addCloudPrincipal(signIn.azureText("userId", "UserId"))
        event.addCloudPrincipal(signIn.azureText("servicePrincipalId", "ServicePrincipalId"))
        event.addIP(signIn.azureText("ipAddress", "IPAddress") ?? envelope?.azureText("callerIpAddress"), role: .source)
        event.addCloudAccount(signIn.azureText("tenantId", "TenantId", "AADTenantId") ?? envelope?.azureText("tenantId"))
        let device = signIn.azureEmbedded("deviceDetail", "DeviceDetail")
        // The device a person signed in from is the workstation endpoint telemetry names.
        event.addHost(device?["displayName"]?.text, role: .source)

        let app = signIn.azureText("appDisplayName", "AppDisplayName") ?? signIn.azureText("resourceDisplayName", "ResourceDisplayName")
        let who = user ?? signIn.azureText("servicePrincipalName", "ServicePrincipalName") ?? signIn.azureText("userDisplayName")
        var title = "Sign-in"
        if let app { title += " to \(app)" }
        if let who { title += " by \(who)" }
        if event.outcome == "failure" { title += " failed" + (errorCode.map { " (\($0)\(reason.map { ": \($0)" } ?? ""))" } ?? "") }
        event.title = title

        let location = signIn.azureEmbedded("location", "LocationDetails")
        event.setDetail("cloud.provider", "Azure")
        event.setDetail("azure.category", envelope?.azureText("category") ?? signIn.azureText("Category", "Type"))
        event.setDetail("app.name", app)
        event.setDetail("app.uid", signIn.azureText("appId", "AppId"))
        event.setDetail("authentication.status_detail", reason)
        event.setDetail("authentication.client_app", signIn.azureText("clientAppUsed", "ClientAppUsed"))
        event.setDetail("authentication.requirement", signIn.azureText("authenticationRequirement", "AuthenticationRequirement"))
        event.setDetail("authentication.conditional_access", signIn.azureText("conditionalAccessStatus", "ConditionalAccessStatus"))
        event.setDetail("authentication.is_interactive", signIn.azureField(["isInteractive", "IsInteractive"])?.value)
        event.setDetail("azure.risk_level", risk)
        event.setDetail("azure.risk_state", signIn.azureText("riskState", "RiskState"))
        event.setDetail("http_request.user_agent", signIn.azureText("userAgent", "UserAgent"))
        event.setDetail("device.uid", device?["deviceId"]?.text)
        event.setDetail("device.os.name", device?["operatingSystem"]?.text)
        event.setDetail("src_endpoint.location.country", location?["countryOrRegion"]?.text)
        event.setDetail("src_endpoint.location.city", location?["city"]?.text)
        event.setDetail("azure.correlation_id", signIn.azureText("correlationId", "CorrelationId"))
        return event
    }

    /// Azure AD's sign-in risk: none/hidden → Informational, low → Low, medium → Medium, high → High.
    static func severity(risk: String?) -> Severity {
        switch risk?.lowercased() {
        case "low": .low
        case "medium": .medium
        case "high": .high
        default: .informational
        }
    }
}
