import Foundation
import Testing
@testable import XDRIngest
import XDRModel

@Suite struct CloudTrailTests {
    let format = CloudTrail()

    /// A CloudTrail S3 log file: a failed console sign-in, an SSO session assuming a role, that
    /// session creating an IAM user, and an AWS service acting on its own behalf.
    static let logFile = """
    {"Records": [
      {"eventVersion": "1.08",
       "userIdentity": {"type": "IAMUser", "principalId": "AIDAEXAMPLEBOB", "arn": "arn:aws:iam::111122223333:user/bob",
                        "accountId": "111122223333", "userName": "bob"},
       "eventTime": "2024-05-02T08:15:30Z", "eventSource": "signin.amazonaws.com", "eventName": "ConsoleLogin",
       "awsRegion": "us-east-1", "sourceIPAddress": "203.0.113.50",
       "userAgent": "Mozilla/5.0 (X11; Linux x86_64)", "errorMessage": "Failed authentication",
       "requestParameters": null, "responseElements": {"ConsoleLogin": "Failure"},
       "additionalEventData": {"LoginTo": "https://console.aws.amazon.com/console/home", "MobileVersion": "No", "MFAUsed": "No"},
       "eventID": "0b8e3b4e-1111-4c56-9c7d-2f4c1a000001", "readOnly": false, "eventType": "AwsConsoleSignIn",
       "managementEvent": true, "recipientAccountId": "111122223333", "eventCategory": "Management"},
      {"eventVersion": "1.08",
       "userIdentity": {"type": "AssumedRole", "principalId": "AROAEXAMPLESSO:alice@corp.example",
                        "arn": "arn:aws:sts::111122223333:assumed-role/AWSReservedSSO_AdministratorAccess_abc123/alice@corp.example",
                        "accountId": "111122223333", "accessKeyId": "ASIAEXAMPLESSOKEY01",
                        "sessionContext": {"sessionIssuer": {"type": "Role", "principalId": "AROAEXAMPLESSO",
                            "arn": "arn:aws:iam::111122223333:role/aws-reserved/sso.amazonaws.com/AWSReservedSSO_AdministratorAccess_abc123",
                            "accountId": "111122223333", "userName": "AWSReservedSSO_AdministratorAccess_abc123"},
                          "attributes": {"creationDate": "2024-05-02T08:00:00Z", "mfaAuthenticated": "true"}}},
       "eventTime": "2024-05-02T08:20:01Z", "eventSource": "sts.amazonaws.com", "eventName": "AssumeRole",
       "awsRegion": "us-east-1", "sourceIPAddress": "198.51.100.7", "userAgent": "aws-cli/2.15.0",
       "requestParameters": {"roleArn": "arn:aws:iam::444455556666:role/DeployRole", "roleSessionName": "alice-deploy"},
       "responseElements": {"credentials": {"accessKeyId": "ASIAEXAMPLEISSUED01", "sessionToken": "redacted",
                                              "expiration": "May 2, 2024, 9:20:01 AM"},
                            "assumedRoleUser": {"assumedRoleId": "AROAEXAMPLEDEPLOY:alice-deploy",
                                                "arn": "arn:aws:sts::444455556666:assumed-role/DeployRole/alice-deploy"}},
       "requestID": "6a1b2c3d-0000-4000-8000-000000000002", "eventID": "0b8e3b4e-1111-4c56-9c7d-2f4c1a000002",
       "readOnly": true, "eventType": "AwsApiCall", "recipientAccountId": "111122223333"},
      {"eventVersion": "1.08",
       "userIdentity": {"type": "AssumedRole", "principalId": "AROAEXAMPLESSO:alice@corp.example",
                        "arn": "arn:aws:sts::111122223333:assumed-role/AWSReservedSSO_AdministratorAccess_abc123/alice@corp.example",
                        "accountId": "111122223333", "accessKeyId": "ASIAEXAMPLESSOKEY01"},
       "eventTime": "2024-05-02T08:21:17.250Z", "eventSource": "iam.amazonaws.com", "eventName": "CreateUser",
       "awsRegion": "us-east-1", "sourceIPAddress": "198.51.100.7", "userAgent": "aws-cli/2.15.0",
       "requestParameters": {"userName": "backup-svc"},
       "responseElements": {"user": {"path": "/", "userName": "backup-svc", "userId": "AIDAEXAMPLENEW",
                                     "arn": "arn:aws:iam::111122223333:user/backup-svc"}},
       "eventID": "0b8e3b4e-1111-4c56-9c7d-2f4c1a000003", "eventType": "AwsApiCall", "recipientAccountId": "111122223333"},
      {"eventVersion": "1.08",
       "userIdentity": {"type": "AWSService", "invokedBy": "ec2.amazonaws.com"},
       "eventTime": "2024-05-02T08:30:00Z", "eventSource": "kms.amazonaws.com", "eventName": "Decrypt",
       "awsRegion": "eu-west-1", "sourceIPAddress": "ec2.amazonaws.com", "userAgent": "ec2.amazonaws.com",
       "requestParameters": {"encryptionAlgorithm": "SYMMETRIC_DEFAULT"}, "responseElements": null,
       "resources": [{"accountId": "111122223333", "type": "AWS::KMS::Key",
                      "ARN": "arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab"}],
       "eventID": "0b8e3b4e-1111-4c56-9c7d-2f4c1a000004", "readOnly": true, "eventType": "AwsServiceEvent",
       "recipientAccountId": "111122223333", "sharedEventID": "aa-bb"}
    ]}
    """

