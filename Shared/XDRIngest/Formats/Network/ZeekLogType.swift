import XDRJSON

/// The Zeek logs Tsunagi normalises, named as Zeek names them (`conn.log` → `conn`).
enum ZeekLogType: String, CaseIterable, Sendable {
    case conn, dns, http, ssl, files, notice
    case x509, kerberos, ntlm, smb_mapping, smb_files, dce_rpc, ssh, ftp, weird, dpd, pe

    static let supportedList = allCases.map(\.rawValue).joined(separator: ", ")

    /// The log type of a record: `_path` (Zeek's own JSON writer), `@stream` (SimpleRock /
    /// Zeek's Kafka plugin), then the sender's hint, then the record's characteristic fields.
    static func resolve(_ record: JSONValue, hint: String?) throws(RecordError) -> ZeekLogType {
        for field in ["_path", "@stream"] {
            guard let path = record[field]?.text else { continue }
            return try named(path, field: field)
        }
        if let hint, let name = logName(inHint: hint) { return try named(name, field: nil) }
        if let inferred = infer(record) { return inferred }
        throw RecordError(field: "_path",
                          "cannot tell which Zeek log this record is from: no \"_path\", no hint (send to /v1/ingest/zeek/<log> or an index named zeek-<log>), and its fields match none of \(supportedList)")
    }

    /// The log called `name`; errors name `field` as where the name came from.
    static func named(_ name: String, field: String?) throws(RecordError) -> ZeekLogType {
        // A suffix after `-` or `.` (`conn-worker-1`, `dns.log`) does not change the log type.
        if let type = ZeekLogType(rawValue: name.lowercased()) { return type }
        var base = Substring(name.lowercased())
        if let cut = base.firstIndex(where: { $0 == "-" || $0 == "." }) { base = base[..<cut] }
        if let type = ZeekLogType(rawValue: String(base)) { return type }
        if base == "smtp" {
            throw RecordError(field: field, "Zeek smtp logs are e-mail telemetry: send them to the email ingestor")
        }
        throw RecordError(field: field, "Zeek log \"\(name.prefix(40))\" is not supported (\(supportedList))")
    }

    /// The log name in `/v1/ingest/zeek/conn`, `zeek-conn`, `zeek_dns-2026.11.22`,
    /// `logs-zeek.http-default` or `conn.log`.
    static func logName(inHint hint: String) -> String? {
        var text = Substring(hint.lowercased())
        // A URL path names the log in its last segment.
        if let slash = text.dropLast(text.hasSuffix("/") ? 1 : 0).lastIndex(of: "/") {
            text = text[text.index(after: slash)...]
            if text.hasSuffix("/") { text = text.dropLast() }
        }
        if let zeek = text.firstRange(of: "zeek") {
            text = text[zeek.upperBound...]
            guard let first = text.first, first == "-" || first == "_" || first == "." else { return nil }
            text = text.dropFirst()
        }
        if text.hasSuffix(".log") { text = text.dropLast(4) }
        if text.hasSuffix(".json") { text = text.dropLast(5) }
        // The log name runs to the next `-` or `.` (log names themselves use `_`).
        if let end = text.firstIndex(where: { $0 == "-" || $0 == "." }) { text = text[..<end] }
        return text.isEmpty ? nil : String(text)
    }

    /// Infers the log from fields only that log writes.
    static func infer(_ record: JSONValue) -> ZeekLogType? {
        func has(_ key: String) -> Bool { record[key] != nil }
        if has("note") { return .notice }
        if has("conn_state") || has("history") && has("orig_bytes") { return .conn }
        if has("qtype_name") || has("query") && has("trans_id") { return .dns }
        if has("method") && (has("uri") || has("status_code")) { return .http }
        if has("server_name") || has("ja3") || has("cipher") && has("established") { return .ssl }
        if has("fuid") && (has("mime_type") || has("tx_hosts") || has("source")) { return .files }
        if has("certificate.subject") || has("certificate_subject") || record[path: "certificate.subject"] != nil { return .x509 }
        if has("request_type") && has("client") { return .kerberos }
        if has("share_type") { return .smb_mapping }
        if has("named_pipe") || has("operation") && has("endpoint") { return .dce_rpc }
        if has("auth_success") || has("host_key") { return .ssh }
        if has("reply_code") && has("command") { return .ftp }
        if has("domainname") && has("username") || has("server_nb_computer_name") { return .ntlm }
        return nil
    }
}
