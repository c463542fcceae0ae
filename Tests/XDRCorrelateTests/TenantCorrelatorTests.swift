import Foundation
import Testing
import XDRModel
import XDRStore
import XDRTestSupport
@testable import XDRCorrelate

@Suite struct TenantCorrelatorTests {
    let tenant = EventFactory().tenant

    /// A fresh database holding the phishing story for `tenant`, stored as the ingest would.
    private func phishingDatabase(_ label: String, twice: Bool = false, bridge: Bool = false) throws -> (TestDatabase, PhishingScenario, [Int64]) {
        let database = try TestDatabase(label)
        try EventTable.createTenants([tenant], in: database)
        // The tenant's NetBIOS domain: `CORP\alice` is the mailbox alice@corp.example.
        try database.admin().execute("INSERT INTO tenant_correlation_config (tenant_id, config) VALUES ($1, $2)",
                                     [tenant, "{\"userDomains\": {\"corp\": \"corp.example\"}}"])
        var factory = EventFactory(tenant: tenant)
        let scenario = PhishingScenario(factory: &factory)
        if twice { _ = PhishingScenario(factory: &factory, offset: 600) }
        if bridge {
            // Two incidents on two hosts, then one detection naming both: they merge.
            _ = factory.endpointAlert(3000, host: "ws-left", title: "Credential dumping", tactics: ["credential_access"])
            _ = factory.endpointAlert(3001, host: "ws-right", title: "Suspicious service", tactics: ["persistence"])
            _ = factory.endpointAlert(3002, host: "ws-left", title: "Remote execution", tactics: ["lateral_movement"]) {
                $0.addHost("ws-right", role: .destination)
            }
        }
        let writer = try database.app()
        var ids: [Int64] = []
        // Several short ingest transactions, as shippers deliver.
        for chunk in stride(from: 0, to: factory.normalized.count, by: 4) {
            let slice = Array(factory.normalized[chunk..<min(chunk + 4, factory.normalized.count)])
            ids += try EventTable.insert(slice, tenant: tenant, on: writer)
        }
        #expect(ids == Array(1...Int64(ids.count)), "a fresh database numbers events like the factory")
        return (database, scenario, ids)
    }

    @Test func phishingChainBecomesOneIncidentWithMembers() throws {
        let (database, scenario, ids) = try phishingDatabase("corrphish")
        let listener = try database.app()
        try listener.listen("xdr_incidents")
        let connection = try database.app()
        try CorrelatorDatabase.drain(TenantCorrelator(tenant: tenant, batchSize: 100), on: connection, events: ids.count)

        try connection.withTenantScope([tenant]) { connection in
            let incidents = try connection.query("SELECT * FROM incidents WHERE redirected_to IS NULL")
            #expect(incidents.count == 1)
            let incident = try #require(incidents.first)
            #expect(try incident.string("title").contains("Phishing attachment executed on ws-alice"))
            #expect(try incident.string("title").contains("lateral movement to filesrv01"))
            #expect(try incident.int("severity_id") == Severity.critical.rawValue)
            #expect(Set(try incident.strings("layers")) == ["endpoint", "email", "network"])
            #expect(try incident.string("status") == "new")
            let id = try incident.uuid("id")
            let members = try connection.query("SELECT * FROM incident_members WHERE incident_id = $1", [id])
            let memberEvents = Set(try members.compactMap { try $0.decode(Int64?.self, "event_id") })
            #expect(memberEvents.contains(scenario.mailToAlice))
            #expect(memberEvents.contains(scenario.c2Alert))
            #expect(!memberEvents.contains(scenario.mailToBob))
            #expect(try members.filter { try $0.string("role") == "seed" }.count == 1)
            #expect(try incident.int("event_count") == members.count)
            let rules = Set(try connection.query("SELECT rule_id FROM derived_detections").map { try $0.string("rule_id") })
            #expect(rules.contains("tsunagi.office-spawns-shell"))
            let checkpoint = try connection.query("SELECT events_processed, last_id FROM correlator_checkpoints")
            #expect(try checkpoint.first?.int64("events_processed") == Int64(ids.count))
            #expect(try checkpoint.first?.int64("last_id") == ids.last)
        }
        let notifications = try listener.waitForNotifications(timeout: 2)
        #expect(notifications.contains { $0.channel == "xdr_incidents" && $0.payload.contains("\"change\":\"created\"") })
    }

