import XDRJSON
import XDRModel

/// Entities and details of Windows events. Field names are unambiguous across channels (Sysmon's
/// `DestinationIp`, Security's `IpAddress`, WFP's `DestAddress`), so one pass reads all of them;
/// the event id only decides roles where the same names mean different things.
extension SysmonFormat {
    static func addCommonEntities(_ windows: WindowsEventRecord, to event: inout NormalizedEvent) {
        event.addHost(windows.computer, role: .device)
        addUsers(windows, to: &event)
        addNetwork(windows, to: &event)
        addProcesses(windows, to: &event)
        addFiles(windows, to: &event)
        for name in ["Hashes", "Hash"] {
            if let list = windows[name] { addHashList(list, role: windows.eventID == 1 && windows.isSysmon ? .actor : .target, to: &event) }
        }
        if let rule = windows["RuleName"] {
            event.setDetail("rule.name", rule)
            // Community Sysmon configurations name rules `technique_id=T1055,technique_name=…`.
            event.addTechniques([rule])
        }
    }

    private static func addUsers(_ windows: WindowsEventRecord, to event: inout NormalizedEvent) {
        let groupEvent = isGroupEvent(windows)
        let target = { (event: inout NormalizedEvent) in
            guard !groupEvent else { return }
            event.addUser(windows["TargetUserName"], domain: windows["TargetDomainName"], role: .target)
            event.addUser(windows["TargetUser"], role: .target)
        }
        // In logon events the target is the person logging on: they own the `user` column.
        if event.classUID == OCSFClass.authentication || event.classUID == OCSFClass.authorizeSession { target(&event) }
        event.addUser(windows["User"], role: .actor)
        event.addUser(windows["SourceUser"], role: .actor)
        event.addUser(windows["SubjectUserName"], domain: windows["SubjectDomainName"], role: .actor)
        if windows["SubjectUserName"] == nil { event.addUser(windows["SubjectAccount"] ?? windows["Account"], role: .actor) }
        target(&event)
        if let sid = windows.first("TargetUserSid", "TargetSid"), sid != "S-1-0-0" { event.setDetail("user.uid", sid) }
        if let sid = windows["SubjectUserSid"] { event.setDetail("actor.user.uid", sid) }
        if let logonID = windows.first("TargetLogonId", "SubjectLogonId", "LogonId") { event.setDetail("session.uid", logonID) }
    }

    private static func addNetwork(_ windows: WindowsEventRecord, to event: inout NormalizedEvent) {
        event.addIP(JoinableAddress.filter(windows.first("SourceIp", "SourceAddress", "IpAddress", "ClientAddress")), role: .source,
                    port: port(windows.first("SourcePort", "IpPort", "ClientPort")))
        event.addIP(JoinableAddress.filter(windows.first("DestinationIp", "DestAddress")), role: .destination,
                    port: port(windows.first("DestinationPort", "DestPort")))
        if let proto = windows["Protocol"] { event.networkProtocol = protocolName(proto) }
        event.addHost(windows.first("WorkstationName", "Workstation"), role: .source)
        if let remote = windows["DestinationHostname"] {
            event.addDomain(remote, role: .destination)
            if let ip = event.dstIP, EntityNormalizer.isInternal(ip) { event.addHost(remote, role: .destination) }
        }
        if let initiated = windows["Initiated"] { event.setDetail("connection_info.direction", initiated == "true" ? "outbound" : "inbound") }
        if let direction = windows["Direction"] {
            event.setDetail("connection_info.direction", direction == "%%14593" ? "outbound" : direction == "%%14592" ? "inbound" : direction)
        }
        if let query = windows["QueryName"] {
            event.addDomain(query, role: .destination)
            event.setDetail("query.hostname", query)
        }
        if let results = windows["QueryResults"] {
            event.setDetail("answers", results)
            for answer in results.split(separator: ";") {
                let value = answer.split(separator: " ").last.map(String.init) ?? ""
                if JoinableAddress.filter(value) != nil { event.addIP(value, role: .related) }
            }
        }
        event.setDetail("rcode", windows["QueryStatus"])
    }

