import Foundation
import Testing
@testable import XDRIngest
import XDRJSON
import XDRModel

@Suite struct OCSFEventTests {
    let format = OCSFEvent(servedBy: .cloud)

    static let detection = """
    {"class_uid": 2004, "category_uid": 2, "activity_id": 1, "type_uid": 200401, "severity_id": 4, "time": 1714730401123,
     "metadata": {"version": "1.1.0", "uid": "det-0001", "product": {"name": "Example EDR", "vendor_name": "Example"}},
     "finding_info": {"uid": "f-77", "title": "Encoded PowerShell launched by Word", "analytic": {"uid": "R-1042", "name": "Office child shell"},
                      "attacks": [{"technique": {"uid": "T1059.001", "name": "PowerShell"}, "tactic": {"name": "Execution", "uid": "TA0002"}},
                                  {"technique": {"uid": "T1566"}, "tactics": [{"name": "Initial Access"}]}]},
     "device": {"hostname": "WS-042.corp.example", "ip": "10.1.2.42"},
     "actor": {"user": {"name": "alice", "domain": "CORP"},
               "process": {"pid": 7321, "uid": "{5A1B2C3D-0000-4000-8000-000000000042}", "cmd_line": "powershell.exe -enc SQBFAFgA",
                           "file": {"path": "C:\\\\Windows\\\\System32\\\\WindowsPowerShell\\\\v1.0\\\\powershell.exe",
                                    "hashes": [{"algorithm_id": 3, "value": "DE96A6E69944335375DC1AC238336066889D9FFC7D73628EF4FE1B1B160AB32C"},
                                               {"algorithm_id": 6, "value": "T1A2B3C4D5E6F"}]},
                           "parent_process": {"uid": "{5A1B2C3D-0000-4000-8000-000000000041}", "file": {"path": "C:\\\\Program Files\\\\Microsoft Office\\\\root\\\\Office16\\\\WINWORD.EXE"}}}}}
    """

    static let email = """
    {"class_uid": 4009, "category_uid": 4, "activity_id": 2, "severity_id": 1, "time": 1714730000000,
     "metadata": {"uid": "msg-evt-1", "product": {"name": "Example Gateway"}},
     "email": {"from": "Billing <billing@evil.example>", "to": ["alice@corp.example"], "cc": ["bob@corp.example"],
               "subject": "Invoice 4471", "message_uid": "<abc123@evil.example>"},
     "src_endpoint": {"ip": "198.51.100.23"}, "status_id": 1}
    """

    static let api = """
    {"class_uid": 6003, "activity_id": 2, "severity_id": 1, "time": 1714730100, "status": "Failure",
     "metadata": {"uid": "api-1", "product": {"name": "CloudTrail"}},
     "api": {"operation": "ListBuckets", "service": {"name": "s3.amazonaws.com"}},
     "actor": {"user": {"uid": "arn:aws:sts::111122223333:assumed-role/AWSReservedSSO_Admin_abc/alice@corp.example", "credential_uid": "ASIAEXAMPLE0000001"}},
     "cloud": {"provider": "AWS", "region": "us-east-1", "account": {"uid": "111122223333"}},
     "src_endpoint": {"ip": "198.51.100.7"}}
    """

    static let network = """
    {"class_uid": 4001, "activity_id": 6, "severity_id": 1, "time_dt": "2024-05-03T10:01:12.5Z", "class_name": "Network Activity", "activity_name": "Traffic",
     "src_endpoint": {"ip": "10.244.1.17", "port": 51544}, "dst_endpoint": {"ip": "203.0.113.66", "port": 8080, "hostname": "c2.evil.example"}}
    """

