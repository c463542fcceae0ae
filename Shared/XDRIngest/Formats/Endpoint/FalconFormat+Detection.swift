import XDRJSON
import XDRModel

/// `DetectionSummaryEvent`: one Falcon detection on one host, with the process tree, hashes, the
/// indicator that fired and ATT&CK tactic/technique.
extension FalconFormat {
    func detection(_ body: JSONValue, time: Int64, raw: RawRecord) throws(RecordError) -> NormalizedEvent {
        guard let computer = Self.text(body, "ComputerName", "Hostname") else { throw .missing("event.ComputerName") }
        guard let detectName = Self.text(body, "DetectName", "Name") else { throw .missing("event.DetectName") }
        var event = NormalizedEvent(time: time, layer: .endpoint, kind: .detection, classUID: OCSFClass.detectionFinding,
                                    activityID: 1, severity: try Self.severity(body), sourceProduct: "CrowdStrike Falcon",
                                    sourceFormat: name, raw: raw.text)
        event.title = detectName
        event.sourceEventID = Self.text(body, "DetectId", "CompositeId")
        event.ruleID = body["PatternId"]?.text ?? detectName
        event.setDetail("finding_info.desc", Self.text(body, "DetectDescription", "Description"))
        event.setDetail("finding_info.src_url", body["FalconHostLink"]?.text)
        event.setDetail("device.uid", Self.text(body, "SensorId", "AgentId"))
        event.setDetail("attack.objective", body["Objective"]?.text)
        event.setDetail("attack.tactic_name", body["Tactic"]?.text)
        event.setDetail("attack.technique_name", body["Technique"]?.text)

        event.addTechniques([body["TechniqueId"]?.text, body["Technique"]?.text].compactMap { $0 })
        event.addTactics([body["TacticId"]?.text, body["Tactic"]?.text].compactMap { $0 })

        event.addHost(computer, role: .device)
        event.addIP(body["LocalIP"]?.text, role: .source)
        if let mac = body["MACAddress"]?.text, let normalized = Self.mac(mac) {
            event.add(Entity(.mac, normalized, role: .device, original: mac))
        }
        addUser(body, to: &event)
        addProcessTree(body, to: &event)
        event.addHash(body["SHA256String"]?.text, algorithm: "sha256", role: .actor)
        event.addHash(body["SHA1String"]?.text, algorithm: "sha1", role: .actor)
        event.addHash(body["MD5String"]?.text, algorithm: "md5", role: .actor)
        addIndicator(type: body["IOCType"]?.text, value: body["IOCValue"]?.text, to: &event)
        addActivity(body, to: &event)

        if let disposition = body["PatternDispositionDescription"]?.text {
            event.setDetail("disposition", disposition)
            event.setDetail("action", Self.wasBlocked(body) ? "blocked" : "allowed")
        }
        return event
    }

    private func addUser(_ body: JSONValue, to event: inout NormalizedEvent) {
        guard let user = body["UserName"]?.text else { return }
        // LogonDomain is the NetBIOS domain; MachineDomain may be a DNS name, which would turn
        // `alice` into `alice@corp.example` — right only for a UPN, so it is used when short.
        var domain = body["LogonDomain"]?.text
        if domain == nil, let machineDomain = body["MachineDomain"]?.text, !machineDomain.contains(".") { domain = machineDomain }
        event.addUser(user, domain: user.contains("\\") || user.contains("@") ? nil : domain, role: .actor)
    }

    private func addProcessTree(_ body: JSONValue, to event: inout NormalizedEvent) {
        let image = Self.imagePath(directory: body["FilePath"]?.text, name: body["FileName"]?.text)
        event.addProcess(image: image, commandLine: body["CommandLine"]?.text, pid: body["ProcessId"]?.int, role: .actor)
        if let image { event.addFile(image, role: .target) }
        event.parentProcessImage = Self.text(body, "ParentImageFilePath", "ParentImageFileName")
        event.setDetail("process.parent_process.cmd_line", body["ParentCommandLine"]?.text)
        event.setDetail("process.parent_process.pid", body["ParentProcessId"])
        event.setDetail("process.parent_process.parent_process.file.path",
                        Self.text(body, "GrandparentImageFilePath", "GrandParentImageFilePath", "GrandparentImageFileName", "GrandParentImageFileName"))
        event.setDetail("process.parent_process.parent_process.cmd_line", Self.text(body, "GrandparentCommandLine", "GrandParentCommandLine"))
        for (field, key) in [("ProcessStartTime", "process.created_time"), ("ProcessEndTime", "process.terminated_time")] {
            if let text = body[field]?.text, let micros = Self.epoch(text) { event.setDetail(key, EventTime.format(micros)) }
        }
    }

