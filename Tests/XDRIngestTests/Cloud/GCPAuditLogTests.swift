import Foundation
import Testing
@testable import XDRIngest
import XDRModel

@Suite struct GCPAuditLogTests {
    let format = GCPAuditLog()

    /// A person grants an outside account Owner; a service account key creates another key and is denied.
    static let entries = """
    {"entries": [
     {"protoPayload": {"@type": "type.googleapis.com/google.cloud.audit.AuditLog", "status": {},
        "authenticationInfo": {"principalEmail": "alice@corp.example", "principalSubject": "user:alice@corp.example"},
        "requestMetadata": {"callerIp": "198.51.100.7", "callerSuppliedUserAgent": "google-cloud-sdk gcloud/470.0.0"},
        "serviceName": "cloudresourcemanager.googleapis.com", "methodName": "SetIamPolicy",
        "resourceName": "projects/acme-prod",
        "serviceData": {"@type": "type.googleapis.com/google.iam.v1.logging.AuditData",
          "policyDelta": {"bindingDeltas": [{"action": "ADD", "role": "roles/owner", "member": "user:mallory@evil.example"}]}}},
      "insertId": "-x1y2z3a4b5c6", "resource": {"type": "project", "labels": {"project_id": "acme-prod"}},
      "timestamp": "2024-05-03T11:00:00.123456789Z", "severity": "NOTICE",
      "logName": "projects/acme-prod/logs/cloudaudit.googleapis.com%2Factivity",
      "receiveTimestamp": "2024-05-03T11:00:01.000000000Z"},
     {"protoPayload": {"@type": "type.googleapis.com/google.cloud.audit.AuditLog",
        "status": {"code": 7, "message": "Permission 'iam.serviceAccountKeys.create' denied"},
        "authenticationInfo": {"principalEmail": "ci-runner@acme-prod.iam.gserviceaccount.com",
          "serviceAccountKeyName": "//iam.googleapis.com/projects/acme-prod/serviceAccounts/ci-runner@acme-prod.iam.gserviceaccount.com/keys/0123456789abcdef0123456789abcdef01234567"},
        "requestMetadata": {"callerIp": "private", "callerSuppliedUserAgent": "python-requests/2.31"},
        "serviceName": "iam.googleapis.com", "methodName": "google.iam.admin.v1.CreateServiceAccountKey",
        "resourceName": "projects/-/serviceAccounts/1234567890"},
      "insertId": "abc-2", "resource": {"type": "service_account", "labels": {"project_id": "acme-prod", "email_id": "deployer@acme-prod.iam.gserviceaccount.com"}},
      "timestamp": "2024-05-03T11:02:00Z", "severity": "ERROR",
      "logName": "projects/acme-prod/logs/cloudaudit.googleapis.com%2Factivity"}
    ], "nextPageToken": "abc"}
    """

