import Foundation
import Testing
@testable import XDRIngest
import XDRModel

@Suite struct SuricataEVETests {
    let format = SuricataEVE()

    static let golden = #"""
    {"timestamp":"2026-11-22T10:15:30.123456+0100","flow_id":1234567890123456,"in_iface":"eth0","event_type":"alert","src_ip":"10.1.2.3","src_port":49712,"dest_ip":"203.0.113.7","dest_port":443,"proto":"TCP","community_id":"1:abc=","host":"sensor-01.corp.example","alert":{"action":"blocked","gid":1,"signature_id":2027865,"rev":3,"signature":"ET MALWARE Cobalt Strike Beacon","category":"A Network Trojan was detected","severity":1,"metadata":{"mitre_technique_id":["T1071.001"],"mitre_tactic_name":["Command_And_Control"]}},"tls":{"sni":"c2.evil.example","ja3":{"hash":"72a589da586844d7f0818ce684948eea"}},"files":[{"filename":"/beacon.bin","md5":"0cc175b9c0f1b6a831c399e269772661","size":1}],"app_proto":"tls"}
    {"timestamp":"2026-11-22T09:15:31.000001Z","flow_id":1234567890123456,"event_type":"dns","src_ip":"10.1.2.3","src_port":53000,"dest_ip":"10.0.0.53","dest_port":53,"proto":"UDP","dns":{"type":"answer","id":4242,"rrname":"c2.evil.example","rrtype":"A","rcode":"NOERROR","answers":[{"rrname":"c2.evil.example","rrtype":"A","ttl":60,"rdata":"203.0.113.7"}]}}
    {"timestamp":"2026-11-22T09:15:32.5+00:00","flow_id":99,"event_type":"http","src_ip":"10.1.2.3","src_port":50000,"dest_ip":"198.51.100.9","dest_port":8080,"proto":"TCP","http":{"hostname":"dl.example.org","url":"/payload.exe","http_user_agent":"curl/8.0","http_method":"GET","status":200}}
    {"timestamp":"2026-11-22T09:15:33.000000+0000","flow_id":99,"event_type":"fileinfo","src_ip":"198.51.100.9","src_port":8080,"dest_ip":"10.1.2.3","dest_port":50000,"proto":"TCP","app_proto":"http","fileinfo":{"filename":"/payload.exe","magic":"PE32 executable","sha256":"E3B0C44298FC1C149AFBF4C8996FB92427AE41E4649B934CA495991B7852B855","md5":"d41d8cd98f00b204e9800998ecf8427e","size":4096,"state":"CLOSED","stored":false}}
    {"timestamp":"2026-11-22T09:15:34.000000+0000","flow_id":100,"event_type":"flow","src_ip":"10.1.2.3","src_port":49712,"dest_ip":"203.0.113.7","dest_port":443,"proto":"TCP","ether":{"src_mac":"00:0c:29:aa:bb:cc","dest_mac":"00:50:56:11:22:33"},"flow":{"pkts_toserver":10,"pkts_toclient":12,"bytes_toserver":1500,"bytes_toclient":9000,"start":"2026-11-22T09:15:00.000000+0000","end":"2026-11-22T09:15:34.000000+0000","age":34,"state":"closed","reason":"timeout"}}
    {"timestamp":"2026-11-22T09:15:35.000000+0000","flow_id":101,"event_type":"tls","src_ip":"10.1.2.3","src_port":49713,"dest_ip":"203.0.113.8","dest_port":443,"proto":"TCP","tls":{"subject":"CN=portal.example.net","issuerdn":"CN=Example CA","sni":"portal.example.net","version":"TLS 1.3","ja3":{"hash":"aaaa"},"ja3s":{"hash":"bbbb"}}}
    """#

    @Test func normalisesAnAlertAsADetection() throws {
        let run = FormatHarness.run(format, Self.golden)
        #expect(run.rejected.isEmpty)
        #expect(run.accepted.count == 6)
        let alert = try #require(run.accepted.first)
        #expect(alert.time == 1_795_338_930_123_456) // 09:15:30.123456 UTC
        #expect(EventTime.format(alert.time) == "2026-11-22T09:15:30.123456Z")
        #expect(alert.kind == .detection)
        #expect(alert.classUID == OCSFClass.detectionFinding)
        #expect(alert.severity == .high)
        #expect(alert.title == "ET MALWARE Cobalt Strike Beacon")
        #expect(alert.ruleID == "2027865")
        #expect(alert.sourceEventID == "1234567890123456:alert:2026-11-22T10:15:30.123456+0100:2027865")
        #expect(alert.attackTechniques == ["T1071.001"])
        #expect(alert.attackTactics == ["command_and_control"])
        #expect(alert.outcome == "failure")
        #expect(alert.srcIP == "10.1.2.3" && alert.srcPort == 49712)
        #expect(alert.dstIP == "203.0.113.7" && alert.dstPort == 443)
        #expect(alert.networkProtocol == "tcp")
        #expect(alert.hostname == "sensor-01.corp.example")
        #expect(alert.entityKeys == ["ip:10.1.2.3", "ip:203.0.113.7", "host:sensor-01", "domain:c2.evil.example",
                                     "file:beacon.bin", "hash:0cc175b9c0f1b6a831c399e269772661"])
        #expect(alert.details["tls.ja3_hash"] == .string("72a589da586844d7f0818ce684948eea"))
        #expect(alert.details["connection_info.community_uid"] == .string("1:abc="))
        #expect(alert.raw.hasPrefix("{\"timestamp\":\"2026-11-22T10:15:30.123456+0100\""))
    }

    @Test func normalisesTelemetryRecords() throws {
        let run = FormatHarness.run(format, Self.golden)
        let dns = run.accepted[1], http = run.accepted[2], file = run.accepted[3], flow = run.accepted[4], tls = run.accepted[5]
        #expect(dns.kind == .telemetry && dns.classUID == OCSFClass.dnsActivity && dns.activityID == 2)
        #expect(dns.time == 1_795_338_931_000_001)
        #expect(dns.title == "DNS answer c2.evil.example A")
        #expect(dns.sourceEventID == "1234567890123456:dns:2026-11-22T09:15:31.000001Z:A:NOERROR")
        #expect(dns.entityKeys == ["ip:10.1.2.3", "ip:10.0.0.53", "domain:c2.evil.example", "ip:203.0.113.7"])

        #expect(http.classUID == OCSFClass.httpActivity && http.activityID == 3)
        #expect(http.time == 1_795_338_932_500_000)
        #expect(http.url == "http://dl.example.org:8080/payload.exe")
        #expect(http.title == "HTTP GET http://dl.example.org:8080/payload.exe 200")
        #expect(http.details["http_request.user_agent"] == .string("curl/8.0"))
        #expect(http.entityKeys.contains("domain:dl.example.org"))

        #expect(file.classUID == OCSFClass.networkFileActivity)
        #expect(file.fileHashes["sha256"] == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        #expect(file.entityKeys.contains("hash:d41d8cd98f00b204e9800998ecf8427e"))
        #expect(file.entityKeys.contains("file:payload.exe"))
        #expect(file.url == "http://dl.example.org:8080/payload.exe" || file.url == nil)

        #expect(flow.classUID == OCSFClass.networkActivity && flow.activityID == 6)
        #expect(flow.title == "Flow tcp 10.1.2.3:49712 → 203.0.113.7:443")
        #expect(flow.details["start_time"] == .string("2026-11-22T09:15:00.000000Z"))
        #expect(flow.details["traffic.bytes_in"] == .number("9000"))
        #expect(flow.sourceEventID == "100:flow:2026-11-22T09:15:34.000000+0000")
        #expect(flow.entityKeys == ["ip:10.1.2.3", "ip:203.0.113.7", "mac:00:0c:29:aa:bb:cc", "mac:00:50:56:11:22:33"])

        #expect(tls.title == "TLS portal.example.net TLS 1.3")
        #expect(tls.entityKeys.contains("domain:portal.example.net"))
        #expect(tls.details["tls.certificate.issuer"] == .string("CN=Example CA"))
    }

    @Test func readsEveryDNSLayoutAndTheSmallerEventTypes() {
        let body = #"""
        {"timestamp":"2026-11-22T09:00:00.000000+0000","flow_id":1,"event_type":"dns","src_ip":"10.0.0.53","dest_ip":"10.0.0.1","proto":"UDP","dns":{"version":2,"type":"answer","id":7,"rrname":"a.example","rrtype":"A","rcode":"NOERROR","grouped":{"A":["192.0.2.1","192.0.2.2"],"CNAME":["b.example"]}}}
        {"timestamp":"2026-11-22T09:00:01.000000+0000","flow_id":2,"event_type":"dns","src_ip":"10.0.0.1","dest_ip":"10.0.0.53","proto":"UDP","dns":{"version":3,"type":"request","id":8,"queries":[{"rrname":"c.example","rrtype":"AAAA"}]}}
        {"timestamp":"2026-11-22T09:00:02.000000+0000","event_type":"anomaly","src_ip":"10.0.0.1","dest_ip":"10.0.0.2","proto":"TCP","anomaly":{"type":"stream","event":"stream.pkt_invalid_timestamp"}}
        {"timestamp":"2026-11-22T09:00:03.000000+0000","flow_id":3,"event_type":"smb","src_ip":"10.0.0.1","src_port":50000,"dest_ip":"10.0.0.9","dest_port":445,"proto":"TCP","smb":{"command":"SMB2_COMMAND_SESSION_SETUP","ntlmssp":{"domain":"CORP","user":"alice","host":"WS01"}}}
        {"timestamp":"2026-11-22T09:00:04.000000+0000","flow_id":4,"event_type":"ssh","src_ip":"10.0.0.1","src_port":50001,"dest_ip":"10.0.0.9","dest_port":22,"proto":"TCP","ssh":{"client":{"software_version":"OpenSSH_9.6"},"server":{"software_version":"OpenSSH_8.9"}}}
        """#
        let run = FormatHarness.run(format, body)
        #expect(run.rejected.isEmpty, "\(run.rejected.map { $0.error.description })")
        let grouped = run.accepted[0], request = run.accepted[1], anomaly = run.accepted[2], smb = run.accepted[3], ssh = run.accepted[4]
        #expect(grouped.entityKeys == ["ip:10.0.0.53", "ip:10.0.0.1", "domain:a.example", "ip:192.0.2.1", "ip:192.0.2.2", "domain:b.example"])
        #expect(grouped.details["answers"] == .array(["192.0.2.1", "192.0.2.2", "b.example"]))
        #expect(request.activityID == 1 && request.title == "DNS query c.example AAAA")
        #expect(request.entityKeys.contains("domain:c.example"))
        #expect(anomaly.kind == .telemetry && anomaly.activityID == 99)
        #expect(anomaly.title == "Suricata anomaly stream stream.pkt_invalid_timestamp")
        #expect(anomaly.sourceEventID == "-:anomaly:2026-11-22T09:00:02.000000+0000")
        #expect(smb.classUID == OCSFClass.smbActivity)
        #expect(smb.userName == #"corp\alice"#)
        #expect(smb.entityKeys.contains("host:ws01"))
        #expect(ssh.classUID == OCSFClass.sshActivity)
        #expect(ssh.details["ssh.client_software"] == .string("OpenSSH_9.6"))
    }

    @Test func mapsSuricataSeverityToOCSF() {
        #expect(SuricataEVE.severity(1) == .high)
        #expect(SuricataEVE.severity(2) == .medium)
        #expect(SuricataEVE.severity(3) == .low)
        #expect(SuricataEVE.severity(4) == .informational)
        #expect(SuricataEVE.severity(nil) == .unknown)
    }

    @Test func rejectsMalformedRecordsNamingTheField() {
        let body = #"""
        {"flow_id":1,"event_type":"flow","src_ip":"10.0.0.1","dest_ip":"10.0.0.2","flow":{}}
        {"timestamp":"yesterday","event_type":"flow","flow":{}}
        {"timestamp":"2026-11-22T09:15:34Z","event_type":"alert","alert":{"signature_id":1}}
        {"timestamp":"2026-11-22T09:15:34Z","event_type":"alert","alert":{"signature":"x","signature_id":"abc"}}
        {"timestamp":"2026-11-22T09:15:34Z","event_type":"flow","src_port":"http","flow":{}}
        {"timestamp":"2026-11-22T09:15:34Z","event_type":"stats","stats":{}}
        {"timestamp":"2026-11-22T09:15:34Z"}
        """#
        let run = FormatHarness.run(format, body)
        #expect(run.accepted.isEmpty)
        let messages = run.rejected.map { $0.error.description }
        #expect(messages == [
            "field \"timestamp\": missing",
            "field \"timestamp\": not a date: \"yesterday\"",
            "field \"alert.signature\": missing",
            "field \"alert.signature_id\": expected an integer, got \"abc\"",
            "field \"src_port\": expected an integer, got \"http\"",
            "field \"event_type\": Suricata event_type \"stats\" is not supported (alert, flow, netflow, dns, http, tls, fileinfo, anomaly, smb, ssh)",
            "field \"event_type\": missing",
        ])
    }

    /// Every Suricata sample is accepted except `stats` records, which are sensor counters.
    /// Without `XDR_SHARED_DIR` and without the `../shared` folder the corpus is absent and the test returns.
    @Test func acceptsTheRealSamples() throws {
        guard Samples.directory != nil else {
            if ProcessInfo.processInfo.environment["XDR_SHARED_DIR"] == nil { return }
            Issue.record("../shared/samples not found")
            return
        }
        let files = Samples.files(in: "network/suricata_eve_json")
        #expect(!files.isEmpty)
        for file in files {
            let run = try FormatHarness.run(format, file: file)
            print("samples suricata \(file.lastPathComponent): \(run.accepted.count) accepted, \(run.rejected.count) rejected")
            #expect(run.accepted.count > 0)
            for rejection in run.rejected {
                #expect(rejection.error.reason.hasPrefix("Suricata event_type \"stats\" is not supported"), "line \(rejection.number): \(rejection.error)")
            }
            let alerts = run.accepted.filter { $0.kind == .detection }
            #expect(alerts.allSatisfy { $0.title != nil && $0.ruleID != nil && $0.srcIP != nil })
        }
    }
}
