import XDRJSON
import XDRModel

/// Zeek logs written as JSON (`LogAscii::use_json=T`, the Kafka/SimpleRock streaming form, or
/// Filebeat forwarding them): one record per line. The log type comes from `_path`/`@stream`,
/// the sender's hint, or the record's fields. `notice` records are detections; every other log is
/// telemetry.
///
/// Field names follow Zeek's (`id.orig_h`), and the two other spellings shippers produce are
/// accepted as well: nested objects (`"id": {"orig_h": …}`) and underscores (`id_orig_h`).
public struct ZeekLog: JSONRecordFormat {
    public init() {}

    public var name: String { "zeek" }
    public var layer: Layer { .network }
    public var summary: String { "Zeek JSON logs (conn, dns, http, ssl, files, notice and more), log type from _path or the hint" }

    static let product = "Zeek"

    public func normalize(record: JSONValue, raw: RawRecord, context: FormatContext) throws(RecordError) -> NormalizedEvent {
        guard case .object = record else { throw RecordError("expected a JSON object, got \(record.kindName)") }
        let type = try ZeekLogType.resolve(record, hint: context.hint)
        return try Self.normalize(record, type: type, raw: raw.text, format: name)
    }

    /// Normalises a record of a known log type (shared with the TSV form).
    static func normalize(_ record: JSONValue, type: ZeekLogType, raw: String, format: String) throws(RecordError) -> NormalizedEvent {
        let time = try record.requiredEpochTime("ts")
        var event = NormalizedEvent(time: time, layer: .network, kind: .telemetry, classUID: OCSFClass.networkActivity,
                                    activityID: 0, severity: .informational, sourceProduct: product,
                                    sourceFormat: format, raw: raw)
        try addConnection(record, to: &event)
        // The sensor, when the writer names it (`_system_name` from Zeek, `@system` from SimpleRock).
        event.addHost(record["_system_name"]?.text ?? record["@system"]?.text, role: .device)
        event.setDetail("metadata.log_name", type.rawValue)
        event.setDetail("connection_info.uid", record["uid"]?.text)

        var discriminator: String?
        switch type {
        case .conn: try addConn(record, to: &event)
        case .dns: discriminator = try addDNS(record, to: &event)
        case .http: discriminator = try addHTTP(record, to: &event)
        case .ssl: addSSL(record, to: &event)
        case .files: addFiles(record, to: &event)
        case .notice: discriminator = try addNotice(record, to: &event)
        case .x509: addX509(record, to: &event)
        case .kerberos: addKerberos(record, to: &event)
        case .ntlm: addNTLM(record, to: &event)
        case .smb_mapping, .smb_files: addSMB(record, type: type, to: &event)
        case .dce_rpc: addDCERPC(record, to: &event)
        case .ssh: addSSH(record, to: &event)
        case .ftp: discriminator = addFTP(record, to: &event)
        case .weird: discriminator = addWeird(record, to: &event)
        case .dpd: addDPD(record, to: &event)
        case .pe: addPE(record, to: &event)
        }
        // Zeek has no record id: the connection uid (or file id) with the log, time and, where one
        // connection writes several records, what tells them apart.
        let subject = record["uid"]?.text ?? record["fuid"]?.text ?? record["id"]?.text ?? "-"
        var id = "\(type.rawValue):\(subject):\(record["ts"]?.string ?? "")"
        if let discriminator { id += ":\(discriminator)" }
        event.sourceEventID = id
        return event
    }

    /// A field in any of Zeek's spellings: `a.b` flat or nested, or `a_b`.
    static func field(_ record: JSONValue, _ name: String) -> JSONValue? {
        if let value = record[path: name] { return value }
        guard name.contains(".") else { return nil }
        return record[String(name.map { $0 == "." ? "_" : $0 })]
    }

    static func text(_ record: JSONValue, _ name: String) -> String? { field(record, name)?.text }

    static func int(_ record: JSONValue, _ name: String) throws(RecordError) -> Int? {
        guard let value = field(record, name), !value.isNull else { return nil }
        if case .string(let text) = value, text.isEmpty || text == "-" { return nil }
        guard let number = value.int else { throw RecordError(field: name, "expected an integer, got \(value.preview)") }
        return number
    }

    /// The connection 4-tuple (`id.orig_h` … `id.resp_p`) and transport protocol.
    private static func addConnection(_ record: JSONValue, to event: inout NormalizedEvent) throws(RecordError) {
        guard let origin = text(record, "id.orig_h") else { return }
        if EntityNormalizer.ip(origin) == nil { throw RecordError(field: "id.orig_h", "not an IP address: \"\(origin.prefix(64))\"") }
        event.addIP(origin, role: .source, port: try int(record, "id.orig_p"))
        if let responder = text(record, "id.resp_h") {
            if EntityNormalizer.ip(responder) == nil { throw RecordError(field: "id.resp_h", "not an IP address: \"\(responder.prefix(64))\"") }
            event.addIP(responder, role: .destination, port: try int(record, "id.resp_p"))
        }
        if let proto = record["proto"]?.text { event.networkProtocol = proto.lowercased() }
    }
}
