import Testing
@testable import XDRIngest
import XDRModel

@Suite struct SyslogMessageTests {
    static let receivedAt: Int64 = 1_795_338_930_000_000 // 2026-11-22T09:15:30Z

    @Test func parsesAnRFC5424Header() throws {
        let line = #"<134>1 2026-11-22T10:00:00.123456+01:00 fw01.corp.example firewall 4242 TRAFFIC [meta sequenceId="7" note="a \"quoted\" \] bracket"][origin ip="10.0.0.1"] CEF:0|Vendor|Product|1|100|Name|5|src=10.0.0.1"#
        let message = try SyslogMessage.parse(line, receivedAt: Self.receivedAt)
        #expect(message.format == .rfc5424)
        #expect(message.priority == 134)
        #expect(message.facility == 16) // local0
        #expect(message.severity == 6)  // informational
        #expect(message.timestamp == 1_795_338_000_123_456)
        #expect(message.hostname == "fw01.corp.example")
        #expect(message.appName == "firewall")
        #expect(message.processID == "4242")
        #expect(message.messageID == "TRAFFIC")
        #expect(message.structuredData == #"[meta sequenceId="7" note="a \"quoted\" \] bracket"][origin ip="10.0.0.1"]"#)
        #expect(message.message == "CEF:0|Vendor|Product|1|100|Name|5|src=10.0.0.1")
    }

    @Test func readsNilValuesAndTheBOM() throws {
        let message = try SyslogMessage.parse("<14>1 - - - - - - \u{FEFF}hello world", receivedAt: Self.receivedAt)
        #expect(message.timestamp == nil && message.hostname == nil && message.appName == nil)
        #expect(message.processID == nil && message.messageID == nil && message.structuredData == nil)
        #expect(message.message == "hello world")
        let empty = try SyslogMessage.parse("<14>1 2026-11-22T10:00:00Z host app - - -", receivedAt: Self.receivedAt)
        #expect(empty.message == "")
    }

    @Test func parsesAnRFC3164Header() throws {
        let message = try SyslogMessage.parse("<38>Nov  2 07:05:01 gateway sshd[1234]: Accepted password for alice", receivedAt: Self.receivedAt)
        #expect(message.format == .rfc3164)
        #expect(message.priority == 38)
        #expect(message.facility == 4 && message.severity == 6)
        #expect(message.timestamp.map(EventTime.format) == "2026-11-02T07:05:01.000000Z")
        #expect(message.hostname == "gateway")
        #expect(message.appName == "sshd")
        #expect(message.processID == "1234")
        #expect(message.message == "Accepted password for alice")
    }

    @Test func readsRFC3164Variants() throws {
        // CEF straight after the hostname: no tag.
        let cef = try SyslogMessage.parse("<134>Nov 22 10:00:00 fw01 CEF:0|V|P|1|1|N|3|", receivedAt: Self.receivedAt)
        #expect(cef.hostname == "fw01" && cef.appName == nil && cef.message == "CEF:0|V|P|1|1|N|3|")
        // No <PRI>, as in files on disk; a year in the timestamp.
        let noPRI = try SyslogMessage.parse("Feb 27 2021 20:16:21 host app: text", receivedAt: Self.receivedAt)
        #expect(noPRI.priority == nil)
        #expect(noPRI.timestamp.map(EventTime.format) == "2021-02-27T20:16:21.000000Z")
        #expect(noPRI.appName == "app" && noPRI.message == "text")
        // No hostname, only a tag.
        let tagOnly = try SyslogMessage.parse("<13>Nov 22 10:00:00 kernel: boot", receivedAt: Self.receivedAt)
        #expect(tagOnly.hostname == nil && tagOnly.appName == "kernel")
        // December read in January belongs to the year before.
        let january: Int64 = 1_798_848_000_000_000 // 2027-01-01T00:00:00Z
        let december = try SyslogMessage.parse("<13>Dec 31 23:59:59 h a: x", receivedAt: january)
        #expect(december.timestamp.map(EventTime.format) == "2026-12-31T23:59:59.000000Z")
        // An RFC 3339 timestamp in BSD layout (rsyslog's high-precision template).
        let precise = try SyslogMessage.parse("<13>2026-11-22T10:00:00.5Z host app[7]: x", receivedAt: Self.receivedAt)
        #expect(precise.timestamp == 1_795_341_600_500_000 && precise.processID == "7")
        // PRI without a timestamp.
        let bare = try SyslogMessage.parse("<13>just text", receivedAt: Self.receivedAt)
        #expect(bare.timestamp == nil && bare.message == "just text")
    }

    @Test func rejectsBrokenHeaders() {
        func error(_ line: String) -> String? {
            do { _ = try SyslogMessage.parse(line, receivedAt: Self.receivedAt); return nil } catch { return error.reason }
        }
        #expect(error("<999>1 - - - - - -") == "invalid <PRI> \"<999>\": expected 0 to 191")
        #expect(error("<12 no close") == "invalid <PRI>: no closing '>' within 3 digits")
        #expect(error("<13>2 2026-11-22T10:00:00Z h a - - - x") == "unsupported syslog protocol version 2")
        #expect(error("<13>1 yesterday h a - - - x") == "RFC 5424 timestamp is not a date: \"yesterday\"")
        #expect(error("<13>1 2026-11-22T10:00:00Z h") == "RFC 5424 header is missing HOSTNAME, APP-NAME, PROCID or MSGID")
        #expect(error("<13>1 2026-11-22T10:00:00Z h a - - [x y=\"1\" message") == "RFC 5424 STRUCTURED-DATA is not closed with \"]\"")
        #expect(error("<13>1 2026-11-22T10:00:00Z h a - - msg") == "RFC 5424 STRUCTURED-DATA must be \"-\" or start with \"[\", found \"msg\"")
        #expect(error("<13>Nov 22 25:00:00 h a: x") == "not a BSD syslog timestamp: \"Nov 22 25:00:00\"")
        #expect(error("plain text without header") == "no syslog header: neither <PRI> nor a timestamp at the start of the line")
    }
}