    @Test func aCrashBetweenBatchesChangesNothing() throws {
        let (reference, _, ids) = try phishingDatabase("corrref", twice: true, bridge: true)
        try CorrelatorDatabase.drain(TenantCorrelator(tenant: tenant, batchSize: 3), on: try reference.app(), events: ids.count)
        let expected = try CorrelatorDatabase.dump(tenant: tenant, in: reference)
        #expect(expected.contains { $0.hasPrefix("incident ") })
        #expect(expected.contains { $0.hasPrefix("merge ") })

        let (crashed, _, _) = try phishingDatabase("corrcrash", twice: true, bridge: true)
        var processed = 0
        do {
            // The first process dies after some batches: its engine and connection are gone.
            let connection = try crashed.app()
            let results = try CorrelatorDatabase.drain(TenantCorrelator(tenant: tenant, batchSize: 3), on: connection,
                                                       events: ids.count / 2)
            processed = results.reduce(0) { $0 + $1.events }
        }
        #expect(processed > 0 && processed < ids.count)
        let restarted = TenantCorrelator(tenant: tenant, batchSize: 3)
        let results = try CorrelatorDatabase.drain(restarted, on: try crashed.app(), events: ids.count, alreadyProcessed: processed)
        #expect(results.first?.reloaded == true)
        #expect(try CorrelatorDatabase.dump(tenant: tenant, in: crashed) == expected)

        // Every event belongs to at most one live incident.
        try crashed.app().withTenantScope([tenant]) { connection in
            let doubled = try connection.query("""
                SELECT m.event_id FROM incident_members m JOIN incidents i ON i.id = m.incident_id
                WHERE i.redirected_to IS NULL AND m.event_id IS NOT NULL
                GROUP BY m.event_id HAVING count(*) > 1
                """)
            #expect(doubled.isEmpty)
        }
    }

    @Test func readingAheadGivesTheSameIncidentsAsReadingInTurn() throws {
        let (reference, _, ids) = try phishingDatabase("corrahead", twice: true, bridge: true)
        try CorrelatorDatabase.drain(TenantCorrelator(tenant: tenant, batchSize: 3), on: try reference.app(), events: ids.count)
        let expected = try CorrelatorDatabase.dump(tenant: tenant, in: reference)

        let (database, _, _) = try phishingDatabase("corrahead2", twice: true, bridge: true)
        let prefetcher = BatchPrefetcher(url: database.appURL)
        defer { prefetcher.stop() }
        let results = try CorrelatorDatabase.drain(TenantCorrelator(tenant: tenant, batchSize: 3, prefetcher: prefetcher),
                                                   on: try database.app(), events: ids.count)
        #expect(results.count > 2)
        #expect(try CorrelatorDatabase.dump(tenant: tenant, in: database) == expected)
    }

    /// Not only a full batch: one of a busy stream (at least `busyStreamRows`) has the next one
    /// read while it is decided; a quiet stream's batch does not.
    @Test func aBusyStreamIsReadAheadAfterAPartialBatch() throws {
        // One row is busy enough for the first case: a transaction open elsewhere on the server
        // may split the stream into several partial batches.
        for (busyStreamRows, readsAhead) in [(1, true), (10_000, false)] {
            let (database, _, ids) = try phishingDatabase("corrbusy\(busyStreamRows)")
            let prefetcher = BatchPrefetcher(url: database.appURL)
            defer { prefetcher.stop() }
            let correlator = TenantCorrelator(tenant: tenant, batchSize: 5_000, prefetcher: prefetcher, busyStreamRows: busyStreamRows)
            let results = try CorrelatorDatabase.drain(correlator, on: try database.app(), events: ids.count)
            let result = try #require(results.last)
            #expect(results.allSatisfy { $0.rows < 5_000 }, "partial batches: \(results.map(\.rows))")
            #expect((prefetcher.take(tenant: tenant, after: result.position) != nil) == readsAhead, "busy from \(busyStreamRows) rows")
        }
    }

