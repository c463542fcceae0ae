import Testing
@testable import XDRIngest

@Suite struct CEFRecordTests {
    @Test func splitsTheHeaderHonouringEscapedPipes() throws {
        let record = try CEFRecord.parse(#"CEF:0|Acme\|Corp|Fire\\wall|7.1|100|Port scan \| sweep|8|src=10.0.0.1"#)
        #expect(record.version == "0")
        #expect(record.vendor == "Acme|Corp")
        #expect(record.product == #"Fire\wall"#)
        #expect(record.deviceVersion == "7.1")
        #expect(record.signatureID == "100")
        #expect(record.name == "Port scan | sweep")
        #expect(record.severity == "8")
        #expect(record["src"] == "10.0.0.1")
    }

    @Test func readsExtensionValuesWithSpacesAndEscapes() throws {
        let record = try CEFRecord.parse(#"CEF:0|V|P|1|1|N|3|msg=Login failed for user a\=b on host\nnext line suser=CORP\\alice request=http://x.example/?q=1&r=2 empty= cs1Label=Rule Name cs1=allow web  "#)
        #expect(record["msg"] == "Login failed for user a=b on host\nnext line")
        #expect(record["suser"] == #"CORP\alice"#)
        #expect(record["request"] == "http://x.example/?q=1&r=2")
        #expect(record["empty"] == nil)
        #expect(record.extensions.map(\.key) == ["msg", "suser", "request", "empty", "cs1Label", "cs1"])
        #expect(record["cs1Label"] == "Rule Name")
        #expect(record["cs1"] == "allow web")
    }

    @Test func acceptsARecordWithoutExtension() throws {
        #expect(try CEFRecord.parse("CEF:0|V|P|1|1|N|3|").extensions.isEmpty)
        #expect(try CEFRecord.parse("CEF:0|V|P|1|1|N|Low").severity == "Low")
    }

    @Test func rejectsTruncatedHeadersAndUnknownVersions() {
        #expect(throws: RecordError(field: "header", "CEF header ends after 3 of its 7 \"|\"-separated fields (Version|Vendor|Product|Version|SignatureID|Name|Severity)")) {
            try CEFRecord.parse("CEF:0|V|P|1")
        }
        #expect(throws: RecordError(field: "version", "CEF version \"7\" is not supported (0, 1)")) {
            try CEFRecord.parse("CEF:7|V|P|1|1|N|3|")
        }
    }
}
