import Foundation
import Testing
import XDRTestSupport
import XDRJSON

/// The Elasticsearch `_bulk` subset shippers send, answered in Elasticsearch's shape.
@Suite struct IngestBulkTests {
    @Test func theIndexNameOrPipelineChoosesTheFormat() async throws {
        try await offPool {
            let harness = try IngestHarness("bulkformat")
            let body = """
                {"create":{"_index":"winlogbeat-8.12.0-2026.11.22"}}
                \(PipelineInputs.sysmon(recordID: 1))
                {"index":{"_index":"anything"}}
                \(PipelineInputs.sysmon(recordID: 2))

                """
            let response = try harness.post("/_bulk?pipeline=sysmon", body)
            #expect(response.status == 200)
            #expect(response.headers["x-elastic-product"] == "Elasticsearch")
            let json = try response.json()
            #expect(json["errors"]?.bool == false)
            let items = json["items"]?.array ?? []
            #expect(items.count == 2)
            #expect(items.first?["create"]?["status"]?.int == 201)
            #expect(items.last?["index"]?["status"]?.int == 201)
            #expect(try harness.rows("SELECT count(*) FROM events WHERE source_format = 'sysmon'").first!.int("count") == 2)
            // The index in the path works too.
            let pathIndexed = try harness.post("/sysmon-2026.11.22/_bulk", "{\"index\":{}}\n\(PipelineInputs.sysmon(recordID: 3))\n")
            #expect(try pathIndexed.json()["items"]?.array?.first?["index"]?["status"]?.int == 201)
            #expect(try harness.eventCount() == 3)
        }
    }

    @Test func eachItemCarriesItsOwnStatusAndReason() async throws {
        try await offPool {
            let harness = try IngestHarness("bulkitems")
            let body = """
                {"index":{"_index":"sysmon"}}
                \(PipelineInputs.sysmon(recordID: 1))
                {"index":{"_index":"metrics-foo"}}
                {"a":1}
                {"index":{"_index":"sysmon"}}
                {"not json
                not an action
                {"delete":{"_index":"sysmon","_id":"1"}}
                {"index":{"_index":"sysmon"}}
                """
            let response = try harness.post("/_bulk", body)
            #expect(response.status == 200)
            let json = try response.json()
            #expect(json["errors"]?.bool == true)
            let items = (json["items"]?.array ?? []).map { item -> (Int?, String) in
                let inner = item.object?.members.first?.value
                return (inner?["status"]?.int, inner?["error"]?["reason"]?.string ?? "")
            }
            #expect(items.count == 6, "\(items)")
            guard items.count == 6 else { return }
            #expect(items[0].0 == 201)
            #expect(items[1].0 == 400 && items[1].1.contains("cannot tell the format from index \"metrics-foo\""))
            #expect(items[2].0 == 400 && items[2].1 == "line 6: the document is not valid JSON")
            #expect(items[3].0 == 400 && items[3].1.contains("line 7: expected an action line"))
            #expect(items[4].0 == 400 && items[4].1.contains("delete is not supported"))
            #expect(items[5].0 == 400 && items[5].1 == "line 9: the action has no document line after it")
            #expect(try harness.eventCount() == 1)
        }
    }

    @Test func connectProbesAnswerLikeElasticsearch() async throws {
        try await offPool {
            let harness = try IngestHarness("bulkprobe")
            let root = try harness.send("GET", "/")
            #expect(root.status == 200)
            #expect(root.headers["x-elastic-product"] == "Elasticsearch")
            #expect(try root.json()["version"]?["number"]?.string?.hasPrefix("8.") == true)
            let license = try harness.send("GET", "/_license")
            #expect(try license.json()["license"]?["status"]?.string == "active")
            #expect(license.headers["x-elastic-product"] == "Elasticsearch")
        }
    }
}