    @Test func decidingAheadGivesTheSameIncidentsAsDecidingInTurn() throws {
        let (reference, _, ids) = try phishingDatabase("corrdecide", twice: true, bridge: true)
        try CorrelatorDatabase.drain(TenantCorrelator(tenant: tenant, batchSize: 3), on: try reference.app(), events: ids.count)
        let expected = try CorrelatorDatabase.dump(tenant: tenant, in: reference)

        let (database, _, _) = try phishingDatabase("corrdecide2", twice: true, bridge: true)
        let prefetcher = BatchPrefetcher(url: database.appURL)
        let saver = StateSaver(url: database.appURL)
        defer {
            prefetcher.stop()
            saver.stop()
        }
        let results = try CorrelatorDatabase.drain(TenantCorrelator(tenant: tenant, batchSize: 3, stateInterval: 0,
                                                                    prefetcher: prefetcher, saver: saver),
                                                   on: try database.app(), events: ids.count)
        #expect(results.filter(\.decidedAhead).count > results.count / 2, "full batches are decided while the previous one commits")
        #expect(try CorrelatorDatabase.dump(tenant: tenant, in: database) == expected)
        saver.flush()
        let (state, last) = try positions(in: database)
        #expect(state <= last, "a state decided ahead is saved only once its batch committed")
    }

    /// Each processor's engine runs ahead, then finds the checkpoint moved by the other: what it
    /// decided ahead is dropped with the engine, and the result is the same.
    @Test func decisionsAheadOfAMovedCheckpointAreDropped() throws {
        let (reference, _, ids) = try phishingDatabase("corraheadfence1", twice: true)
        try CorrelatorDatabase.drain(TenantCorrelator(tenant: tenant, batchSize: 2), on: try reference.app(), events: ids.count)
        let expected = try CorrelatorDatabase.dump(tenant: tenant, in: reference)

        let (shared, _, _) = try phishingDatabase("corraheadfence2", twice: true)
        let helpers = (0..<2).map { _ in (BatchPrefetcher(url: shared.appURL), StateSaver(url: shared.appURL)) }
        defer { for (prefetcher, saver) in helpers { prefetcher.stop(); saver.stop() } }
        let processors = helpers.map { TenantCorrelator(tenant: tenant, batchSize: 2, prefetcher: $0.0, saver: $0.1) }
        let connections = [try shared.app(), try shared.app()]
        var processed = 0
        var turn = 0
        var ahead = 0
        let deadline = Date().addingTimeInterval(30)
        while processed < ids.count, Date() < deadline {
            // Two batches each in turn: the second is decided ahead, the third finds the checkpoint moved.
            let index = (turn / 2) % 2
            let result = try processors[index].processBatch(on: connections[index])
            processed += result.events
            if result.decidedAhead { ahead += 1 }
            if result.rows > 0 { turn += 1 } else { Thread.sleep(forTimeInterval: 0.05) }
        }
        #expect(processed == ids.count)
        #expect(ahead > 0)
        #expect(try CorrelatorDatabase.dump(tenant: tenant, in: shared) == expected)
    }

