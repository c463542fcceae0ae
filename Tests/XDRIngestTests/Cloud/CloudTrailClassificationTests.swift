import Testing
@testable import XDRIngest
import XDRModel

@Suite struct CloudTrailClassificationTests {
    func classify(_ source: String, _ name: String, type: String? = "AwsApiCall", readOnly: Bool? = nil) -> CloudTrailClassification.Result {
        CloudTrailClassification.classify(eventSource: source, eventName: name, eventType: type, readOnly: readOnly)
    }

    @Test func putsConsoleSignInsInAuthentication() {
        #expect(classify("signin.amazonaws.com", "ConsoleLogin", type: "AwsConsoleSignIn") == .init(classUID: 3002, activityID: 1))
        #expect(classify("signin.amazonaws.com", "CheckMfa", type: "AwsConsoleSignIn") == .init(classUID: 3002, activityID: 99))
    }

    @Test func splitsIAMWritesByWhatTheyChange() {
        #expect(classify("iam.amazonaws.com", "AttachUserPolicy") == .init(classUID: 3001, activityID: 7))
        #expect(classify("iam.amazonaws.com", "DeactivateMFADevice") == .init(classUID: 3001, activityID: 11))
        #expect(classify("iam.amazonaws.com", "AddUserToGroup") == .init(classUID: 3006, activityID: 3))
        #expect(classify("iam.amazonaws.com", "CreateRole") == .init(classUID: 3004, activityID: 1))
        #expect(classify("iam.amazonaws.com", "UpdateAssumeRolePolicy") == .init(classUID: 3004, activityID: 3))
        #expect(classify("iam.amazonaws.com", "DeletePolicy") == .init(classUID: 3004, activityID: 4))
    }

    @Test func leavesReadsAndOtherServicesInAPIActivity() {
        #expect(classify("iam.amazonaws.com", "ListUsers") == .init(classUID: 6003, activityID: 2))
        #expect(classify("s3.amazonaws.com", "GetObject") == .init(classUID: 6003, activityID: 2))
        #expect(classify("ec2.amazonaws.com", "RunInstances") == .init(classUID: 6003, activityID: 1))
        #expect(classify("cloudtrail.amazonaws.com", "StopLogging") == .init(classUID: 6003, activityID: 3))
    }
}
