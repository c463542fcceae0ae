import XDRJSON
import XDRModel

/// One record as received: its position in the request (1-based line, array element or bulk item),
/// the exact text, and for JSON formats the parsed document.
public struct RawRecord: Sendable {
    public var number: Int
    public var text: String
    public var json: JSONValue?

    public init(number: Int, text: String, json: JSONValue? = nil) {
        self.number = number
        self.text = text
        self.json = json
    }
}

/// What the pipeline knows about a batch besides its records.
public struct FormatContext: Sendable {
    /// When the batch arrived, in microseconds since the epoch (years for syslog lines come from it).
    public var receivedAt: Int64
    /// A sub-type named by the sender: the Zeek log path in `/v1/ingest/zeek/conn`, or the
    /// Elasticsearch index name a shipper wrote to.
    public var hint: String?

    public init(receivedAt: Int64, hint: String? = nil) {
        self.receivedAt = receivedAt
        self.hint = hint
    }
}

/// Why one record could not be normalised: the field and what was wrong with it.
public struct RecordError: Error, Sendable, Equatable, CustomStringConvertible {
    public var field: String?
    public var reason: String

    public init(field: String? = nil, _ reason: String) {
        self.field = field
        self.reason = reason
    }

    public var description: String {
        guard let field else { return reason }
        return "field \"\(field)\": \(reason)"
    }

    public static func missing(_ field: String) -> RecordError { RecordError(field: field, "missing") }
    public static func notADate(_ field: String, _ value: String) -> RecordError {
        RecordError(field: field, "not a date: \"\(value.prefix(64))\"")
    }
}

/// The result for one input record (or one group of lines).
public enum FormatOutcome: Sendable {
    case accepted(number: Int, event: NormalizedEvent)
    case rejected(number: Int, error: RecordError)
}

/// How a format's request body is split into records.
public enum FormatFraming: Sendable, Equatable {
    /// NDJSON, a JSON array, or one JSON document; `envelope` names an array member that holds the
    /// records (CloudTrail's `Records`), unwrapped when present.
    case json(envelope: String?)
    /// Text lines (syslog, CEF, Postfix maillog, auditd, Zeek TSV).
    case lines
}

/// A source format: how its records are framed and how each becomes normalised events.
public protocol EventFormat: Sendable {
    /// The name used in URLs and documentation (`sysmon`, `suricata`, `cloudtrail`).
    var name: String { get }
    var layer: Layer { get }
    /// One line for the list of supported formats.
    var summary: String { get }
    var framing: FormatFraming { get }

    /// Normalises a batch. Record formats normalise each record on its own; line formats may join
    /// several lines into one event (Postfix by queue id, auditd by serial number) and report the
    /// number of the first line of the group.
    func normalize(_ records: [RawRecord], context: FormatContext) -> [FormatOutcome]
}

/// A JSON format whose records are independent: one record, one event.
public protocol JSONRecordFormat: EventFormat {
    func normalize(record: JSONValue, raw: RawRecord, context: FormatContext) throws(RecordError) -> NormalizedEvent
}

extension JSONRecordFormat {
    public var framing: FormatFraming { .json(envelope: nil) }

    public func normalize(_ records: [RawRecord], context: FormatContext) -> [FormatOutcome] {
        records.map { record in
            guard let json = record.json else {
                return .rejected(number: record.number, error: RecordError("not a JSON document"))
            }
            do throws(RecordError) {
                return .accepted(number: record.number, event: try normalize(record: json, raw: record, context: context))
            } catch {
                return .rejected(number: record.number, error: error)
            }
        }
    }
}