    @Test func aStateSavedInTheBackgroundReloadsToTheSameIncidents() throws {
        let (reference, _, ids) = try phishingDatabase("corrsaverref", twice: true, bridge: true)
        try CorrelatorDatabase.drain(TenantCorrelator(tenant: tenant, batchSize: 3), on: try reference.app(), events: ids.count)
        let expected = try CorrelatorDatabase.dump(tenant: tenant, in: reference)

        let (database, _, _) = try phishingDatabase("corrsaver", twice: true, bridge: true)
        let saver = StateSaver(url: database.appURL)
        defer { saver.stop() }
        // Every batch is due for a save, none is written inside the batch transaction.
        let first = TenantCorrelator(tenant: tenant, batchSize: 3, stateInterval: 0, saver: saver)
        let done = try CorrelatorDatabase.drain(first, on: try database.app(), events: ids.count - 4)
        let processed = done.reduce(0) { $0 + $1.events }
        saver.flush()
        let (state, last) = try positions(in: database)
        #expect(state == last, "the last state queued is the last one written")
        #expect(done.allSatisfy { $0.stateSaveError == nil })

        // The restart's first batch rebuilds the engine from the saved state, whether or not the
        // stream shows it rows yet (a transaction open anywhere on the server holds them back).
        let restarted = TenantCorrelator(tenant: tenant, batchSize: 3)
        let connection = try database.app()
        let firstAfterRestart = try restarted.processBatch(on: connection)
        #expect(firstAfterRestart.reloaded)
        try CorrelatorDatabase.drain(restarted, on: connection, events: ids.count, alreadyProcessed: processed + firstAfterRestart.events)
        #expect(try CorrelatorDatabase.dump(tenant: tenant, in: database) == expected)
    }

