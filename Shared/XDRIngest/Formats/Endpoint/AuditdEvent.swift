import XDRJSON
import XDRModel

/// The records of one audit event (same time and serial), and their mapping to OCSF.
struct AuditdEvent {
    var records: [AuditdRecord]

    /// Records that only add detail to the event's main record.
    static let auxiliaryTypes: Set<String> = [
        "EXECVE", "CWD", "PATH", "PROCTITLE", "SOCKADDR", "EOE", "OBJ_PID", "BPRM_FCAPS", "MMAP", "FD_PAIR",
        "CAPSET", "KERN_MODULE", "SOCKETCALL", "IPC", "MQ_OPEN", "NETFILTER_CFG", "TIME_INJOFFSET",
    ]

    /// The SYSCALL record, or the first record that is not auxiliary (a user-space record).
    var main: AuditdRecord {
        records.first { $0.type == "SYSCALL" } ?? records.first { !Self.auxiliaryTypes.contains($0.type) } ?? records[0]
    }

    func first(_ type: String) -> AuditdRecord? { records.first { $0.type == type } }

    func normalized(format: String, raw: String) -> NormalizedEvent {
        let main = main
        let syscall = main.type == "SYSCALL" ? AuditdSyscalls.name(main) : nil
        let kind = syscall.map(AuditdCatalog.kind(syscall:)) ?? AuditdCatalog.kind(recordType: main.type)
        var event = NormalizedEvent(time: main.time, layer: .endpoint, kind: .telemetry, classUID: kind.classUID,
                                    activityID: kind.activityID, severity: .informational, sourceProduct: "Linux auditd",
                                    sourceFormat: format, raw: raw)
        event.sourceEventID = main.node.map { "\($0):\(main.stamp):\(main.serial)" } ?? "\(main.stamp):\(main.serial)"
        event.addHost(main.node, role: .device)
        event.setDetail("metadata.log_name", main.type)
        event.setDetail("metadata.record_types", .strings(records.map(\.type)))
        if let syscall { event.setDetail("api.operation", syscall) }

        addOutcome(main, to: &event)
        addUsers(main, to: &event)
        addProcess(main, to: &event)
        addFiles(syscall: syscall, to: &event)
        addNetwork(main, syscall: syscall, to: &event)
        if let key = main["key"] {
            event.setDetail("rule.name", key)
            // Community rule sets name keys after techniques (`T1059_shell`).
            event.addTechniques([key])
        }
        event.title = title(main, syscall: syscall, base: kind.title, event: event)
        return event
    }

    private func addOutcome(_ main: AuditdRecord, to event: inout NormalizedEvent) {
        if let success = main["success"] {
            event.outcome = success == "yes" ? "success" : "failure"
        } else if let result = main["res"] {
            event.outcome = result == "success" || result == "1" ? "success" : "failure"
        }
        if event.outcome == "failure", AuditdCatalog.authenticationTypes.contains(main.type) { event.severity = .low }
        if main.type.hasPrefix("ANOM_") { event.severity = .low }
        event.setDetail("status_code", main["exit"])
    }

    private func addUsers(_ main: AuditdRecord, to event: inout NormalizedEvent) {
        // The login user (auid) is the person, even after su/sudo; ENRICHED logs name them.
        let loginName = Self.person(main.enriched["AUID"])
        let userName = Self.person(main.enriched["UID"])
        let account = main["acct"]
        // Group records name the group in `acct`.
        let isGroupRecord = main.type.contains("GROUP") || main.type.hasPrefix("GRP_")
        if isGroupRecord { event.setDetail("group.name", account) }
        let accountIsTarget = !isGroupRecord
            && (AuditdCatalog.authenticationTypes.contains(main.type) || AuditdCatalog.accountTypes.contains(main.type))
        if accountIsTarget, event.classUID == OCSFClass.authentication { event.addUser(Self.person(account), role: .target) }
        event.addUser(loginName, role: .actor)
        if loginName == nil { event.addUser(userName, role: .actor) }
        if accountIsTarget { event.addUser(Self.person(account), role: .target) }
        event.setDetail("actor.user.uid", main["auid"].flatMap { $0 == "4294967295" ? nil : $0 })
        event.setDetail("user.uid", main["uid"])
        event.setDetail("actor.user.name", main.enriched["AUID"].flatMap { $0 == "unset" ? nil : $0 })
        event.setDetail("user.name", isGroupRecord ? main.enriched["UID"] : account ?? main.enriched["UID"])
        event.setDetail("session.uid", main["ses"].flatMap { $0 == "4294967295" ? nil : $0 })
        event.setDetail("session.terminal", main["terminal"] ?? main["tty"])
    }

