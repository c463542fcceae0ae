import Foundation
import Testing
import XDRTestSupport
import XDRJSON

/// The official Python Elasticsearch client's bulk helper, pointed at an ingestion service as if
/// it were Elasticsearch: it must accept our product header, send its bulk, and read our answer.
@Suite struct ElasticsearchClientTests {
    static let script = #"""
        import json, sys
        from elasticsearch import Elasticsearch, helpers
        url, key, path = sys.argv[1], sys.argv[2], sys.argv[3]
        es = Elasticsearch(url, api_key=key, request_timeout=30)
        info = es.info()
        docs = [json.loads(line) for line in open(path) if line.strip()]
        actions = [{"_index": "winlogbeat-8.12.0", "_source": doc} for doc in docs]
        actions.append({"_index": "winlogbeat-8.12.0", "_source": {"@timestamp": "yesterday", "winlog": {"event_id": "1"}}})
        ok, errors = helpers.bulk(es, actions, raise_on_error=False, chunk_size=25)
        print(json.dumps({"version": info["version"]["number"], "ok": ok,
                          "errors": [e["create" if "create" in e else "index"]["status"] for e in errors]}))
        """#

    @Test(.timeLimit(.minutes(5))) func theBulkHelperStoresDocumentsAndReadsPerItemErrors() async throws {
        let python = try await PythonElasticsearchClient.ensureInstalled()
        let harness = try await offPool { try IngestHarness("esclient") }
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("esclient-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let scriptPath = directory.appendingPathComponent("bulk.py").path
        let documentsPath = directory.appendingPathComponent("docs.ndjson").path
        try Self.script.write(toFile: scriptPath, atomically: true, encoding: .utf8)
        try (1...60).map { PipelineInputs.sysmon(recordID: $0) }.joined(separator: "\n").write(toFile: documentsPath, atomically: true, encoding: .utf8)

        let result = try await PythonElasticsearchClient.run(python, [scriptPath, harness.baseURL, harness.key, documentsPath])
        #expect(result.status == 0, "\(result.output.suffix(1500))")
        let summary = try JSONParser.parse(String(result.output.split(separator: "\n").last ?? ""))
        #expect(summary["version"]?.string?.hasPrefix("8.") == true)
        #expect(summary["ok"]?.int == 60)
        #expect(summary["errors"]?.array?.map { $0.int } == [400])
        #expect(try harness.eventCount() == 60)
        #expect(try harness.rows("SELECT count(DISTINCT source_event_id) FROM events").first!.int("count") == 60)
    }
}
