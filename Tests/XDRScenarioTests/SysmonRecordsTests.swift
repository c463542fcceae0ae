import Testing
import XDRJSON
@testable import XDRScenario

@Suite struct SysmonRecordsTests {
    let records = GeneratedSamples.records(.sysmon)

    @Test func followsWinlogbeatsShape() {
        #expect(!records.isEmpty)
        for record in records {
            #expect(record[path: "agent.type"]?.string == "winlogbeat")
            #expect(record["@timestamp"]?.string?.hasSuffix("Z") == true)
            #expect(record[path: "winlog.event_id"]?.string != nil, "event_id is a string in Winlogbeat 8")
            #expect(record[path: "winlog.record_id"]?.int != nil)
            #expect(record[path: "event.code"]?.string == record[path: "winlog.event_id"]?.string)
            #expect(record[path: "host.name"]?.string == record[path: "winlog.computer_name"]?.string)
            let data = record[path: "winlog.event_data"]?.object
            #expect(data?.keys == data?.keys.sorted(), "event_data keys sorted as Beats writes them")
            #expect(data?.members.allSatisfy { $0.value.string != nil } == true, "event_data values are strings")
        }
    }

    @Test func writesTheEventKindsTheScenariosNeed() {
        let ids = Set(records.compactMap { $0[path: "winlog.event_id"]?.string })
        #expect(ids.isSuperset(of: ["1", "3", "10", "11", "15", "22", "4624"]))
        let sysmon = records.filter { $0[path: "winlog.channel"]?.string == "Microsoft-Windows-Sysmon/Operational" }
        #expect(sysmon.allSatisfy { $0[path: "winlog.event_data.UtcTime"]?.string?.count == 23 })
        let logons = records.filter { $0[path: "winlog.event_id"]?.string == "4624" }
        #expect(logons.allSatisfy { $0[path: "winlog.channel"]?.string == "Security" && $0[path: "winlog.event_data.LogonType"]?.string == "3" })
    }

    @Test func processCreateCarriesHashesAndParent() throws {
        let create = try #require(records.first { $0[path: "winlog.event_id"]?.string == "1" })
        let hashes = try #require(create[path: "winlog.event_data.Hashes"]?.string)
        #expect(hashes.hasPrefix("SHA1=") && hashes.contains(",MD5=") && hashes.contains(",SHA256="))
        #expect(create[path: "winlog.event_data.ParentProcessGuid"]?.string?.hasPrefix("{") == true)
        #expect(create[path: "winlog.event_data.ParentImage"]?.string?.isEmpty == false)
    }
}
