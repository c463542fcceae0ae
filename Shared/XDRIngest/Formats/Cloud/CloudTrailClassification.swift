import XDRModel

/// Chooses the OCSF class and activity of a CloudTrail record from its service and event name.
///
/// - Console sign-in events → Authentication (3002), ConsoleLogin as Logon (1).
/// - IAM writes on users → Account Change (3001); on groups → Group Management (3006); on roles,
///   policies and other IAM entities → Entity Management (3004).
/// - Everything else → API Activity (6003) with Create/Read/Update/Delete from the verb of the name.
enum CloudTrailClassification {
    struct Result: Equatable {
        var classUID: Int
        var activityID: Int
    }

    static func classify(eventSource: String, eventName: String, eventType: String?, readOnly: Bool?) -> Result {
        if eventType == "AwsConsoleSignIn" || (eventSource == "signin.amazonaws.com" && eventName == "ConsoleLogin") {
            return Result(classUID: OCSFClass.authentication, activityID: eventName == "ConsoleLogin" ? 1 : 99)
        }
        let verb = apiActivity(eventName, readOnly: readOnly)
        if eventSource == "iam.amazonaws.com", verb != 2 {
            if let account = accountChanges[eventName] { return Result(classUID: OCSFClass.accountChange, activityID: account) }
            if let group = groupChanges[eventName] { return Result(classUID: OCSFClass.groupManagement, activityID: group) }
            return Result(classUID: OCSFClass.entityManagement, activityID: verb == 99 ? 3 : verb)
        }
        return Result(classUID: OCSFClass.apiActivity, activityID: verb)
    }

    /// OCSF Account Change activities: 1 Create, 3 Password Change, 5 Disable, 6 Delete,
    /// 7 Attach Policy, 8 Detach Policy, 10 MFA Factor Enable, 11 MFA Factor Disable, 99 Other.
    static let accountChanges: [String: Int] = [
        "CreateUser": 1, "DeleteUser": 6, "UpdateUser": 99,
        "CreateLoginProfile": 3, "UpdateLoginProfile": 3, "ChangePassword": 3, "DeleteLoginProfile": 5,
        "AttachUserPolicy": 7, "PutUserPolicy": 7, "PutUserPermissionsBoundary": 7,
        "DetachUserPolicy": 8, "DeleteUserPolicy": 8, "DeleteUserPermissionsBoundary": 8,
        "EnableMFADevice": 10, "CreateVirtualMFADevice": 10, "ResyncMFADevice": 99,
        "DeactivateMFADevice": 11, "DeleteVirtualMFADevice": 11,
        "CreateAccessKey": 99, "UpdateAccessKey": 99, "DeleteAccessKey": 99,
        "UploadSSHPublicKey": 99, "DeleteSSHPublicKey": 99,
        "CreateServiceSpecificCredential": 99, "DeleteServiceSpecificCredential": 99,
        "TagUser": 99, "UntagUser": 99,
    ]

    /// OCSF Group Management activities: 1 Assign Privileges, 2 Revoke Privileges, 3 Add User,
    /// 4 Remove User, 5 Delete, 6 Create.
    static let groupChanges: [String: Int] = [
        "AddUserToGroup": 3, "RemoveUserFromGroup": 4, "CreateGroup": 6, "DeleteGroup": 5,
        "AttachGroupPolicy": 1, "PutGroupPolicy": 1, "DetachGroupPolicy": 2, "DeleteGroupPolicy": 2,
        "UpdateGroup": 99,
    ]

    static func apiActivity(_ eventName: String, readOnly: Bool?) -> Int {
        APIVerb.activity(of: eventName, readOnly: readOnly)
    }
}
