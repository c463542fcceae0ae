import XDRJSON
import XDRModel

/// One result row of an osquery query and its mapping. osquery packs query any table, so the
/// class is chosen from the row's columns (the well-known evented tables first), and entities are
/// read from column names that mean the same thing in every table.
struct OsqueryRow {
    var query: String
    var hostIdentifier: String
    var decorations: JSONValue?
    var action: String
    var columns: JSONObject
    var queryTime: Int64

    subscript(_ name: String) -> String? { columns[name]?.text }

    func normalized(format: String, raw: String) -> NormalizedEvent {
        let kind = classify()
        var event = NormalizedEvent(time: eventTime, layer: .endpoint, kind: .telemetry, classUID: kind.classUID,
                                    activityID: kind.activityID, severity: .informational, sourceProduct: "osquery",
                                    sourceFormat: format, raw: raw)
        event.setDetail("rule.name", query)
        event.setDetail("osquery.action", action)
        if let eid = self["eid"] { event.sourceEventID = "\(hostIdentifier):\(query):\(eid)" }

        addHost(to: &event)
        event.addUser(self["username"] ?? self["user"], role: .actor)
        event.addUser(decorations?["username"]?.text, role: .actor)
        let image = self["path"] ?? self["exe"]
        event.addProcess(image: kind.classUID == OCSFClass.fileActivity ? nil : image, commandLine: self["cmdline"],
                         pid: self["pid"].flatMap { Int($0) }, role: .actor)
        if let parent = self["parent"] ?? self["ppid"], let ppid = Int(parent) { event.setDetail("process.parent_process.pid", .int(ppid)) }
        event.setDetail("process.working_directory", self["cwd"])
        event.setDetail("actor.user.uid", self["auid"])
        event.setDetail("user.uid", self["uid"])
        if let target = self["target_path"] { event.addFile(target, role: .target) }
        for algorithm in ["sha256", "sha1", "md5"] { event.addHash(self[algorithm], algorithm: algorithm, role: .target) }
        addNetwork(to: &event)
        event.title = "\(kind.title): \(subject ?? query)"
        return event
    }

    /// Evented tables carry the event's own `time` (epoch seconds); snapshots only the query time.
    private var eventTime: Int64 {
        if let text = self["time"], let seconds = Int64(text), seconds > 1_000_000_000, seconds < 100_000_000_000 { return seconds * 1_000_000 }
        return queryTime
    }

    /// What the row is about, for the title.
    private var subject: String? {
        self["target_path"] ?? self["cmdline"] ?? self["path"] ?? self["remote_address"] ?? self["user"] ?? self["name"]
    }

    private func classify() -> WindowsEventKind {
        let action = self["action"]?.uppercased()
        if self["target_path"] != nil {
            let activity: Int
            switch action {
            case "CREATED": activity = 1
            case "UPDATED": activity = 3
            case "DELETED": activity = 4
            case "MOVED_TO", "MOVED_FROM": activity = 5
            case "ATTRIBUTES_MODIFIED": activity = 6
            case "OPENED", "ACCESSED": activity = 14
            default: activity = 99
            }
            return .init(classUID: OCSFClass.fileActivity, activityID: activity, title: "File \(action?.lowercased() ?? "event")")
        }
        if self["remote_address"] != nil || self["local_address"] != nil {
            switch action {
            case "CONNECT": return .init(classUID: OCSFClass.networkActivity, activityID: 1, title: "Connection opened")
            case "ACCEPT": return .init(classUID: OCSFClass.networkActivity, activityID: 1, title: "Connection accepted")
            case "BIND": return .init(classUID: OCSFClass.networkActivity, activityID: 99, title: "Socket bound")
            default: return .init(classUID: OCSFClass.networkActivity, activityID: 99, title: "Open socket")
            }
        }
        if self["cmdline"] != nil || (self["pid"] != nil && self["path"] != nil) {
            let launched = query.contains("process_events") || self["syscall"]?.hasPrefix("exec") == true
            return .init(classUID: OCSFClass.processActivity, activityID: launched ? 1 : 99, title: launched ? "Process launched" : "Process observed")
        }
        if self["tty"] != nil, self["user"] != nil {
            return .init(classUID: OCSFClass.authentication, activityID: 1, title: "User logged in")
        }
        return .init(classUID: WindowsEventCatalog.baseEvent, activityID: 99, title: "osquery \(query)")
    }

    /// `hostIdentifier` is the host name unless osquery runs with `--host_identifier=uuid`; a
    /// `hostname` decoration is preferred when configured.
    private func addHost(to event: inout NormalizedEvent) {
        if let decorated = decorations?["hostname"]?.text { event.addHost(decorated, role: .device) }
        if Self.looksLikeUUID(hostIdentifier) {
            event.setDetail("device.uid", hostIdentifier)
        } else {
            event.addHost(hostIdentifier, role: .device)
        }
        event.setDetail("device.uid", decorations?["host_uuid"]?.text)
    }

    private func addNetwork(to event: inout NormalizedEvent) {
        let remote = self["remote_address"].flatMap(JoinableAddress.filter)
        let local = self["local_address"].flatMap(JoinableAddress.filter)
        let remotePort = self["remote_port"].flatMap { SysmonFormat.port($0) }.flatMap { $0 == 0 ? nil : $0 }
        let localPort = self["local_port"].flatMap { SysmonFormat.port($0) }
        if self["action"]?.lowercased() == "accept" {
            event.addIP(remote, role: .source, port: remotePort)
            event.addIP(local, role: .destination, port: localPort)
        } else {
            event.addIP(local, role: .source, port: localPort)
            event.addIP(remote, role: .destination, port: remotePort)
        }
        if let proto = self["protocol"] { event.networkProtocol = SysmonFormat.protocolName(proto) }
        if let host = self["host"] {
            if EntityNormalizer.ip(host) != nil { event.addIP(host, role: .source) } else { event.addHost(host, role: .source) }
        }
    }

    static func looksLikeUUID(_ text: String) -> Bool {
        text.count == 36 && text.filter({ $0 == "-" }).count == 4 && text.allSatisfy { $0.isHexDigit || $0 == "-" }
    }
}
