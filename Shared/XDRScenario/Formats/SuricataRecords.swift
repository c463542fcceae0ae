/// Suricata EVE JSON records (alert, flow, dns, tls, http), written as Suricata writes them,
/// including jansson's `\/` escaping of slashes.
enum SuricataRecords {
    struct Tuple {
        var flowID: Int
        var sourceIP: String
        var sourcePort: Int
        var destinationIP: String
        var destinationPort: Int
        var proto = "TCP"
    }

    private static func start(_ type: String, _ tuple: Tuple, time: Int64) -> JSONLine {
        var line = JSONLine(capacity: 1024)
        line.escapesSlashes = true
        line.time("timestamp", time, .suricata)
        line.int("flow_id", tuple.flowID)
        line.string("in_iface", "ens192")
        line.string("event_type", type)
        line.string("src_ip", tuple.sourceIP)
        line.int("src_port", tuple.sourcePort)
        line.string("dest_ip", tuple.destinationIP)
        line.int("dest_port", tuple.destinationPort)
        line.string("proto", tuple.proto)
        return line
    }

    struct Signature {
        var id: Int
        var revision: Int
        var text: String
        var category: String
        /// 1 high … 3 low.
        var severity: Int
        var appProto: String?
        var metadata: [(String, [String])] = []
    }

    static func alert(_ signature: Signature, _ tuple: Tuple, time: Int64, http: HTTP? = nil, sni: String? = nil) -> [UInt8] {
        var line = start("alert", tuple, time: time)
        line.int("tx_id", 0)
        line.object("alert") { alert in
            alert.string("action", "allowed")
            alert.int("gid", 1)
            alert.int("signature_id", signature.id)
            alert.int("rev", signature.revision)
            alert.string("signature", signature.text)
            alert.string("category", signature.category)
            alert.int("severity", signature.severity)
            if !signature.metadata.isEmpty {
                alert.object("metadata") { metadata in
                    for (key, values) in signature.metadata { metadata.strings(key, values) }
                }
            }
        }
        if let http { line.object("http") { writeHTTP(http, into: &$0) } }
        if let sni { line.object("tls") { $0.string("sni", sni); $0.string("version", "TLS 1.2") } }
        if let appProto = signature.appProto { line.string("app_proto", appProto) }
        line.string("direction", "to_server")
        line.object("flow") { flow in
            flow.int("pkts_toserver", 4)
            flow.int("pkts_toclient", 3)
            flow.int("bytes_toserver", 517)
            flow.int("bytes_toclient", 1_822)
            flow.time("start", time - 180_000, .suricata)
        }
        return line.finish()
    }

    struct FlowStats {
        var appProto: String?
        var packetsOut: Int
        var packetsIn: Int
        var bytesOut: Int
        var bytesIn: Int
        var seconds: Int
        var alerted = false
    }

    static func flow(_ tuple: Tuple, _ stats: FlowStats, time: Int64) -> [UInt8] {
        var line = start("flow", tuple, time: time)
        if let appProto = stats.appProto { line.string("app_proto", appProto) }
        line.object("flow") { flow in
            flow.int("pkts_toserver", stats.packetsOut)
            flow.int("pkts_toclient", stats.packetsIn)
            flow.int("bytes_toserver", stats.bytesOut)
            flow.int("bytes_toclient", stats.bytesIn)
            flow.time("start", time - Int64(stats.seconds) * 1_000_000, .suricata)
            flow.time("end", time, .suricata)
            flow.int("age", stats.seconds)
            flow.string("state", tuple.proto == "TCP" ? "closed" : "established")
            flow.string("reason", "timeout")
            flow.bool("alerted", stats.alerted)
        }
        if tuple.proto == "TCP" {
            line.object("tcp") { tcp in
                tcp.string("tcp_flags", "1b")
                tcp.string("tcp_flags_ts", "1b")
                tcp.string("tcp_flags_tc", "1b")
                tcp.bool("syn", true)
                tcp.bool("fin", true)
                tcp.bool("psh", true)
                tcp.bool("ack", true)
                tcp.string("state", "closed")
            }
        }
        return line.finish()
    }

    /// A DNS query (`answers` empty) or its answer, in EVE DNS version 2.
    static func dns(_ tuple: Tuple, transaction: Int, query: String, answers: [String], time: Int64) -> [UInt8] {
        var line = start("dns", tuple, time: time)
        line.object("dns") { dns in
            dns.int("version", 2)
            dns.string("type", answers.isEmpty ? "query" : "answer")
            dns.int("id", transaction)
            if answers.isEmpty {
                dns.string("rrname", query)
                dns.string("rrtype", "A")
                dns.int("tx_id", 0)
                dns.int("opcode", 0)
            } else {
                dns.string("flags", "8180")
                dns.bool("qr", true)
                dns.bool("rd", true)
                dns.bool("ra", true)
                dns.int("opcode", 0)
                dns.string("rrname", query)
                dns.string("rrtype", "A")
                dns.string("rcode", "NOERROR")
                dns.objects("answers", count: answers.count) { answer, index in
                    answer.string("rrname", query)
                    answer.string("rrtype", "A")
                    answer.int("ttl", 300)
                    answer.string("rdata", answers[index])
                }
                dns.object("grouped") { $0.strings("A", answers) }
            }
        }
        return line.finish()
    }

    static func tls(_ tuple: Tuple, sni: String, subject: String, issuer: String, ja3: String, time: Int64) -> [UInt8] {
        var line = start("tls", tuple, time: time)
        line.object("tls") { tls in
            tls.string("subject", subject)
            tls.string("issuerdn", issuer)
            tls.string("serial", "3A:" + String(ja3.prefix(10)).uppercased())
            tls.string("fingerprint", String(ja3.prefix(40)))
            tls.string("sni", sni)
            tls.string("version", "TLS 1.2")
            tls.time("notbefore", time - 40 * 86_400_000_000, .isoSeconds)
            tls.time("notafter", time + 50 * 86_400_000_000, .isoSeconds)
            tls.object("ja3") { $0.string("hash", String(ja3.prefix(32))) }
        }
        return line.finish()
    }

    struct HTTP {
        var hostname: String
        var url: String
        var userAgent: String
        var method = "GET"
        var status = 200
        var length: Int
        var contentType = "text/html"
    }

    static func http(_ tuple: Tuple, _ http: HTTP, time: Int64) -> [UInt8] {
        var line = start("http", tuple, time: time)
        line.int("tx_id", 0)
        line.object("http") { writeHTTP(http, into: &$0) }
        return line.finish()
    }

    private static func writeHTTP(_ http: HTTP, into object: inout JSONLine) {
        object.string("hostname", http.hostname)
        object.string("url", http.url)
        object.string("http_user_agent", http.userAgent)
        object.string("http_content_type", http.contentType)
        object.string("http_method", http.method)
        object.string("protocol", "HTTP/1.1")
        object.int("status", http.status)
        object.int("length", http.length)
    }
}
