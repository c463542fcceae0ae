import XDRJSON
import XDRModel

/// Proofpoint Targeted Attack Protection (TAP) SIEM API: the `/v2/siem/all` response
/// `{"queryEndTime", "messagesDelivered", "messagesBlocked", "clicksPermitted", "clicksBlocked"}`,
/// or single message and click items (NDJSON or an array).
///
/// The response holds four arrays and which one an item sits in is its verdict (delivered or
/// blocked, permitted or blocked), so the whole document is expanded here rather than by framing,
/// and the bucket travels with each item.
public struct ProofpointTAP: EventFormat {
    public init() {}

    public var name: String { "proofpoint" }
    public var layer: Layer { .email }
    public var summary: String { "Proofpoint TAP SIEM API messages and clicks (/v2/siem/all or single items)" }
    public var framing: FormatFraming { .json(envelope: nil) }

    static let product = "Proofpoint TAP"

    public func normalize(_ records: [RawRecord], context: FormatContext) -> [FormatOutcome] {
        var outcomes: [FormatOutcome] = []
        for record in records {
            guard let json = record.json else {
                outcomes.append(.rejected(number: record.number, error: RecordError("not a JSON document")))
                continue
            }
            guard case .object = json else {
                outcomes.append(.rejected(number: record.number, error: RecordError("expected a JSON object, got \(json.kindName)")))
                continue
            }
            if ProofpointBucket.allCases.contains(where: { json[$0.rawValue] != nil }) {
                outcomes += expand(document: json, record: record)
            } else {
                let item = ProofpointItem(json, text: record.text, bucket: ProofpointBucket(hint: context.hint), fieldPrefix: "")
                outcomes.append(outcome(item, number: record.number))
            }
        }
        return outcomes
    }

    /// Every item of a `/v2/siem/all` document, numbered from the document's own number in bucket
    /// order, each keeping its exact bytes from the document.
    func expand(document: JSONValue, record: RawRecord) -> [FormatOutcome] {
        var outcomes: [FormatOutcome] = []
        var number = record.number
        let bytes = Array(record.text.utf8)
        for bucket in ProofpointBucket.allCases {
            guard let member = document[bucket.rawValue], !member.isNull else { continue }
            guard let items = member.array else {
                outcomes.append(.rejected(number: number, error: RecordError(field: bucket.rawValue, "expected an array, got \(member.kindName)")))
                number += 1
                continue
            }
            let ranges = bytes.withUnsafeBufferPointer { buffer in
                var scanner = JSONScanner(buffer)
                return scanner.memberArrayElements(named: bucket.rawValue) ?? []
            }
            for (index, item) in items.enumerated() {
                // The scanner finds the exact bytes; should it ever disagree, the item is re-serialised.
                let text = ranges.count == items.count
                    ? String(decoding: bytes[ranges[index]], as: UTF8.self)
                    : JSONWriter.serialize(item)
                let reader = ProofpointItem(item, text: text, bucket: bucket, fieldPrefix: "\(bucket.rawValue)[\(index)].")
                outcomes.append(outcome(reader, number: number))
                number += 1
            }
        }
        return outcomes
    }

    func outcome(_ item: ProofpointItem, number: Int) -> FormatOutcome {
        do throws(RecordError) {
            guard case .object = item.json else {
                throw RecordError("expected a JSON object, got \(item.json.kindName)")
            }
            let event = try item.isClick ? clickEvent(item) : messageEvent(item)
            return .accepted(number: number, event: event)
        } catch {
            return .rejected(number: number, error: error)
        }
    }
}

/// The four arrays of a `/v2/siem/all` response; the bucket is the TAP verdict on the item.
enum ProofpointBucket: String, CaseIterable, Sendable {
    case messagesDelivered, messagesBlocked, clicksPermitted, clicksBlocked

    /// A bucket named by the request hint (`/v1/ingest/proofpoint/messagesBlocked`), case-insensitive.
    init?(hint: String?) {
        guard let lower = hint?.lowercased(),
              let bucket = ProofpointBucket.allCases.first(where: { $0.rawValue.lowercased() == lower }) else { return nil }
        self = bucket
    }

    var isClick: Bool { self == .clicksPermitted || self == .clicksBlocked }
    var isBlocked: Bool { self == .messagesBlocked || self == .clicksBlocked }
}

/// One TAP message or click with the bucket it came from and field names as the sender wrote them.
struct ProofpointItem {
    let json: JSONValue
    let text: String
    let bucket: ProofpointBucket?
    let fieldPrefix: String

    init(_ json: JSONValue, text: String, bucket: ProofpointBucket?, fieldPrefix: String) {
        self.json = json
        self.text = text
        self.bucket = bucket
        self.fieldPrefix = fieldPrefix
    }

    /// Clicks have `clickTime`; messages have `messageTime`. The bucket decides when it is known.
    var isClick: Bool {
        if let bucket { return bucket.isClick }
        return json["clickTime"] != nil && json["messageTime"] == nil
    }

    func text(_ key: String) -> String? { json[key]?.text }

    func requiredText(_ key: String) throws(RecordError) -> String {
        guard let value = json[key], !value.isNull else { throw .missing(fieldPrefix + key) }
        guard case .string(let text) = value, !text.isEmpty else {
            throw RecordError(field: fieldPrefix + key, "expected a non-empty string, got \(value.kindName)")
        }
        return text
    }

    /// A TAP time: ISO 8601 in UTC with milliseconds (`2016-06-24T21:18:38.000Z`).
    func time(_ key: String) throws(RecordError) -> Int64 {
        let text = try requiredText(key)
        guard let micros = EventTime.iso8601(text) else { throw .notADate(fieldPrefix + key, text) }
        return micros
    }

    /// A list field that TAP writes as an array, but some exports flatten to one string.
    func list(_ key: String) throws(RecordError) -> [String] {
        guard let value = json[key], !value.isNull else { return [] }
        switch value {
        case .array, .string: return value.strings
        default: throw RecordError(field: fieldPrefix + key, "expected an array of strings, got \(value.kindName)")
        }
    }

    func objects(_ key: String) throws(RecordError) -> [JSONValue] {
        guard let value = json[key], !value.isNull else { return [] }
        guard let items = value.array else {
            throw RecordError(field: fieldPrefix + key, "expected an array, got \(value.kindName)")
        }
        return items
    }

    func number(_ key: String) throws(RecordError) -> JSONValue? {
        guard let value = json[key], !value.isNull else { return nil }
        guard value.double != nil else {
            throw RecordError(field: fieldPrefix + key, "expected a number, got \(value.preview)")
        }
        return value
    }
}
