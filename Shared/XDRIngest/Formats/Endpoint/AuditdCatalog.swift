import XDRModel

/// OCSF classes for audit record types and system calls.
enum AuditdCatalog {
    /// PAM and login records: authentication class; a failure raises severity to Low.
    static let authenticationTypes: Set<String> = [
        "USER_LOGIN", "USER_LOGOUT", "USER_AUTH", "USER_ACCT", "USER_START", "USER_END", "USER_ERR",
        "CRED_ACQ", "CRED_DISP", "CRED_REFR", "LOGIN",
    ]

    /// Account and group management records: `acct` is the account acted on.
    static let accountTypes: Set<String> = [
        "ADD_USER", "DEL_USER", "USER_MGMT", "USER_CHAUTHTOK", "ADD_GROUP", "DEL_GROUP", "GRP_MGMT", "GRP_CHAUTHTOK",
        "ACCT_LOCK", "ACCT_UNLOCK", "CHGRP_ID", "CHUSER_ID",
    ]

    static func kind(recordType: String) -> WindowsEventKind {
        if let known = recordTypes[recordType] { return known }
        return .init(classUID: WindowsEventCatalog.baseEvent, activityID: 99, title: "Audit \(recordType)")
    }

    private static let recordTypes: [String: WindowsEventKind] = [
        "USER_LOGIN": .init(classUID: OCSFClass.authentication, activityID: 1, title: "User login"),
        "USER_LOGOUT": .init(classUID: OCSFClass.authentication, activityID: 2, title: "User logout"),
        "USER_AUTH": .init(classUID: OCSFClass.authentication, activityID: 1, title: "User authentication"),
        "USER_ACCT": .init(classUID: OCSFClass.authentication, activityID: 1, title: "User account authorization"),
        "USER_ERR": .init(classUID: OCSFClass.authentication, activityID: 1, title: "User login error"),
        "USER_START": .init(classUID: OCSFClass.authentication, activityID: 1, title: "Session opened"),
        "USER_END": .init(classUID: OCSFClass.authentication, activityID: 2, title: "Session closed"),
        "CRED_ACQ": .init(classUID: OCSFClass.authentication, activityID: 1, title: "Credentials acquired"),
        "CRED_REFR": .init(classUID: OCSFClass.authentication, activityID: 1, title: "Credentials refreshed"),
        "CRED_DISP": .init(classUID: OCSFClass.authentication, activityID: 2, title: "Credentials disposed"),
        "LOGIN": .init(classUID: OCSFClass.authentication, activityID: 1, title: "Login user id set"),
        "USER_CMD": .init(classUID: OCSFClass.processActivity, activityID: 1, title: "Command run with sudo"),
        "ADD_USER": .init(classUID: OCSFClass.accountChange, activityID: 1, title: "User account added"),
        "DEL_USER": .init(classUID: OCSFClass.accountChange, activityID: 6, title: "User account deleted"),
        "USER_MGMT": .init(classUID: OCSFClass.accountChange, activityID: 99, title: "User account changed"),
        "USER_CHAUTHTOK": .init(classUID: OCSFClass.accountChange, activityID: 3, title: "Password changed"),
        "ACCT_LOCK": .init(classUID: OCSFClass.accountChange, activityID: 9, title: "User account locked"),
        "ACCT_UNLOCK": .init(classUID: OCSFClass.accountChange, activityID: 99, title: "User account unlocked"),
        "ADD_GROUP": .init(classUID: OCSFClass.groupManagement, activityID: 6, title: "Group added"),
        "DEL_GROUP": .init(classUID: OCSFClass.groupManagement, activityID: 5, title: "Group deleted"),
        "GRP_MGMT": .init(classUID: OCSFClass.groupManagement, activityID: 99, title: "Group changed"),
        "USER_ROLE_CHANGE": .init(classUID: OCSFClass.authorizeSession, activityID: 99, title: "SELinux role changed"),
        "AVC": .init(classUID: WindowsEventCatalog.baseEvent, activityID: 99, title: "SELinux access decision"),
        "USER_AVC": .init(classUID: WindowsEventCatalog.baseEvent, activityID: 99, title: "SELinux user-space access decision"),
        "ANOM_ABEND": .init(classUID: OCSFClass.processActivity, activityID: 2, title: "Process ended abnormally"),
        "ANOM_PROMISCUOUS": .init(classUID: WindowsEventCatalog.baseEvent, activityID: 99, title: "Promiscuous mode changed"),
        "SERVICE_START": .init(classUID: WindowsEventCatalog.baseEvent, activityID: 99, title: "Service started"),
        "SERVICE_STOP": .init(classUID: WindowsEventCatalog.baseEvent, activityID: 99, title: "Service stopped"),
        "CONFIG_CHANGE": .init(classUID: OCSFClass.eventLogActivity, activityID: 99, title: "Audit configuration changed"),
        "DAEMON_START": .init(classUID: OCSFClass.eventLogActivity, activityID: 6, title: "Audit daemon started"),
        "DAEMON_END": .init(classUID: OCSFClass.eventLogActivity, activityID: 7, title: "Audit daemon stopped"),
        "SYSTEM_BOOT": .init(classUID: WindowsEventCatalog.baseEvent, activityID: 99, title: "System booted"),
        "SYSTEM_SHUTDOWN": .init(classUID: WindowsEventCatalog.baseEvent, activityID: 99, title: "System shut down"),
    ]

