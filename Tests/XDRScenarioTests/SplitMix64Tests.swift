import Testing
@testable import XDRScenario

@Suite struct SplitMix64Tests {
    @Test func matchesTheReferenceSequence() {
        // First outputs of the reference SplitMix64 for seed 0.
        var random = SplitMix64(seed: 0)
        #expect(random.next() == 0xE220_A839_7B1D_CDAF)
        #expect(random.next() == 0x6E78_9E6A_A1B9_65F4)
    }

    @Test func sameSeedAndStreamRepeat() {
        var a = SplitMix64(seed: 42, stream: "tenant-a")
        var b = SplitMix64(seed: 42, stream: "tenant-a")
        var c = SplitMix64(seed: 42, stream: "tenant-b")
        let first = (0..<8).map { _ in a.next() }
        #expect(first == (0..<8).map { _ in b.next() })
        #expect(first != (0..<8).map { _ in c.next() })
    }

    @Test func drawsStayInRange() {
        var random = SplitMix64(seed: 7)
        for _ in 0..<1_000 {
            #expect((0..<13).contains(random.below(13)))
            #expect((5...9).contains(random.int(5...9)))
        }
    }

    @Test func uuidsAreVersionFourShaped() {
        var random = SplitMix64(seed: 9)
        let uuid = random.uuid()
        let parts = uuid.split(separator: "-").map(\.count)
        #expect(parts == [8, 4, 4, 4, 12])
        #expect(uuid.split(separator: "-")[2].first == "4")
        #expect("89ab".contains(uuid.split(separator: "-")[3].first!))
    }
}