    @Test func readsADetectionFindingWithProcessAndAttack() throws {
        let event = try #require(FormatHarness.run(format, Self.detection).accepted.first)
        #expect(event.time == 1_714_730_401_123_000)
        #expect(event.layer == .endpoint)
        #expect(event.kind == .detection)
        #expect(event.classUID == 2004)
        #expect(event.activityID == 1)
        #expect(event.severity == .high)
        #expect(event.sourceProduct == "Example EDR")
        #expect(event.sourceFormat == "ocsf")
        #expect(event.sourceEventID == "det-0001")
        #expect(event.title == "Encoded PowerShell launched by Word")
        #expect(event.ruleID == "R-1042")
        #expect(event.attackTechniques == ["T1059.001", "T1566"])
        #expect(event.attackTactics == ["execution", "initial_access"])
        #expect(event.processCommandLine == "powershell.exe -enc SQBFAFgA")
        #expect(event.processPID == 7321)
        #expect(event.parentProcessImage == "C:\\Program Files\\Microsoft Office\\root\\Office16\\WINWORD.EXE")
        #expect(event.fileHashes == ["sha256": "de96a6e69944335375dc1ac238336066889d9ffc7d73628ef4fe1b1b160ab32c"])
        #expect(event.entityKeys == [
            "host:ws-042", "ip:10.1.2.42", "user:corp\\alice",
            "process:5a1b2c3d-0000-4000-8000-000000000042",
            "hash:de96a6e69944335375dc1ac238336066889d9ffc7d73628ef4fe1b1b160ab32c",
            "process:5a1b2c3d-0000-4000-8000-000000000041",
        ])
    }

    @Test func placesEmailClassesOnTheEmailLayer() throws {
        let event = try #require(FormatHarness.run(format, Self.email).accepted.first)
        #expect(event.layer == .email)
        #expect(event.kind == .telemetry)
        #expect(event.outcome == "success")
        #expect(event.emailFrom == "billing@evil.example")
        #expect(event.emailTo == ["alice@corp.example", "bob@corp.example"])
        #expect(event.emailSubject == "Invoice 4471")
        #expect(event.entityKeys == ["ip:198.51.100.23", "email:billing@evil.example", "user:billing@evil.example",
                                     "email:alice@corp.example", "user:alice@corp.example", "email:bob@corp.example",
                                     "user:bob@corp.example", "email_message:<abc123@evil.example>"])
    }

    @Test func readsCloudAPIActivity() throws {
        let event = try #require(FormatHarness.run(format, Self.api).accepted.first)
        #expect(event.time == 1_714_730_100_000_000)
        #expect(event.layer == .cloud)
        #expect(event.outcome == "failure")
        #expect(event.apiOperation == "ListBuckets")
        #expect(event.cloudRegion == "us-east-1")
        #expect(event.title == "OCSF class 6003 activity 2")
        #expect(event.entityKeys == [
            "cloud_principal:arn:aws:sts::111122223333:assumed-role/awsreservedsso_admin_abc/alice@corp.example",
            "user:alice@corp.example", "access_key:ASIAEXAMPLE0000001", "ip:198.51.100.7", "cloud_account:111122223333",
        ])
    }

    @Test func readsNetworkActivityWithAnISOTime() throws {
        let event = try #require(FormatHarness.run(format, Self.network).accepted.first)
        #expect(event.time == 1_714_730_472_500_000)
        #expect(event.layer == .network)
        #expect(event.title == "Network Activity Traffic")
        #expect(event.srcPort == 51544)
        #expect(event.dstIP == "203.0.113.66")
        #expect(event.entityKeys == ["ip:10.244.1.17", "ip:203.0.113.66", "host:c2"])
    }

    @Test func readsEvidencesAndObservables() throws {
        let body = """
        {"class_uid": 2004, "severity_id": 5, "time": 1714730401000, "finding_info": {"title": "Phish clicked", "uid": "f-9"},
         "evidences": [{"url": {"url_string": "HTTPS://Login.Evil.Example/o365"}, "src_endpoint": {"ip": "10.1.2.42"}}],
         "observables": [{"name": "email.from", "type_id": 5, "value": "Billing <billing@evil.example>"},
                         {"name": "file.hashes", "type_id": 8, "value": "44d88612fea8a8f36de82e1278abb02f"},
                         {"name": "port", "type_id": 11, "value": "443"}]}
        """
        let event = try #require(FormatHarness.run(format, body).accepted.first)
        #expect(event.kind == .detection)
        #expect(event.severity == .critical)
        #expect(event.sourceEventID == "f-9")
        #expect(event.layer == .cloud)
        #expect(event.url == "https://login.evil.example/o365")
        #expect(event.entityKeys == ["ip:10.1.2.42", "url:https://login.evil.example/o365", "domain:login.evil.example",
                                     "email:billing@evil.example", "hash:44d88612fea8a8f36de82e1278abb02f"])
    }

    @Test func choosesTheLayerOfFindingsByContent() {
        let cloudFinding = try? JSONParser.parse(#"{"class_uid": 2004, "cloud": {"account": {"uid": "1"}}}"#)
        let bare = try? JSONParser.parse(#"{"class_uid": 2004}"#)
        #expect(cloudFinding.map { format.layer(of: $0, classUID: 2004) } == .cloud)
        #expect(bare.map { OCSFEvent(servedBy: .network).layer(of: $0, classUID: 2004) } == .network)
        #expect(bare.map { format.layer(of: $0, classUID: 1007) } == .endpoint)
        #expect(bare.map { format.layer(of: $0, classUID: 4012) } == .email)
    }

    @Test func rejectsRecordsNamingTheField() {
        let body = """
        {"time": 1714730100000, "activity_id": 1}
        {"class_uid": "network", "time": 1714730100000}
        {"class_uid": 4001, "time": "soon"}
        {"class_uid": 4001, "time": 1714730100000, "severity_id": "bad"}
        """
        let run = FormatHarness.run(format, body)
        #expect(run.accepted.isEmpty)
        #expect(run.rejected.map { $0.error.description } == [
            "field \"class_uid\": missing",
            "field \"class_uid\": expected a positive integer, got \"network\"",
            "field \"time\": not a date: \"soon\"",
            "field \"severity_id\": expected an integer, got \"bad\"",
        ])
    }
}
