import Testing
import XDRJSON
@testable import XDRScenario

@Suite struct NoiseSequenceTests {
    @Test func producesTheRequestedCountOfValidLines() throws {
        let generator = ScenarioGenerator(seed: 3)
        for format in SourceFormat.allCases {
            var count = 0
            for line in generator.noise(format: format, count: 250) {
                _ = try JSONParser.parse(line)
                #expect(!line.contains(0x0A))
                count += 1
            }
            #expect(count == 250, "\(format.name)")
        }
    }

    @Test func isDeterministicAndSeedDependent() {
        let a = Array(ScenarioGenerator(seed: 3).noise(format: .sysmon, count: 20))
        let b = Array(ScenarioGenerator(seed: 3).noise(format: .sysmon, count: 20))
        let c = Array(ScenarioGenerator(seed: 4).noise(format: .sysmon, count: 20))
        #expect(a == b)
        #expect(a != c)
    }

    @Test func advancesTimeAtTheRequestedRate() throws {
        let lines = Array(ScenarioGenerator(seed: 3).noise(format: .zeek, count: 3, startingAt: 1_795_341_600_000_000, recordsPerSecond: 2))
        let times = try lines.map { try JSONParser.parse($0)["ts"]?.double ?? 0 }
        #expect(times == [1_795_341_600.0, 1_795_341_600.5, 1_795_341_601.0])
    }

    @Test func acceptsFormatNamesAndRejectsUnknownOnes() throws {
        #expect(Array(try ScenarioGenerator(seed: 1).noise(format: "k8s-audit", count: 2)).count == 2)
        #expect(throws: ScenarioError.self) { try ScenarioGenerator(seed: 1).noise(format: "syslog", count: 1) }
    }
}
