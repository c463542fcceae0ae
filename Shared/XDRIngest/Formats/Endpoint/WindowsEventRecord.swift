import XDRJSON
import XDRModel

/// One Windows event log record, read the same way whichever shipper wrote it.
///
/// Three shapes reach Tsunagi:
/// - Winlogbeat / Elastic Agent ECS: `@timestamp`, `winlog.event_id`, `winlog.channel`,
///   `winlog.computer_name`, `winlog.record_id`, the event's data in `winlog.event_data`.
/// - Flattened (NXLog, the OTRF/Mordor datasets): `EventID`, `Channel`, `Hostname`, `@timestamp`
///   or `TimeCreated`, `RecordNumber`, the event data as top-level members.
/// - Azure Log Analytics exports (`WindowsEvent`, `SecurityEvent`, `Event` tables): `EventID`,
///   `Computer`, `TimeGenerated`, the event data at top level and/or in `EventData`, a JSON object
///   written as a string (`WindowsEvent`) or an `<EventData><Data Name=…>` XML string (`SecurityEvent`).
///
/// Event-data values are collected into one dictionary so the mapping code reads `Image` or
/// `TargetUserName` without caring where the shipper put it.
struct WindowsEventRecord {
    var time: Int64
    var eventID: Int
    var channel: String?
    var provider: String?
    var computer: String
    var recordID: String?
    /// Windows level: 1 critical, 2 error, 3 warning, 4 information, 0 log always, 5 verbose.
    var level: Int?
    var message: String?
    /// Event data by name (scalars only, as text; `-` and empty values dropped).
    var data: [String: String]

    /// Reads the common header and event data, or throws naming the missing or malformed field.
    init(_ json: JSONValue) throws(RecordError) {
        guard case .object(let top) = json else {
            throw RecordError("expected a JSON object, got \(json.kindName)")
        }
        let winlog = json["winlog"]?.object.map(JSONValue.object)
        data = [:]
        data.reserveCapacity(top.count + 16)
        Self.collect(top, into: &data, stripTypeSuffixes: json["TimeGenerated"] != nil)
        if let winlog {
            if let eventData = winlog["event_data"]?.object { Self.collect(eventData, into: &data, stripTypeSuffixes: false) }
            if let userData = winlog["user_data"]?.object { Self.collect(userData, into: &data, stripTypeSuffixes: false) }
        }
        if let embedded = json["EventData"] {
            try Self.collectEmbedded(embedded, into: &data)
        }

        // Rendered event XML carried in a syslog message (Sysmon for Linux, event forwarders).
        if winlog == nil, json["EventID"] == nil, let (field, xml) = Self.renderedXML(json) {
            let header = try WindowsEventXML(xml, field: field)
            for (name, value) in WindowsEventDataXML.pairs(in: xml) where data[name] == nil { data[name] = value }
            time = header.time
            eventID = header.eventID
            guard let name = header.computer ?? json["Computer"]?.text ?? json["HostName"]?.text else {
                throw RecordError(field: field, "event XML has no <Computer>")
            }
            computer = name
            provider = header.provider
            channel = header.channel
            recordID = header.recordID
            level = header.level
            message = nil
            return
        }
        time = try Self.readTime(json, ecs: winlog != nil)
        eventID = try Self.readEventID(json, winlog: winlog)
        computer = try Self.readComputer(json, winlog: winlog)
        provider = winlog?["provider_name"]?.text ?? json["Provider"]?.text ?? json["SourceName"]?.text
            ?? json["EventSourceName"]?.text ?? json["Source"]?.text
        channel = winlog?["channel"]?.text ?? json["Channel"]?.text ?? json["EventLog"]?.text
        if channel == nil, let provider, provider.contains("Sysmon") { channel = WindowsChannel.sysmon }
        recordID = winlog?["record_id"]?.text ?? json["RecordNumber"]?.text ?? json["EventRecordID"]?.text
        level = json["Level"]?.int ?? json["EventLevel"]?.int ?? json[path: "log.level"]?.text.flatMap(Self.levelNumber)
        message = json["message"]?.text ?? json["Message"]?.text ?? json["RenderedDescription"]?.text
    }

    /// The event-data value `name`, or nil when absent, empty or `-`.
    subscript(_ name: String) -> String? { data[name] }

    /// The first present value among `names`.
    func first(_ names: String...) -> String? {
        for name in names { if let value = data[name] { return value } }
        return nil
    }

    var isSysmon: Bool { channel == WindowsChannel.sysmon || (provider?.contains("Sysmon") ?? false) }
    var isSecurity: Bool { channel?.caseInsensitiveEquals("Security") ?? false }