    /// A user name that names a person: `root`, `unset` and numeric ids join nothing useful.
    static func person(_ name: String?) -> String? {
        guard let name, !name.isEmpty, name != "root", name != "unset", !name.allSatisfy(\.isNumber) else { return nil }
        return name
    }

    private func addProcess(_ main: AuditdRecord, to event: inout NormalizedEvent) {
        var commandLine: String?
        if let execve = first("EXECVE") {
            // argc is bounded by the fields actually present: the count is input, not a promise.
            let count = min(Int(execve["argc"] ?? "") ?? 0, execve.fields.count)
            let arguments = (0..<max(count, 0)).compactMap { execve["a\($0)"] }
            if !arguments.isEmpty { commandLine = arguments.joined(separator: " ") }
        }
        commandLine = commandLine ?? main["cmd"] ?? first("PROCTITLE")?["proctitle"]
        event.addProcess(image: main["exe"], commandLine: commandLine, pid: main["pid"].flatMap { Int($0) }, role: .actor)
        if let ppid = main["ppid"].flatMap({ Int($0) }) { event.setDetail("process.parent_process.pid", .int(ppid)) }
        event.setDetail("process.name", main["comm"])
        event.setDetail("process.working_directory", first("CWD")?["cwd"] ?? main["cwd"])
    }

    private func addFiles(syscall: String?, to event: inout NormalizedEvent) {
        // For execve the PATH items are the program and its loader: already the process image.
        guard syscall.map({ !$0.hasPrefix("execve") }) ?? true else { return }
        let cwd = first("CWD")?["cwd"]
        for path in records where path.type == "PATH" {
            guard let name = path["name"], path["nametype"] != "PARENT" else { continue }
            let full = name.hasPrefix("/") || cwd == nil ? name : "\(cwd!.hasSuffix("/") ? cwd! : cwd! + "/")\(name)"
            event.addFile(full, role: .target)
        }
    }

    private func addNetwork(_ main: AuditdRecord, syscall: String?, to event: inout NormalizedEvent) {
        if let address = JoinableAddress.filter(main["addr"]) { event.addIP(address, role: .source) }
        if let host = main["hostname"], host != main["addr"] {
            if EntityNormalizer.ip(host) != nil { event.addIP(host, role: .source) } else { event.addHost(host, role: .source) }
        }
        guard let saddr = first("SOCKADDR")?["saddr"], let socket = AuditdSocketAddress(hex: saddr) else { return }
        switch syscall {
        case "accept", "accept4": event.addIP(JoinableAddress.filter(socket.ip), role: .source, port: socket.port)
        case "bind": event.setDetail("src_endpoint.port", .int(socket.port))
        default: event.addIP(JoinableAddress.filter(socket.ip), role: .destination, port: socket.port)
        }
    }

    private func title(_ main: AuditdRecord, syscall: String?, base: String, event: NormalizedEvent) -> String {
        if let avc = first("AVC") ?? first("USER_AVC"), let text = avc.fields["tclass"] {
            return "SELinux denial (\(text)) for \(avc["comm"] ?? main["comm"] ?? "process")"
        }
        if let syscall {
            let subject = syscall.hasPrefix("execve") ? (event.processImage ?? main["comm"] ?? "") : (main["comm"] ?? main["exe"] ?? "")
            return "\(base): \(syscall) \(subject)".trimmingTrailingSpace
        }
        if let account = main["acct"] { return "\(base): \(account)" }
        return base
    }
}

extension String {
    var trimmingTrailingSpace: String {
        var text = self
        while text.last == " " { text.removeLast() }
        return text
    }
}
