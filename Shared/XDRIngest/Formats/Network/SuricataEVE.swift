import XDRJSON
import XDRModel

/// Suricata's EVE JSON output (`eve.json`): one JSON object per line, its `event_type` naming the
/// record kind. Alerts are detections; flow, DNS, HTTP, TLS, file, anomaly, SMB and SSH records are
/// the network telemetry around them.
///
/// Suricata gives records no identifier of their own, so the source event id is built from the flow
/// id, the event type and the timestamp (plus the signature id for alerts and the answer for DNS
/// answers, which Suricata writes several of per flow and instant).
public struct SuricataEVE: JSONRecordFormat {
    public init() {}

    public var name: String { "suricata" }
    public var layer: Layer { .network }
    public var summary: String { "Suricata EVE JSON (alert, flow, netflow, dns, http, tls, fileinfo, anomaly, smb, ssh)" }

    static let product = "Suricata"
    static let supportedTypes = ["alert", "flow", "netflow", "dns", "http", "tls", "fileinfo", "anomaly", "smb", "ssh"]

    public func normalize(record: JSONValue, raw: RawRecord, context: FormatContext) throws(RecordError) -> NormalizedEvent {
        guard case .object = record else { throw RecordError("expected a JSON object, got \(record.kindName)") }
        let eventType = try record.requiredText("event_type")
        guard Self.supportedTypes.contains(eventType) else {
            throw RecordError(field: "event_type",
                              "Suricata event_type \"\(eventType.prefix(40))\" is not supported (\(Self.supportedTypes.joined(separator: ", ")))")
        }
        let time = try record.requiredISOTime("timestamp")
        var event = NormalizedEvent(time: time, layer: .network, kind: .telemetry, classUID: OCSFClass.networkActivity,
                                    activityID: 0, severity: .informational, sourceProduct: Self.product,
                                    sourceFormat: name, raw: raw.text)
        try addCommonFields(record, to: &event)
        var eventID = "\(record["flow_id"]?.string ?? "-"):\(eventType):\(record["timestamp"]?.string ?? "")"

        switch eventType {
        case "alert":
            let signatureID = try Self.addAlert(record, to: &event)
            eventID += ":\(signatureID)"
        case "flow", "netflow":
            try Self.addFlow(record, type: eventType, to: &event)
        case "dns":
            try Self.addDNS(record, to: &event)
            if let answer = Self.dnsAnswerDiscriminator(record) { eventID += ":\(answer)" }
        case "http":
            try Self.addHTTP(record, to: &event)
        case "tls":
            try Self.addTLS(record, to: &event)
        case "fileinfo":
            try Self.addFileInfo(record, to: &event)
        case "anomaly":
            Self.addAnomaly(record, to: &event)
        case "smb":
            Self.addSMB(record, to: &event)
        default: // "ssh"
            Self.addSSH(record, to: &event)
        }
        // Alerts carry the application-layer object of the transaction that fired them.
        if eventType == "alert" || eventType == "fileinfo" {
            if record["http"]?.object != nil { try Self.addHTTPEntities(record, to: &event) }
            if record["dns"]?.object != nil { Self.addDNSEntities(record, to: &event) }
            if record["tls"]?.object != nil { Self.addTLSEntities(record, to: &event) }
            if eventType == "alert" {
                if record["fileinfo"]?.object != nil { Self.addFileEntities(record["fileinfo"], to: &event) }
                // Suricata 7 alerts list the files of the transaction in `files`.
                for file in record["files"]?.array ?? [] { Self.addFileEntities(file, to: &event) }
            }
        }
        event.sourceEventID = eventID
        return event
    }

    /// The 5-tuple, sensor name and flow identifiers every EVE record shares.
    private func addCommonFields(_ record: JSONValue, to event: inout NormalizedEvent) throws(RecordError) {
        let srcPort = try record.optionalInt("src_port")
        let dstPort = try record.optionalInt("dest_port")
        event.addIP(record["src_ip"]?.text, role: .source, port: srcPort)
        event.addIP(record["dest_ip"]?.text, role: .destination, port: dstPort)
        if let proto = record["proto"]?.text { event.networkProtocol = proto.lowercased() }
        // `host` is the sensor name when Suricata is configured with `sensor-name`.
        event.addHost(record["host"]?.text ?? record[path: "host.name"]?.text, role: .device)
        event.setDetail("connection_info.uid", record["flow_id"])
        event.setDetail("connection_info.community_uid", record["community_id"]?.text)
        event.setDetail("connection_info.direction", record["direction"]?.text)
        event.setDetail("src_endpoint.interface_name", record["in_iface"]?.text)
        event.setDetail("app_name", record["app_proto"]?.text)
        event.setDetail("vlan_uid", record["vlan"])
        NetworkActivity.addMAC(record[path: "ether.src_mac"]?.text, role: .source, to: &event)
        NetworkActivity.addMAC(record[path: "ether.dest_mac"]?.text, role: .destination, to: &event)
        if let icmpType = try record.optionalInt("icmp_type") { event.setDetail("connection_info.icmp_type", .int(icmpType)) }
    }
}
