import Foundation
import Testing
@testable import XDRIngest
import XDRModel

@Suite struct GuardDutyTests {
    let format = GuardDuty()

    /// A bare finding as GuardDuty exports it: SSH brute force against an instance.
    static let bruteForce = """
    {"schemaVersion": "2.0", "accountId": "111122223333", "region": "us-east-1", "partition": "aws",
     "id": "5ac5f3e6c1b0a1b2c3d4e5f6a7b8c9d0", "arn": "arn:aws:guardduty:us-east-1:111122223333:detector/12abc/finding/5ac5f3e6c1b0a1b2c3d4e5f6a7b8c9d0",
     "type": "UnauthorizedAccess:EC2/SSHBruteForce",
     "resource": {"resourceType": "Instance",
       "instanceDetails": {"instanceId": "i-0a1b2c3d4e5f60718", "instanceType": "t3.micro", "imageId": "ami-0abcdef1234567890",
         "networkInterfaces": [{"networkInterfaceId": "eni-0123", "privateDnsName": "ip-10-0-1-25.ec2.internal",
           "privateIpAddress": "10.0.1.25", "privateIpAddresses": [{"privateDnsName": "ip-10-0-1-25.ec2.internal", "privateIpAddress": "10.0.1.25"}],
           "publicDnsName": "ec2-54-210-1-25.compute-1.amazonaws.com", "publicIp": "54.210.1.25", "subnetId": "subnet-0123", "vpcId": "vpc-0123"}],
         "tags": [{"key": "Name", "value": "bastion-1"}]}},
     "service": {"serviceName": "guardduty", "detectorId": "12abc",
       "action": {"actionType": "NETWORK_CONNECTION",
         "networkConnectionAction": {"connectionDirection": "INBOUND", "blocked": false, "protocol": "TCP",
           "remoteIpDetails": {"ipAddressV4": "185.220.101.4", "country": {"countryName": "Germany"},
                               "organization": {"asn": "208294", "asnOrg": "Example Hosting"}},
           "remotePortDetails": {"port": 40522, "portName": "Unknown"},
           "localPortDetails": {"port": 22, "portName": "SSH"},
           "localIpDetails": {"ipAddressV4": "10.0.1.25"}}},
       "resourceRole": "TARGET", "count": 124, "archived": false,
       "eventFirstSeen": "2024-05-02T07:55:00.000Z", "eventLastSeen": "2024-05-02T08:10:42.000Z"},
     "severity": 2, "createdAt": "2024-05-02T08:00:12.350Z", "updatedAt": "2024-05-02T08:12:00.123Z",
     "title": "185.220.101.4 is performing SSH brute force attacks against i-0a1b2c3d4e5f60718.",
     "description": "185.220.101.4 is performing SSH brute force attacks against i-0a1b2c3d4e5f60718. Brute force attacks are used to gain unauthorized access to your instance by guessing the SSH password."}
    """

    /// The EventBridge event that delivers a finding: instance credentials used outside AWS.
    static let eventBridge = """
    {"version": "0", "id": "c8d1e2f3-aaaa-bbbb-cccc-0123456789ab", "detail-type": "GuardDuty Finding",
     "source": "aws.guardduty", "account": "111122223333", "time": "2024-05-02T09:00:05Z", "region": "us-east-1",
     "resources": [],
     "detail": {"schemaVersion": "2.0", "accountId": "111122223333", "region": "us-east-1",
       "id": "7ec5f3e6c1b0a1b2c3d4e5f6a7b8c9d1", "type": "UnauthorizedAccess:IAMUser/InstanceCredentialExfiltration.OutsideAWS",
       "resource": {"resourceType": "AccessKey",
         "accessKeyDetails": {"accessKeyId": "ASIAEXAMPLESTOLEN01", "principalId": "AROAEXAMPLEROLE:i-0a1b2c3d4e5f60718",
                              "userName": "WebAppRole", "userType": "AssumedRole"}},
       "service": {"serviceName": "guardduty",
         "action": {"actionType": "AWS_API_CALL",
           "awsApiCallAction": {"api": "ListBuckets", "serviceName": "s3.amazonaws.com", "callerType": "Remote IP",
             "remoteIpDetails": {"ipAddressV4": "198.51.100.99", "country": {"countryName": "Netherlands"},
                                 "organization": {"asnOrg": "Example VPS"}}}},
         "count": 1, "archived": false,
         "eventFirstSeen": "2024-05-02T08:58:40Z", "eventLastSeen": "2024-05-02T08:58:40Z"},
       "severity": 8, "createdAt": "2024-05-02T08:59:59.5Z", "updatedAt": "2024-05-02T08:59:59.5Z",
       "title": "Credentials for instance role WebAppRole used from external IP address.",
       "description": "Credentials created exclusively for an EC2 instance using instance role WebAppRole have been used from external IP address 198.51.100.99."}}
    """

