import XDRJSON
import XDRModel

/// conn, dns, http, ssl, files and notice: the logs correlation leans on most.
extension ZeekLog {
    /// OCSF Network Activity id for Zeek's `conn_state`.
    static func connActivity(_ state: String?) -> Int {
        switch state {
        case "REJ": NetworkActivity.refuse
        case "S0": NetworkActivity.fail           // attempt seen, never answered
        case "RSTO", "RSTR", "RSTOS0", "RSTRH": NetworkActivity.reset
        case "SF", "S1", "S2", "S3": NetworkActivity.close
        case nil: NetworkActivity.traffic
        default: NetworkActivity.traffic
        }
    }

    static func addConn(_ record: JSONValue, to event: inout NormalizedEvent) throws(RecordError) {
        let state = record["conn_state"]?.text
        event.classUID = OCSFClass.networkActivity
        event.activityID = connActivity(state)
        let service = record["service"]?.text
        let suffix = [state, service].compactMap { $0 }.joined(separator: ", ")
        event.title = "Connection \(NetworkActivity.summary(event))\(suffix.isEmpty ? "" : " (\(suffix))")"
        for (source, target) in [("orig_bytes", "traffic.bytes_out"), ("resp_bytes", "traffic.bytes_in"),
                                 ("orig_pkts", "traffic.packets_out"), ("resp_pkts", "traffic.packets_in"),
                                 ("duration", "duration_seconds"), ("missed_bytes", "traffic.missed_bytes")] {
            event.setDetail(target, record[source])
        }
        event.setDetail("connection_info.state", state)
        event.setDetail("connection_info.history", record["history"]?.text)
        event.setDetail("connection_info.community_uid", record["community_id"]?.text)
        event.setDetail("app_name", service)
        event.setDetail("src_endpoint.is_local", record["local_orig"])
        event.setDetail("dst_endpoint.is_local", record["local_resp"])
        NetworkActivity.addMAC(record["orig_l2_addr"]?.text, role: .source, to: &event)
        NetworkActivity.addMAC(record["resp_l2_addr"]?.text, role: .destination, to: &event)
    }

    static func addDNS(_ record: JSONValue, to event: inout NormalizedEvent) throws(RecordError) -> String? {
        let query = record["query"]?.text
        let type = record["qtype_name"]?.text ?? record["qtype"]?.string
        let rcode = record["rcode_name"]?.text ?? record["rcode"]?.string
        event.classUID = OCSFClass.dnsActivity
        // A record with a response code saw the answer; one without saw only the query.
        event.activityID = rcode == nil ? NetworkActivity.dnsQuery : NetworkActivity.dnsResponse
        event.addDomain(query, role: .target)
        let answers = record["answers"]?.strings ?? []
        for answer in answers {
            if EntityNormalizer.ip(answer) != nil { event.addIP(answer, role: .related) } else { event.addDomain(answer, role: .related) }
        }
        event.title = "DNS \(query ?? "query")\(type.map { " \($0)" } ?? "")\(rcode.map { " → \($0)" } ?? "")"
        event.setDetail("query.hostname", query)
        event.setDetail("query.type", type)
        event.setDetail("query.class", record["qclass_name"]?.text)
        event.setDetail("rcode", rcode)
        event.setDetail("query.uid", record["trans_id"])
        event.setDetail("answers", answers.isEmpty ? nil : .strings(answers))
        event.setDetail("rejected", record["rejected"])
        let transaction = try int(record, "trans_id")
        return "\(transaction.map(String.init) ?? "-"):\(type ?? "-")"
    }

    static func addHTTP(_ record: JSONValue, to event: inout NormalizedEvent) throws(RecordError) -> String? {
        let method = record["method"]?.text
        event.classUID = OCSFClass.httpActivity
        event.activityID = NetworkActivity.http(method: method)
        let host = record["host"]?.text
        if let host {
            if EntityNormalizer.ip(host) != nil { event.addIP(host, role: .destination) } else { event.addDomain(host, role: .destination) }
        }
        event.addURL(NetworkActivity.url(host: host ?? event.dstIP, target: record["uri"]?.text, port: event.dstPort), role: .destination)
        event.addUser(record["username"]?.text, role: .actor)
        let status = record["status_code"]?.string
        event.title = "HTTP \(method ?? "request") \(event.url ?? record["uri"]?.text ?? "?")\(status.map { " \($0)" } ?? "")"
        event.setDetail("http_request.http_method", method)
        event.setDetail("http_request.user_agent", record["user_agent"]?.text)
        event.setDetail("http_request.referrer", record["referrer"]?.text)
        event.setDetail("http_request.version", record["version"]?.text)
        event.setDetail("http_response.code", record["status_code"])
        event.setDetail("http_response.message", record["status_msg"]?.text)
        event.setDetail("http_request.length", record["request_body_len"])
        event.setDetail("http_response.length", record["response_body_len"])
        event.setDetail("http_response.content_type", record["resp_mime_types"].map { JSONValue.strings($0.strings) })
        event.setDetail("file.uids", record["resp_fuids"].map { JSONValue.strings($0.strings) })
        return try int(record, "trans_depth").map(String.init)
    }

