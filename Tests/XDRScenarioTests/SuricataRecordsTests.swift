import Testing
import XDRJSON
@testable import XDRScenario

@Suite struct SuricataRecordsTests {
    @Test func followsEVE() {
        let records = GeneratedSamples.records(.suricata)
        let types = Set(records.compactMap { $0["event_type"]?.string })
        #expect(types.isSuperset(of: ["alert", "flow", "dns", "tls", "http"]))
        for record in records {
            let timestamp = record["timestamp"]?.string ?? ""
            #expect(timestamp.hasSuffix("+0000") && timestamp.count == 31, "\(timestamp)")
            #expect(record["flow_id"]?.int != nil)
            #expect(record["src_ip"]?.string != nil && record["dest_port"]?.int != nil)
        }
        let alerts = records.filter { $0["event_type"]?.string == "alert" }
        #expect(alerts.allSatisfy { (1...3).contains($0[path: "alert.severity"]?.int ?? 0) && $0[path: "alert.signature_id"]?.int != nil })
    }

    @Test func escapesSlashesAsSuricataDoes() throws {
        let line = try #require(GeneratedSamples.dataset.records.first { $0.format == .suricata && $0.line.contains("\"http\"") })
        #expect(line.line.contains("\\/"))
        #expect(!line.line.contains("\"/"))
    }
}
