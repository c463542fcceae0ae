import Foundation
import Testing
@testable import XDRIngest
import XDRModel

@Suite struct KubernetesAuditTests {
    let format = KubernetesAudit()

    /// A webhook batch: a service account execs into a pod, an EKS admin binds cluster-admin to a
    /// service account, and an anonymous caller is refused a secret.
    static let eventList = """
    {"kind": "EventList", "apiVersion": "audit.k8s.io/v1", "metadata": {},
     "items": [
      {"kind": "Event", "apiVersion": "audit.k8s.io/v1", "level": "Metadata", "auditID": "6f1c2a9e-0001-4b7e-9d1a-3c2b1a000001",
       "stage": "ResponseStarted", "requestURI": "/api/v1/namespaces/payments/pods/api-7d9f8-x2k4q/exec?command=sh&container=api&stdin=true&tty=true",
       "verb": "create", "user": {"username": "system:serviceaccount:ci:deployer", "uid": "0b1c", "groups": ["system:serviceaccounts", "system:serviceaccounts:ci", "system:authenticated"]},
       "sourceIPs": ["10.0.7.14"], "userAgent": "kubectl/v1.29.0 (linux/amd64)",
       "objectRef": {"resource": "pods", "namespace": "payments", "name": "api-7d9f8-x2k4q", "apiVersion": "v1", "subresource": "exec"},
       "responseStatus": {"metadata": {}, "code": 101},
       "requestReceivedTimestamp": "2024-05-03T10:00:00.123456Z", "stageTimestamp": "2024-05-03T10:00:00.170001Z",
       "annotations": {"authorization.k8s.io/decision": "allow", "authorization.k8s.io/reason": "RBAC: allowed by ClusterRoleBinding \\"ci-exec\\""}},
      {"kind": "Event", "apiVersion": "audit.k8s.io/v1", "level": "RequestResponse", "auditID": "6f1c2a9e-0002-4b7e-9d1a-3c2b1a000002",
       "stage": "ResponseComplete", "requestURI": "/apis/rbac.authorization.k8s.io/v1/clusterrolebindings", "verb": "create",
       "user": {"username": "arn:aws:sts::111122223333:assumed-role/AWSReservedSSO_Admin_abc/alice@corp.example", "uid": "aws-iam-authenticator:111122223333:AROAEXAMPLE",
                "groups": ["system:masters", "system:authenticated"],
                "extra": {"accessKeyId": ["ASIAEXAMPLEEKS00001"], "arn": ["arn:aws:sts::111122223333:assumed-role/AWSReservedSSO_Admin_abc/alice@corp.example"]}},
       "sourceIPs": ["198.51.100.7"], "userAgent": "kubectl/v1.29.0",
       "objectRef": {"resource": "clusterrolebindings", "name": "backdoor-admin", "apiGroup": "rbac.authorization.k8s.io", "apiVersion": "v1"},
       "responseStatus": {"metadata": {}, "code": 201},
       "requestObject": {"kind": "ClusterRoleBinding", "apiVersion": "rbac.authorization.k8s.io/v1", "metadata": {"name": "backdoor-admin"},
                         "subjects": [{"kind": "ServiceAccount", "name": "deployer", "namespace": "ci"}],
                         "roleRef": {"apiGroup": "rbac.authorization.k8s.io", "kind": "ClusterRole", "name": "cluster-admin"}},
       "requestReceivedTimestamp": "2024-05-03T10:02:10.000001Z", "stageTimestamp": "2024-05-03T10:02:10.004Z"},
      {"kind": "Event", "apiVersion": "audit.k8s.io/v1", "level": "Metadata", "auditID": "6f1c2a9e-0003-4b7e-9d1a-3c2b1a000003",
       "stage": "ResponseComplete", "requestURI": "/api/v1/namespaces/kube-system/secrets/admin-token", "verb": "get",
       "user": {"username": "system:anonymous", "groups": ["system:unauthenticated"]},
       "sourceIPs": ["203.0.113.80"], "userAgent": "curl/8.5.0",
       "objectRef": {"resource": "secrets", "namespace": "kube-system", "name": "admin-token", "apiVersion": "v1"},
       "responseStatus": {"metadata": {}, "status": "Failure", "reason": "Forbidden", "code": 403},
       "requestReceivedTimestamp": "2024-05-03T10:05:00Z", "stageTimestamp": "2024-05-03T10:05:00.001Z",
       "annotations": {"authorization.k8s.io/decision": "forbid", "authorization.k8s.io/reason": ""}}
     ]}
    """

