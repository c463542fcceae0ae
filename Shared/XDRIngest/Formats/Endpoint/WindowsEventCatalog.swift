import XDRModel

/// What Tsunagi knows about one Windows event id: its OCSF class and activity and a short title.
struct WindowsEventKind: Sendable {
    var classUID: Int
    var activityID: Int
    var title: String
}

/// The OCSF mapping of Sysmon, Security, System and PowerShell event ids.
///
/// Event ids are only meaningful within their channel (Sysmon 1 is a process creation, System 1
/// is a time change), so each channel has its own table. Ids not listed are kept as OCSF Base
/// Events (class 0, activity 99 "Other") with the event's own message as title.
enum WindowsEventCatalog {
    static func kind(eventID: Int, channel: String?, isSysmon: Bool, eventType: String?) -> WindowsEventKind? {
        if isSysmon { return sysmon(eventID, eventType: eventType) }
        let lower = channel?.lowercased() ?? ""
        if lower == "security" || channel == nil { return security[eventID] }
        if lower == "system" { return system[eventID] }
        if lower.contains("powershell") { return powershell[eventID] }
        if lower.contains("taskscheduler") { return taskScheduler[eventID] }
        return nil
    }

    private static func sysmon(_ id: Int, eventType: String?) -> WindowsEventKind? {
        switch id {
        case 12:
            // One id for key creation, key deletion and value deletion.
            switch eventType {
            case "DeleteKey": return .init(classUID: OCSFClass.registryKeyActivity, activityID: 4, title: "Registry key deleted")
            case "DeleteValue": return .init(classUID: registryValueActivity, activityID: 4, title: "Registry value deleted")
            default: return .init(classUID: OCSFClass.registryKeyActivity, activityID: 1, title: "Registry key created")
            }
        default:
            return sysmonTable[id]
        }
    }

    /// OCSF Registry Value Activity (not among the shared constants).
    static let registryValueActivity = 201004
    /// OCSF Kernel Extension Activity (driver load).
    static let kernelExtensionActivity = 1002
    /// OCSF Base Event, for ids without a better class.
    static let baseEvent = 0

    private static let sysmonTable: [Int: WindowsEventKind] = [
        1: .init(classUID: OCSFClass.processActivity, activityID: 1, title: "Process created"),
        2: .init(classUID: OCSFClass.fileActivity, activityID: 6, title: "File creation time changed"),
        3: .init(classUID: OCSFClass.networkActivity, activityID: 1, title: "Network connection"),
        4: .init(classUID: OCSFClass.eventLogActivity, activityID: 99, title: "Sysmon service state changed"),
        5: .init(classUID: OCSFClass.processActivity, activityID: 2, title: "Process terminated"),
        6: .init(classUID: kernelExtensionActivity, activityID: 1, title: "Driver loaded"),
        7: .init(classUID: OCSFClass.moduleActivity, activityID: 1, title: "Image loaded"),
        8: .init(classUID: OCSFClass.processActivity, activityID: 4, title: "Remote thread created"),
        9: .init(classUID: OCSFClass.fileActivity, activityID: 2, title: "Raw disk access"),
        10: .init(classUID: OCSFClass.processActivity, activityID: 3, title: "Process accessed"),
        11: .init(classUID: OCSFClass.fileActivity, activityID: 1, title: "File created"),
        13: .init(classUID: registryValueActivity, activityID: 2, title: "Registry value set"),
        14: .init(classUID: OCSFClass.registryKeyActivity, activityID: 5, title: "Registry key renamed"),
        15: .init(classUID: OCSFClass.fileActivity, activityID: 1, title: "Alternate data stream created"),
        16: .init(classUID: OCSFClass.eventLogActivity, activityID: 99, title: "Sysmon configuration changed"),
        17: .init(classUID: OCSFClass.fileActivity, activityID: 1, title: "Named pipe created"),
        18: .init(classUID: OCSFClass.fileActivity, activityID: 14, title: "Named pipe connected"),
        19: .init(classUID: baseEvent, activityID: 99, title: "WMI event filter registered"),
        20: .init(classUID: baseEvent, activityID: 99, title: "WMI event consumer registered"),
        21: .init(classUID: baseEvent, activityID: 99, title: "WMI consumer bound to filter"),
        22: .init(classUID: OCSFClass.dnsActivity, activityID: 1, title: "DNS query"),
        23: .init(classUID: OCSFClass.fileActivity, activityID: 4, title: "File deleted (archived)"),
        24: .init(classUID: baseEvent, activityID: 99, title: "Clipboard changed"),
        25: .init(classUID: OCSFClass.processActivity, activityID: 99, title: "Process image tampered"),
        26: .init(classUID: OCSFClass.fileActivity, activityID: 4, title: "File deleted"),
        27: .init(classUID: OCSFClass.fileActivity, activityID: 1, title: "Executable file creation blocked"),
        28: .init(classUID: OCSFClass.fileActivity, activityID: 4, title: "File shredding blocked"),
        29: .init(classUID: OCSFClass.fileActivity, activityID: 1, title: "Executable file detected"),
        255: .init(classUID: baseEvent, activityID: 99, title: "Sysmon error"),
    ]

