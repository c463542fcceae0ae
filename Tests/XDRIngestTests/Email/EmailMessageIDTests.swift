import Testing
@testable import XDRIngest

@Suite struct EmailMessageIDTests {
    @Test func stripsAngleBracketsAndLowerCases() {
        #expect(EmailMessageID.normalize(" <CAF=X@Mail.Example.com> ") == "caf=x@mail.example.com")
    }

    @Test func writesGUIDsInTheDashedFormDefenderUses() {
        #expect(EmailMessageID.normalize("2BBAD36AA4674C7BA82F4B307FFF549F") == "2bbad36a-a467-4c7b-a82f-4b307fff549f")
        #expect(EmailMessageID.normalize("{5E4B2C1A-9F3D-4A7B-8C6D-0E1F2A3B4C5D}") == "5e4b2c1a-9f3d-4a7b-8c6d-0e1f2a3b4c5d")
    }

    @Test func dropsPlaceholders() {
        #expect(EmailMessageID.normalize("-") == nil)
        #expect(EmailMessageID.normalize("<>") == nil)
    }

    @Test func splitsCommaAndSemicolonLists() {
        #expect(EmailList.split("Phish, Malware;Spam ,") == ["Phish", "Malware", "Spam"])
        #expect(EmailList.split(nil).isEmpty)
    }
}
