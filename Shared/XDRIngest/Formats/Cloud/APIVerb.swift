/// OCSF API Activity (`activity_id`) from the verb a cloud API method name starts or ends with:
/// 1 Create, 2 Read, 3 Update, 4 Delete, 99 Other.
///
/// AWS names start with the verb (`DescribeInstances`, `CreateUser`); GCP methods end with it
/// (`v1.compute.instances.insert`, `google.iam.admin.v1.CreateServiceAccountKey`); Azure
/// operations end with a verb segment (`Microsoft.Compute/virtualMachines/delete`).
enum APIVerb {
    /// The activity of an AWS-style name (`CreateUser`); `readOnly` decides names with no known verb.
    static func activity(of name: String, readOnly: Bool? = nil) -> Int {
        for (prefixes, activity) in verbs where prefixes.contains(where: { name.hasPrefix($0) }) {
            return activity
        }
        if readOnly == true { return 2 }
        return 99
    }

    /// The activity of a dotted or slashed method name, from its last segment with the first letter
    /// upper-cased (`…networks.insert` → `Insert`, `…/virtualMachines/delete` → `Delete`).
    static func activity(ofMethod method: String) -> Int {
        let last = method.split(whereSeparator: { $0 == "." || $0 == "/" }).last.map(String.init) ?? method
        guard let first = last.first else { return 99 }
        return activity(of: first.uppercased() + last.dropFirst())
    }

    private static let verbs: [([String], Int)] = [
        (["Get", "Describe", "List", "Lookup", "Head", "Search", "Scan", "Query", "BatchGet", "Check", "Select",
          "Generate", "Simulate", "Decrypt", "Download", "Export", "Read", "Aggregated", "Watch", "TestIamPermissions"], 2),
        (["Create", "Insert", "Run", "Allocate", "Import", "Register", "Issue", "Request", "Copy", "Upload", "Invoke",
          "Launch", "Publish", "Send", "Assume"], 1),
        (["Delete", "Terminate", "Release", "Deregister", "Remove", "Purge"], 4),
        (["Update", "Modify", "Put", "Set", "Patch", "Attach", "Detach", "Add", "Associate", "Disassociate", "Enable",
          "Disable", "Start", "Stop", "Reboot", "Tag", "Untag", "Change", "Replace", "Reset", "Authorize", "Revoke",
          "Apply", "Restore", "Activate", "Deactivate", "Assign", "Unassign", "Rotate", "Resync", "Upgrade",
          "Accept", "Reject", "Confirm", "Cancel", "Write", "Move", "Resize", "Restart", "Deallocate", "Redeploy"], 3),
    ]
}
