import XDRJSON
@testable import XDRScenario

/// Parsed records of one format from a small, fixed dataset, for shape checks.
enum GeneratedSamples {
    static let dataset = try! ScenarioGenerator(seed: 99).build(ScenarioKind.allCases, tenants: ["tenant-a", "tenant-b"],
                                                                noise: NoiseLevel(recordsPerMinute: 1, minutes: 30))

    static func records(_ format: SourceFormat) -> [JSONValue] {
        dataset.records.filter { $0.format == format }.map { try! JSONParser.parse($0.line) }
    }
}
