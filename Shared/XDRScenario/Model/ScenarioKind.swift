/// The scenarios the generator can write.
public enum ScenarioKind: String, Sendable, CaseIterable {
    /// Malicious attachment → Office macro → PowerShell → C2 beacon → SMB/WinRM to the file server.
    case phishingAttachment = "phishing-attachment"
    /// Phishing link clicked → stolen SSO session used in AWS from a new IP.
    case credentialPhishing = "credential-phishing"
    /// Shell in a container → exec and cluster-admin binding by the pod's service account → AWS
    /// calls with the node role's credentials.
    case containerEscape = "container-escape"
    /// Everyday telemetry through hub entities (resolver, domain controller) and benign low alerts.
    case benignNoise = "benign-noise"
    /// A workstation's IP handed to another machine in the afternoon, then a low alert on that IP.
    case dhcpReuse = "dhcp-reuse"
    /// The phishing-attachment campaign (same C2 IP, same hash, same names and subnets) in two tenants.
    case twoTenants = "two-tenants"
}
