import Foundation
import Testing
@testable import XDRIngest
import XDRModel

@Suite struct ZeekLogTests {
    let format = ZeekLog()

    static let golden = #"""
    {"_path":"conn","ts":1795338930.123456,"uid":"CAbc123","id.orig_h":"10.1.2.3","id.orig_p":49712,"id.resp_h":"203.0.113.7","id.resp_p":443,"proto":"tcp","service":"ssl","duration":12.5,"orig_bytes":1500,"resp_bytes":9000,"conn_state":"SF","history":"ShADadFf","orig_l2_addr":"00:0C:29:AA:BB:CC","_system_name":"zeek-sensor-1"}
    {"_path":"dns","ts":"2026-11-22T09:15:31.000001Z","uid":"CDns1","id":{"orig_h":"10.1.2.3","orig_p":53000,"resp_h":"10.0.0.53","resp_p":53},"proto":"udp","trans_id":4242,"query":"c2.evil.example","qtype_name":"A","rcode_name":"NOERROR","answers":["203.0.113.7","cdn.evil.example"]}
    {"@stream":"http","ts":1795338932.5,"uid":"CHttp1","id_orig_h":"10.1.2.3","id_orig_p":50000,"id_resp_h":"198.51.100.9","id_resp_p":8080,"trans_depth":1,"method":"GET","host":"dl.example.org","uri":"/payload.exe","user_agent":"curl/8.0","status_code":200}
    {"_path":"notice","ts":1795338933.0,"uid":"CNote1","id.orig_h":"10.1.2.3","id.orig_p":50001,"id.resp_h":"203.0.113.7","id.resp_p":443,"note":"SSL::Invalid_Server_Cert","msg":"SSL certificate validation failed with (self signed certificate)","sub":"CN=c2.evil.example","actions":["Notice::ACTION_LOG"]}
    {"_path":"files","ts":1795338934.0,"fuid":"FAbc1","tx_hosts":["198.51.100.9"],"rx_hosts":["10.1.2.3"],"conn_uids":["CHttp1"],"source":"HTTP","mime_type":"application/x-dosexec","filename":"payload.exe","md5":"D41D8CD98F00B204E9800998ECF8427E","sha1":"da39a3ee5e6b4b0d3255bfef95601890afd80709"}
    {"_path":"ssl","ts":1795338935.0,"uid":"CSsl1","id.orig_h":"10.1.2.3","id.orig_p":49713,"id.resp_h":"203.0.113.8","id.resp_p":443,"version":"TLSv13","server_name":"portal.example.net","ja3":"aaaa","ja3s":"bbbb","established":true}
    {"_path":"kerberos","ts":1795338936.0,"uid":"CKrb1","id.orig_h":"10.1.2.3","id.orig_p":61011,"id.resp_h":"10.0.0.4","id.resp_p":88,"request_type":"TGS","client":"alice/CORP.EXAMPLE","service":"LDAP/DC01.corp.example/corp.example","success":true}
    """#

    @Test func normalisesConnDnsAndHttpTelemetry() throws {
        let run = FormatHarness.run(format, Self.golden)
        #expect(run.rejected.isEmpty, "\(run.rejected.map { $0.error.description })")
        #expect(run.accepted.count == 7)
        let conn = run.accepted[0], dns = run.accepted[1], http = run.accepted[2]
        #expect(conn.time == 1_795_338_930_123_456)
        #expect(conn.kind == .telemetry && conn.classUID == OCSFClass.networkActivity && conn.activityID == 2)
        #expect(conn.severity == .informational)
        #expect(conn.sourceEventID == "conn:CAbc123:1795338930.123456")
        #expect(conn.title == "Connection tcp 10.1.2.3:49712 → 203.0.113.7:443 (SF, ssl)")
        #expect(conn.entityKeys == ["ip:10.1.2.3", "ip:203.0.113.7", "host:zeek-sensor-1", "mac:00:0c:29:aa:bb:cc"])
        #expect(conn.details["traffic.bytes_in"] == .number("9000"))

        #expect(dns.time == 1_795_338_931_000_001)
        #expect(dns.classUID == OCSFClass.dnsActivity && dns.activityID == 2)
        #expect(dns.srcIP == "10.1.2.3" && dns.dstPort == 53)
        #expect(dns.title == "DNS c2.evil.example A → NOERROR")
        #expect(dns.sourceEventID == "dns:CDns1:2026-11-22T09:15:31.000001Z:4242:A")
        #expect(dns.entityKeys == ["ip:10.1.2.3", "ip:10.0.0.53", "domain:c2.evil.example", "ip:203.0.113.7", "domain:cdn.evil.example"])

        #expect(http.time == 1_795_338_932_500_000)
        #expect(http.classUID == OCSFClass.httpActivity && http.activityID == 3)
        #expect(http.url == "http://dl.example.org:8080/payload.exe")
        #expect(http.srcIP == "10.1.2.3" && http.dstIP == "198.51.100.9" && http.dstPort == 8080)
        #expect(http.sourceEventID == "http:CHttp1:1795338932.5:1")
        #expect(http.entityKeys.contains("url:http://dl.example.org:8080/payload.exe"))
    }

    @Test func normalisesANoticeAsADetection() {
        let notice = FormatHarness.run(format, Self.golden).accepted[3]
        #expect(notice.kind == .detection)
        #expect(notice.classUID == OCSFClass.detectionFinding)
        #expect(notice.severity == .medium)
        #expect(notice.title == "SSL::Invalid_Server_Cert")
        #expect(notice.ruleID == "SSL::Invalid_Server_Cert")
        #expect(notice.time == 1_795_338_933_000_000)
        #expect(notice.sourceEventID == "notice:CNote1:1795338933.0:SSL::Invalid_Server_Cert")
        #expect(notice.entityKeys == ["ip:10.1.2.3", "ip:203.0.113.7"])
        #expect(notice.details["finding_info.desc"] == .string("SSL certificate validation failed with (self signed certificate)"))
    }

    @Test func normalisesFilesSslAndKerberos() {
        let run = FormatHarness.run(format, Self.golden)
        let files = run.accepted[4], ssl = run.accepted[5], kerberos = run.accepted[6]
        #expect(files.classUID == OCSFClass.networkFileActivity)
        #expect(files.sourceEventID == "files:FAbc1:1795338934.0")
        #expect(files.srcIP == "198.51.100.9" && files.dstIP == "10.1.2.3")
        #expect(files.fileHashes == ["md5": "d41d8cd98f00b204e9800998ecf8427e", "sha1": "da39a3ee5e6b4b0d3255bfef95601890afd80709"])
        #expect(files.entityKeys.contains("file:payload.exe"))
        #expect(files.title == "File payload.exe over HTTP")

        #expect(ssl.entityKeys.contains("domain:portal.example.net"))
        #expect(ssl.details["tls.ja3_hash"] == .string("aaaa"))

        #expect(kerberos.classUID == OCSFClass.authentication && kerberos.activityID == 4)
        #expect(kerberos.outcome == "success")
        #expect(kerberos.userName == "alice@corp.example")
        #expect(kerberos.entityKeys.contains("host:dc01"))
    }

    @Test func takesTheLogTypeFromTheHint() throws {
        let record = #"{"ts":1795338930.0,"uid":"C1","id.orig_h":"10.0.0.1","id.orig_p":1,"id.resp_h":"10.0.0.2","id.resp_p":53,"trans_id":1,"query":"a.example"}"#
        for hint in ["/v1/ingest/zeek/dns", "zeek-dns", "zeek_dns-2026.11.22", "logs-zeek.dns-default", "dns.log", "dns"] {
            let run = FormatHarness.run(format, record, hint: hint)
            #expect(run.accepted.first?.classUID == OCSFClass.dnsActivity, "hint \(hint)")
        }
        // `_path` wins over the hint.
        let conn = #"{"_path":"conn","ts":1795338930.0,"uid":"C1","id.orig_h":"10.0.0.1"}"#
        #expect(FormatHarness.run(format, conn, hint: "zeek-dns").accepted.first?.classUID == OCSFClass.networkActivity)
    }

    @Test func infersTheLogTypeFromFieldsWithoutPathOrHint() {
        let record = #"{"ts":1795338930.0,"uid":"C1","id.orig_h":"10.0.0.1","conn_state":"REJ"}"#
        let event = FormatHarness.run(format, record).accepted.first
        #expect(event?.classUID == OCSFClass.networkActivity && event?.activityID == 5)
    }

    @Test func rejectsMalformedAndUnsupportedRecords() {
        let body = #"""
        {"_path":"conn","uid":"C1"}
        {"_path":"conn","ts":"yesterday"}
        {"_path":"conn","ts":true}
        {"_path":"conn","ts":1795338930.0,"id.orig_h":"not-an-ip"}
        {"_path":"dns","ts":1795338930.0,"trans_id":"x"}
        {"_path":"notice","ts":1795338930.0}
        {"_path":"stats","ts":1795338930.0}
        {"_path":"smtp","ts":1795338930.0}
        {"ts":1795338930.0,"foo":1}
        """#
        let messages = FormatHarness.run(format, body).rejected.map { $0.error.description }
        #expect(messages.count == 9)
        #expect(messages[0] == "field \"ts\": missing")
        #expect(messages[1] == "field \"ts\": not a date: \"yesterday\"")
        #expect(messages[2] == "field \"ts\": expected a time, got a boolean")
        #expect(messages[3] == "field \"id.orig_h\": not an IP address: \"not-an-ip\"")
        #expect(messages[4] == "field \"trans_id\": expected an integer, got \"x\"")
        #expect(messages[5] == "field \"note\": missing")
        #expect(messages[6].hasPrefix("field \"_path\": Zeek log \"stats\" is not supported (conn, dns, http, ssl, files, notice,"))
        #expect(messages[7] == "field \"_path\": Zeek smtp logs are e-mail telemetry: send them to the email ingestor")
        #expect(messages[8].hasPrefix("field \"_path\": cannot tell which Zeek log this record is from"))
    }

    /// Every Zeek JSON sample (all sensors) is accepted. Without `XDR_SHARED_DIR` and without the
    /// `../shared` folder the corpus is absent and the test returns.
    @Test func acceptsTheRealSamples() throws {
        guard let root = Samples.directory else {
            if ProcessInfo.processInfo.environment["XDR_SHARED_DIR"] == nil { return }
            Issue.record("../shared/samples not found")
            return
        }
        let folders = Samples.files(in: "network/zeek_json")
        #expect(folders.count >= 5)
        var total = 0
        for folder in folders {
            for file in Samples.files(in: "network/zeek_json/\(folder.lastPathComponent)") {
                let run = try FormatHarness.run(format, file: file)
                print("samples zeek \(folder.lastPathComponent)/\(file.lastPathComponent): \(run.accepted.count) accepted, \(run.rejected.count) rejected")
                #expect(run.rejected.isEmpty, "\(file.path): \(run.rejected.prefix(3).map { "line \($0.number): \($0.error)" })")
                #expect(run.accepted.count > 0, "\(file.path)")
                total += run.accepted.count
            }
        }
        #expect(total > 5000, "\(root.path)")
    }
}