    /// An EKS finding in a `get-findings` response: exec into a kube-system pod by a service account.
    static let kubernetes = """
    {"Findings": [
     {"schemaVersion": "2.0", "accountId": "111122223333", "region": "eu-west-1", "id": "9fc5f3e6c1b0a1b2c3d4e5f6a7b8c9d2",
      "type": "Execution:Kubernetes/ExecInKubeSystemPod", "severity": 9.2,
      "createdAt": "2024-05-03T10:00:00Z", "updatedAt": "2024-05-03T10:05:00Z",
      "title": "Command executed inside a pod in kube-system namespace.",
      "resource": {"resourceType": "EKSCluster", "eksClusterDetails": {"name": "prod-eks", "arn": "arn:aws:eks:eu-west-1:111122223333:cluster/prod-eks"},
        "kubernetesDetails": {
          "kubernetesUserDetails": {"username": "system:serviceaccount:ci:deployer", "uid": "a1b2", "groups": ["system:serviceaccounts"]},
          "kubernetesWorkloadDetails": {"name": "coredns-7f89b7bc75-abcde", "type": "pods", "namespace": "kube-system", "uid": "c3d4"}}},
      "service": {"action": {"actionType": "KUBERNETES_API_CALL",
        "kubernetesApiCallAction": {"requestUri": "/api/v1/namespaces/kube-system/pods/coredns-7f89b7bc75-abcde/exec",
          "verb": "create", "sourceIps": ["10.0.7.14"], "userAgent": "kubectl/v1.29.0", "statusCode": 101}},
        "count": 1, "archived": true}}
    ]}
    """

