/// A Windows process as Sysmon describes it.
public struct WindowsProcess: Sendable {
    public var guid: String
    public var pid: Int
    public var executable: Executable
    public var commandLine: String
    /// `CORP\alice` or `NT AUTHORITY\SYSTEM`.
    public var user: String
    public var integrityLevel = "Medium"
    public var currentDirectory = "C:\\Windows\\system32\\"
    public var description = ""

    public init(guid: String, pid: Int, executable: Executable, commandLine: String, user: String) {
        self.guid = guid
        self.pid = pid
        self.executable = executable
        self.commandLine = commandLine
        self.user = user
    }

    public init(guid: String, pid: Int, image: String, commandLine: String, user: String) {
        self.init(guid: guid, pid: pid, executable: Executable(image), commandLine: commandLine, user: user)
    }

    public var image: String { executable.path }
    /// The file name of the image (`powershell.exe`).
    public var fileName: String { executable.fileName }
    public var hashes: FileHashes { executable.hashes }

    /// A Sysmon process GUID: `{host-part-time-part-…}` in lower case.
    public static func guid(_ random: inout SplitMix64, hostKey: String) -> String {
        var out = [UInt8]()
        out.reserveCapacity(38)
        out.append(UInt8(ascii: "{"))
        out.append(contentsOf: hostKey.utf8.prefix(8))
        let digits = random.hexBytes(24)
        for (index, digit) in digits.enumerated() {
            if index == 0 || index == 4 || index == 8 || index == 12 { out.append(UInt8(ascii: "-")) }
            out.append(digit)
        }
        out.append(UInt8(ascii: "}"))
        return String(decoding: out, as: UTF8.self)
    }
}

/// Sysmon events (ids 1, 3, 10, 11, 15, 22) and Windows Security 4624 logons in Winlogbeat form.
enum SysmonRecords {
    static func processCreate(_ process: WindowsProcess, parent: WindowsProcess, host: WindowsHost,
                              recordID: Int, time: Int64) -> [UInt8] {
        let hashes = process.hashes
        let header = WinlogbeatEnvelope.Header(
            channel: WinlogbeatEnvelope.sysmon, eventID: 1, action: "Process Create (rule: ProcessCreate)",
            task: "Process Create (rule: ProcessCreate)", version: 5, recordID: recordID, time: time,
            messageTitle: "Process Create:")
        return WinlogbeatEnvelope.record(header, host: host, data: [
            ("RuleName", "-"),
            ("UtcTime", TimeText.string(time, .sysmonUTC)),
            ("ProcessGuid", process.guid),
            ("ProcessId", String(process.pid)),
            ("Image", process.image),
            ("FileVersion", "10.0.19041.5131 (WinBuild.160101.0800)"),
            ("Description", process.description.isEmpty ? process.fileName : process.description),
            ("Product", process.executable.product),
            ("Company", process.executable.company),
            ("OriginalFileName", process.executable.originalFileName),
            ("CommandLine", process.commandLine),
            ("CurrentDirectory", process.currentDirectory),
            ("User", process.user),
            ("LogonGuid", host.logonGUID),
            ("LogonId", "0x3e7"),
            ("TerminalSessionId", process.user.hasPrefix("NT AUTHORITY") ? "0" : "1"),
            ("IntegrityLevel", process.integrityLevel),
            ("Hashes", hashes.sysmonText),
            ("ParentProcessGuid", parent.guid),
            ("ParentProcessId", String(parent.pid)),
            ("ParentImage", parent.image),
            ("ParentCommandLine", parent.commandLine),
            ("ParentUser", parent.user),
        ])
    }

    struct Connection {
        var protocolName = "tcp"
        var sourceIP: String
        var sourcePort: Int
        var destinationIP: String
        var destinationPort: Int
        var destinationHostname = ""
    }

