import Synchronization

/// The machine a Windows event comes from, with the address it holds at that moment (DHCP
/// scenarios change it during the day).
public struct WindowsHost: Sendable {
    public let name: String
    public let domain: String
    public var ip: String
    public var mac: String
    public var agentID: String
    /// Winlogbeat's per-run agent id.
    public var ephemeralID: String

    public init(_ machine: Machine, domain: String, ip: String? = nil) {
        name = machine.name
        self.domain = domain
        self.ip = ip ?? machine.ip
        mac = machine.mac
        agentID = machine.sensorID
        ephemeralID = String(machine.sensorID.reversed())
        fqdn = "\(machine.name).\(domain)"
        logonGUID = "{\(machine.sensorID.prefix(8))-0000-0000-0000-000000000000}"
    }

    public let fqdn: String
    /// The interactive logon's GUID Sysmon reports for this machine's user processes.
    public let logonGUID: String
}

/// Writes Windows events as Winlogbeat 8 ships them: ECS envelope, `winlog.*` with string
/// `event_id`, numeric `record_id`, and `event_data` members (all strings) in sorted key order as
/// Beats serialises maps.
enum WinlogbeatEnvelope {
    struct Channel {
        var name: String
        var provider: String
        var providerGUID: String
        var user: (domain: String, id: String, name: String)?
    }

    static let sysmon = Channel(name: "Microsoft-Windows-Sysmon/Operational", provider: "Microsoft-Windows-Sysmon",
                                providerGUID: "{5770385f-c22a-43e0-bf4c-06f5698ffbd9}",
                                user: ("NT AUTHORITY", "S-1-5-18", "SYSTEM"))
    static let security = Channel(name: "Security", provider: "Microsoft-Windows-Security-Auditing",
                                  providerGUID: "{54849625-5478-4994-a5ba-3e3b0328c30d}", user: nil)

    struct Header {
        var channel: Channel
        var eventID: Int
        var action: String
        var task: String
        var version: Int
        var recordID: Int
        var time: Int64
        /// Extra `event.*` members (ECS categorisation, outcome) in sorted order after `code`.
        var outcome: String? = nil
        var logon: (id: String, type: String)? = nil
        var keywords: [String]? = nil
        /// First line of the rendered message (`Process Create:`).
        var messageTitle: String
    }

    /// One record. `data` must be in Sysmon's own field order (the message lists them so);
    /// `event_data` is written sorted.
    static func record(_ header: Header, host: WindowsHost, data: [(String, String)]) -> [UInt8] {
        var line = JSONLine(capacity: 3072)
        line.time("@timestamp", header.time, .isoMillis)
        line.object("agent") { agent in
            agent.string("ephemeral_id", host.ephemeralID)
            agent.string("id", host.agentID)
            agent.string("name", host.name)
            agent.string("type", "winlogbeat")
            agent.string("version", "8.15.3")
        }
        line.object("ecs") { $0.string("version", "8.0.0") }
        line.object("event") { event in
            event.string("action", header.action)
            event.string("code", String(header.eventID))
            event.time("created", header.time + 1_512_000, .isoMillis)
            event.string("kind", "event")
            if let outcome = header.outcome { event.string("outcome", outcome) }
            event.string("provider", header.channel.provider)
        }
        line.object("host") { hostObject in
            hostObject.string("hostname", host.name)
            hostObject.strings("ip", [host.ip])
            hostObject.strings("mac", [host.mac])
            hostObject.string("name", host.fqdn)
            hostObject.object("os") { os in
                os.string("build", "19045.5131")
                os.string("family", "windows")
                os.string("name", host.name.hasPrefix("ws-") ? "Windows 10 Enterprise" : "Windows Server 2022 Standard")
                os.string("platform", "windows")
                os.string("type", "windows")
                os.string("version", "10.0")
            }
        }
        line.object("log") { $0.string("level", "information") }
        line.renderedMessage("message", title: header.messageTitle, fields: data)
        line.object("winlog") { winlog in
            winlog.string("api", "wineventlog")
            winlog.string("channel", header.channel.name)
            winlog.string("computer_name", host.fqdn)
            winlog.object("event_data") { eventData in
                for index in sortedOrder(of: data, eventID: header.eventID) { eventData.string(data[index].0, data[index].1) }
            }
            winlog.string("event_id", String(header.eventID))
            if let keywords = header.keywords { winlog.strings("keywords", keywords) }
            if let logon = header.logon {
                winlog.object("logon") { $0.string("id", logon.id); $0.string("type", logon.type) }
            }
            winlog.string("opcode", "Info")
            winlog.object("process") { process in
                process.int("pid", header.channel.user == nil ? 676 : 3212)
                process.object("thread") { $0.int("id", 4000 + header.recordID % 997) }
            }
            winlog.string("provider_guid", header.channel.providerGUID)
            winlog.string("provider_name", header.channel.provider)
            winlog.int("record_id", header.recordID)
            winlog.string("task", header.task)
            if let user = header.channel.user {
                winlog.object("user") { userObject in
                    userObject.string("domain", user.domain)
                    userObject.string("identifier", user.id)
                    userObject.string("name", user.name)
                    userObject.string("type", "User")
                }
            }
            winlog.int("version", header.version)
        }
        return line.finish()
    }

    /// Indices of `data` in key order. Each event id always lists the same keys in the same
    /// order in our builders, so the permutation is worked out once per event id and reused —
    /// sorting two dozen keys per record was the largest cost of bulk Sysmon noise.
    private static func sortedOrder(of data: [(String, String)], eventID: Int) -> [Int] {
        if let cached = orders.withLock({ $0[eventID] }), cached.count == data.count { return cached }
        // Keys are short ASCII literals: comparing their UTF-8 bytes sorts them like Beats does.
        var order = Array(data.indices)
        order.sort { data[$0].0.utf8.lexicographicallyPrecedes(data[$1].0.utf8) }
        orders.withLock { $0[eventID] = order }
        return order
    }

    private static let orders = Mutex<[Int: [Int]]>([:])
}
