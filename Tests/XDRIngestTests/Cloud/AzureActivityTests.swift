import Foundation
import Testing
@testable import XDRIngest
import XDRModel

@Suite struct AzureActivityTests {
    let format = AzureActivity()

    /// A diagnostic-settings export (Event Hub): a role assignment in the Activity Log and an
    /// Azure AD group change, side by side as Azure sends them.
    static let records = """
    {"records": [
     {"time": "2024-05-03T12:00:00.1234567Z", "resourceId": "/SUBSCRIPTIONS/0F1E2D3C-0000-4000-8000-00000000AB12/RESOURCEGROUPS/PROD-RG/PROVIDERS/MICROSOFT.AUTHORIZATION/ROLEASSIGNMENTS/9C1D",
      "operationName": "MICROSOFT.AUTHORIZATION/ROLEASSIGNMENTS/WRITE", "category": "Administrative", "resultType": "Success",
      "resultSignature": "Succeeded.Created", "durationMs": "812", "callerIpAddress": "198.51.100.7",
      "correlationId": "5b7a0c1e-1111-4222-8333-944455556666",
      "identity": {"authorization": {"scope": "/subscriptions/0f1e2d3c-0000-4000-8000-00000000ab12/resourceGroups/prod-rg", "action": "Microsoft.Authorization/roleAssignments/write"},
                   "claims": {"http://schemas.xmlsoap.org/ws/2005/05/identity/claims/upn": "alice@corp.example",
                              "http://schemas.microsoft.com/identity/claims/objectidentifier": "aead923d-498b-4f64-a66c-2af91447a8b6",
                              "appid": "04b07795-8ddb-461a-bbee-02f9e1bf7b46", "ipaddr": "198.51.100.7"}},
      "level": "Information", "location": "global",
      "properties": {"statusCode": "Created", "serviceRequestId": "abc", "eventCategory": "Administrative", "entity": "/subscriptions/0f1e2d3c-0000-4000-8000-00000000ab12/resourceGroups/prod-rg/providers/Microsoft.Authorization/roleAssignments/9c1d", "message": "Microsoft.Authorization/roleAssignments/write", "hierarchy": "t/0f1e2d3c"}},
     {"time": "2024-05-03T12:05:00.0000000Z", "resourceId": "/tenants/72f988bf-0000-4000-8000-0000000000aa/providers/Microsoft.aadiam",
      "operationName": "Add member to group", "operationVersion": "1.0", "category": "AuditLogs", "tenantId": "72f988bf-0000-4000-8000-0000000000aa",
      "resultSignature": "None", "durationMs": 0, "callerIpAddress": "<null>", "correlationId": "aa11", "level": "Informational",
      "properties": {"id": "Directory_aa11_X1_1", "category": "GroupManagement", "correlationId": "aa11", "result": "success",
        "activityDisplayName": "Add member to group", "activityDateTime": "2024-05-03T12:04:59.5Z", "loggedByService": "Core Directory",
        "operationType": "Assign",
        "initiatedBy": {"user": {"id": "aead923d-498b-4f64-a66c-2af91447a8b6", "userPrincipalName": "alice@corp.example", "ipAddress": "198.51.100.7"}},
        "targetResources": [{"id": "1c2d3e4f-0000-4000-8000-000000000077", "displayName": null, "type": "User", "userPrincipalName": "mallory@corp.example", "modifiedProperties": []},
                            {"id": "5e6f7a8b-0000-4000-8000-000000000088", "displayName": "Global Admins", "type": "Group", "modifiedProperties": []}],
        "additionalDetails": [{"key": "User-Agent", "value": "Mozilla/5.0"}]}}
    ]}
    """

    /// Microsoft Graph `directoryAudits`: an application adds credentials to a service principal.
    static let graph = """
    {"id": "Directory_bb22_X2_2", "category": "ApplicationManagement", "correlationId": "bb22", "result": "success", "resultReason": "",
     "activityDisplayName": "Add service principal credentials", "activityDateTime": "2024-05-03T12:10:00Z",
     "loggedByService": "Core Directory", "operationType": "Update",
     "initiatedBy": {"app": {"appId": "aaaa0000-0000-4000-8000-000000000001", "displayName": "Legacy Sync", "servicePrincipalId": "bbbb0000-0000-4000-8000-000000000002"}},
     "targetResources": [{"id": "cccc0000-0000-4000-8000-000000000003", "displayName": "Payroll API", "type": "ServicePrincipal", "modifiedProperties": []}],
     "additionalDetails": []}
    """