    // MARK: - Reading

    private static func renderedXML(_ json: JSONValue) -> (String, String)? {
        for field in ["SyslogMessage", "message", "Message"] {
            if let text = json[field]?.text, text.hasPrefix("<Event") { return (field, text) }
        }
        return nil
    }

    private static func collect(_ object: JSONObject, into data: inout [String: String], stripTypeSuffixes: Bool) {
        for member in object.members {
            guard let text = member.value.text else { continue }
            var key = member.key
            // Sentinel's custom tables suffix columns with their type (`ProcessId_string`).
            if stripTypeSuffixes, let underscore = key.lastIndex(of: "_"), underscore != key.startIndex {
                let suffix = key[key.index(after: underscore)...]
                if suffix == "string" || suffix == "dynamic" || suffix == "int" || suffix == "long" {
                    key = String(key[..<underscore])
                    if data[key] != nil { continue }
                }
            }
            data[key] = text
        }
    }

    /// `EventData` as Log Analytics writes it: a JSON object in a string (WindowsEvent table), an
    /// XML `<EventData>` fragment (SecurityEvent table), or already an object.
    private static func collectEmbedded(_ value: JSONValue, into data: inout [String: String]) throws(RecordError) {
        switch value {
        case .object(let object):
            collect(object, into: &data, stripTypeSuffixes: false)
        case .string(let text):
            data["EventData"] = nil
            let trimmed = text.drop(while: { $0 == " " || $0 == "\r" || $0 == "\n" || $0 == "\t" })
            if trimmed.hasPrefix("{") {
                guard case .object(let object)? = try? JSONParser.parse(String(trimmed)) else {
                    throw RecordError(field: "EventData", "not a JSON object: \(String(trimmed.prefix(40)))")
                }
                collect(object, into: &data, stripTypeSuffixes: false)
            } else if trimmed.hasPrefix("<") {
                for (name, text) in WindowsEventDataXML.pairs(in: String(trimmed)) where data[name] == nil {
                    data[name] = text
                }
            }
        default:
            break
        }
    }

    private static func readTime(_ json: JSONValue, ecs: Bool) throws(RecordError) -> Int64 {
        // `@timestamp` is the event's creation time in UTC in every shape; `TimeCreated` without a
        // zone (some NXLog exports) is also UTC. NXLog's `EventTime` is local time and is not used.
        for field in ["@timestamp", "TimeCreated", "TimeGenerated", "timestamp"] {
            guard let value = json[field] else { continue }
            guard let text = value.text else { throw RecordError(field: field, "expected a time string, got \(value.kindName)") }
            guard let micros = EventTime.iso8601(text) else { throw .notADate(field, text) }
            return micros
        }
        throw .missing(ecs ? "@timestamp" : "@timestamp (or TimeCreated, TimeGenerated)")
    }

    private static func readEventID(_ json: JSONValue, winlog: JSONValue?) throws(RecordError) -> Int {
        let candidates: [(String, JSONValue?)] = [
            ("winlog.event_id", winlog?["event_id"]), ("EventID", json["EventID"]),
            ("event.code", json[path: "event.code"]), ("EventId", json["EventId"]),
        ]
        for (field, value) in candidates {
            guard let value, !value.isNull else { continue }
            guard let id = value.int, id >= 0, id <= 65_535 else {
                throw RecordError(field: field, "expected an event id (0-65535), got \(value.preview)")
            }
            return id
        }
        throw .missing(winlog != nil ? "winlog.event_id" : "EventID")
    }

    private static func readComputer(_ json: JSONValue, winlog: JSONValue?) throws(RecordError) -> String {
        if let name = winlog?["computer_name"]?.text ?? json[path: "host.name"]?.text ?? json["Hostname"]?.text
            ?? json["Computer"]?.text ?? json["computer_name"]?.text {
            return name
        }
        throw .missing(winlog != nil ? "winlog.computer_name" : "Hostname (or Computer)")
    }

    private static func levelNumber(_ name: String) -> Int? {
        switch name.lowercased() {
        case "critical": 1
        case "error": 2
        case "warning": 3
        case "information", "informational": 4
        case "verbose": 5
        default: nil
        }
    }
}

/// Channel names that decide how an event id is read.
enum WindowsChannel {
    static let sysmon = "Microsoft-Windows-Sysmon/Operational"
}

extension String {
    func caseInsensitiveEquals(_ other: String) -> Bool {
        utf8.count == other.utf8.count && lowercased() == other.lowercased()
    }
}
