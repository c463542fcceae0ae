import Foundation
import Testing
import XDRCore
import XDRModel
import XDRStore
import XDRTestSupport
@testable import XDRCorrelate

@Suite struct CorrelatorServiceTests {
    let quick = CorrelatorConfiguration(pollInterval: 0.2, batchSize: 50, leaseRetryInterval: 0.3)
    let logger = Logger(label: "test", level: .error)

    private func phishing(for tenant: UUID) -> [NormalizedEvent] {
        var factory = EventFactory(tenant: tenant)
        _ = PhishingScenario(factory: &factory)
        return factory.normalized
    }

    private func liveIncidents(_ tenant: UUID, in database: TestDatabase) throws -> Int {
        try database.app().withTenantScope([tenant]) {
            try $0.query("SELECT count(*) AS n FROM incidents WHERE redirected_to IS NULL").first?.int("n") ?? 0
        }
    }

    @Test func turnsCommittedEventsIntoIncidentsAndReleasesItsLeaseWhenCancelled() async throws {
        let database = try TestDatabase("svcrun")
        let tenant = UUID()
        try EventTable.createTenants([tenant], in: database)
        let metrics = MetricsRegistry()
        let service = CorrelatorService(databaseURL: database.appURL, configuration: quick, logger: logger, metrics: metrics)
        let running = Task { try await service.run() }

        #expect(try await eventually { service.status.ready && service.status.leasedTenants == [tenant] })
        let events = phishing(for: tenant)
        try EventTable.insert(events, tenant: tenant, on: try database.app())
        #expect(try await eventually { try liveIncidents(tenant, in: database) == 1 })
        #expect(try await eventually { service.status.eventsProcessed == Int64(events.count) })
        #expect(metrics.counter("xdr_correlator_events_processed_total") == Double(events.count))
        let rendered = metrics.render()
        #expect(rendered.contains("xdr_correlator_open_incidents{tenant=\"\(tenant.uuidString.lowercased())\"} 1"))
        // The state is saved after the batch commits, in the background: its size arrives when that save has.
        #expect(try await eventually { metrics.render().contains("xdr_correlator_engine_state_bytes{tenant=") })

        running.cancel()
        try await running.value
        #expect(!service.status.ready)
        #expect(service.status.leasedTenants.isEmpty)
        let admin = try database.admin()
        #expect(try await eventually(5) {
            try admin.query("""
                SELECT count(*) AS n FROM pg_locks
                WHERE locktype = 'advisory' AND database = (SELECT oid FROM pg_database WHERE datname = current_database())
                """).first?.int("n") == 0
        })
    }

    @Test func replicasSplitTenantsAndTheSurvivorTakesOverAtOnce() async throws {
        let database = try TestDatabase("svcsplit")
        let tenants = (0..<4).map { _ in UUID() }
        try EventTable.createTenants(tenants, in: database)
        let first = CorrelatorService(databaseURL: database.appURL, configuration: quick, logger: logger)
        let firstRun = Task { try await first.run() }
        #expect(try await eventually { first.status.leasedTenants.count == 4 })

        let second = CorrelatorService(databaseURL: database.appURL, configuration: quick, logger: logger)
        let secondRun = Task { try await second.run() }
        #expect(try await eventually {
            let (a, b) = (Set(first.status.leasedTenants), Set(second.status.leasedTenants))
            return a.count == 2 && b.count == 2 && a.isDisjoint(with: b)
        })
        let handedOver = Set(first.status.leasedTenants)

        firstRun.cancel()
        try await firstRun.value
        // The survivor's next lease round (every 0.3 s here) finds them free: no expiry to wait for.
        #expect(try await eventually(10) { Set(second.status.leasedTenants) == Set(tenants) })

        // The survivor correlates the tenants it took over.
        for tenant in handedOver { try EventTable.insert(phishing(for: tenant), tenant: tenant, on: try database.app()) }
        #expect(try await eventually { try handedOver.allSatisfy { try liveIncidents($0, in: database) == 1 } })
        secondRun.cancel()
        try await secondRun.value
    }

    @Test func aKilledLeaseSessionLeavesNoTenantOrphaned() async throws {
        let database = try TestDatabase("svckill")
        let tenants = (0..<4).map { _ in UUID() }
        try EventTable.createTenants(tenants, in: database)
        let first = CorrelatorService(databaseURL: database.appURL, configuration: quick, logger: logger)
        let second = CorrelatorService(databaseURL: database.appURL, configuration: quick, logger: logger)
        let runs = [Task { try await first.run() }, Task { try await second.run() }]
        #expect(try await eventually {
            Set(first.status.leasedTenants).union(second.status.leasedTenants) == Set(tenants)
                && first.status.leasedTenants.count + second.status.leasedTenants.count == 4
        })
        let killed = first.status.leaseBackendPID
        #expect(killed != 0)
        try database.admin().execute("SELECT pg_terminate_backend($1)", [Int(killed)])

        #expect(try await eventually {
            let (a, b) = (first.status, second.status)
            return a.leaseBackendPID != killed && a.leaseBackendPID != 0
                && Set(a.leasedTenants).union(b.leasedTenants) == Set(tenants)
                && Set(a.leasedTenants).isDisjoint(with: b.leasedTenants)
        })
        for tenant in tenants { try EventTable.insert(phishing(for: tenant), tenant: tenant, on: try database.app()) }
        #expect(try await eventually { try tenants.allSatisfy { try liveIncidents($0, in: database) == 1 } })
        for run in runs { run.cancel() }
        for run in runs { try await run.value }
    }

    @Test func aTenantWithBadSettingsBacksOffWithoutHoldingUpTheOthers() async throws {
        let database = try TestDatabase("svcbad")
        let (good, bad) = (UUID(), UUID())
        try EventTable.createTenants([good, bad], in: database)
        try database.admin().execute("INSERT INTO tenant_correlation_config (tenant_id, config) VALUES ($1, $2)",
                                     [bad, "{\"fanOutLimit\": \"many\"}"])
        let metrics = MetricsRegistry()
        let service = CorrelatorService(databaseURL: database.appURL, configuration: quick, logger: logger, metrics: metrics)
        let running = Task { try await service.run() }
        try EventTable.insert(phishing(for: good), tenant: good, on: try database.app())
        try EventTable.insert(phishing(for: bad), tenant: bad, on: try database.app())
        #expect(try await eventually { try liveIncidents(good, in: database) == 1 })
        #expect(try await eventually { service.status.lastError?.contains("fanOutLimit") == true })
        let started = Date()
        try await Task.sleep(nanoseconds: 1_500_000_000)
        let failures = metrics.counter("xdr_correlator_batch_failures_total")
        // Polled every 0.2 s, a tenant retried without backoff would fail about once per poll.
        let polls = Date().timeIntervalSince(started) / quick.pollInterval
        #expect(failures >= 1 && failures < polls, "\(failures) failures in \(polls) polls")
        #expect(try liveIncidents(bad, in: database) == 0)
        running.cancel()
        try await running.value
    }
}
