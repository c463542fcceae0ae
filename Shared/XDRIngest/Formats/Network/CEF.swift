import XDRJSON
import XDRModel

/// ArcSight Common Event Format lines, bare or inside a syslog message (RFC 5424 or RFC 3164),
/// as firewalls, IPS and EDR consoles forward them over syslog or HTTP.
///
/// Detections: records whose action denied, dropped, blocked or quarantined something, records
/// that name a threat (IPS/anti-malware signatures, `THREAT` logs), and records of severity High
/// or Very-High (7–10). Everything else is telemetry: traffic as Network Activity, logins as
/// Authentication, the rest as OCSF Base Event.
public struct CEF: EventFormat {
    public init() {}

    public var name: String { "cef" }
    public var layer: Layer { .network }
    public var summary: String { "ArcSight CEF lines, bare or in RFC 5424/3164 syslog (firewalls, IPS, EDR consoles)" }
    public var framing: FormatFraming { .lines }

    public func normalize(_ records: [RawRecord], context: FormatContext) -> [FormatOutcome] {
        records.map { record in
            do throws(RecordError) {
                return .accepted(number: record.number, event: try normalize(line: record, context: context))
            } catch {
                return .rejected(number: record.number, error: error)
            }
        }
    }

    func normalize(line: RawRecord, context: FormatContext) throws(RecordError) -> NormalizedEvent {
        let text = line.text
        guard let start = text.firstRange(of: "CEF:")?.lowerBound else {
            throw RecordError(field: "header", "no \"CEF:\" header in the line")
        }
        let syslog = Self.syslogHeader(before: start, in: text, receivedAt: context.receivedAt)
        let record = try CEFRecord.parse(text[start...])
        let severity = try Self.severity(record.severity)
        let time = try Self.time(record, syslog: syslog, receivedAt: context.receivedAt)

        let detection = Self.detectionReason(record, severity: severity)
        var event = NormalizedEvent(time: time.micros, layer: .network, kind: detection != nil ? .detection : .telemetry,
                                    classUID: 0, activityID: 0, severity: severity,
                                    sourceProduct: Self.product(record), sourceFormat: name, raw: text)
        try Self.addEntities(record, to: &event)
        // Relays often put the sender's address where the hostname goes.
        if let origin = syslog?.hostname, EntityNormalizer.ip(origin) != nil { event.addIP(origin, role: .device) }
        else { event.addHost(syslog?.hostname, role: .device) }
        Self.classify(record, detection: detection, event: &event)
        Self.addDetails(record, syslog: syslog, timeSource: time.source, to: &event)
        event.ruleID = record.signatureID.isEmpty ? nil : record.signatureID
        event.sourceEventID = record.first("externalId", "eventId")
        return event
    }

    static func product(_ record: CEFRecord) -> String {
        [record.vendor, record.product].filter { !$0.isEmpty }.joined(separator: " ")
    }

    /// The syslog header in front of `CEF:`, if any. Relays sometimes stack headers
    /// (`Mar 1 20:46:50 relay … <14>1 2021-03-01T… host app …`): the innermost `<PRI>` is the
    /// sender's own header. A prefix that is not a syslog header is kept only in the raw record.
    static func syslogHeader(before start: String.Index, in text: String, receivedAt: Int64) -> SyslogMessage? {
        let prefix = text[..<start]
        guard prefix.contains(where: { $0 != " " }) else { return nil }
        var candidates: [String.Index] = []
        var index = prefix.endIndex
        while index > prefix.startIndex {
            index = prefix.index(before: index)
            if prefix[index] == "<", prefix[prefix.index(after: index)...].prefix(4).contains(">") {
                candidates.append(index)
                break
            }
        }
        candidates.append(prefix.startIndex)
        for candidate in candidates {
            if let message = try? SyslogMessage.parse(String(text[candidate...]), receivedAt: receivedAt) { return message }
        }
        return nil
    }
}
