import XDRJSON
import XDRModel

/// ECS field sets to entities: the names are the same whichever agent wrote the document.
extension ECSFormat {
    static func addEntities(_ record: JSONValue, to event: inout NormalizedEvent) {
        func text(_ path: String) -> String? { record[path: path]?.text }

        event.addHost(text("host.name") ?? text("host.hostname"), role: .device)
        event.setDetail("device.uid", text("host.id"))
        // The host's own addresses tie its events to network logs; loopback and link-local join nothing.
        for raw in (record[path: "host.ip"]?.strings ?? []).prefix(4) {
            guard let ip = EntityNormalizer.ip(raw), !isLinkLocalOrLoopback(ip) else { continue }
            event.add(Entity(.ip, ip, role: .device, original: raw))
        }

        // In authentication events `user` is who logs on: keep it first so it owns `user_name`.
        event.addUser(text("user.name"), domain: text("user.domain"), role: event.classUID == OCSFClass.authentication ? .target : .actor)
        event.addUser(text("user.target.name"), domain: text("user.target.domain"), role: .target)
        event.addUser(text("user.effective.name"), domain: text("user.effective.domain"), role: .related)
        event.addUser(text("source.user.name"), role: .actor)
        event.addEmail(text("user.email"), role: .related)

        event.addIP(JoinableAddress.filter(text("source.ip")), role: .source, port: record[path: "source.port"]?.int)
        event.addIP(JoinableAddress.filter(text("destination.ip")), role: .destination, port: record[path: "destination.port"]?.int)
        event.networkProtocol = text("network.transport")?.lowercased() ?? text("network.protocol")?.lowercased()
        event.addDomain(text("destination.domain"), role: .destination)
        event.addDomain(text("dns.question.name"), role: .destination)
        for answer in record[path: "dns.resolved_ip"]?.strings ?? [] { event.addIP(JoinableAddress.filter(answer), role: .related) }
        event.addURL(text("url.full") ?? text("url.original"), role: .destination)
        event.addHost(text("source.domain"), role: .source)

        event.addProcess(image: text("process.executable") ?? text("process.name"),
                         commandLine: text("process.command_line") ?? record[path: "process.args"]?.strings.joined(separator: " ").nonEmpty,
                         pid: record[path: "process.pid"]?.int, guid: text("process.entity_id"), role: .actor)
        if let parentID = text("process.parent.entity_id") {
            event.addProcess(image: nil, guid: parentID, role: .related)
            event.parentProcessGUID = EntityNormalizer.guid(parentID)
        }
        event.parentProcessImage = text("process.parent.executable") ?? text("process.parent.name")
        event.setDetail("process.parent_process.cmd_line", text("process.parent.command_line"))
        event.setDetail("process.parent_process.pid", record[path: "process.parent.pid"])
        event.setDetail("process.working_directory", text("process.working_directory"))
        event.addHash(text("process.hash.sha256"), algorithm: "sha256", role: .actor)
        event.addHash(text("process.hash.sha1"), algorithm: "sha1", role: .actor)
        event.addHash(text("process.hash.md5"), algorithm: "md5", role: .actor)

        event.addFile(text("file.path") ?? text("file.name"), role: .target)
        event.addHash(text("file.hash.sha256"), algorithm: "sha256", role: .target)
        event.addHash(text("file.hash.sha1"), algorithm: "sha1", role: .target)
        event.addHash(text("file.hash.md5"), algorithm: "md5", role: .target)
        event.addFile(text("dll.path"), role: .target)
        event.addHash(text("dll.hash.sha256"), algorithm: "sha256", role: .target)

        event.setDetail(record[path: "registry.value"] != nil ? "reg_value.path" : "reg_key.path", text("registry.path"))
        if let data = record[path: "registry.data.strings"]?.strings, !data.isEmpty { event.setDetail("reg_value.data", data.joined(separator: " ")) }
    }

    /// ATT&CK from ECS `threat.*` and from Kibana alerts' `kibana.alert.rule.threat` list.
    static func addThreat(_ record: JSONValue, to event: inout NormalizedEvent) {
        var techniques: [String] = []
        var tactics: [String] = []
        for path in ["threat.technique.id", "threat.technique.subtechnique.id", "threat.technique.name"] {
            techniques += record[path: path]?.strings ?? []
        }
        tactics += record[path: "threat.tactic.id"]?.strings ?? []
        tactics += record[path: "threat.tactic.name"]?.strings ?? []
        let threatLists = [record[path: "kibana.alert.rule.threat"], record[path: "signal.rule.threat"], record["threat"]]
        for case .array(let entries)? in threatLists {
            for entry in entries {
                tactics += [entry[path: "tactic.id"]?.text, entry[path: "tactic.name"]?.text].compactMap { $0 }
                for technique in entry["technique"]?.array ?? [] {
                    techniques += [technique["id"]?.text].compactMap { $0 }
                    for sub in technique["subtechnique"]?.array ?? [] { techniques += [sub["id"]?.text].compactMap { $0 } }
                }
            }
        }
        event.addTechniques(techniques)
        event.addTactics(tactics)
    }

    static func isLinkLocalOrLoopback(_ ip: String) -> Bool {
        let lower = ip.lowercased()
        return lower.hasPrefix("127.") || lower == "::1" || lower.hasPrefix("fe80") || lower.hasPrefix("169.254.")
    }
}
