import XDRJSON
import XDRModel

/// CrowdStrike Falcon Event Streams (the streaming API, as the Falcon SIEM Connector and stream
/// consumers write it): `{"metadata": {"eventType", "eventCreationTime", "offset", …}, "event": {…}}`.
///
/// `DetectionSummaryEvent` (and its successor `EppDetectionSummaryEvent`) are detections (OCSF
/// Detection Finding 2004). The console audit streams `AuthActivityAuditEvent` and
/// `UserActivityAuditEvent` are telemetry. Other event types are rejected by name.
public struct FalconFormat: JSONRecordFormat {
    public let name = "falcon"
    public let layer = Layer.endpoint
    public let summary = "CrowdStrike Falcon streaming API events (DetectionSummaryEvent, console audit events)"

    public init() {}

    static let supportedTypes = ["DetectionSummaryEvent", "EppDetectionSummaryEvent", "AuthActivityAuditEvent", "UserActivityAuditEvent"]

    public func normalize(record: JSONValue, raw: RawRecord, context: FormatContext) throws(RecordError) -> NormalizedEvent {
        guard case .object = record else { throw RecordError("expected a JSON object, got \(record.kindName)") }
        guard let metadata = record["metadata"] else { throw .missing("metadata") }
        guard case .object = metadata else { throw RecordError(field: "metadata", "expected an object, got \(metadata.kindName)") }
        let eventType = try record.requiredText("metadata.eventType")
        guard Self.supportedTypes.contains(eventType) else {
            throw RecordError(field: "metadata.eventType", "Falcon eventType \"\(eventType)\" is not supported (\(Self.supportedTypes.joined(separator: ", ")))")
        }
        guard let body = record["event"] else { throw .missing("event") }
        guard case .object = body else { throw RecordError(field: "event", "expected an object, got \(body.kindName)") }
        let time = try Self.creationTime(record)

        var event: NormalizedEvent
        switch eventType {
        case "DetectionSummaryEvent", "EppDetectionSummaryEvent":
            event = try detection(body, time: time, raw: raw)
        default:
            event = try audit(body, eventType: eventType, time: time, raw: raw)
        }
        event.setDetail("metadata.event_type", eventType)
        event.setDetail("metadata.tenant_uid", record[path: "metadata.customerIDString"]?.text)
        event.setDetail("metadata.offset", record[path: "metadata.offset"])
        if event.sourceEventID == nil, let offset = record[path: "metadata.offset"]?.text {
            let customer = record[path: "metadata.customerIDString"]?.text ?? "falcon"
            event.sourceEventID = "\(customer):\(eventType):\(offset)"
        }
        return event
    }

    /// `metadata.eventCreationTime` is epoch milliseconds (UTC).
    static func creationTime(_ record: JSONValue) throws(RecordError) -> Int64 {
        let field = "metadata.eventCreationTime"
        guard let value = record[path: field] else { throw .missing(field) }
        // Bounded so the conversion to microseconds cannot overflow (year 5138 is plenty).
        let text: String? = switch value {
        case .number(let text), .string(let text): text
        default: nil
        }
        guard let text, let millis = Int64(text), millis > 0, millis < 100_000_000_000_000 else {
            throw RecordError(field: field, "expected epoch milliseconds, got \(value.preview)")
        }
        return millis * 1000
    }

    /// Falcon's `Severity` 1–5 is the OCSF scale: 1 Informational, 2 Low, 3 Medium, 4 High, 5 Critical.
    static func severity(_ body: JSONValue) throws(RecordError) -> Severity {
        if let value = body["Severity"], !value.isNull {
            guard let number = value.int, (1...5).contains(number), let severity = Severity(rawValue: number) else {
                throw RecordError(field: "event.Severity", "expected 1-5, got \(value.preview)")
            }
            return severity
        }
        if let name = body["SeverityName"]?.text {
            guard let severity = Severity(name: name) else { throw RecordError(field: "event.SeverityName", "unknown severity \"\(name)\"") }
            return severity
        }
        throw .missing("event.Severity")
    }

    /// An epoch number of any unit (seconds, milliseconds…), only within a range whose conversion
    /// to microseconds cannot overflow.
    static func epoch(_ text: String) -> Int64? {
        guard let value = Double(text), value.isFinite, value > 0, value < 1e18 else { return nil }
        return EventTime.epoch(text)
    }

    /// Reads the first present text among alternative field names (the 2024 `Epp…` event renamed some).
    static func text(_ body: JSONValue, _ names: String...) -> String? {
        for name in names { if let value = body[name]?.text { return value } }
        return nil
    }
}