    @Test func normalisesARoleAssignmentFromTheDiagnosticExport() throws {
        let run = FormatHarness.run(format, Self.records)
        #expect(run.rejected.isEmpty)
        try #require(run.accepted.count == 2)
        let grant = run.accepted[0]
        #expect(grant.time == 1_714_737_600_123_456)
        #expect(grant.classUID == OCSFClass.entityManagement)
        #expect(grant.activityID == 1)
        #expect(grant.kind == .telemetry)
        #expect(grant.severity == .informational)
        #expect(grant.outcome == "success")
        #expect(grant.sourceProduct == "Azure Activity Log")
        #expect(grant.sourceFormat == "azure-activity")
        #expect(grant.title == "MICROSOFT.AUTHORIZATION/ROLEASSIGNMENTS/WRITE by alice@corp.example")
        #expect(grant.entityKeys == ["user:alice@corp.example", "cloud_principal:aead923d-498b-4f64-a66c-2af91447a8b6",
                                     "ip:198.51.100.7", "cloud_account:0f1e2d3c-0000-4000-8000-00000000ab12"])
        #expect(grant.details["actor.app.uid"] == .string("04b07795-8ddb-461a-bbee-02f9e1bf7b46"))
    }

    @Test func normalisesAnAzureADGroupChangeInTheSameBatch() throws {
        let run = FormatHarness.run(format, Self.records)
        let group = try #require(run.accepted.last)
        #expect(group.time == 1_714_737_899_500_000)
        #expect(group.sourceProduct == "Azure AD Audit Logs")
        #expect(group.classUID == OCSFClass.groupManagement)
        #expect(group.activityID == 3)
        #expect(group.sourceEventID == "Directory_aa11_X1_1")
        #expect(group.title == "Add member to group by alice@corp.example")
        #expect(group.entityKeys == [
            "cloud_account:72f988bf-0000-4000-8000-0000000000aa", "user:alice@corp.example",
            "cloud_principal:aead923d-498b-4f64-a66c-2af91447a8b6", "ip:198.51.100.7",
            "user:mallory@corp.example", "cloud_principal:1c2d3e4f-0000-4000-8000-000000000077",
        ])
        #expect(group.details["target.names"] == .strings(["Global Admins"]))
        #expect(group.details["http_request.user_agent"] == .string("Mozilla/5.0"))
    }

    @Test func flagsCredentialsAddedByAnApplication() throws {
        let event = try #require(FormatHarness.run(format, Self.graph).accepted.first)
        #expect(event.classUID == OCSFClass.entityManagement)
        #expect(event.activityID == 3)
        #expect(event.title == "Add service principal credentials by Legacy Sync")
        #expect(event.entityKeys == ["cloud_principal:bbbb0000-0000-4000-8000-000000000002", "cloud_principal:cccc0000-0000-4000-8000-000000000003"])
        #expect(event.details["azure.notable"] == .strings(["credential_added"]))
    }

    /// A risky failed sign-in from the diagnostic export, and a Graph `signIns` item.
    static let signIns = """
    {"time": "2024-05-03T11:59:00.0000000Z", "resourceId": "/tenants/72f988bf-0000-4000-8000-0000000000aa/providers/Microsoft.aadiam",
     "operationName": "Sign-in activity", "category": "SignInLogs", "tenantId": "72f988bf-0000-4000-8000-0000000000aa",
     "resultType": "50126", "resultSignature": "None", "callerIpAddress": "203.0.113.80", "level": 4,
     "properties": {"id": "si-1", "createdDateTime": "2024-05-03T11:58:59.25Z", "userDisplayName": "Alice", "userPrincipalName": "alice@corp.example",
       "userId": "aead923d-498b-4f64-a66c-2af91447a8b6", "appId": "00000002-0000-0ff1-ce00-000000000000", "appDisplayName": "Office 365 Exchange Online",
       "ipAddress": "203.0.113.80", "status": {"errorCode": 50126, "failureReason": "Invalid username or password."},
       "clientAppUsed": "Browser", "userAgent": "Mozilla/5.0", "deviceDetail": {"deviceId": "", "displayName": "", "operatingSystem": "Linux"},
       "location": {"city": "Amsterdam", "countryOrRegion": "NL"}, "riskLevelDuringSignIn": "high", "riskState": "atRisk",
       "conditionalAccessStatus": "notApplied", "isInteractive": true}}
    {"id": "si-2", "createdDateTime": "2024-05-03T12:01:00Z", "userPrincipalName": "alice@corp.example", "userId": "aead923d-498b-4f64-a66c-2af91447a8b6",
     "appDisplayName": "Azure Portal", "ipAddress": "198.51.100.7", "status": {"errorCode": 0},
     "deviceDetail": {"deviceId": "d-42", "displayName": "WS-042", "operatingSystem": "Windows10"}, "riskLevelDuringSignIn": "none"}
    """

    @Test func normalisesSignInsAsAuthentication() throws {
        let run = FormatHarness.run(format, Self.signIns)
        #expect(run.rejected.isEmpty)
        try #require(run.accepted.count == 2)
        let failed = run.accepted[0]
        #expect(failed.time == 1_714_737_539_250_000)
        #expect(failed.classUID == OCSFClass.authentication)
        #expect(failed.activityID == 1)
        #expect(failed.severity == .high)
        #expect(failed.kind == .telemetry)
        #expect(failed.outcome == "failure")
        #expect(failed.sourceProduct == "Azure AD Sign-in Logs")
        #expect(failed.sourceEventID == "si-1")
        #expect(failed.title == "Sign-in to Office 365 Exchange Online by alice@corp.example failed (50126: Invalid username or password.)")
        #expect(failed.entityKeys == ["user:alice@corp.example", "cloud_principal:aead923d-498b-4f64-a66c-2af91447a8b6",
                                      "ip:203.0.113.80", "cloud_account:72f988bf-0000-4000-8000-0000000000aa"])
        let success = run.accepted[1]
        #expect(success.outcome == "success")
        #expect(success.severity == .informational)
        #expect(success.title == "Sign-in to Azure Portal by alice@corp.example")
        #expect(success.entityKeys.contains("host:ws-042"))
    }

    @Test func rejectsRecordsNamingTheField() {
        let body = """
        {"time": "2024-05-03T12:00:00Z", "category": "ProvisioningLogs", "operationName": "Provisioning activity"}
        {"operationName": {"value": "Microsoft.Compute/virtualMachines/write"}, "caller": "bob@corp.example"}
        {"eventTimestamp": "03.05.2024", "operationName": {"value": "Microsoft.Compute/virtualMachines/write"}}
        {"activityDisplayName": "Update user", "category": "UserManagement"}
        {"hello": "world"}
        """
        let run = FormatHarness.run(format, body)
        #expect(run.accepted.isEmpty)
        #expect(run.rejected.map { $0.error.description } == [
            "field \"category\": Azure log category \"ProvisioningLogs\" is not supported (Activity Log categories such as Administrative, Security, Policy; Azure AD AuditLogs and sign-in logs)",
            "field \"time\": missing",
            "field \"eventTimestamp\": not a date: \"03.05.2024\"",
            "field \"activityDateTime\": missing",
            "not an Azure Activity Log or Azure AD audit record (expected operationName, or activityDisplayName)",
        ])
    }

    /// Every Azure Activity Log (az CLI / SDK shape) and Azure AD audit (Log Analytics shape)
    /// sample must be accepted. Without `XDR_SHARED_DIR` and without the sample folder beside the
    /// checkout, there is nothing to read and the test returns.
    @Test func acceptsEveryRealSample() throws {
        guard Samples.directory != nil else {
            if ProcessInfo.processInfo.environment["XDR_SHARED_DIR"] == nil { return }
            Issue.record("../shared/samples not found")
            return
        }
        let files = Samples.files(in: "cloud/azure_activity_json") + Samples.files(in: "cloud/azure_ad_audit_json")
        #expect(files.count == 2)
        var notable = 0
        for file in files {
            let run = try FormatHarness.run(format, file: file)
            print("samples azure-activity \(file.lastPathComponent): \(run.accepted.count) accepted, \(run.rejected.count) rejected")
            #expect(run.rejected.isEmpty, "\(file.lastPathComponent): \(run.rejected.prefix(3).map { "\($0.number): \($0.error)" })")
            #expect(run.accepted.count == 4)
            #expect(run.accepted.allSatisfy { $0.srcIP != nil || $0.userName != nil })
            notable += run.accepted.filter { $0.details["azure.notable"] != nil }.count
        }
        #expect(notable == 3)
    }
}