    /// The class of a SYSCALL event by system call name.
    static func kind(syscall: String) -> WindowsEventKind {
        switch syscall {
        case "execve", "execveat": .init(classUID: OCSFClass.processActivity, activityID: 1, title: "Process launched")
        case "creat": .init(classUID: OCSFClass.fileActivity, activityID: 1, title: "File created")
        case "open", "openat", "openat2": .init(classUID: OCSFClass.fileActivity, activityID: 14, title: "File opened")
        case "unlink", "unlinkat", "rmdir": .init(classUID: OCSFClass.fileActivity, activityID: 4, title: "File deleted")
        case "rename", "renameat", "renameat2": .init(classUID: OCSFClass.fileActivity, activityID: 5, title: "File renamed")
        case "chmod", "fchmod", "fchmodat", "chown", "fchown", "lchown", "fchownat":
            .init(classUID: OCSFClass.fileActivity, activityID: 7, title: "File permissions changed")
        case "connect": .init(classUID: OCSFClass.networkActivity, activityID: 1, title: "Connection opened")
        case "accept", "accept4": .init(classUID: OCSFClass.networkActivity, activityID: 1, title: "Connection accepted")
        case "bind": .init(classUID: OCSFClass.networkActivity, activityID: 99, title: "Socket bound")
        case "ptrace": .init(classUID: OCSFClass.processActivity, activityID: 3, title: "Process traced")
        case "setuid", "setgid", "setreuid", "setresuid", "setregid", "setresgid":
            .init(classUID: OCSFClass.processActivity, activityID: 5, title: "Process user id changed")
        case "kill", "tkill", "tgkill": .init(classUID: OCSFClass.processActivity, activityID: 99, title: "Signal sent")
        case "init_module", "finit_module": .init(classUID: WindowsEventCatalog.kernelExtensionActivity, activityID: 1, title: "Kernel module loaded")
        case "delete_module": .init(classUID: WindowsEventCatalog.kernelExtensionActivity, activityID: 2, title: "Kernel module unloaded")
        default: .init(classUID: WindowsEventCatalog.baseEvent, activityID: 99, title: "System call")
        }
    }
}

/// System call numbers of the architectures audit logs mostly come from, for logs that are not
/// ENRICHED (those name the call in `SYSCALL=`).
enum AuditdSyscalls {
    static func name(_ record: AuditdRecord) -> String? {
        if let named = record.enriched["SYSCALL"] { return named }
        guard let number = record["syscall"].flatMap({ Int($0) }) else { return record["syscall"] }
        let table: [Int: String]
        switch record["arch"]?.lowercased() {
        case "c000003e": table = x86_64
        case "c00000b7": table = aarch64
        case "40000003": table = i386
        default: return String(number)
        }
        return table[number] ?? String(number)
    }

    static let x86_64: [Int: String] = [
        0: "read", 1: "write", 2: "open", 3: "close", 4: "stat", 13: "rt_sigaction", 14: "rt_sigprocmask", 23: "select",
        42: "connect", 43: "accept", 49: "bind", 50: "listen", 56: "clone", 57: "fork", 58: "vfork", 59: "execve", 62: "kill",
        82: "rename", 83: "mkdir", 84: "rmdir", 85: "creat", 86: "link", 87: "unlink", 88: "symlink", 90: "chmod",
        91: "fchmod", 92: "chown", 93: "fchown", 94: "lchown", 101: "ptrace", 105: "setuid", 106: "setgid",
        113: "setreuid", 114: "setregid", 117: "setresuid", 119: "setresgid", 165: "mount", 166: "umount2",
        175: "init_module", 176: "delete_module", 200: "tkill", 234: "tgkill", 257: "openat", 263: "unlinkat",
        264: "renameat", 260: "fchownat", 268: "fchmodat", 288: "accept4", 313: "finit_module", 316: "renameat2",
        322: "execveat", 437: "openat2",
    ]

    static let aarch64: [Int: String] = [
        35: "unlinkat", 38: "renameat", 40: "mount", 53: "fchmodat", 54: "fchownat", 56: "openat", 57: "close",
        63: "read", 64: "write", 105: "init_module", 106: "delete_module", 117: "ptrace", 129: "kill",
        130: "tkill", 131: "tgkill", 143: "setregid", 144: "setgid", 145: "setreuid", 146: "setuid",
        147: "setresuid", 149: "setresgid", 200: "bind", 202: "accept", 203: "connect", 220: "clone",
        221: "execve", 242: "accept4", 273: "finit_module", 276: "renameat2", 281: "execveat", 437: "openat2",
    ]

    static let i386: [Int: String] = [
        3: "read", 4: "write", 5: "open", 8: "creat", 10: "unlink", 11: "execve", 15: "chmod", 23: "setuid",
        26: "ptrace", 37: "kill", 38: "rename", 128: "init_module", 129: "delete_module", 295: "openat",
        301: "unlinkat", 358: "execveat",
    ]
}
