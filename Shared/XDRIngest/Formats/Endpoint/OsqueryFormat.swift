import XDRJSON
import XDRModel

/// osquery scheduled-query results as the filesystem/TLS/Kafka loggers write them (NDJSON):
/// event format (`{"name", "hostIdentifier", "calendarTime", "unixTime", "action": "added",
/// "columns": {…}}`), snapshot format (`"snapshot": [rows]`) and batch format
/// (`"diffResults": {"added": [rows], "removed": [rows]}`). Each row becomes one event; all are
/// telemetry.
public struct OsqueryFormat: EventFormat {
    public let name = "osquery"
    public let layer = Layer.endpoint
    public let summary = "osquery results log (differential, snapshot and batch rows)"
    public let framing = FormatFraming.json(envelope: nil)

    public init() {}

    public func normalize(_ records: [RawRecord], context: FormatContext) -> [FormatOutcome] {
        var outcomes: [FormatOutcome] = []
        for record in records {
            guard let json = record.json else {
                outcomes.append(.rejected(number: record.number, error: RecordError("not a JSON document")))
                continue
            }
            do throws(RecordError) {
                for event in try normalize(json, raw: record.text) {
                    outcomes.append(.accepted(number: record.number, event: event))
                }
            } catch {
                outcomes.append(.rejected(number: record.number, error: error))
            }
        }
        return outcomes
    }

    /// The events of one results-log line: one per row.
    func normalize(_ json: JSONValue, raw: String) throws(RecordError) -> [NormalizedEvent] {
        guard case .object = json else { throw RecordError("expected a JSON object, got \(json.kindName)") }
        let query = try json.requiredText("name")
        let hostIdentifier = try json.requiredText("hostIdentifier")
        let queryTime = try Self.queryTime(json)
        let rows = try Self.rows(json)
        return rows.map { action, columns in
            OsqueryRow(query: query, hostIdentifier: hostIdentifier, decorations: json["decorations"],
                       action: action, columns: columns, queryTime: queryTime)
                .normalized(format: name, raw: raw)
        }
    }

    /// `unixTime` (epoch seconds, number or string, UTC), else `calendarTime`
    /// (`Tue Mar  5 14:21:07 2024 UTC`).
    static func queryTime(_ json: JSONValue) throws(RecordError) -> Int64 {
        if let value = json["unixTime"], !value.isNull {
            guard let text = value.string, let seconds = Int64(text), seconds > 0, seconds < 100_000_000_000 else {
                throw RecordError(field: "unixTime", "expected epoch seconds, got \(value.preview)")
            }
            return seconds * 1_000_000
        }
        guard let calendar = json["calendarTime"]?.text else { throw .missing("unixTime") }
        guard let micros = calendarTime(calendar) else { throw .notADate("calendarTime", calendar) }
        return micros
    }

    /// osquery's `calendarTime`: `asctime` layout in UTC with a `UTC` suffix.
    static func calendarTime(_ text: String) -> Int64? {
        let parts = text.split(separator: " ")
        guard parts.count == 6, parts[5] == "UTC" || parts[5] == "GMT",
              let month = EventTimeMonths.index(parts[1]), let day = Int(parts[2]), let year = Int(parts[4]) else { return nil }
        let clock = parts[3].split(separator: ":").compactMap { Int($0) }
        guard clock.count == 3, clock[0] < 24, clock[1] < 60, clock[2] <= 60 else { return nil }
        return EventTime.civil(year: year, month: month, day: day, seconds: clock[0] * 3600 + clock[1] * 60 + clock[2], micros: 0, offset: 0)
    }

    /// The rows of a line with the action that produced each.
    static func rows(_ json: JSONValue) throws(RecordError) -> [(String, JSONObject)] {
        if let columns = json["columns"] {
            guard case .object(let object) = columns else { throw RecordError(field: "columns", "expected an object, got \(columns.kindName)") }
            return [(json["action"]?.text ?? "added", object)]
        }
        if let snapshot = json["snapshot"] {
            guard case .array(let items) = snapshot else { throw RecordError(field: "snapshot", "expected an array, got \(snapshot.kindName)") }
            return try objects(items, field: "snapshot").map { ("snapshot", $0) }
        }
        if let diff = json["diffResults"] {
            guard case .object = diff else { throw RecordError(field: "diffResults", "expected an object, got \(diff.kindName)") }
            var result: [(String, JSONObject)] = []
            for action in ["added", "removed"] {
                result += try objects(diff[action]?.array ?? [], field: "diffResults.\(action)").map { (action, $0) }
            }
            return result
        }
        throw RecordError(field: "columns", "missing (expected columns, snapshot or diffResults)")
    }

    private static func objects(_ items: [JSONValue], field: String) throws(RecordError) -> [JSONObject] {
        var result: [JSONObject] = []
        for (index, item) in items.enumerated() {
            guard case .object(let object) = item else { throw RecordError(field: "\(field)[\(index)]", "expected an object, got \(item.kindName)") }
            result.append(object)
        }
        return result
    }
}

/// Month names for the textual time layouts sources write.
enum EventTimeMonths {
    static let names = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"]

    /// 1-based month of `Mar`/`march` (case-insensitive), or nil.
    static func index(_ text: Substring) -> Int? {
        names.firstIndex(of: text.prefix(3).lowercased()).map { $0 + 1 }
    }
}
