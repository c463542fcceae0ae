import Foundation
import Testing
import XDRCore

@Suite struct LoggerTests {
    @Test func writesOneJSONObjectPerLineMessageFirst() throws {
        let sink = LogSink.memory()
        let logger = Logger(label: "test", level: .info, sink: sink).with(["tenant.id": "t1"])
        logger.debug("hidden")
        logger.info("line \"one\"\nsecond", ["event.format": "sysmon"])
        #expect(sink.lines.count == 1)
        let line = try #require(sink.lines.first)
        #expect(line.hasPrefix("{\"msg\":\"line \\\"one\\\"\\nsecond\""))
        #expect(line.hasSuffix("}\n"))
        let object = try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: String]
        #expect(object?["tenant.id"] == "t1")
        #expect(object?["event.format"] == "sysmon")
        #expect(object?["level"] == "info")
    }
}

@Suite struct MetricsRegistryTests {
    @Test func rendersCountersAndHistogramsInPrometheusText() {
        let metrics = MetricsRegistry()
        metrics.describe("xdr_requests_total", type: "counter", help: "Requests.")
        metrics.increment("xdr_requests_total", labels: ["route": "/v1/x", "status": "200"])
        metrics.increment("xdr_requests_total", by: 2, labels: ["route": "/v1/x", "status": "200"])
        metrics.observe("xdr_latency_seconds", 0.003, buckets: [0.001, 0.01])
        let text = metrics.render()
        #expect(text.contains("# TYPE xdr_requests_total counter"))
        #expect(text.contains("xdr_requests_total{route=\"/v1/x\",status=\"200\"} 3"))
        #expect(text.contains("xdr_latency_seconds_bucket{le=\"0.001\"} 0"))
        #expect(text.contains("xdr_latency_seconds_bucket{le=\"0.01\"} 1"))
        #expect(text.contains("xdr_latency_seconds_bucket{le=\"+Inf\"} 1"))
        #expect(metrics.counter("xdr_requests_total", labels: ["status": "200", "route": "/v1/x"]) == 3)
    }
}

@Suite struct EnvironmentReaderTests {
    @Test func namesEveryBadVariable() {
        var reader = EnvironmentReader(["XDR_LISTEN": "8080x", "XDR_DB_POOL_SIZE": "0", "XDR_LOG_LEVEL": "loud"])
        _ = reader.listenAddress("XDR_LISTEN", defaultPort: 8080)
        _ = reader.int("XDR_DB_POOL_SIZE", default: 8, range: 1...200)
        _ = reader.logLevel()
        _ = reader.required("XDR_DATABASE_URL", hint: "postgresql://…")
        #expect(reader.errors.count == 4)
        #expect(reader.errors.allSatisfy { $0.hasPrefix("XDR_") })
        #expect(reader.errors.contains { $0.contains("XDR_LISTEN") && $0.contains("8080x") })
    }

    @Test func parsesListenAddresses() {
        #expect(ListenAddress(parsing: "127.0.0.1:8081") == ListenAddress(host: "127.0.0.1", port: 8081))
        #expect(ListenAddress(parsing: ":9000") == ListenAddress(host: "0.0.0.0", port: 9000))
        #expect(ListenAddress(parsing: "[::1]:8080") == ListenAddress(host: "::1", port: 8080))
        #expect(ListenAddress(parsing: "host:99999") == nil)
    }
}
