import XDRJSON
import XDRModel

extension SuricataEVE {
    /// A flow (or unidirectional netflow) record, written when Suricata retires the flow.
    static func addFlow(_ record: JSONValue, type: String, to event: inout NormalizedEvent) throws(RecordError) {
        guard let flow = record[type], flow.object != nil else { throw .missing(type) }
        event.classUID = OCSFClass.networkActivity
        event.activityID = NetworkActivity.traffic
        event.title = "\(type == "flow" ? "Flow" : "Netflow") \(NetworkActivity.summary(event))"
        for (source, target) in [("pkts_toserver", "traffic.packets_out"), ("pkts_toclient", "traffic.packets_in"),
                                 ("bytes_toserver", "traffic.bytes_out"), ("bytes_toclient", "traffic.bytes_in"),
                                 ("pkts", "traffic.packets"), ("bytes", "traffic.bytes"), ("age", "duration_seconds")] {
            event.setDetail(target, flow[source])
        }
        for field in ["start", "end"] {
            guard let text = flow[field]?.text else { continue }
            guard let micros = EventTime.iso8601(text) else { throw .notADate("\(type).\(field)", text) }
            event.setDetail(field == "start" ? "start_time" : "end_time", EventTime.format(micros))
        }
        event.setDetail("connection_info.state", flow["state"]?.text)
        event.setDetail("connection_info.reason", flow["reason"]?.text)
        event.setDetail("alerted", flow["alerted"])
        event.setDetail("connection_info.tcp_flags", record[path: "tcp.tcp_flags"]?.text)
    }

    /// A DNS query or answer, in any of EVE's three layouts (v1 one record per answer, v2
    /// `answers`/`grouped`, v3 `queries`).
    static func addDNS(_ record: JSONValue, to event: inout NormalizedEvent) throws(RecordError) {
        guard let dns = record["dns"], dns.object != nil else { throw .missing("dns") }
        let type = dns["type"]?.text ?? (dns["queries"] != nil ? "request" : "answer")
        let isQuery = type == "query" || type == "request"
        event.classUID = OCSFClass.dnsActivity
        event.activityID = isQuery ? NetworkActivity.dnsQuery : NetworkActivity.dnsResponse
        let query = dns["rrname"]?.text ?? dns["queries"]?.array?.first?["rrname"]?.text
        let rrtype = dns["rrtype"]?.text ?? dns["queries"]?.array?.first?["rrtype"]?.text
        addDNSEntities(record, to: &event)
        event.title = "DNS \(isQuery ? "query" : "answer") \(query ?? "?")\(rrtype.map { " \($0)" } ?? "")"
        event.setDetail("query.hostname", query)
        event.setDetail("query.type", rrtype)
        event.setDetail("rcode", dns["rcode"]?.text)
        event.setDetail("query.uid", dns["id"])
        event.setDetail("answers", .strings(dnsAnswers(dns)))
        event.setDetail("ttl", dns["ttl"])
    }

    /// Answer data from `rdata` (v1), `answers[].rdata` (v2/v3) and `grouped` (v2).
    static func dnsAnswers(_ dns: JSONValue) -> [String] {
        var answers: [String] = []
        if let rdata = dns["rdata"]?.text { answers.append(rdata) }
        for answer in dns["answers"]?.array ?? [] { if let rdata = answer["rdata"]?.text { answers.append(rdata) } }
        for member in dns["grouped"]?.object?.members ?? [] { answers.append(contentsOf: member.value.strings) }
        return answers
    }

    /// The queried name (domain) and any answered address or name.
    static func addDNSEntities(_ record: JSONValue, to event: inout NormalizedEvent) {
        guard let dns = record["dns"] else { return }
        event.addDomain(dns["rrname"]?.text, role: .target)
        for query in dns["queries"]?.array ?? [] { event.addDomain(query["rrname"]?.text, role: .target) }
        for answer in dnsAnswers(dns) {
            if EntityNormalizer.ip(answer) != nil { event.addIP(answer, role: .related) }
            else { event.addDomain(answer, role: .related) }
        }
    }

    /// Several v1 answer records share flow, type and timestamp: the answer tells them apart.
    static func dnsAnswerDiscriminator(_ record: JSONValue) -> String? {
        guard let dns = record["dns"], let type = dns["type"]?.text, type == "answer" else { return nil }
        let parts = [dns["rrtype"]?.text, dns["rdata"]?.text ?? dns["rcode"]?.text].compactMap { $0 }
        return parts.isEmpty ? nil : parts.joined(separator: ":")
    }

    static func addHTTP(_ record: JSONValue, to event: inout NormalizedEvent) throws(RecordError) {
        guard let http = record["http"], http.object != nil else { throw .missing("http") }
        let method = http["http_method"]?.text
        event.classUID = OCSFClass.httpActivity
        event.activityID = NetworkActivity.http(method: method)
        try addHTTPEntities(record, to: &event)
        let target = event.url ?? http["url"]?.text ?? "?"
        let status = http["status"]?.string.map { " \($0)" } ?? ""
        event.title = "HTTP \(method ?? "request") \(target)\(status)"
    }