    /// A large state takes seconds to write. The save and the batches lock different rows, so
    /// neither waits for the other (a lock wait here fails with the short lock timeout).
    @Test func aStateBeingWrittenAndABatchDoNotWaitForEachOther() throws {
        let (database, _, ids) = try phishingDatabase("corrsavelock")
        let connection = try database.app()
        try connection.execute("SET lock_timeout = '2s'")
        let correlator = TenantCorrelator(tenant: tenant, batchSize: 3, stateInterval: 3_600)
        // A transaction open elsewhere on the server (another test) can hold the rows back for a
        // moment: the first batch that reads any saves the state.
        var first = try correlator.processBatch(on: connection)
        let deadline = Date().addingTimeInterval(30)
        while first.events == 0, Date() < deadline {
            Thread.sleep(forTimeInterval: 0.05)
            first = try correlator.processBatch(on: connection)
        }
        #expect(first.stateBytes != nil, "the first batch with events saves the state")
        var processed = first.events
        // A save in progress: its transaction holds the state's row.
        try database.admin().transaction { saving in
            try saving.execute("SELECT 1 FROM correlator_states WHERE tenant_id = $1 FOR UPDATE", [tenant])
            for _ in 0..<3 { processed += try correlator.processBatch(on: connection).events }
        }
        #expect(processed > first.events)
        // A batch in progress: its transaction holds the checkpoint's row; a save goes ahead.
        let saver = try database.app()
        try saver.execute("SET lock_timeout = '2s'")
        let stored = try database.admin().transaction { batch in
            let checkpoint = try #require(try batch.query("""
                SELECT last_xid::text AS x, last_id FROM correlator_checkpoints WHERE tenant_id = $1 FOR NO KEY UPDATE
                """, [tenant]).first)
            let position = StreamPosition(xid: UInt64(try checkpoint.string("x")) ?? 0, id: try checkpoint.int64("last_id"))
            return try saver.withTenantScope([tenant]) { saver in
                try CorrelatorCheckpoint.saveState(TenantState(tenantID: tenant), tenant: tenant, position: position, on: saver)
            }
        }
        #expect(stored != nil, "written at the checkpoint, beyond the state the first batch saved")
        try CorrelatorDatabase.drain(correlator, on: connection, events: ids.count, alreadyProcessed: processed)
    }

    @Test func aBackgroundSaveNeverMovesTheStateBackwardsOrPastTheCheckpoint() throws {
        let (database, _, ids) = try phishingDatabase("corrsaverfence")
        try CorrelatorDatabase.drain(TenantCorrelator(tenant: tenant, batchSize: 100, stateInterval: 0), on: try database.app(),
                                     events: ids.count)
        let (state, last) = try positions(in: database)
        #expect(state == last)
        let connection = try database.app()
        let empty = TenantState(tenantID: tenant)
        let behind = StreamPosition(xid: state.xid, id: state.id - 1)
        let beyond = StreamPosition(xid: last.xid + 1, id: 0)
        let written = try connection.withTenantScope([tenant]) { connection in
            [try CorrelatorCheckpoint.saveState(empty, tenant: tenant, position: behind, on: connection),
             try CorrelatorCheckpoint.saveState(empty, tenant: tenant, position: beyond, on: connection)]
        }
        #expect(written == [nil, nil])
        let after = try positions(in: database)
        #expect(after.state == state && after.last == last)
    }

    /// The saved state's position and the checkpoint's, as stored.
    private func positions(in database: TestDatabase) throws -> (state: StreamPosition, last: StreamPosition) {
        try database.app().withTenantScope([tenant]) { connection in
            let row = try #require(try connection.query("""
                SELECT s.state_xid::text AS sx, s.state_id, c.last_xid::text AS lx, c.last_id
                FROM correlator_checkpoints c JOIN correlator_states s USING (tenant_id)
                """).first)
            return (StreamPosition(xid: UInt64(try row.string("sx")) ?? 0, id: try row.int64("state_id")),
                    StreamPosition(xid: UInt64(try row.string("lx")) ?? 0, id: try row.int64("last_id")))
        }
    }

    @Test func aReloadReplaysTheEventsAfterTheSavedStateAndRewritesNothing() throws {
        let (reference, _, ids) = try phishingDatabase("corrreplayref", twice: true, bridge: true)
        try CorrelatorDatabase.drain(TenantCorrelator(tenant: tenant, batchSize: 3), on: try reference.app(), events: ids.count)
        let expected = try CorrelatorDatabase.dump(tenant: tenant, in: reference)

        let (database, _, _) = try phishingDatabase("corrreplay", twice: true, bridge: true)
        // The state is saved with the first batch only; every later batch moves just the checkpoint.
        let first = TenantCorrelator(tenant: tenant, batchSize: 3, stateInterval: 3600)
        let done = try CorrelatorDatabase.drain(first, on: try database.app(), events: ids.count - 4)
        let processed = done.reduce(0) { $0 + $1.events }
        #expect(done.first?.stateBytes != nil)
        #expect(done.dropFirst().allSatisfy { $0.stateBytes == nil })
        let (state, last) = try positions(in: database)
        #expect(state < last, "the saved state lags the checkpoint")

        // A restart with another batch size replays in other chunks than the batches that wrote.
        let restarted = TenantCorrelator(tenant: tenant, batchSize: 7, stateInterval: 3600)
        let results = try CorrelatorDatabase.drain(restarted, on: try database.app(), events: ids.count, alreadyProcessed: processed)
        #expect(results.first?.reloaded == true)
        #expect(try CorrelatorDatabase.dump(tenant: tenant, in: database) == expected)
    }

    @Test func aZeroStateIntervalSavesTheStateWithEveryBatch() throws {
        let (database, _, ids) = try phishingDatabase("corrstateeach")
        let results = try CorrelatorDatabase.drain(TenantCorrelator(tenant: tenant, batchSize: 5, stateInterval: 0),
                                                   on: try database.app(), events: ids.count)
        #expect(results.count > 1 && results.allSatisfy { $0.stateBytes != nil })
        let (state, last) = try positions(in: database)
        #expect(state == last)
    }

    @Test func twoProcessorsOfOneTenantQueueOnTheCheckpointAndAgree() throws {
        let (reference, _, ids) = try phishingDatabase("corrfence1", twice: true)
        try CorrelatorDatabase.drain(TenantCorrelator(tenant: tenant, batchSize: 2), on: try reference.app(), events: ids.count)
        let expected = try CorrelatorDatabase.dump(tenant: tenant, in: reference)

        // As if a lease was lost mid-flight: two processors alternate on the same tenant.
        let (shared, _, _) = try phishingDatabase("corrfence2", twice: true)
        let first = TenantCorrelator(tenant: tenant, batchSize: 2)
        let second = TenantCorrelator(tenant: tenant, batchSize: 2)
        let (a, b) = (try shared.app(), try shared.app())
        var processed = 0
        var reloads = 0
        let deadline = Date().addingTimeInterval(30)
        var turn = 0
        while processed < ids.count, Date() < deadline {
            let result = turn % 2 == 0 ? try first.processBatch(on: a) : try second.processBatch(on: b)
            processed += result.events
            if result.reloaded { reloads += 1 }
            if result.rows > 0 { turn += 1 } else { Thread.sleep(forTimeInterval: 0.05) }
        }
        #expect(processed == ids.count)
        #expect(reloads >= 2, "each processor rebuilt its engine from the other's checkpoint")
        #expect(try CorrelatorDatabase.dump(tenant: tenant, in: shared) == expected)
    }

    @Test func incidentsAreInvisibleOutsideTheirTenantsScope() throws {
        let (database, _, ids) = try phishingDatabase("corrrls")
        let other = UUID()
        let connection = try database.app()
        try CorrelatorDatabase.drain(TenantCorrelator(tenant: tenant, batchSize: 100), on: connection, events: ids.count)
        let own = try connection.withTenantScope([tenant]) { try $0.query("SELECT id FROM incidents") }
        #expect(!own.isEmpty)
        let tables = ["incidents", "incident_members", "incident_merges", "derived_detections", "correlator_checkpoints",
                      "correlator_states"]
        let visible = try connection.withTenantScope([other]) { connection in
            try tables.map { try connection.query("SELECT count(*) AS n FROM \($0)").first?.int("n") ?? -1 }
        }
        #expect(visible == tables.map { _ in 0 })
        #expect(throws: DatabaseError.self) {
            try connection.withTenantScope([other]) { connection in
                try connection.execute("UPDATE incidents SET tenant_id = $1", [other])
                try connection.execute("""
                    INSERT INTO incidents (id, tenant_id, title, severity_id, first_seen, last_seen, snapshot)
                    VALUES ($1, $2, 'x', 1, now(), now(), '{}')
                    """, [UUID(), tenant])
            }
        }
    }

    @Test func aBadTenantConfigurationNamesTheColumn() throws {
        let (database, _, _) = try phishingDatabase("corrcfg")
        try database.admin().execute("UPDATE tenant_correlation_config SET config = $2 WHERE tenant_id = $1",
                                     [tenant, "{\"windows\": {\"starship\": 5}}"])
        do {
            try TenantCorrelator(tenant: tenant).processBatch(on: try database.app())
            Issue.record("expected the configuration to be rejected")
        } catch {
            #expect("\(error)".contains("config"))
            #expect("\(error)".contains("starship"))
        }
    }

    @Test func aCheckpointBeyondTheDatabasesTransactionsIsReportedNotSkippedPast() throws {
        let (database, _, _) = try phishingDatabase("corrrestore")
        try database.admin().execute("INSERT INTO correlator_checkpoints (tenant_id, last_xid, last_id) VALUES ($1, '9000000000'::xid8, 5)",
                                     [tenant])
        #expect(throws: StreamAheadOfDatabase.self) {
            try TenantCorrelator(tenant: tenant).processBatch(on: try database.app())
        }
        let stored = try database.admin().query("SELECT last_xid::text AS x FROM correlator_checkpoints")
        #expect(try stored.first?.string("x") == "9000000000")
    }

    @Test func restoredRowsBeyondTheTransactionCounterStopTheTenantUntilRestamped() throws {
        let (database, _, ids) = try phishingDatabase("corrrestamp")
        let admin = try database.admin()
        try admin.execute("UPDATE events SET ingest_xid = '9000000000' WHERE id = $1", [ids[3]])
        do {
            try TenantCorrelator(tenant: tenant).processBatch(on: try database.app())
            Issue.record("expected the tenant to be refused")
        } catch let error as StreamAheadOfDatabase {
            #expect(error.what == "event \(ids[3])")
            #expect(error.description.contains("operations.md"))
        }
        // The documented repair: restamp every event with one transaction, reset the checkpoint.
        try admin.transaction { connection in
            try connection.execute("UPDATE events SET ingest_xid = pg_current_xact_id()")
            try connection.execute("UPDATE correlator_checkpoints SET last_xid = '0', last_id = 0")
            try connection.execute("DELETE FROM correlator_states")
        }
        try CorrelatorDatabase.drain(TenantCorrelator(tenant: tenant, batchSize: 100), on: try database.app(), events: ids.count)
        #expect(try liveIncidentCount(in: database) == 1)
    }

    private func liveIncidentCount(in database: TestDatabase) throws -> Int {
        try database.app().withTenantScope([tenant]) {
            try $0.query("SELECT count(*) AS n FROM incidents WHERE redirected_to IS NULL").first?.int("n") ?? 0
        }
    }

    @Test func membersWrittenBatchByBatchMatchEachIncidentsSnapshot() throws {
        let (database, _, ids) = try phishingDatabase("corrmembers", twice: true, bridge: true)
        let connection = try database.app()
        try CorrelatorDatabase.drain(TenantCorrelator(tenant: tenant, batchSize: 1), on: connection, events: ids.count)
        let merges = try connection.withTenantScope([tenant]) { try $0.query("SELECT from_id, into_id FROM incident_merges") }
        #expect(merges.count >= 1)
        // The engine's view after the whole stream in one batch: what the rows written batch by batch must add up to.
        let events = try connection.withTenantScope([tenant]) { connection in
            try EventStreamReader().read(tenant: tenant, after: .start, limit: 10_000, on: connection).events
        }
        let engine = try builtInEngine(tenant: tenant)
        _ = engine.process(events)
        let snapshots = engine.openIncidents
        let (stored, members, entities, keys) = try connection.withTenantScope([tenant]) { connection in
            var stored: [UUID: IncidentSnapshot] = [:]
            var entities: [UUID: [IncidentEntity]] = [:]
            for row in try connection.query("""
                SELECT snapshot::text AS s, xdr_incident_entities(id)::text AS e FROM incidents WHERE redirected_to IS NULL
                """) {
                let snapshot = try JSONDecoder().decode(IncidentSnapshot.self, from: Data(try row.string("s").utf8))
                stored[snapshot.id] = snapshot
                entities[snapshot.id] = try JSONDecoder().decode([IncidentEntity].self, from: Data(try row.string("e").utf8))
            }
            var members: [UUID: Set<String>] = [:]
            for row in try connection.query("SELECT incident_id, member_key FROM incident_members") {
                members[try row.uuid("incident_id"), default: []].insert(try row.string("member_key"))
            }
            var keys: [UUID: Set<String>] = [:]
            for row in try connection.query("SELECT incident_id, entity_type || ':' || entity_value AS k FROM incident_entities") {
                keys[try row.uuid("incident_id"), default: []].insert(try row.string("k"))
            }
            return (stored, members, entities, keys)
        }
        #expect(!snapshots.isEmpty)
        for snapshot in snapshots {
            #expect(members[snapshot.id] == Set(snapshot.members.map(\.memberKey)), "\(snapshot.title)")
            #expect(stored[snapshot.id] == snapshot.stored, "the stored snapshot leaves members and blast radius to their own rows")
            // Entities are written only when new or changed: batch by batch they still end as one batch renders them.
            #expect(!snapshot.entities.isEmpty)
            #expect(entities[snapshot.id] == snapshot.entities, "\(snapshot.title)")
            #expect(Set(snapshot.entities.map(\.key)).isSubset(of: keys[snapshot.id] ?? []), "every entity is a pivot key")
        }
        #expect(Set(members.keys) == Set(snapshots.map(\.id)), "redirected incidents keep no members")
    }

    @Test func anIdleTenantIsProbedWithoutLockingItsCheckpoint() throws {
        let (database, _, ids) = try phishingDatabase("corridle")
        let connection = try database.app()
        let correlator = TenantCorrelator(tenant: tenant, batchSize: 100)
        try CorrelatorDatabase.drain(correlator, on: connection, events: ids.count)
        // A row lock stamps the row's xmax with the locker's transaction.
        let admin = try database.admin()
        let locker = { try admin.query("SELECT xmax::text AS x FROM correlator_checkpoints").first?.string("x") }
        let before = try locker()
        for _ in 0..<3 {
            let idle = try correlator.processBatch(on: connection)
            #expect(idle.rows == 0 && !idle.reloaded)
        }
        #expect(try locker() == before)
    }
}