    @Test func normalisesABareBruteForceFinding() throws {
        let run = FormatHarness.run(format, Self.bruteForce)
        #expect(run.rejected.isEmpty)
        let event = try #require(run.accepted.first)
        #expect(event.time == 1_714_637_520_123_000)
        #expect(event.classUID == OCSFClass.detectionFinding)
        #expect(event.activityID == 2)
        #expect(event.kind == .detection)
        #expect(event.severity == .low)
        #expect(event.sourceEventID == "5ac5f3e6c1b0a1b2c3d4e5f6a7b8c9d0")
        #expect(event.ruleID == "UnauthorizedAccess:EC2/SSHBruteForce")
        #expect(event.title == "185.220.101.4 is performing SSH brute force attacks against i-0a1b2c3d4e5f60718.")
        #expect(event.attackTactics == ["credential_access"])
        #expect(event.attackTechniques == ["T1110"])
        #expect(event.srcIP == "185.220.101.4")
        #expect(event.srcPort == 40522)
        #expect(event.dstIP == "10.0.1.25")
        #expect(event.dstPort == 22)
        #expect(event.networkProtocol == "tcp")
        #expect(event.hostname == "ip-10-0-1-25.ec2.internal")
        #expect(event.entityKeys == ["cloud_account:111122223333", "ip:185.220.101.4", "ip:10.0.1.25",
                                     "host:ip-10-0-1-25", "ip:54.210.1.25"])
        #expect(event.details["resource.uid"] == .string("i-0a1b2c3d4e5f60718"))
        #expect(event.details["resource.name"] == .string("bastion-1"))
        #expect(event.details["src_endpoint.location.country"] == .string("Germany"))
    }

    @Test func unwrapsTheEventBridgeEnvelope() throws {
        let run = FormatHarness.run(format, Self.eventBridge)
        let event = try #require(run.accepted.first)
        #expect(event.time == 1_714_640_399_500_000)
        #expect(event.activityID == 1)
        #expect(event.severity == .high)
        #expect(event.sourceEventID == "7ec5f3e6c1b0a1b2c3d4e5f6a7b8c9d1")
        #expect(event.attackTactics == ["credential_access"])
        #expect(event.attackTechniques == ["T1552.005"])
        #expect(event.apiOperation == "ListBuckets")
        #expect(event.cloudAccessKeyID == "ASIAEXAMPLESTOLEN01")
        #expect(event.entityKeys == ["cloud_account:111122223333", "ip:198.51.100.99", "access_key:ASIAEXAMPLESTOLEN01"])
        #expect(event.details["guardduty.eventbridge_id"] == .string("c8d1e2f3-aaaa-bbbb-cccc-0123456789ab"))
        #expect(event.raw == Self.eventBridge)
    }

    @Test func readsKubernetesFindingsFromAFindingsEnvelope() throws {
        let run = FormatHarness.run(format, Self.kubernetes)
        let event = try #require(run.accepted.first)
        #expect(event.severity == .critical)
        #expect(event.activityID == 3)
        #expect(event.attackTactics == ["execution"])
        #expect(event.attackTechniques == ["T1609"])
        #expect(event.k8sServiceAccount == "ci/deployer")
        #expect(event.k8sPod == "coredns-7f89b7bc75-abcde")
        #expect(event.entityKeys == ["cloud_account:111122223333", "ip:10.0.7.14", "k8s_namespace:ci", "k8s_sa:ci/deployer",
                                     "k8s_namespace:kube-system", "k8s_pod:kube-system/coredns-7f89b7bc75-abcde"])
        #expect(event.details["k8s.cluster"] == .string("prod-eks"))
    }

    @Test func readsTheProcessOfARuntimeFinding() throws {
        let finding = """
        {"accountId": "111122223333", "region": "us-east-1", "id": "rt-1", "type": "CryptoCurrency:Runtime/BitcoinTool.B",
         "severity": 8, "createdAt": "2024-05-04T01:00:00Z", "updatedAt": "2024-05-04T01:00:00Z", "title": "Cryptocurrency mining tool executed",
         "resource": {"resourceType": "Instance", "instanceDetails": {"instanceId": "i-0a1b2c3d4e5f60718",
           "networkInterfaces": [{"privateDnsName": "ip-10-0-1-25.ec2.internal", "privateIpAddress": "10.0.1.25"}]}},
         "service": {"runtimeDetails": {"process": {"name": "xmrig", "executablePath": "/tmp/.x/xmrig",
           "executableSha256": "3F1C7A9E2B4D6F8091A2B3C4D5E6F708192A3B4C5D6E7F8091A2B3C4D5E6F708", "pid": 4242, "user": "www-data",
           "uuid": "p-77", "lineage": [{"name": "bash", "executablePath": "/usr/bin/bash", "pid": 4100}]}}, "count": 1}}
        """
        let event = try #require(FormatHarness.run(format, finding).accepted.first)
        #expect(event.attackTactics == ["impact"])
        #expect(event.attackTechniques == ["T1496"])
        #expect(event.processImage == "/tmp/.x/xmrig")
        #expect(event.processPID == 4242)
        #expect(event.parentProcessImage == "/usr/bin/bash")
        #expect(event.fileHashes == ["sha256": "3f1c7a9e2b4d6f8091a2b3c4d5e6f708192a3b4c5d6e7f8091a2b3c4d5e6f708"])
        #expect(event.entityKeys == ["cloud_account:111122223333", "host:ip-10-0-1-25", "ip:10.0.1.25",
                                     "hash:3f1c7a9e2b4d6f8091a2b3c4d5e6f708192a3b4c5d6e7f8091a2b3c4d5e6f708", "user:www-data"])
    }

    @Test func mapsTheSeverityScoreBands() {
        #expect(GuardDuty.severity(0.1) == .low)
        #expect(GuardDuty.severity(3.9) == .low)
        #expect(GuardDuty.severity(4.0) == .medium)
        #expect(GuardDuty.severity(6.9) == .medium)
        #expect(GuardDuty.severity(7.0) == .high)
        #expect(GuardDuty.severity(8.9) == .high)
        #expect(GuardDuty.severity(9.0) == .critical)
        #expect(GuardDuty.severity(10) == .critical)
    }

    @Test func rejectsRecordsNamingTheField() {
        let body = """
        {"version": "0", "detail-type": "AWS API Call via CloudTrail", "source": "aws.ec2", "detail": {}}
        {"id": "a1", "severity": 5, "updatedAt": "2024-05-02T08:12:00Z"}
        {"id": "a2", "type": "Recon:EC2/PortProbeUnprotectedPort", "severity": 5, "updatedAt": "last tuesday"}
        {"id": "a3", "type": "Recon:EC2/PortProbeUnprotectedPort", "severity": "high", "updatedAt": "2024-05-02T08:12:00Z"}
        {"detail-type": "GuardDuty Finding", "detail": {"id": "a4", "type": "Recon:EC2/PortProbeUnprotectedPort", "updatedAt": "2024-05-02T08:12:00Z"}}
        """
        let run = FormatHarness.run(format, body)
        #expect(run.accepted.isEmpty)
        #expect(run.rejected.map { $0.error.description } == [
            "field \"detail-type\": EventBridge detail-type \"AWS API Call via CloudTrail\" is not supported (GuardDuty Finding)",
            "field \"type\": missing",
            "field \"updatedAt\": not a date: \"last tuesday\"",
            "field \"severity\": expected a number, got \"high\"",
            "field \"detail.severity\": missing",
        ])
    }
}