    private static func addProcesses(_ windows: WindowsEventRecord, to event: inout NormalizedEvent) {
        let sysmon = windows.isSysmon
        if windows.eventID == 4688, !sysmon {
            // The new process is the subject of the event; the creator is its parent.
            event.addProcess(image: windows["NewProcessName"], commandLine: windows["CommandLine"],
                             pid: pid(windows["NewProcessId"]), role: .actor)
            event.parentProcessImage = windows.first("ParentProcessName", "ProcessName")
            event.setDetail("process.parent_process.pid", pid(windows["ProcessId"]).map { JSONValue.int($0) })
        } else {
            event.addProcess(image: windows.first("Image", "SourceImage", "ProcessName", "Application", "NewProcessName"),
                             commandLine: windows["CommandLine"],
                             pid: pid(windows.first("ProcessId", "SourceProcessId", "ProcessID")),
                             guid: windows.first("ProcessGuid", "SourceProcessGUID", "SourceProcessGuid"), role: .actor)
        }
        if let parentGUID = windows["ParentProcessGuid"] {
            event.addProcess(image: nil, guid: parentGUID, role: .related)
            event.parentProcessGUID = EntityNormalizer.guid(parentGUID)
        }
        if let parentImage = windows["ParentImage"] { event.parentProcessImage = parentImage }
        event.setDetail("process.parent_process.cmd_line", windows["ParentCommandLine"])
        if let parentPID = pid(windows["ParentProcessId"]) { event.setDetail("process.parent_process.pid", .int(parentPID)) }
        if let targetGUID = windows.first("TargetProcessGUID", "TargetProcessGuid") {
            event.addProcess(image: nil, guid: targetGUID, role: .target)
        }
        event.setDetail("target_process.file.path", windows["TargetImage"])
        if let targetPID = pid(windows["TargetProcessId"]) { event.setDetail("target_process.pid", .int(targetPID)) }
        event.setDetail("granted_access", windows.first("GrantedAccess", "AccessMask"))
        event.setDetail("process.integrity", windows["IntegrityLevel"])
        event.setDetail("process.file.original_name", windows["OriginalFileName"])
        event.setDetail("process.working_directory", windows["CurrentDirectory"])
    }

    private static func addFiles(_ windows: WindowsEventRecord, to event: inout NormalizedEvent) {
        event.addFile(windows.first("TargetFilename", "ImageLoaded"), role: .target)
        if let pipe = windows["PipeName"] {
            event.addFile(pipe, role: .target)
            event.setDetail("file.type", "Named Pipe")
        }
        if let object = windows["ObjectName"] {
            switch windows["ObjectType"] {
            case "File": event.addFile(object, role: .target)
            case "Process": event.setDetail("target_process.file.path", object)
            case "Key": event.setDetail("reg_key.path", object)
            default: event.setDetail("object.name", object)
            }
        }
        if let share = windows["ShareName"] { event.setDetail("share", share) }
        if let relative = windows["RelativeTargetName"], relative.contains(where: { $0.isLetter || $0.isNumber }) {
            event.addFile(relative, role: .target)
        }
        if let key = windows["TargetObject"] {
            event.setDetail(event.classUID == WindowsEventCatalog.registryValueActivity ? "reg_value.path" : "reg_key.path", key)
        }
        event.setDetail("reg_value.data", windows["Details"])
        event.setDetail("reg_key.new_name", windows["NewName"])
        event.setDetail("file.signature.certificate.subject", windows["Signature"])
        event.setDetail("job.name", windows["TaskName"])
        event.setDetail("service.name", windows["ServiceName"])
        event.setDetail("service.image_path", windows["ImagePath"])
        if let script = windows["ScriptBlockText"] { event.setDetail("script_block.text", String(script.prefix(16_384))) }
    }

    /// Sysmon's `Hashes` list: `SHA1=…,MD5=…,SHA256=…,IMPHASH=…`. The import hash is not a file
    /// hash (and would pass for an MD5), so it goes to details.
    static func addHashList(_ list: String, role: EntityRole, to event: inout NormalizedEvent) {
        for item in list.split(separator: ",") {
            guard let equals = item.firstIndex(of: "=") else {
                event.addHash(String(item), role: role)
                continue
            }
            let algorithm = String(item[..<equals]).strippingSpaces.lowercased()
            let value = String(item[item.index(after: equals)...]).strippingSpaces
            if algorithm == "imphash" {
                if value.contains(where: { $0 != "0" }) { event.setDetail("file.imphash", value.lowercased()) }
            } else {
                event.addHash(value, algorithm: algorithm, role: role)
            }
        }
    }

    /// A process id written in decimal (Sysmon) or hex with `0x` (Security auditing).
    static func pid(_ text: String?) -> Int? {
        guard let text else { return nil }
        if text.hasPrefix("0x") || text.hasPrefix("0X") { return Int(text.dropFirst(2), radix: 16) }
        return Int(text)
    }

    static func port(_ text: String?) -> Int? {
        guard let text, let value = Int(text), (0...65_535).contains(value) else { return nil }
        return value
    }

    /// Sysmon writes `tcp`/`udp`; WFP writes the IANA protocol number.
    static func protocolName(_ text: String) -> String {
        switch text {
        case "6": "tcp"
        case "17": "udp"
        case "1": "icmp"
        case "58": "ipv6-icmp"
        default: text.lowercased()
        }
    }
}

extension String {
    /// The text without leading and trailing blanks.
    var strippingSpaces: String {
        var slice = Substring(self)
        while let first = slice.first, first == " " || first == "\t" { slice.removeFirst() }
        while let last = slice.last, last == " " || last == "\t" { slice.removeLast() }
        return String(slice)
    }
}
