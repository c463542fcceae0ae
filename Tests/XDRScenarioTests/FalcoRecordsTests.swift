import Testing
import XDRJSON
@testable import XDRScenario

@Suite struct FalcoRecordsTests {
    @Test func followsJSONOutput() {
        let records = GeneratedSamples.records(.falco)
        #expect(!records.isEmpty)
        for record in records {
            let time = record["time"]?.string ?? ""
            #expect(time.count == 30 && time.hasSuffix("Z"), "nanosecond time: \(time)")
            #expect(["Notice", "Warning"].contains(record["priority"]?.string ?? ""))
            #expect(record["output"]?.string?.contains(": \(record["priority"]?.string ?? "") ") == true)
            #expect(record["output_fields"]?.object?.isEmpty == false)
            #expect(record["rule"]?.string != nil && record["tags"]?.array != nil)
        }
    }

    @Test func containerAlertsNameThePod() throws {
        let shell = try #require(GeneratedSamples.records(.falco).first { $0["rule"]?.string == "Terminal shell in container" })
        #expect(shell.object?["output_fields"]?.object?["k8s.pod.name"]?.string == ContainerEscapeScenario.pod)
        #expect(shell.object?["output_fields"]?.object?["k8s.ns.name"]?.string == "shop")
        #expect(shell.object?["output_fields"]?.object?["proc.cmdline"]?.string?.isEmpty == false)
    }
}