    @Test func normalisesAFailedConsoleLoginAsAuthentication() throws {
        let run = FormatHarness.run(format, Self.logFile)
        #expect(run.rejected.isEmpty)
        try #require(run.accepted.count == 4)
        let login = run.accepted[0]
        #expect(login.time == EventTime.civil(year: 2024, month: 5, day: 2, seconds: 8 * 3600 + 15 * 60 + 30, micros: 0, offset: 0))
        #expect(login.classUID == OCSFClass.authentication)
        #expect(login.activityID == 1)
        #expect(login.kind == .telemetry)
        #expect(login.severity == .informational)
        #expect(login.outcome == "failure")
        #expect(login.sourceEventID == "0b8e3b4e-1111-4c56-9c7d-2f4c1a000001")
        #expect(login.sourceFormat == "cloudtrail")
        #expect(login.sourceProduct == "AWS CloudTrail")
        #expect(login.title == "signin:ConsoleLogin by bob failed")
        #expect(login.entityKeys == ["cloud_account:111122223333", "cloud_principal:arn:aws:iam::111122223333:user/bob",
                                     "user:bob", "ip:203.0.113.50"])
        #expect(login.srcIP == "203.0.113.50")
        #expect(login.details["authentication.mfa_used"] == .string("No"))
        #expect(login.raw.hasPrefix("{\"eventVersion\": \"1.08\""))
    }

    @Test func addsTheSSOPersonAndTheKeyAnAssumeRoleIssued() throws {
        let run = FormatHarness.run(format, Self.logFile)
        let assume = try #require(run.accepted.dropFirst().first)
        #expect(assume.time == 1_714_638_001_000_000)
        #expect(assume.classUID == OCSFClass.apiActivity)
        #expect(assume.activityID == 1)
        #expect(assume.outcome == "success")
        #expect(assume.userName == "alice@corp.example")
        #expect(assume.cloudAccessKeyID == "ASIAEXAMPLESSOKEY01")
        #expect(assume.apiOperation == "AssumeRole")
        #expect(assume.title == "sts:AssumeRole by alice@corp.example")
        #expect(assume.entityKeys == [
            "cloud_account:111122223333",
            "cloud_principal:arn:aws:sts::111122223333:assumed-role/awsreservedsso_administratoraccess_abc123/alice@corp.example",
            "user:alice@corp.example",
            "cloud_principal:arn:aws:iam::111122223333:role/aws-reserved/sso.amazonaws.com/awsreservedsso_administratoraccess_abc123",
            "access_key:ASIAEXAMPLESSOKEY01",
            "ip:198.51.100.7",
            "cloud_principal:arn:aws:iam::444455556666:role/deployrole",
            "cloud_principal:arn:aws:sts::444455556666:assumed-role/deployrole/alice-deploy",
            "user:alice-deploy",
            "access_key:ASIAEXAMPLEISSUED01",
        ])
        #expect(assume.entities(of: .accessKey).map(\.role) == [.actor, .target])
        #expect(assume.details["actor.session.is_mfa"] == .bool(true))
    }

    @Test func classifiesIAMUserCreationAsAccountChange() throws {
        let run = FormatHarness.run(format, Self.logFile)
        let create = try #require(run.accepted.dropFirst(2).first)
        #expect(create.time == 1_714_638_077_250_000)
        #expect(create.classUID == OCSFClass.accountChange)
        #expect(create.activityID == 1)
        #expect(create.entities(of: .user).map(\.value) == ["alice@corp.example", "backup-svc"])
        #expect(create.entities(of: .user).map(\.role) == [.actor, .target])
    }

    @Test func keepsAServiceNameSourceAsADomain() throws {
        let run = FormatHarness.run(format, Self.logFile)
        let decrypt = try #require(run.accepted.last)
        #expect(decrypt.srcIP == nil)
        #expect(decrypt.entityKeys == ["cloud_account:111122223333", "domain:ec2.amazonaws.com"])
        #expect(decrypt.title == "kms:Decrypt by ec2.amazonaws.com")
        #expect(decrypt.activityID == 2)
        #expect(decrypt.cloudRegion == "eu-west-1")
        #expect(decrypt.details["resources"] == .strings(["arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab"]))
    }

    @Test func derivesTheSessionAnAWSServiceAssumedRoleCreated() throws {
        let body = """
        {"eventTime": "2020-09-14T01:01:26Z", "eventSource": "sts.amazonaws.com", "eventName": "AssumeRole",
         "userIdentity": {"type": "AWSService", "invokedBy": "ec2.amazonaws.com"}, "sourceIPAddress": "ec2.amazonaws.com",
         "requestParameters": {"roleSessionName": "i-044b1baf4c96e1b62", "roleArn": "arn:aws:iam::123456789123:role/app/WebRole"},
         "responseElements": {"credentials": {"expiration": "Sep 14, 2020, 7:01:26 AM", "accessKeyId": "ASIAEXAMPLEINSTANCE1"}},
         "eventID": "e1", "eventType": "AwsApiCall", "recipientAccountId": "123456789123"}
        """
        let event = try #require(FormatHarness.run(format, body).accepted.first)
        #expect(event.entityKeys == ["cloud_account:123456789123", "domain:ec2.amazonaws.com",
                                     "cloud_principal:arn:aws:iam::123456789123:role/app/webrole",
                                     "cloud_principal:arn:aws:sts::123456789123:assumed-role/webrole/i-044b1baf4c96e1b62",
                                     "access_key:ASIAEXAMPLEINSTANCE1"])
        #expect(event.userName == nil)
        #expect(CloudTrail.sessionARN(roleARN: "arn:aws:iam::1:user/bob", sessionName: "x") == nil)
    }

    @Test func unwrapsLookupEventsOutput() throws {
        let inner = #"{\"eventTime\":\"2022-02-07T22:23:18Z\",\"eventSource\":\"ec2.amazonaws.com\",\"eventName\":\"TerminateInstances\",\"eventID\":\"1f2d\",\"userIdentity\":{\"type\":\"IAMUser\",\"userName\":\"carol\",\"accountId\":\"012345678901\"},\"requestParameters\":{\"instancesSet\":{\"items\":[{\"instanceId\":\"i-0123\"}]}}}"#
        let body = "{\"EventId\": \"1f2d\", \"EventName\": \"TerminateInstances\", \"CloudTrailEvent\": \"\(inner)\"}"
        let run = FormatHarness.run(format, body)
        let event = try #require(run.accepted.first)
        #expect(event.activityID == 4)
        #expect(event.sourceEventID == "1f2d")
        #expect(event.userName == "carol")
        #expect(event.details["cloudtrail.instance_ids"] == .strings(["i-0123"]))
        #expect(event.raw == body)
    }

    @Test func expandsAWholeLookupEventsResponse() throws {
        let inner = #"{\"eventTime\":\"2022-02-07T22:23:18Z\",\"eventSource\":\"ec2.amazonaws.com\",\"eventName\":\"StopInstances\",\"eventID\":\"e-1\"}"#
        let body = "{\"Events\": [{\"EventId\": \"e-1\", \"CloudTrailEvent\": \"\(inner)\"}, {\"EventId\": \"e-2\", \"CloudTrailEvent\": 7}], \"NextToken\": \"x\"}"
        let run = FormatHarness.run(format, body)
        #expect(run.accepted.map(\.sourceEventID) == ["e-1"])
        #expect(run.rejected.map { "\($0.number) \($0.error)" } == ["2 field \"CloudTrailEvent\": expected a JSON string, got a number"])
    }

    @Test func rejectsRecordsNamingTheField() {
        let body = """
        {"eventSource": "s3.amazonaws.com", "eventName": "GetObject"}
        {"eventTime": "yesterday", "eventSource": "s3.amazonaws.com", "eventName": "GetObject"}
        {"eventTime": "2024-05-02T08:30:00Z", "eventSource": "s3.amazonaws.com", "eventName": ["GetObject"]}
        {"eventTime": "2024-05-02T08:30:00Z", "eventSource": "cloudtrail.amazonaws.com", "eventName": "PutObject", "eventType": "AwsCloudTrailInsight"}
        {"EventId": "x", "CloudTrailEvent": "{not json"}
        """
        let run = FormatHarness.run(format, body)
        #expect(run.accepted.isEmpty)
        let reasons = run.rejected.map { $0.error.description }
        #expect(reasons.count == 5)
        #expect(reasons[0] == "field \"eventTime\": missing")
        #expect(reasons[1] == "field \"eventTime\": not a date: \"yesterday\"")
        #expect(reasons[2] == "field \"eventName\": expected a non-empty string, got an array")
        #expect(reasons[3].hasPrefix("field \"eventType\": CloudTrail eventType \"AwsCloudTrailInsight\" is not supported (AwsApiCall"))
        #expect(reasons[4].hasPrefix("field \"CloudTrailEvent\": not a JSON document"))
    }

    /// Every real CloudTrail sample must be accepted in full. The S3 honey-bucket CSV is a
    /// derived export, not CloudTrail, and is not read here. Without `XDR_SHARED_DIR` and without
    /// the sample folder beside the checkout, there is nothing to read and the test returns.
    @Test func acceptsEveryRealSample() throws {
        guard Samples.directory != nil else {
            if ProcessInfo.processInfo.environment["XDR_SHARED_DIR"] == nil { return }
            Issue.record("../shared/samples not found")
            return
        }
        let files = Samples.files(in: "cloud/aws_cloudtrail_json")
        #expect(files.count == 3)
        var total = 0
        for file in files {
            let run = try FormatHarness.run(format, file: file)
            print("samples cloudtrail \(file.lastPathComponent): \(run.accepted.count) accepted, \(run.rejected.count) rejected")
            #expect(run.rejected.isEmpty, "\(file.lastPathComponent): \(run.rejected.prefix(3).map { "\($0.number): \($0.error)" })")
            #expect(!run.accepted.isEmpty)
            total += run.accepted.count
        }
        #expect(total == 110)
    }
}