    /// The indicator that fired: a hash, domain, IP or file name becomes an entity.
    private func addIndicator(type: String?, value: String?, to event: inout NormalizedEvent) {
        guard let type, let value else { return }
        event.setDetail("ioc.type", type)
        event.setDetail("ioc.value", value)
        switch type.lowercased() {
        case "hash_sha256", "hash_sha1", "hash_md5": event.addHash(value, role: .related)
        case "domain": event.addDomain(value, role: .destination)
        case "ipv4", "ipv6": event.addIP(value, role: .destination)
        case "filename": event.addFile(value, role: .target)
        default: break
        }
    }

    /// Network connections, DNS requests and files the detected process touched.
    private func addActivity(_ body: JSONValue, to event: inout NormalizedEvent) {
        for access in body["NetworkAccesses"]?.array ?? [] {
            event.addIP(JoinableAddress.filter(access["LocalAddress"]?.text), role: .source, port: access["LocalPort"]?.int)
            event.addIP(JoinableAddress.filter(access["RemoteAddress"]?.text), role: .destination, port: access["RemotePort"]?.int)
            if event.networkProtocol == nil { event.networkProtocol = access["Protocol"]?.text?.lowercased() }
        }
        for request in body["DnsRequests"]?.array ?? [] {
            event.addDomain(request["DomainName"]?.text, role: .destination)
        }
        for written in body["ExecutablesWritten"]?.array ?? [] {
            event.addFile(Self.imagePath(directory: written["FilePath"]?.text, name: written["FileName"]?.text), role: .target)
        }
        for document in body["DocumentsAccessed"]?.array ?? [] {
            event.addFile(Self.imagePath(directory: document["FilePath"]?.text, name: document["FileName"]?.text), role: .target)
        }
    }

    /// Falcon gives the directory and the file name separately (`\Device\HarddiskVolume2\Windows`,
    /// `cmd.exe`); some versions already put the full path in `FilePath`.
    static func imagePath(directory: String?, name: String?) -> String? {
        guard let directory else { return name }
        guard let name else { return directory }
        if directory.lowercased().hasSuffix(name.lowercased()) { return directory }
        let separator: Character = directory.contains("/") && !directory.contains("\\") ? "/" : "\\"
        return directory.last == separator ? directory + name : "\(directory)\(separator)\(name)"
    }

    /// Whether Falcon stopped the activity: any kill, block or quarantine flag, or a disposition
    /// text that says so.
    static func wasBlocked(_ body: JSONValue) -> Bool {
        if let flags = body["PatternDispositionFlags"]?.object {
            for member in flags.members where member.value.bool == true {
                let key = member.key.lowercased()
                if key.contains("kill") || key.contains("block") || key.contains("quarantine") || key.contains("suspend") { return true }
            }
        }
        let text = body["PatternDispositionDescription"]?.text?.lowercased() ?? ""
        return text.contains("prevention") || text.contains("kill") || text.contains("block") || text.contains("quarantine")
    }

    /// A MAC address in lower-case colon form (`00-15-5D-01-02-03` → `00:15:5d:01:02:03`).
    static func mac(_ raw: String) -> String? {
        let hex = raw.lowercased().filter { $0.isHexDigit }
        guard hex.count == 12, hex.contains(where: { $0 != "0" }) else { return nil }
        var result = ""
        for (index, char) in hex.enumerated() {
            if index > 0 && index % 2 == 0 { result.append(":") }
            result.append(char)
        }
        return result
    }
}