    static func networkConnect(_ process: WindowsProcess, _ connection: Connection, host: WindowsHost,
                               recordID: Int, time: Int64) -> [UInt8] {
        let header = WinlogbeatEnvelope.Header(
            channel: WinlogbeatEnvelope.sysmon, eventID: 3, action: "Network connection detected (rule: NetworkConnect)",
            task: "Network connection detected (rule: NetworkConnect)", version: 5, recordID: recordID, time: time,
            messageTitle: "Network connection detected:")
        return WinlogbeatEnvelope.record(header, host: host, data: [
            ("RuleName", "-"),
            ("UtcTime", TimeText.string(time, .sysmonUTC)),
            ("ProcessGuid", process.guid),
            ("ProcessId", String(process.pid)),
            ("Image", process.image),
            ("User", process.user),
            ("Protocol", connection.protocolName),
            ("Initiated", "true"),
            ("SourceIsIpv6", "false"),
            ("SourceIp", connection.sourceIP),
            ("SourceHostname", host.fqdn),
            ("SourcePort", String(connection.sourcePort)),
            ("SourcePortName", "-"),
            ("DestinationIsIpv6", "false"),
            ("DestinationIp", connection.destinationIP),
            ("DestinationHostname", connection.destinationHostname.isEmpty ? "-" : connection.destinationHostname),
            ("DestinationPort", String(connection.destinationPort)),
            ("DestinationPortName", portName(connection.destinationPort)),
        ])
    }

    static func dnsQuery(_ process: WindowsProcess, query: String, answers: [String], host: WindowsHost,
                         recordID: Int, time: Int64) -> [UInt8] {
        let header = WinlogbeatEnvelope.Header(
            channel: WinlogbeatEnvelope.sysmon, eventID: 22, action: "Dns query (rule: DnsQuery)",
            task: "Dns query (rule: DnsQuery)", version: 5, recordID: recordID, time: time,
            messageTitle: "Dns query:")
        // Sysmon writes IPv4 answers as IPv4-mapped IPv6 text, each followed by ';'.
        let results = answers.map { "::ffff:\($0);" }.joined()
        return WinlogbeatEnvelope.record(header, host: host, data: [
            ("RuleName", "-"),
            ("UtcTime", TimeText.string(time, .sysmonUTC)),
            ("ProcessGuid", process.guid),
            ("ProcessId", String(process.pid)),
            ("QueryName", query),
            ("QueryStatus", "0"),
            ("QueryResults", results),
            ("Image", process.image),
            ("User", process.user),
        ])
    }

    static func fileCreate(_ process: WindowsProcess, path: String, host: WindowsHost,
                           recordID: Int, time: Int64) -> [UInt8] {
        let header = WinlogbeatEnvelope.Header(
            channel: WinlogbeatEnvelope.sysmon, eventID: 11, action: "File created (rule: FileCreate)",
            task: "File created (rule: FileCreate)", version: 2, recordID: recordID, time: time,
            messageTitle: "File created:")
        return WinlogbeatEnvelope.record(header, host: host, data: [
            ("RuleName", "-"),
            ("UtcTime", TimeText.string(time, .sysmonUTC)),
            ("ProcessGuid", process.guid),
            ("ProcessId", String(process.pid)),
            ("Image", process.image),
            ("TargetFilename", path),
            ("CreationUtcTime", TimeText.string(time, .sysmonUTC)),
            ("User", process.user),
        ])
    }

    /// Event 15: a named stream (`Zone.Identifier`) was created; `Hash` is the hash of the file's
    /// content, which is how Sysmon ties a saved attachment to its SHA-256.
    static func fileStreamHash(_ process: WindowsProcess, path: String, hashes: FileHashes, host: WindowsHost,
                               recordID: Int, time: Int64) -> [UInt8] {
        let header = WinlogbeatEnvelope.Header(
            channel: WinlogbeatEnvelope.sysmon, eventID: 15, action: "File stream created (rule: FileCreateStreamHash)",
            task: "File stream created (rule: FileCreateStreamHash)", version: 2, recordID: recordID, time: time,
            messageTitle: "File stream created:")
        return WinlogbeatEnvelope.record(header, host: host, data: [
            ("RuleName", "-"),
            ("UtcTime", TimeText.string(time, .sysmonUTC)),
            ("ProcessGuid", process.guid),
            ("ProcessId", String(process.pid)),
            ("Image", process.image),
            ("TargetFilename", path + ":Zone.Identifier"),
            ("CreationUtcTime", TimeText.string(time, .sysmonUTC)),
            ("Hash", "SHA1=\(hashes.sha1.uppercased()),MD5=\(hashes.md5.uppercased()),SHA256=\(hashes.sha256.uppercased()),IMPHASH=00000000000000000000000000000000"),
            ("Contents", "[ZoneTransfer]  ZoneId=3  "),
            ("User", process.user),
        ])
    }

