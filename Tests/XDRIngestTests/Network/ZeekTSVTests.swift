import Foundation
import Testing
@testable import XDRIngest
import XDRModel

@Suite struct ZeekTSVTests {
    let format = ZeekTSV()

    static func row(_ columns: String...) -> String { columns.joined(separator: "\t") }

    static let header = [
        "#separator \\x09",
        row("#set_separator", ","),
        row("#empty_field", "(empty)"),
        row("#unset_field", "-"),
    ]

    static let golden = (header + [
        row("#path", "conn"),
        row("#open", "2026-11-22-09-00-00"),
        row("#fields", "ts", "uid", "id.orig_h", "id.orig_p", "id.resp_h", "id.resp_p", "proto", "service", "duration", "orig_bytes", "conn_state", "local_orig", "tunnel_parents"),
        row("#types", "time", "string", "addr", "port", "addr", "port", "enum", "string", "interval", "count", "string", "bool", "set[string]"),
        row("1795338930.123456", "CAbc123", "10.1.2.3", "49712", "203.0.113.7", "443", "tcp", "ssl", "12.500000", "1500", "SF", "T", "(empty)"),
        row("1795338931.000001", "CDef456", "10.1.2.3", "49713", "203.0.113.8", "80", "tcp", "-", "-", "-", "S0", "F", "Cx1,Cx2"),
        row("#close", "2026-11-22-10-00-00"),
    ] + header + [
        row("#path", "notice"),
        row("#fields", "ts", "uid", "id.orig_h", "id.orig_p", "id.resp_h", "id.resp_p", "note", "msg", "actions"),
        row("#types", "time", "string", "addr", "port", "addr", "port", "enum", "string", "set[enum]"),
        row("1795338933.000000", "CNote1", "10.1.2.3", "50001", "203.0.113.7", "443", "Scan::Port_Scan", "10.1.2.3 scanned at least 15 unique ports\\x09of host", "Notice::ACTION_LOG,Notice::ACTION_ALARM"),
    ]).joined(separator: "\n")

    @Test func readsRowsUnderTheirHeader() throws {
        let run = FormatHarness.run(format, Self.golden)
        #expect(run.rejected.isEmpty, "\(run.rejected.map { $0.error.description })")
        #expect(run.accepted.count == 3)
        let conn = run.accepted[0]
        #expect(conn.time == 1_795_338_930_123_456)
        #expect(conn.sourceFormat == "zeek-tsv")
        #expect(conn.classUID == OCSFClass.networkActivity && conn.activityID == 2)
        #expect(conn.kind == .telemetry)
        #expect(conn.sourceEventID == "conn:CAbc123:1795338930.123456")
        #expect(conn.title == "Connection tcp 10.1.2.3:49712 → 203.0.113.7:443 (SF, ssl)")
        #expect(conn.entityKeys == ["ip:10.1.2.3", "ip:203.0.113.7"])
        #expect(conn.details["duration_seconds"] == .number("12.500000"))
        #expect(conn.raw.hasPrefix("1795338930.123456\tCAbc123\t"))

        let attempt = run.accepted[1]
        #expect(attempt.activityID == NetworkActivity.fail)
        #expect(attempt.details["app_name"] == nil) // "-" is unset
        #expect(attempt.title == "Connection tcp 10.1.2.3:49713 → 203.0.113.8:80 (S0)")
    }

    @Test func aSecondHeaderSwitchesTheLog() {
        let notice = FormatHarness.run(format, Self.golden).accepted[2]
        #expect(notice.kind == .detection)
        #expect(notice.classUID == OCSFClass.detectionFinding)
        #expect(notice.severity == .high) // escalated to an alarm
        #expect(notice.title == "Scan::Port_Scan")
        #expect(notice.time == 1_795_338_933_000_000)
        #expect(notice.details["finding_info.desc"] == .string("10.1.2.3 scanned at least 15 unique ports\tof host"))
        #expect(notice.details["notice.actions"] == .array(["Notice::ACTION_LOG", "Notice::ACTION_ALARM"]))
    }

    @Test func usesTheHintWhenTheHeaderHasNoPath() {
        let body = (Self.header + [
            Self.row("#fields", "ts", "uid", "id.orig_h", "id.orig_p", "id.resp_h", "id.resp_p", "query"),
            Self.row("#types", "time", "string", "addr", "port", "addr", "port", "string"),
            Self.row("1795338930.0", "C1", "10.0.0.1", "5353", "10.0.0.53", "53", "example.org"),
        ]).joined(separator: "\n")
        #expect(FormatHarness.run(format, body, hint: "/v1/ingest/zeek-tsv/dns").accepted.first?.classUID == OCSFClass.dnsActivity)
        let rejected = FormatHarness.run(format, body).rejected
        #expect(rejected.map(\.error.description) == ["field \"#path\": missing: the header names no log and no hint was given (send to /v1/ingest/zeek-tsv/<log>)"])
        #expect(rejected.first?.number == 7)
    }

    @Test func rejectsRowsItCannotRead() {
        let noHeader = FormatHarness.run(format, Self.row("1795338930.0", "C1"))
        #expect(noHeader.rejected.first?.error.reason == "no \"#fields\" header line before this row (Zeek TSV rows need the log's header)")

        let body = (Self.header + [
            Self.row("#path", "conn"),
            Self.row("#fields", "ts", "uid", "id.orig_h"),
            Self.row("#types", "time", "string", "addr"),
            Self.row("1795338930.0", "C1"),
            Self.row("yesterday", "C1", "10.0.0.1"),
            Self.row("#path", "capture_loss"),
            Self.row("1795338930.0", "C1", "10.0.0.1"),
        ]).joined(separator: "\n")
        let run = FormatHarness.run(format, body)
        #expect(run.accepted.isEmpty)
        #expect(run.rejected.map(\.number) == [8, 9, 11])
        #expect(run.rejected.map(\.error.description) == [
            "row has 2 columns but \"#fields\" names 3",
            "field \"ts\": not a date: \"yesterday\"",
            "field \"#path\": Zeek log \"capture_loss\" is not supported (\(ZeekLogType.supportedList))",
        ])
    }

    /// Every Zeek TSV sample is accepted. Without `XDR_SHARED_DIR` and without the `../shared`
    /// folder the corpus is absent and the test returns.
    @Test func acceptsTheRealSamples() throws {
        guard Samples.directory != nil else {
            if ProcessInfo.processInfo.environment["XDR_SHARED_DIR"] == nil { return }
            Issue.record("../shared/samples not found")
            return
        }
        let folders = Samples.files(in: "network/zeek_tsv")
        #expect(folders.count >= 2)
        for folder in folders {
            for file in Samples.files(in: "network/zeek_tsv/\(folder.lastPathComponent)") {
                let run = try FormatHarness.run(format, file: file)
                print("samples zeek-tsv \(folder.lastPathComponent)/\(file.lastPathComponent): \(run.accepted.count) accepted, \(run.rejected.count) rejected")
                #expect(run.rejected.isEmpty, "\(file.path): \(run.rejected.prefix(3).map { "line \($0.number): \($0.error)" })")
                #expect(run.accepted.count > 0, "\(file.path)")
                #expect(run.accepted.allSatisfy { $0.time > 1_600_000_000_000_000 })
            }
        }
    }
}
