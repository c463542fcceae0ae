import XDRJSON
import XDRModel

/// Outcomes, logon details and the notes on events that are suspicious in themselves.
extension SysmonFormat {
    static func addEventSpecifics(_ windows: WindowsEventRecord, to event: inout NormalizedEvent) {
        let id = windows.eventID
        if !windows.isSysmon {
            switch id {
            case 4624, 4648, 4672, 5140, 5145, 5156: event.outcome = "success"
            case 4625, 4771, 5157:
                event.outcome = "failure"
                event.severity = max(event.severity, .low)
            case 4768, 4769, 4776:
                if let status = windows["Status"] ?? windows["FailureCode"] {
                    let ok = status == "0x0" || status == "0"
                    event.outcome = ok ? "success" : "failure"
                    if !ok { event.severity = max(event.severity, .low) }
                }
            default: break
            }
        }
        if let logonType = windows["LogonType"], let number = Int(logonType) {
            event.setDetail("logon_type_id", .int(number))
            if let name = logonTypeNames[number] { event.setDetail("logon_type", name) }
        }
        event.setDetail("auth_protocol", windows["AuthenticationPackageName"])
        event.setDetail("logon_process", windows["LogonProcessName"])
        event.setDetail("status_code", windows["Status"])
        event.setDetail("status_detail", windows.first("SubStatus", "FailureReason"))
        event.setDetail("service.name", windows["ServiceName"])
        event.setDetail("ticket_encryption_type", windows["TicketEncryptionType"])
        event.setDetail("privileges", windows["PrivilegeList"])
        if isGroupEvent(windows) {
            event.setDetail("group.name", windows["TargetUserName"])
            event.setDetail("group.domain", windows["TargetDomainName"])
            event.setDetail("user.name", windows["MemberName"])
            event.setDetail("user.uid", windows["MemberSid"])
        }
    }

    /// Group events (4727–4764, 4799) name the group, not a person, in `TargetUserName`.
    static func isGroupEvent(_ windows: WindowsEventRecord) -> Bool {
        !windows.isSysmon && ((4727...4764).contains(windows.eventID) || windows.eventID == 4799)
    }

    /// DS-Replication-Get-Changes(-All) control access rights, as 4662 lists them in `Properties`.
    static func isReplicationRequest(_ properties: String?) -> Bool {
        guard let properties = properties?.lowercased() else { return false }
        return properties.contains("1131f6aa-9c07-11d1-f79f-00c04fc2dcd2") || properties.contains("1131f6ad-9c07-11d1-f79f-00c04fc2dcd2")
    }

    static let logonTypeNames: [Int: String] = [
        2: "Interactive", 3: "Network", 4: "Batch", 5: "Service", 7: "Unlock", 8: "NetworkCleartext",
        9: "NewCredentials", 10: "RemoteInteractive", 11: "CachedInteractive",
    ]

    /// Why an event is worth a look on its own. It stays telemetry: the correlator decides.
    static func suspicion(_ windows: WindowsEventRecord) -> String? {
        let id = windows.eventID
        func isLSASS(_ path: String?) -> Bool { path?.lowercased().hasSuffix("\\lsass.exe") ?? false }
        if windows.isSysmon {
            switch id {
            case 8 where isLSASS(windows["TargetImage"]), 10 where isLSASS(windows["TargetImage"]):
                return "LSASS process accessed (GrantedAccess \(windows["GrantedAccess"] ?? "unknown")): possible credential dumping (ATT&CK T1003.001)"
            case 8: return "remote thread created in another process: possible injection (ATT&CK T1055)"
            case 25: return "process image tampering: possible hollowing or herpaderping (ATT&CK T1055.012)"
            case 19, 20, 21: return "WMI event subscription: possible persistence (ATT&CK T1546.003)"
            case 6 where windows["Signed"] == "false": return "unsigned driver loaded (ATT&CK T1543.003)"
            default: return nil
            }
        }
        switch id {
        case 4656 where isLSASS(windows["ObjectName"]), 4663 where isLSASS(windows["ObjectName"]):
            return "handle to LSASS requested (AccessMask \(windows["AccessMask"] ?? "unknown")): possible credential dumping (ATT&CK T1003.001)"
        case 1102 where windows.isSecurity, 104 where !windows.isSecurity:
            return "event log cleared (ATT&CK T1070.001)"
        case 4697 where windows.isSecurity, 7045 where !windows.isSecurity:
            return "service installed (ATT&CK T1543.003)"
        case 4698 where windows.isSecurity: return "scheduled task created (ATT&CK T1053.005)"
        case 4720 where windows.isSecurity: return "user account created (ATT&CK T1136)"
        case 4662 where isReplicationRequest(windows["Properties"]):
            return "directory replication rights exercised: possible DCSync (ATT&CK T1003.006)"
        case 4769 where windows["TicketEncryptionType"] == "0x17":
            return "RC4-encrypted service ticket requested: possible Kerberoasting (ATT&CK T1558.003)"
        default: return nil
        }
    }
}