    @Test func normalisesAnIAMPolicyGrant() throws {
        let run = FormatHarness.run(format, Self.entries)
        #expect(run.rejected.isEmpty)
        try #require(run.accepted.count == 2)
        let grant = run.accepted[0]
        #expect(grant.time == 1_714_734_000_123_456)
        #expect(grant.classUID == OCSFClass.entityManagement)
        #expect(grant.activityID == 3)
        #expect(grant.kind == .telemetry)
        #expect(grant.severity == .informational)
        #expect(grant.outcome == "success")
        #expect(grant.sourceEventID == "-x1y2z3a4b5c6")
        #expect(grant.sourceFormat == "gcp-audit")
        #expect(grant.title == "cloudresourcemanager:SetIamPolicy by alice@corp.example")
        #expect(grant.entityKeys == ["cloud_principal:alice@corp.example", "user:alice@corp.example", "ip:198.51.100.7",
                                     "cloud_account:acme-prod", "cloud_principal:mallory@evil.example", "user:mallory@evil.example"])
        #expect(grant.entities(of: .user).map(\.role) == [.actor, .target])
    }

    @Test func normalisesADeniedServiceAccountCall() throws {
        let run = FormatHarness.run(format, Self.entries)
        let denied = try #require(run.accepted.last)
        #expect(denied.classUID == OCSFClass.entityManagement)
        #expect(denied.activityID == 1)
        #expect(denied.severity == .low)
        #expect(denied.outcome == "failure")
        #expect(denied.srcIP == nil)
        #expect(denied.cloudAccessKeyID == "0123456789abcdef0123456789abcdef01234567")
        #expect(denied.title == "iam:google.iam.admin.v1.CreateServiceAccountKey by ci-runner@acme-prod.iam.gserviceaccount.com failed (Permission 'iam.serviceAccountKeys.create' denied)")
        #expect(denied.entityKeys == ["cloud_principal:ci-runner@acme-prod.iam.gserviceaccount.com",
                                      "access_key:0123456789abcdef0123456789abcdef01234567", "cloud_account:acme-prod"])
        #expect(denied.details["src_endpoint.name"] == .string("private"))
    }

    @Test func classifiesMethodsByTheirVerb() {
        #expect(GCPAuditLog.classify(service: "compute.googleapis.com", method: "beta.compute.instances.insert") == (6003, 1))
        #expect(GCPAuditLog.classify(service: "compute.googleapis.com", method: "v1.compute.instances.delete") == (6003, 4))
        #expect(GCPAuditLog.classify(service: "storage.googleapis.com", method: "storage.objects.get") == (6003, 2))
        #expect(GCPAuditLog.classify(service: "iam.googleapis.com", method: "google.iam.admin.v1.GetServiceAccount") == (6003, 2))
    }

    @Test func rejectsRecordsNamingTheField() {
        let body = """
        {"insertId": "t1", "textPayload": "hello", "timestamp": "2024-05-03T11:02:00Z"}
        {"insertId": "t2", "protoPayload": {"@type": "type.googleapis.com/google.appengine.logging.v1.RequestLog"}, "timestamp": "2024-05-03T11:02:00Z"}
        {"insertId": "t3", "protoPayload": {"@type": "type.googleapis.com/google.cloud.audit.AuditLog", "serviceName": "iam.googleapis.com"}, "timestamp": "2024-05-03T11:02:00Z"}
        {"insertId": "t4", "protoPayload": {"methodName": "m", "serviceName": "s"}, "timestamp": "May 3"}
        """
        let run = FormatHarness.run(format, body)
        #expect(run.accepted.isEmpty)
        #expect(run.rejected.map { $0.error.description } == [
            "field \"protoPayload\": GCP log entries with textPayload are not supported (audit logs: protoPayload of type google.cloud.audit.AuditLog)",
            "field \"protoPayload.@type\": GCP payload type \"type.googleapis.com/google.appengine.logging.v1.RequestLog\" is not supported (type.googleapis.com/google.cloud.audit.AuditLog)",
            "field \"methodName\": missing",
            "field \"timestamp\": not a date: \"May 3\"",
        ])
    }

    /// The plaso sample mixes audit entries with two application log entries (jsonPayload,
    /// textPayload), which are rejected as unsupported. Without `XDR_SHARED_DIR` and without the
    /// sample folder beside the checkout, there is nothing to read and the test returns.
    @Test func acceptsEveryRealAuditSample() throws {
        guard Samples.directory != nil else {
            if ProcessInfo.processInfo.environment["XDR_SHARED_DIR"] == nil { return }
            Issue.record("../shared/samples not found")
            return
        }
        let files = Samples.files(in: "cloud/gcp_audit_json")
        #expect(files.count == 1)
        for file in files {
            let run = try FormatHarness.run(format, file: file)
            print("samples gcp-audit \(file.lastPathComponent): \(run.accepted.count) accepted, \(run.rejected.count) rejected")
            #expect(run.accepted.count == 9)
            #expect(run.rejected.map { $0.error.description } == [
                "field \"protoPayload\": GCP log entries with jsonPayload are not supported (audit logs: protoPayload of type google.cloud.audit.AuditLog)",
                "field \"protoPayload\": GCP log entries with textPayload are not supported (audit logs: protoPayload of type google.cloud.audit.AuditLog)",
            ])
            #expect(run.accepted.filter { $0.outcome == "failure" }.count == 1)
        }
    }
}
