/// ATT&CK tactics and techniques implied by a GuardDuty finding type
/// (`ThreatPurpose:ResourceTypeAffected/ThreatFamilyName.DetectionMechanism!Artifact`).
///
/// GuardDuty does not send ATT&CK ids; the threat purpose names the tactic, and a few well-known
/// threat family names name the technique. The table is in docs/formats/guardduty.md.
enum GuardDutyFindingType {
    struct Attack: Equatable {
        var tactics: [String]
        var techniques: [String]
    }

    static func attack(for type: String) -> Attack {
        let purpose = type.split(separator: ":", maxSplits: 1).first.map(String.init) ?? type
        let rest = type.dropFirst(purpose.count)
        var tactics: [String]
        switch purpose.lowercased() {
        case "backdoor", "trojan": tactics = ["command_and_control"]
        case "credentialaccess": tactics = ["credential_access"]
        case "cryptocurrency", "impact": tactics = ["impact"]
        case "defenseevasion", "stealth": tactics = ["defense_evasion"]
        case "discovery": tactics = ["discovery"]
        case "execution": tactics = ["execution"]
        case "exfiltration": tactics = ["exfiltration"]
        case "initialaccess": tactics = ["initial_access"]
        case "persistence": tactics = ["persistence"]
        case "privilegeescalation": tactics = ["privilege_escalation"]
        // A port probe of an instance from outside is reconnaissance; API enumeration is discovery.
        case "recon": tactics = rest.hasPrefix(":EC2/") ? ["reconnaissance"] : ["discovery"]
        case "unauthorizedaccess":
            tactics = rest.contains("BruteForce") || rest.contains("Credential") ? ["credential_access"] : ["initial_access"]
        default: tactics = [] // Behavior, Pentest, Policy, AttackSequence: no single tactic
        }
        var techniques: [String] = []
        for (family, technique) in families where rest.contains(family) && !techniques.contains(technique) {
            techniques.append(technique)
        }
        if purpose.lowercased() == "cryptocurrency", !techniques.contains("T1496") { techniques.append("T1496") }
        return Attack(tactics: tactics, techniques: techniques)
    }

    /// Threat family names (or parts of them) that pin a technique.
    static let families: [(String, String)] = [
        ("BruteForce", "T1110"),
        ("InstanceCredentialExfiltration", "T1552.005"),
        ("PortProbe", "T1595"),
        ("DNSDataExfiltration", "T1048"),
        ("TorIPCaller", "T1090.003"), ("TorClient", "T1090.003"), ("TorRelay", "T1090.003"),
        ("C&CActivity", "T1071"),
        ("DenialOfService", "T1498"),
        ("CloudTrailLoggingDisabled", "T1562.008"),
        ("ConsoleLoginSuccess", "T1078.004"),
        ("ExecInKubeSystemPod", "T1609"),
        ("PrivilegedContainer", "T1611"),
        ("ContainerWithSensitiveMount", "T1611"),
        ("BitcoinTool", "T1496"),
    ]
}
