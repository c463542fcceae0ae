import Testing
@testable import XDRIngest

/// COPY text escaping: what PostgreSQL reads back must be exactly the value.
@Suite struct EventRowEncoderTests {
    static func encoded(_ value: String?, last: Bool = false) -> String {
        var out: [UInt8] = []
        EventRowEncoder.field(value, &out, last: last)
        return String(decoding: out, as: UTF8.self)
    }

    @Test func plainTextIsCopiedAndTabSeparated() {
        #expect(Self.encoded("powershell.exe -nop") == "powershell.exe -nop\t")
        #expect(Self.encoded("Grüße, 東京") == "Grüße, 東京\t")
        #expect(Self.encoded("") == "\t")
        #expect(Self.encoded("last", last: true) == "last\n")
    }

    @Test func nullIsBackslashN() {
        #expect(Self.encoded(nil) == "\\N\t")
    }

    @Test func specialBytesAreEscapedWhereverTheyAre() {
        #expect(Self.encoded("C:\\Windows\\System32") == "C:\\\\Windows\\\\System32\t")
        #expect(Self.encoded("a\tb\nc\rd") == "a\\tb\\nc\\rd\t")
        #expect(Self.encoded("\\") == "\\\\\t")
        #expect(Self.encoded("\n\nx") == "\\n\\nx\t")
        #expect(Self.encoded("nul\u{0}gone") == "nulgone\t")
    }
}