    static func addSSL(_ record: JSONValue, to event: inout NormalizedEvent) {
        event.classUID = OCSFClass.networkActivity
        event.activityID = NetworkActivity.traffic
        let serverName = record["server_name"]?.text
        if let serverName, EntityNormalizer.ip(serverName) == nil { event.addDomain(serverName, role: .destination) }
        event.title = "TLS \(serverName ?? NetworkActivity.summary(event))\(record["version"]?.text.map { " \($0)" } ?? "")"
        event.setDetail("tls.sni", serverName)
        event.setDetail("tls.version", record["version"]?.text)
        event.setDetail("tls.cipher", record["cipher"]?.text)
        event.setDetail("tls.certificate.subject", record["subject"]?.text)
        event.setDetail("tls.certificate.issuer", record["issuer"]?.text)
        event.setDetail("tls.ja3_hash", record["ja3"]?.text)
        event.setDetail("tls.ja3s_hash", record["ja3s"]?.text)
        event.setDetail("tls.validation_status", record["validation_status"]?.text)
        event.setDetail("tls.established", record["established"])
        event.setDetail("tls.certificate.uids", record["cert_chain_fuids"].map { JSONValue.strings($0.strings) })
    }

    static func addFiles(_ record: JSONValue, to event: inout NormalizedEvent) {
        event.classUID = OCSFClass.networkFileActivity
        event.activityID = 0
        // Older files.log has no 4-tuple: the sending and receiving hosts stand in for it.
        for host in field(record, "tx_hosts")?.strings ?? [] { event.addIP(host, role: .source) }
        for host in field(record, "rx_hosts")?.strings ?? [] { event.addIP(host, role: .destination) }
        let name = record["filename"]?.text
        event.addFile(name, role: .target)
        for algorithm in ["md5", "sha1", "sha256"] {
            event.addHash(record[algorithm]?.text, algorithm: algorithm, role: .target)
        }
        let label = name.map { EntityNormalizer.fileName($0) } ?? record["mime_type"]?.text ?? "file"
        event.title = "File \(label)\(record["source"]?.text.map { " over \($0)" } ?? "")"
        event.setDetail("file.uid", record["fuid"]?.text)
        event.setDetail("file.mime_type", record["mime_type"]?.text)
        event.setDetail("file.size", record["total_bytes"] ?? record["seen_bytes"])
        event.setDetail("app_name", record["source"]?.text)
        event.setDetail("connection_info.uids", record["conn_uids"].map { JSONValue.strings($0.strings) })
        event.setDetail("file.extracted", record["extracted"]?.text)
    }

    /// A notice is Zeek's own alert (a policy script decided something deserves attention).
    static func addNotice(_ record: JSONValue, to event: inout NormalizedEvent) throws(RecordError) -> String? {
        let note = try record.requiredText("note")
        let actions = record["actions"]?.strings ?? []
        event.kind = .detection
        event.classUID = OCSFClass.detectionFinding
        event.activityID = 1
        // Zeek has no severity scale; a notice a site escalated to an alarm is the strongest signal.
        event.severity = actions.contains("Notice::ACTION_ALARM") ? .high : .medium
        event.title = note
        event.ruleID = note
        if event.srcIP == nil { event.addIP(record["src"]?.text, role: .source) }
        if event.dstIP == nil { event.addIP(record["dst"]?.text, role: .destination, port: try int(record, "p")) }
        event.setDetail("finding_info.title", note)
        event.setDetail("finding_info.desc", record["msg"]?.text)
        event.setDetail("message", record["msg"]?.text)
        event.setDetail("notice.sub", record["sub"]?.text)
        event.setDetail("notice.actions", actions.isEmpty ? nil : .strings(actions))
        event.setDetail("file.uid", record["fuid"]?.text)
        event.setDetail("file.mime_type", record["file_mime_type"]?.text)
        event.setDetail("count", record["n"])
        return note
    }
}
