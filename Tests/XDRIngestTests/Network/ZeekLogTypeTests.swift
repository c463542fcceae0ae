import Testing
@testable import XDRIngest
import XDRJSON

@Suite struct ZeekLogTypeTests {
    @Test func findsTheLogNameInHints() {
        #expect(ZeekLogType.logName(inHint: "/v1/ingest/zeek/smb_files") == "smb_files")
        #expect(ZeekLogType.logName(inHint: "/v1/ingest/zeek-tsv/dns") == "dns")
        #expect(ZeekLogType.logName(inHint: "zeek-conn") == "conn")
        #expect(ZeekLogType.logName(inHint: "zeek_dce_rpc-2026.11.22") == "dce_rpc")
        #expect(ZeekLogType.logName(inHint: "logs-zeek.http-default") == "http")
        #expect(ZeekLogType.logName(inHint: "ssl.log") == "ssl")
        #expect(ZeekLogType.logName(inHint: "/v1/ingest/zeek") == nil)
        #expect(ZeekLogType.logName(inHint: "/v1/ingest/zeek/") == nil)
    }

    @Test func prefersPathThenStreamThenHint() throws {
        let both: JSONValue = ["_path": "dns", "@stream": "conn"]
        #expect(try ZeekLogType.resolve(both, hint: "zeek-http") == .dns)
        let stream: JSONValue = ["@stream": "conn"]
        #expect(try ZeekLogType.resolve(stream, hint: "zeek-http") == .conn)
        let bare: JSONValue = ["ts": 1]
        #expect(try ZeekLogType.resolve(bare, hint: "zeek-http") == .http)
    }

    @Test func infersTheLogFromCharacteristicFields() {
        let cases: [(JSONValue, ZeekLogType)] = [
            (["note": "Scan::Port_Scan"], .notice),
            (["conn_state": "SF"], .conn),
            (["qtype_name": "A"], .dns),
            (["method": "GET", "uri": "/"], .http),
            (["server_name": "a.example"], .ssl),
            (["fuid": "F1", "mime_type": "text/plain"], .files),
            (["certificate.subject": "CN=a"], .x509),
            (["request_type": "AS", "client": "a/B"], .kerberos),
            (["share_type": "DISK"], .smb_mapping),
            (["named_pipe": "135"], .dce_rpc),
            (["auth_success": true], .ssh),
            (["command": "USER", "reply_code": 331], .ftp),
            (["username": "a", "domainname": "B"], .ntlm),
        ]
        for (record, expected) in cases { #expect(ZeekLogType.infer(record) == expected, "\(record)") }
        #expect(ZeekLogType.infer(["ts": 1]) == nil)
    }

    @Test func namesTheSourceOfAnUnsupportedLog() {
        #expect(throws: RecordError(field: "hint", "Zeek log \"stats\" is not supported (\(ZeekLogType.supportedList))")) {
            try ZeekLogType.named("stats", field: "hint")
        }
        #expect((try? ZeekLogType.named("conn-worker-1", field: nil)) == .conn)
    }
}