    static func processAccess(source: WindowsProcess, target: WindowsProcess, grantedAccess: String,
                              host: WindowsHost, recordID: Int, time: Int64) -> [UInt8] {
        let header = WinlogbeatEnvelope.Header(
            channel: WinlogbeatEnvelope.sysmon, eventID: 10, action: "Process accessed (rule: ProcessAccess)",
            task: "Process accessed (rule: ProcessAccess)", version: 3, recordID: recordID, time: time,
            messageTitle: "Process accessed:")
        return WinlogbeatEnvelope.record(header, host: host, data: [
            ("RuleName", "-"),
            ("UtcTime", TimeText.string(time, .sysmonUTC)),
            ("SourceProcessGUID", source.guid),
            ("SourceProcessId", String(source.pid)),
            ("SourceThreadId", String(source.pid + 212)),
            ("SourceImage", source.image),
            ("TargetProcessGUID", target.guid),
            ("TargetProcessId", String(target.pid)),
            ("TargetImage", target.image),
            ("GrantedAccess", grantedAccess),
            ("CallTrace", "C:\\Windows\\SYSTEM32\\ntdll.dll+9d4c4|C:\\Windows\\System32\\KERNELBASE.dll+2c13e|UNKNOWN(00000204A1B2C3D4)"),
            ("SourceUser", source.user),
            ("TargetUser", target.user),
        ])
    }

    struct Logon {
        var user: String
        var domain: String
        var userSID: String
        var sourceIP: String
        var sourcePort: Int
        var workstation: String
        var logonType: Int
        var logonID: String
        var kerberos: Bool
    }

    /// Security 4624 "An account was successfully logged on".
    static func logon(_ logon: Logon, host: WindowsHost, recordID: Int, time: Int64) -> [UInt8] {
        let typeName = [2: "Interactive", 3: "Network", 10: "RemoteInteractive"][logon.logonType] ?? "Network"
        let header = WinlogbeatEnvelope.Header(
            channel: WinlogbeatEnvelope.security, eventID: 4624, action: "logged-in", task: "Logon", version: 2,
            recordID: recordID, time: time, outcome: "success", logon: (logon.logonID, typeName),
            keywords: ["Audit Success"], messageTitle: "An account was successfully logged on.")
        return WinlogbeatEnvelope.record(header, host: host, data: [
            ("SubjectUserSid", "S-1-0-0"),
            ("SubjectUserName", "-"),
            ("SubjectDomainName", "-"),
            ("SubjectLogonId", "0x0"),
            ("TargetUserSid", logon.userSID),
            ("TargetUserName", logon.user),
            ("TargetDomainName", logon.domain),
            ("TargetLogonId", logon.logonID),
            ("LogonType", String(logon.logonType)),
            ("LogonProcessName", logon.kerberos ? "Kerberos" : "NtLmSsp "),
            ("AuthenticationPackageName", logon.kerberos ? "Kerberos" : "NTLM"),
            ("WorkstationName", logon.workstation),
            ("LogonGuid", "{00000000-0000-0000-0000-000000000000}"),
            ("TransmittedServices", "-"),
            ("LmPackageName", logon.kerberos ? "-" : "NTLM V2"),
            ("KeyLength", logon.kerberos ? "0" : "128"),
            ("ProcessId", "0x0"),
            ("ProcessName", "-"),
            ("IpAddress", logon.sourceIP),
            ("IpPort", String(logon.sourcePort)),
            ("ImpersonationLevel", "%%1833"),
            ("RestrictedAdminMode", "-"),
            ("VirtualAccount", "%%1843"),
            ("TargetLinkedLogonId", "0x0"),
            ("ElevatedToken", "%%1842"),
        ])
    }

    static func portName(_ port: Int) -> String {
        switch port {
        case 53: "domain"
        case 80: "http"
        case 88: "kerberos"
        case 389: "ldap"
        case 443: "https"
        case 445: "microsoft-ds"
        case 5985: "-"
        default: "-"
        }
    }
}