    private static let security: [Int: WindowsEventKind] = [
        1102: .init(classUID: OCSFClass.eventLogActivity, activityID: 1, title: "Security log cleared"),
        4624: .init(classUID: OCSFClass.authentication, activityID: 1, title: "Logon succeeded"),
        4625: .init(classUID: OCSFClass.authentication, activityID: 1, title: "Logon failed"),
        4634: .init(classUID: OCSFClass.authentication, activityID: 2, title: "Logoff"),
        4647: .init(classUID: OCSFClass.authentication, activityID: 2, title: "User initiated logoff"),
        4648: .init(classUID: OCSFClass.authentication, activityID: 1, title: "Logon with explicit credentials"),
        4656: .init(classUID: OCSFClass.fileActivity, activityID: 14, title: "Handle to an object requested"),
        4658: .init(classUID: OCSFClass.fileActivity, activityID: 99, title: "Handle to an object closed"),
        4662: .init(classUID: baseEvent, activityID: 99, title: "Operation performed on a directory object"),
        4663: .init(classUID: OCSFClass.fileActivity, activityID: 14, title: "Object accessed"),
        4670: .init(classUID: baseEvent, activityID: 99, title: "Object permissions changed"),
        4673: .init(classUID: baseEvent, activityID: 99, title: "Privileged service called"),
        4672: .init(classUID: OCSFClass.authorizeSession, activityID: 1, title: "Special privileges assigned to new logon"),
        4627: .init(classUID: baseEvent, activityID: 99, title: "Group membership of new logon"),
        4688: .init(classUID: OCSFClass.processActivity, activityID: 1, title: "Process created"),
        4689: .init(classUID: OCSFClass.processActivity, activityID: 2, title: "Process exited"),
        4690: .init(classUID: baseEvent, activityID: 99, title: "Handle to an object duplicated"),
        4697: .init(classUID: baseEvent, activityID: 99, title: "Service installed"),
        4698: .init(classUID: OCSFClass.scheduledJobActivity, activityID: 1, title: "Scheduled task created"),
        4699: .init(classUID: OCSFClass.scheduledJobActivity, activityID: 3, title: "Scheduled task deleted"),
        4700: .init(classUID: OCSFClass.scheduledJobActivity, activityID: 4, title: "Scheduled task enabled"),
        4701: .init(classUID: OCSFClass.scheduledJobActivity, activityID: 5, title: "Scheduled task disabled"),
        4702: .init(classUID: OCSFClass.scheduledJobActivity, activityID: 2, title: "Scheduled task updated"),
        4703: .init(classUID: baseEvent, activityID: 99, title: "Token rights adjusted"),
        4720: .init(classUID: OCSFClass.accountChange, activityID: 1, title: "User account created"),
        4722: .init(classUID: OCSFClass.accountChange, activityID: 2, title: "User account enabled"),
        4723: .init(classUID: OCSFClass.accountChange, activityID: 3, title: "Password change attempted"),
        4724: .init(classUID: OCSFClass.accountChange, activityID: 4, title: "Password reset attempted"),
        4725: .init(classUID: OCSFClass.accountChange, activityID: 5, title: "User account disabled"),
        4726: .init(classUID: OCSFClass.accountChange, activityID: 6, title: "User account deleted"),
        4728: .init(classUID: OCSFClass.groupManagement, activityID: 3, title: "Member added to global security group"),
        4729: .init(classUID: OCSFClass.groupManagement, activityID: 4, title: "Member removed from global security group"),
        4732: .init(classUID: OCSFClass.groupManagement, activityID: 3, title: "Member added to local security group"),
        4733: .init(classUID: OCSFClass.groupManagement, activityID: 4, title: "Member removed from local security group"),
        4738: .init(classUID: OCSFClass.accountChange, activityID: 99, title: "User account changed"),
        4740: .init(classUID: OCSFClass.accountChange, activityID: 9, title: "User account locked out"),
        4756: .init(classUID: OCSFClass.groupManagement, activityID: 3, title: "Member added to universal security group"),
        4757: .init(classUID: OCSFClass.groupManagement, activityID: 4, title: "Member removed from universal security group"),
        4768: .init(classUID: OCSFClass.authentication, activityID: 3, title: "Kerberos TGT requested"),
        4769: .init(classUID: OCSFClass.authentication, activityID: 4, title: "Kerberos service ticket requested"),
        4770: .init(classUID: OCSFClass.authentication, activityID: 5, title: "Kerberos service ticket renewed"),
        4771: .init(classUID: OCSFClass.authentication, activityID: 6, title: "Kerberos pre-authentication failed"),
        4776: .init(classUID: OCSFClass.authentication, activityID: 1, title: "NTLM credential validation"),
        4778: .init(classUID: OCSFClass.authentication, activityID: 1, title: "Session reconnected"),
        4779: .init(classUID: OCSFClass.authentication, activityID: 2, title: "Session disconnected"),
        4799: .init(classUID: baseEvent, activityID: 99, title: "Local group membership enumerated"),
        5140: .init(classUID: OCSFClass.smbActivity, activityID: 7, title: "Network share accessed"),
        5145: .init(classUID: OCSFClass.smbActivity, activityID: 2, title: "Network share object checked"),
        5156: .init(classUID: OCSFClass.networkActivity, activityID: 1, title: "Connection permitted by Windows Filtering Platform"),
        5157: .init(classUID: OCSFClass.networkActivity, activityID: 5, title: "Connection blocked by Windows Filtering Platform"),
        5158: .init(classUID: OCSFClass.networkActivity, activityID: 99, title: "Bind to local port permitted"),
    ]

