/// The rules every tenant gets, as JSON in the same format tenants write (see docs/rules.md).
/// Kept as text here rather than bundle resources so the library needs no resource loading.
public enum BuiltInRules {
    /// Parses the built-in rules; a failure here is a programming error caught by the tests.
    public static func definitions() throws(RuleError) -> [RuleDefinition] {
        var rules: [RuleDefinition] = []
        for (name, text) in sources { rules += try RuleDecoder.decode(text: text, source: "builtin/\(name)") }
        return rules
    }

    static let sources: [(String, String)] = [
        ("office-spawns-shell.json", officeSpawnsShell),
        ("powershell-cradle.json", powershellCradle),
        ("lsass-access.json", lsassAccess),
        ("lateral-movement.json", lateralMovement),
        ("kubernetes-exec-rbac.json", kubernetesExecThenRBAC),
        ("phish-then-cloud-new-ip.json", phishThenCloudNewIP),
    ]

    static let officeSpawnsShell = #"""
    {
      "id": "tsunagi.office-spawns-shell",
      "title": "Office, mail client or browser started a script host or shell",
      "severity": "high",
      "tags": ["attack.initial_access", "attack.execution", "attack.t1566.001", "attack.t1204.002"],
      "story": "Phishing attachment executed on {hostname}",
      "detection": {
        "conditions": [
          {"field": "parent_process_image", "endswith": ["\\winword.exe", "\\excel.exe", "\\powerpnt.exe", "\\outlook.exe",
            "\\msaccess.exe", "\\onenote.exe", "\\mspub.exe", "\\chrome.exe", "\\msedge.exe", "\\firefox.exe", "\\iexplore.exe"]},
          {"field": "process_image", "endswith": ["\\powershell.exe", "\\pwsh.exe", "\\cmd.exe", "\\wscript.exe",
            "\\cscript.exe", "\\mshta.exe", "\\rundll32.exe", "\\regsvr32.exe"]}
        ]
      }
    }
    """#

    static let powershellCradle = #"""
    {
      "id": "tsunagi.powershell-encoded-or-cradle",
      "title": "Encoded or download-cradle PowerShell",
      "severity": "high",
      "tags": ["attack.execution", "attack.defense_evasion", "attack.t1059.001", "attack.t1027", "attack.t1105"],
      "story": "Malicious PowerShell on {hostname}",
      "detection": {
        "conditions": [
          {"field": "process_image", "endswith": ["\\powershell.exe", "\\pwsh.exe"]},
          {"field": "process_command_line", "contains": [" -enc", " -e ", " -ec ", "frombase64string", "downloadstring",
            "downloadfile", "net.webclient", "invoke-webrequest", "iwr ", "start-bitstransfer", "iex(", "iex ("]}
        ]
      }
    }
    """#

    static let lsassAccess = #"""
    {
      "id": "tsunagi.lsass-credential-access",
      "title": "LSASS memory access or comsvcs MiniDump",
      "severity": "critical",
      "tags": ["attack.credential_access", "attack.t1003.001"],
      "story": "Credential theft (LSASS) on {hostname}",
      "detection": {
        "conditions": [
          {"any_of": [
            {"field": "details.target_process.file.path", "endswith": "\\lsass.exe"},
            {"field": "details.target_process.image", "endswith": "\\lsass.exe"},
            {"field": "details.target_image", "endswith": "\\lsass.exe"},
            {"all_of": [
              {"field": "process_command_line", "contains": "comsvcs"},
              {"field": "process_command_line", "contains": "minidump"}
            ]}
          ]},
          {"not": {"field": "process_image", "endswith": ["\\msmpeng.exe", "\\wmiprvse.exe", "\\csrss.exe", "\\wininit.exe", "\\lsm.exe"]}}
        ]
      }
    }
    """#

    static let lateralMovement = #"""
    {
      "id": "tsunagi.lateral-movement-from-incident-host",
      "title": "Remote logon or admin protocol from a host under investigation",
      "severity": "high",
      "tags": ["attack.lateral_movement", "attack.t1021"],
      "story": "lateral movement to {dst_host|dst_ip}",
      "detection": {
        "requires_incident_on": "src_host",
        "except_hubs": ["dst_host", "dst_ip"],
        "conditions": [
          {"field": "kind", "equals": "telemetry"},
          {"any_of": [
            {"field": "dst_port", "in": ["445", "3389", "5985", "5986", "135"]},
            {"field": "details.logon.type", "in": ["3", "10"]},
            {"field": "details.logon_type", "in": ["3", "10"]},
            {"field": "process_image", "endswith": "\\psexesvc.exe"}
          ]},
          {"not": {"field": "outcome", "equals": "failure"}}
        ]
      }
    }
    """#

    static let kubernetesExecThenRBAC = #"""
    [
      {
        "id": "tsunagi.k8s-pod-exec",
        "title": "Exec or attach into a pod",
        "generate": false,
        "detection": {
          "conditions": [
            {"field": "layer", "equals": "cloud"},
            {"any_of": [
              {"field": "api_operation", "contains": ["pods/exec", "pods/attach"]},
              {"field": "details.api.request.subresource", "in": ["exec", "attach"]}
            ]}
          ]
        }
      },
      {
        "id": "tsunagi.k8s-rbac-binding-change",
        "title": "Role binding created or changed",
        "generate": false,
        "detection": {
          "conditions": [
            {"field": "layer", "equals": "cloud"},
            {"any_of": [
              {"field": "api_operation", "contains": "rolebinding"},
              {"field": "details.api.request.resource", "contains": "rolebinding"}
            ]},
            {"any_of": [
              {"field": "api_operation", "contains": ["create", "patch", "update"]},
              {"field": "details.api.request.verb", "in": ["create", "patch", "update"]}
            ]}
          ]
        }
      },
      {
        "id": "tsunagi.k8s-exec-then-rbac-change",
        "title": "Pod exec followed by an RBAC change by the same identity",
        "severity": "high",
        "tags": ["attack.execution", "attack.privilege_escalation", "attack.t1609", "attack.t1098"],
        "story": "Kubernetes exec then RBAC change by {user}",
        "correlation": {
          "type": "temporal_ordered",
          "rules": ["tsunagi.k8s-pod-exec", "tsunagi.k8s-rbac-binding-change"],
          "group-by": ["user"],
          "timespan": "30m"
        }
      }
    ]
    """#

    static let phishThenCloudNewIP = #"""
    [
      {
        "id": "tsunagi.email-lure",
        "title": "Malicious mail delivered or its link clicked",
        "generate": false,
        "detection": {
          "conditions": [
            {"field": "layer", "equals": "email"},
            {"any_of": [
              {"field": "kind", "equals": "detection"},
              {"field": "title", "contains": "click"},
              {"field": "details.activity_name", "contains": "click"}
            ]}
          ]
        }
      },
      {
        "id": "tsunagi.cloud-new-source-ip",
        "title": "Cloud sign-in or API call from a source IP new for the principal",
        "generate": false,
        "detection": {
          "conditions": [
            {"field": "layer", "equals": "cloud"},
            {"field": "src_ip", "exists": true},
            {"field": "user", "exists": true}
          ],
          "first_seen": {"field": "src_ip", "per": "user", "lookback": "30d"}
        }
      },
      {
        "id": "tsunagi.phish-then-cloud-new-ip",
        "title": "Cloud access from a new IP after a phishing lure",
        "severity": "high",
        "tags": ["attack.initial_access", "attack.t1078.004", "attack.t1566"],
        "story": "Cloud sign-in by {user} from new IP {src_ip}",
        "correlation": {
          "type": "temporal_ordered",
          "rules": ["tsunagi.email-lure", "tsunagi.cloud-new-source-ip"],
          "group-by": ["user"],
          "aliases": {"user": {"tsunagi.email-lure": "mailbox_user", "tsunagi.cloud-new-source-ip": "user"}},
          "timespan": "7d"
        }
      }
    ]
    """#
}
