import Testing
import XDRIngest
import XDRModel
@testable import XDRScenario

/// Every generated record must normalise through the real format of its name.
///
@Suite struct FormatAcceptanceTests {
    @Test func everyRecordOfEveryFormatNormalises() throws {
        let dataset = try ScenarioGenerator(seed: 11).build(ScenarioKind.allCases, tenants: ["tenant-a", "tenant-b"],
                                                             noise: NoiseLevel(recordsPerMinute: 1, minutes: 60))
        let demo = DemoAttack()
        let batches = dataset.batches + demo.steps.flatMap(\.batches)
        for format in SourceFormat.allCases {
            let mine = batches.filter { $0.format == format.name }
            #expect(!mine.isEmpty, "no \(format.name) records generated")
            guard let normaliser = FormatRegistry.format(named: format.name) else {
                Issue.record("format \(format.name) has no normaliser")
                continue
            }
            #expect(normaliser.layer == format.layer)
            var accepted = 0
            for batch in mine {
                let framed = BodyFraming.split(batch.body, framing: normaliser.framing)
                #expect(framed.rejected.isEmpty, "\(format.name): framing rejected \(framed.rejected.first.map { "\($0.error)" } ?? "")")
                for outcome in normaliser.normalize(framed.records, context: FormatContext(receivedAt: batch.arrivesAt)) {
                    switch outcome {
                    case .accepted(_, let event):
                        accepted += 1
                        #expect(event.layer == format.layer)
                    case .rejected(let number, let error):
                        let text = framed.records.first { $0.number == number }?.text.prefix(200) ?? ""
                        Issue.record("\(format.name) rejected record \(number): \(error) — \(text)")
                    }
                }
            }
            print("format \(format.name): \(accepted) generated records normalised")
        }
    }

    @Test func benchmarkNoiseNormalisesToo() {
        let generator = ScenarioGenerator(seed: 5)
        for format in SourceFormat.allCases {
            guard let normaliser = FormatRegistry.format(named: format.name) else {
                Issue.record("format \(format.name) has no normaliser")
                continue
            }
            var body: [UInt8] = []
            for line in generator.noise(format: format, count: 200) {
                body += format == .cloudtrail ? Array("{\"Records\":[".utf8) + line + Array("]}".utf8) : line
                body.append(0x0A)
            }
            let framed = BodyFraming.split(body, framing: normaliser.framing)
            let outcomes = normaliser.normalize(framed.records, context: FormatContext(receivedAt: ScenarioGenerator.defaultStart))
            let rejected = outcomes.compactMap { if case .rejected(let number, let error) = $0 { return "\(number): \(error)" } else { return nil } }
            #expect(rejected.isEmpty, "\(format.name): \(rejected.prefix(3))")
            #expect(framed.rejected.isEmpty)
        }
    }
}