    @Test func normalisesAnExecIntoAPod() throws {
        let run = FormatHarness.run(format, Self.eventList)
        #expect(run.rejected.isEmpty)
        try #require(run.accepted.count == 3)
        let exec = run.accepted[0]
        #expect(exec.time == 1_714_730_400_123_456)
        #expect(exec.classUID == OCSFClass.apiActivity)
        #expect(exec.activityID == 1)
        #expect(exec.kind == .telemetry)
        #expect(exec.severity == .informational)
        #expect(exec.sourceEventID == "6f1c2a9e-0001-4b7e-9d1a-3c2b1a000001")
        #expect(exec.sourceFormat == "k8s-audit")
        #expect(exec.outcome == "success")
        #expect(exec.title == "create pods/exec payments/api-7d9f8-x2k4q by system:serviceaccount:ci:deployer")
        #expect(exec.k8sServiceAccount == "ci/deployer")
        #expect(exec.k8sNamespace == "ci")
        #expect(exec.k8sPod == "api-7d9f8-x2k4q")
        #expect(exec.entityKeys == ["k8s_namespace:ci", "k8s_sa:ci/deployer", "ip:10.0.7.14", "k8s_namespace:payments",
                                    "k8s_pod:payments/api-7d9f8-x2k4q"])
        #expect(exec.details["k8s.notable"] == .strings(["exec"]))
    }

    @Test func flagsAClusterAdminBindingAndItsCloudIdentity() throws {
        let run = FormatHarness.run(format, Self.eventList)
        let binding = try #require(run.accepted.dropFirst().first)
        #expect(binding.time == 1_714_730_530_000_001)
        #expect(binding.userName == "alice@corp.example")
        #expect(binding.cloudAccessKeyID == "ASIAEXAMPLEEKS00001")
        #expect(binding.entityKeys == [
            "cloud_principal:arn:aws:sts::111122223333:assumed-role/awsreservedsso_admin_abc/alice@corp.example",
            "user:alice@corp.example", "access_key:ASIAEXAMPLEEKS00001", "ip:198.51.100.7",
            "k8s_namespace:ci", "k8s_sa:ci/deployer",
        ])
        #expect(binding.entities(of: .k8sServiceAccount).map(\.role) == [.target])
        #expect(binding.details["k8s.notable"] == .strings(["rbac_change", "cluster_admin_binding"]))
        #expect(binding.details["k8s.role_ref"] == .string("cluster-admin"))
    }

    @Test func marksAForbiddenAnonymousSecretReadAsFailure() throws {
        let run = FormatHarness.run(format, Self.eventList)
        let secret = try #require(run.accepted.last)
        #expect(secret.activityID == 2)
        #expect(secret.outcome == "failure")
        #expect(secret.title == "get secrets kube-system/admin-token by system:anonymous failed (403)")
        #expect(secret.entityKeys == ["ip:203.0.113.80", "k8s_namespace:kube-system"])
        #expect(secret.details["k8s.notable"] == .strings(["secret_access", "anonymous"]))
    }

    @Test func rejectsRecordsNamingTheField() {
        let body = """
        {"kind": "Policy", "apiVersion": "audit.k8s.io/v1", "rules": []}
        {"kind": "Event", "verb": "get", "user": {"username": "bob"}, "requestReceivedTimestamp": "2024-05-03T10:05:00Z"}
        {"kind": "Event", "auditID": "x1", "verb": "get", "user": {"username": "bob"}, "requestReceivedTimestamp": "03/05/2024"}
        {"kind": "Event", "auditID": "x2", "verb": "get", "user": "bob", "requestReceivedTimestamp": "2024-05-03T10:05:00Z"}
        {"kind": "Event", "auditID": "x3", "verb": "get", "user": {"username": "bob"}, "requestReceivedTimestamp": "2024-05-03T10:05:00Z", "responseStatus": {"code": "ok"}}
        """
        let run = FormatHarness.run(format, body)
        #expect(run.accepted.isEmpty)
        #expect(run.rejected.map { $0.error.description } == [
            "field \"kind\": Kubernetes audit kind \"Policy\" is not supported (Event, EventList)",
            "field \"auditID\": missing",
            "field \"requestReceivedTimestamp\": not a date: \"03/05/2024\"",
            "field \"user\": expected an object, got a string",
            "field \"responseStatus.code\": expected an integer, got \"ok\"",
        ])
    }

    /// Every real audit sample must be accepted. Without `XDR_SHARED_DIR` and without the sample
    /// folder beside the checkout, there is nothing to read and the test returns.
    @Test func acceptsEveryRealSample() throws {
        guard Samples.directory != nil else {
            if ProcessInfo.processInfo.environment["XDR_SHARED_DIR"] == nil { return }
            Issue.record("../shared/samples not found")
            return
        }
        let files = Samples.files(in: "cloud/k8s_audit_json")
        #expect(files.count == 46)
        var notable = 0
        var total = 0
        for file in files {
            let run = try FormatHarness.run(format, file: file)
            print("samples k8s-audit \(file.lastPathComponent): \(run.accepted.count) accepted, \(run.rejected.count) rejected")
            #expect(run.rejected.isEmpty, "\(file.lastPathComponent): \(run.rejected.prefix(3).map { "\($0.number): \($0.error)" })")
            #expect(!run.accepted.isEmpty)
            total += run.accepted.count
            notable += run.accepted.filter { $0.details["k8s.notable"] != nil }.count
        }
        #expect(total == 51)
        #expect(notable > 0)
    }
}
