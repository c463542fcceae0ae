/// Zeek JSON logs (conn, dns, ssl) as `LogAscii::use_json` writes them with the log path added
/// (`_path`, as streaming shippers do): epoch-seconds `ts` and flat dotted `id.orig_h`-style keys.
enum ZeekRecords {
    struct Connection {
        var uid: String
        var originIP: String
        var originPort: Int
        var responderIP: String
        var responderPort: Int
        var proto = "tcp"
    }

    private static func start(_ path: String, _ connection: Connection, time: Int64) -> JSONLine {
        var line = JSONLine(capacity: 640)
        line.string("_path", path)
        line.number("ts", text: TimeText.epochSeconds(time))
        line.string("uid", connection.uid)
        line.string("id.orig_h", connection.originIP)
        line.int("id.orig_p", connection.originPort)
        line.string("id.resp_h", connection.responderIP)
        line.int("id.resp_p", connection.responderPort)
        return line
    }

    static func conn(_ connection: Connection, service: String?, duration: Double, bytesOut: Int, bytesIn: Int,
                     state: String = "SF", time: Int64) -> [UInt8] {
        var line = start("conn", connection, time: time)
        line.string("proto", connection.proto)
        if let service { line.string("service", service) }
        line.number("duration", text: String(format3: duration))
        line.int("orig_bytes", bytesOut)
        line.int("resp_bytes", bytesIn)
        line.string("conn_state", state)
        line.bool("local_orig", connection.originIP.hasPrefix("10."))
        line.bool("local_resp", connection.responderIP.hasPrefix("10."))
        line.int("missed_bytes", 0)
        line.string("history", state == "SF" ? "ShADadFf" : "S0")
        line.int("orig_pkts", max(1, bytesOut / 500))
        line.int("orig_ip_bytes", bytesOut + 40 * max(1, bytesOut / 500))
        line.int("resp_pkts", max(0, bytesIn / 1200))
        line.int("resp_ip_bytes", bytesIn + 40 * max(0, bytesIn / 1200))
        return line.finish()
    }

    static func dns(_ connection: Connection, transaction: Int, query: String, answers: [String], time: Int64) -> [UInt8] {
        var line = start("dns", connection, time: time)
        line.string("proto", "udp")
        line.int("trans_id", transaction)
        line.number("rtt", text: "0.0021")
        line.string("query", query)
        line.int("qclass", 1)
        line.string("qclass_name", "C_INTERNET")
        line.int("qtype", 1)
        line.string("qtype_name", "A")
        line.int("rcode", 0)
        line.string("rcode_name", "NOERROR")
        line.bool("AA", false)
        line.bool("TC", false)
        line.bool("RD", true)
        line.bool("RA", true)
        line.int("Z", 0)
        line.strings("answers", answers)
        line.ints("TTLs", answers.map { _ in 300 })
        line.bool("rejected", false)
        return line.finish()
    }

    static func ssl(_ connection: Connection, serverName: String, subject: String, issuer: String,
                    ja3: String, time: Int64) -> [UInt8] {
        var line = start("ssl", connection, time: time)
        line.string("version", "TLSv12")
        line.string("cipher", "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384")
        line.string("curve", "x25519")
        line.string("server_name", serverName)
        line.bool("resumed", false)
        line.bool("established", true)
        line.string("subject", subject)
        line.string("issuer", issuer)
        line.string("ja3", String(ja3.prefix(32)))
        line.string("ja3s", String(ja3.suffix(32)))
        return line.finish()
    }
}

extension String {
    /// A non-negative number with three decimals, without Foundation's `String(format:)`.
    init(format3 value: Double) {
        let thousandths = Int((value * 1000).rounded())
        let fraction = thousandths % 1000
        self = "\(thousandths / 1000)." + (fraction < 10 ? "00" : fraction < 100 ? "0" : "") + String(fraction)
    }
}