    /// Host, URL and user agent of the `http` object (also present on alerts and fileinfo records).
    static func addHTTPEntities(_ record: JSONValue, to event: inout NormalizedEvent) throws(RecordError) {
        guard let http = record["http"] else { return }
        let host = http["hostname"]?.text
        if let host {
            if EntityNormalizer.ip(host) != nil { event.addIP(host, role: .destination) } else { event.addDomain(host, role: .destination) }
        }
        let port = try record.optionalInt("dest_port")
        let serverPort = record["event_type"]?.text == "fileinfo" ? try record.optionalInt("src_port") : port
        event.addURL(NetworkActivity.url(host: host, target: http["url"]?.text, port: serverPort), role: .destination)
        event.setDetail("http_request.http_method", http["http_method"]?.text)
        event.setDetail("http_request.user_agent", http["http_user_agent"]?.text)
        event.setDetail("http_request.referrer", http["http_refer"]?.text)
        event.setDetail("http_request.version", http["protocol"]?.text)
        event.setDetail("http_response.code", http["status"])
        event.setDetail("http_response.content_type", http["http_content_type"]?.text)
        event.setDetail("http_response.length", http["length"])
    }

    static func addTLS(_ record: JSONValue, to event: inout NormalizedEvent) throws(RecordError) {
        guard let tls = record["tls"], tls.object != nil else { throw .missing("tls") }
        event.classUID = OCSFClass.networkActivity
        event.activityID = NetworkActivity.traffic
        addTLSEntities(record, to: &event)
        event.title = "TLS \(tls["sni"]?.text ?? NetworkActivity.summary(event))\(tls["version"]?.text.map { " \($0)" } ?? "")"
    }

    /// SNI as a domain, certificate and JA3/JA3S fingerprints as details.
    static func addTLSEntities(_ record: JSONValue, to event: inout NormalizedEvent) {
        guard let tls = record["tls"] else { return }
        event.addDomain(tls["sni"]?.text, role: .destination)
        event.setDetail("tls.sni", tls["sni"]?.text)
        event.setDetail("tls.version", tls["version"]?.text)
        event.setDetail("tls.certificate.subject", tls["subject"]?.text)
        event.setDetail("tls.certificate.issuer", tls["issuerdn"]?.text)
        event.setDetail("tls.certificate.serial_number", tls["serial"]?.text)
        event.setDetail("tls.certificate.fingerprints", tls["fingerprint"]?.text)
        event.setDetail("tls.certificate.created_time", tls["notbefore"]?.text)
        event.setDetail("tls.certificate.expiration_time", tls["notafter"]?.text)
        event.setDetail("tls.ja3_hash", tls[path: "ja3.hash"]?.text)
        event.setDetail("tls.ja3s_hash", tls[path: "ja3s.hash"]?.text)
    }

    static func addFileInfo(_ record: JSONValue, to event: inout NormalizedEvent) throws(RecordError) {
        guard let file = record["fileinfo"], file.object != nil else { throw .missing("fileinfo") }
        event.classUID = OCSFClass.networkFileActivity
        event.activityID = 0
        addFileEntities(file, to: &event)
        let name = file["filename"]?.text.map { EntityNormalizer.fileName($0) } ?? "file"
        event.title = "File \(name) seen in \(record["app_proto"]?.text ?? "traffic")"
    }

    /// The file name and hashes of a `fileinfo` object (or an element of an alert's `files`).
    static func addFileEntities(_ file: JSONValue?, to event: inout NormalizedEvent) {
        guard let file else { return }
        event.addFile(file["filename"]?.text, role: .target)
        event.addHash(file["sha256"]?.text, algorithm: "sha256", role: .target)
        event.addHash(file["sha1"]?.text, algorithm: "sha1", role: .target)
        event.addHash(file["md5"]?.text, algorithm: "md5", role: .target)
        event.setDetail("file.mime_type", file["magic"]?.text)
        event.setDetail("file.size", file["size"])
        event.setDetail("file.state", file["state"]?.text)
        event.setDetail("file.stored", file["stored"])
    }

    static func addSMB(_ record: JSONValue, to event: inout NormalizedEvent) {
        let smb = record["smb"]
        event.classUID = OCSFClass.smbActivity
        event.activityID = 0
        let command = smb?["command"]?.text
        event.title = "SMB \(command ?? "request") \(smb?["filename"]?.text ?? smb?["share"]?.text ?? NetworkActivity.summary(event))"
        event.setDetail("smb.command", command)
        event.setDetail("smb.share", smb?["share"]?.text)
        event.setDetail("smb.status", smb?["status"]?.text)
        if let name = smb?["filename"]?.text { event.addFile(name, role: .target) }
        if let user = smb?[path: "ntlmssp.user"]?.text {
            event.addUser(user, domain: smb?[path: "ntlmssp.domain"]?.text, role: .actor)
        }
        event.addHost(smb?[path: "ntlmssp.host"]?.text, role: .source)
    }

    static func addSSH(_ record: JSONValue, to event: inout NormalizedEvent) {
        let ssh = record["ssh"]
        event.classUID = OCSFClass.sshActivity
        event.activityID = 0
        event.title = "SSH \(NetworkActivity.summary(event))"
        event.setDetail("ssh.client_software", ssh?[path: "client.software_version"]?.text)
        event.setDetail("ssh.server_software", ssh?[path: "server.software_version"]?.text)
        event.setDetail("ssh.hassh", ssh?[path: "client.hassh.hash"]?.text)
    }
}
