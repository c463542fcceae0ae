import Testing
import XDRCrypto

@Suite struct BytesConstantTimeTests {
    @Test func equalBytesCompareEqual() {
        #expect([1, 2, 3].constantTimeEquals([1, 2, 3] as [UInt8]))
        #expect([UInt8]().constantTimeEquals([UInt8]()))
    }

    @Test func aDifferenceAnywhereIsFound() {
        let base: [UInt8] = Array(repeating: 7, count: 32)
        for index in base.indices {
            var changed = base
            changed[index] ^= 0x80
            #expect(!base.constantTimeEquals(changed), "difference at \(index)")
        }
    }

    @Test func differentLengthsAreUnequal() {
        #expect(![1, 2, 3].constantTimeEquals([1, 2] as [UInt8]))
        #expect(![1, 2].constantTimeEquals([1, 2, 3] as [UInt8]))
    }

    @Test func comparesSlicesByContent() {
        let bytes: [UInt8] = [9, 1, 2, 3]
        #expect(bytes[1...].constantTimeEquals([1, 2, 3] as [UInt8]))
    }
}