    private static let system: [Int: WindowsEventKind] = [
        104: .init(classUID: OCSFClass.eventLogActivity, activityID: 1, title: "Event log cleared"),
        7045: .init(classUID: baseEvent, activityID: 99, title: "Service installed"),
        7040: .init(classUID: baseEvent, activityID: 99, title: "Service start type changed"),
        7036: .init(classUID: baseEvent, activityID: 99, title: "Service state changed"),
    ]

    private static let powershell: [Int: WindowsEventKind] = [
        400: .init(classUID: OCSFClass.processActivity, activityID: 99, title: "PowerShell engine started"),
        403: .init(classUID: OCSFClass.processActivity, activityID: 99, title: "PowerShell engine stopped"),
        600: .init(classUID: baseEvent, activityID: 99, title: "PowerShell provider started"),
        800: .init(classUID: OCSFClass.processActivity, activityID: 99, title: "PowerShell pipeline executed"),
        4103: .init(classUID: OCSFClass.processActivity, activityID: 99, title: "PowerShell module logging"),
        4104: .init(classUID: OCSFClass.processActivity, activityID: 99, title: "PowerShell script block executed"),
    ]

    private static let taskScheduler: [Int: WindowsEventKind] = [
        106: .init(classUID: OCSFClass.scheduledJobActivity, activityID: 1, title: "Scheduled task registered"),
        129: .init(classUID: OCSFClass.scheduledJobActivity, activityID: 6, title: "Scheduled task process launched"),
        141: .init(classUID: OCSFClass.scheduledJobActivity, activityID: 3, title: "Scheduled task deleted"),
        200: .init(classUID: OCSFClass.scheduledJobActivity, activityID: 6, title: "Scheduled task action started"),
    ]
}
