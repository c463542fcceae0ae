import Foundation
import Testing
import XDRTestSupport
import XDRCore
import XDRIngest
import XDRStore

/// CEF over syslog over TCP, from a real socket into the events table of the listener's tenant.
@Suite struct SyslogListenerTests {
    static func listener(tenant: UUID, pool: ConnectionPool) throws -> (SyslogListener, Int) {
        var configuration = SyslogListener.Configuration(listen: ListenAddress(host: "127.0.0.1", port: 0), tenant: tenant)
        configuration.batchInterval = 0.05
        let listener = SyslogListener(configuration: configuration, writer: EventWriter(pool: pool), logger: Logger(label: "test", level: .error))
        return (listener, try listener.start())
    }

    /// Polls with Task.sleep, so waiting does not hold a thread of the shared cooperative pool.
    static func waitFor(seconds: Double = 10, _ condition: () throws -> Bool) async throws {
        _ = try await eventually(seconds, condition)
    }

    @Test func octetCountedAndNewlineFramedMessagesAreStoredForTheTenant() async throws {
        let harness = try await offPool { try IngestHarness("syslogframes", layer: .network) }
        let (listener, port) = try Self.listener(tenant: harness.tenant, pool: harness.pool)
        defer { listener.shutdown() }
        let counted = PipelineInputs.cefLine
        let bsd = "<132>Nov 22 10:00:01 fw01 CEF:0|Acme|NGFW|9.1|THREAT|Beacon|7|rt=Nov 22 2026 10:00:01 UTC src=10.1.2.3 dst=203.0.113.7 externalId=7002"
        let bare = "CEF:0|Acme|NGFW|9.1|TRAFFIC|drop|3|rt=Nov 22 2026 11:00:02 UTC src=198.51.100.4 dst=10.1.2.3 dpt=22 act=drop"
        let client = try TCPTestClient(port: port)
        try client.send("\(counted.utf8.count) \(counted)")
        try client.send("\(bsd)\n\(bare)") // the last line ends with the connection, not a newline
        client.close()
        try await Self.waitFor { try harness.eventCount() >= 3 }
        let rows = try harness.rows("SELECT tenant_id, source_format, raw FROM events ORDER BY raw")
        #expect(rows.count == 3)
        #expect(try rows.allSatisfy { try $0.uuid("tenant_id") == harness.tenant && $0.string("source_format") == "cef" })
        #expect(try Set(rows.map { try $0.string("raw") }) == [counted, bsd, bare])
    }

    @Test func manyMessagesOnSeveralConnectionsArriveOnce() async throws {
        let harness = try await offPool { try IngestHarness("syslogmany", layer: .network) }
        let (listener, port) = try Self.listener(tenant: harness.tenant, pool: harness.pool)
        defer { listener.shutdown() }
        let clients = try (0..<3).map { _ in try TCPTestClient(port: port) }
        for (index, client) in clients.enumerated() {
            let lines = (0..<1_500).map { "<134>Nov 22 10:00:01 fw0\(index) CEF:0|Acme|NGFW|9.1|TRAFFIC|end|3|rt=1795341600123 src=10.1.2.3 dst=203.0.113.7 externalId=\(index)-\($0)" }
            try client.send(lines.map { "\($0.utf8.count) \($0)" }.joined())
        }
        clients.forEach { $0.close() }
        try await Self.waitFor { try harness.eventCount() >= 4_500 }
        let stored = try harness.eventCount()
        #expect(stored == 4_500)
        #expect(try harness.rows("SELECT count(DISTINCT raw) FROM events").first!.int("count") == 4_500)
    }

    @Test func whileTheDatabaseIsDownTheListenerStopsReading() async throws {
        let tenant = UUID()
        let pool = ConnectionPool(url: try DatabaseURL("postgresql://xdr_app@127.0.0.1:1/none"), logger: Logger(label: "test", level: .error))
        let (listener, port) = try Self.listener(tenant: tenant, pool: pool)
        let client = try TCPTestClient(port: port)
        let line = "CEF:0|Acme|NGFW|9.1|TRAFFIC|end|3|rt=1795341600123 src=10.1.2.3 dst=203.0.113.7 externalId=x\n"
        let flood = Array(String(repeating: line, count: 400_000).utf8) // ~37 MB
        let taken = try await client.sendWithoutWaiting(flood, seconds: 2)
        #expect(taken < flood.count / 2, "the sender is held back (took \(taken) of \(flood.count) bytes) instead of the listener buffering everything")
        client.close()
        listener.shutdown()
    }

    @Test func configurationNamesTheVariableThatIsWrong() {
        var missingTenant = EnvironmentReader(["XDR_SYSLOG_LISTEN": "0.0.0.0:6514"])
        #expect(SyslogListener.configuration(from: &missingTenant) == nil)
        #expect(missingTenant.errors.first?.hasPrefix("XDR_SYSLOG_TENANT: required when XDR_SYSLOG_LISTEN is set") == true)
        var badTenant = EnvironmentReader(["XDR_SYSLOG_LISTEN": "0.0.0.0:6514", "XDR_SYSLOG_TENANT": "acme"])
        _ = SyslogListener.configuration(from: &badTenant)
        #expect(badTenant.errors == ["XDR_SYSLOG_TENANT: not a tenant id (uuid): \"acme\""])
        var badAddress = EnvironmentReader(["XDR_SYSLOG_LISTEN": "six-five-one-four"])
        _ = SyslogListener.configuration(from: &badAddress)
        #expect(badAddress.errors.first?.hasPrefix("XDR_SYSLOG_LISTEN: expected host:port") == true)
        var off = EnvironmentReader(["XDR_SYSLOG_LISTEN": ""])
        #expect(SyslogListener.configuration(from: &off) == nil)
        #expect(off.errors.isEmpty)
        let tenant = UUID()
        var good = EnvironmentReader(["XDR_SYSLOG_LISTEN": "127.0.0.1:6514", "XDR_SYSLOG_TENANT": tenant.uuidString])
        #expect(SyslogListener.configuration(from: &good)?.tenant == tenant)
        #expect(good.errors.isEmpty)
    }
}
