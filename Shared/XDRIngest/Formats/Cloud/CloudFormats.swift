/// The cloud layer's formats, in the order they are listed to users.
public enum CloudFormats {
    public static let all: [any EventFormat] = [
        CloudTrail(),
        GuardDuty(),
        KubernetesAudit(),
        Falco(),
        GCPAuditLog(),
        AzureActivity(),
    ]
}
