import Testing
import XDRCrypto

@Suite struct BytesHexTests {
    @Test func encodesLowerCaseTwoDigitsPerByte() {
        #expect([0x00, 0x0f, 0xa0, 0xff].hexString == "000fa0ff")
        #expect([UInt8]().hexString == "")
    }

    @Test func decodesEitherCase() {
        #expect([UInt8](hex: "DEADbeef") == [0xde, 0xad, 0xbe, 0xef])
        #expect([UInt8](hex: "") == [])
    }

    @Test func roundTripsEveryByteValue() {
        let all = (0...255).map { UInt8($0) }
        #expect([UInt8](hex: all.hexString) == all)
    }

    @Test(arguments: ["abc", "0g", "0x00", "12 34", "é0"])
    func rejectsMalformedText(_ text: String) {
        #expect([UInt8](hex: text) == nil)
    }
}
