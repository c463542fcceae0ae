import Foundation
import Testing
import XDRIngest
import XDRModel
import XDRScenario
import XDRStore
import XDRTestSupport
@testable import XDRCorrelate

@Suite struct EventStreamReaderTests {
    let tenant = UUID(uuidString: "00000000-0000-0000-0000-00000000000A")!

    /// Reads once, or until at least `rows` rows are final: any transaction running anywhere on
    /// the server (another test creating its database) holds the stream back for a moment.
    private func read(_ database: TestDatabase, after position: StreamPosition, limit: Int = 100,
                      rows: Int = 0, details: DetailSelection = .all) throws -> EventStreamReader.Batch {
        let connection = try database.app()
        let deadline = Date().addingTimeInterval(20)
        while true {
            let batch = try connection.withTenantScope([tenant]) { connection in
                try EventStreamReader().read(tenant: tenant, after: position, limit: limit, details: details, on: connection)
            }
            if batch.rowCount >= rows || Date() > deadline { return batch }
            Thread.sleep(forTimeInterval: 0.05)
        }
    }

    @Test func doesNotSkipARowWhoseTransactionCommitsAfterAYoungerOne() throws {
        let database = try TestDatabase("streamorder")
        var factory = EventFactory(tenant: tenant)
        _ = factory.processStart(1, host: "ws-a", user: "alice", image: "a.exe", parent: "explorer.exe")
        _ = factory.processStart(2, host: "ws-b", user: "bob", image: "b.exe", parent: "explorer.exe")
        let (first, second) = (factory.normalized[0], factory.normalized[1])
        let writerA = try database.app()
        let writerB = try database.app()
        try EventTable.ensurePartitions(for: factory.normalized, on: writerA)

        // A begins and takes the smaller id; B inserts a larger id and commits first.
        try writerA.execute("BEGIN")
        try writerA.execute("SELECT set_config('xdr.tenant_ids', $1, true)", [[tenant]])
        let idA = try EventTable.insertRow(first, tenant: tenant, on: writerA)
        let idB = try EventTable.insert([second], tenant: tenant, on: writerB)[0]
        #expect(idA < idB)

        // While A runs, B's row is committed but not yet final: the reader must not pass it.
        let early = try read(database, after: .start)
        #expect(early.events.isEmpty)
        #expect(early.position == .start)

        try writerA.execute("COMMIT")
        let late = try read(database, after: early.position, rows: 2)
        #expect(Set(late.events.map(\.id)) == [idA, idB])
        // Commit order: A's transaction is older, so its row comes first.
        #expect(late.events.map(\.id) == [idA, idB])
        let after = try read(database, after: late.position)
        #expect(after.events.isEmpty && after.rowCount == 0)
    }

    @Test func readsBackWhatTheIngestStored() throws {
        let database = try TestDatabase("streamdecode")
        var factory = EventFactory(tenant: tenant)
        _ = PhishingScenario(factory: &factory)
        let ids = try EventTable.insert(factory.normalized, tenant: tenant, on: try database.app())
        let batch = try read(database, after: .start, rows: ids.count)
        #expect(batch.skipped.isEmpty)
        #expect(batch.events.map(\.id) == ids)
        for (index, event) in batch.events.enumerated() {
            let expected = CorrelationEvent(event: factory.normalized[index], id: ids[index], tenantID: tenant)
            #expect(event == expected, "event \(index)")
        }
        #expect(batch.events.contains { !$0.deviceIPs.isEmpty })
        #expect(batch.latestIngestedAt != nil)
    }

    /// The reader fills `CorrelationEvent` from the row itself; for every format the generator
    /// writes (parsed and stored by the real ingest path), what it reads equals what
    /// `CorrelationEvent(event:)` makes of the normalised event.
    @Test func readsEveryFormatAsTheNormalisedEventSaysIt() throws {
        let database = try TestDatabase("streamformats")
        let dataset = try ScenarioGenerator(seed: 11).build(ScenarioKind.allCases, tenants: ["a", "b"])
        let writer = EventWriter(pool: database.appPool())
        var expected: [CorrelationEvent: Int] = [:]
        var formats = Set<String>()
        var stored = 0
        for batch in dataset.batches {
            let format = try #require(FormatRegistry.format(named: batch.format), "format \(batch.format)")
            let events = IngestPipeline().normalize(body: batch.body, format: format, context: FormatContext(receivedAt: 0)).events
            #expect(!events.isEmpty, "batch of \(batch.format)")
            stored += try writer.write(events, tenant: tenant).inserted
            formats.insert(batch.format)
            for event in events { expected[CorrelationEvent(event: event, id: 0, tenantID: tenant), default: 0] += 1 }
        }
        #expect(formats == Set(SourceFormat.allCases.map(\.name)))

        var position = StreamPosition.start
        var read: [CorrelationEvent] = []
        while read.count < stored {
            let batch = try self.read(database, after: position, limit: 5_000, rows: 1)
            #expect(batch.skipped.isEmpty, "\(batch.skipped.prefix(3))")
            if batch.rowCount == 0 { break }
            read += batch.events
            position = batch.position
        }
        #expect(read.count == stored)
        var unmatched: [CorrelationEvent] = []
        for var event in read {
            event.id = 0
            if let left = expected[event], left > 0 { expected[event] = left - 1 } else { unmatched.append(event) }
        }
        #expect(unmatched.isEmpty, "read but not expected: \(unmatched.prefix(2))")
        #expect(read.contains { !$0.details.isEmpty } && read.contains { !$0.deviceIPs.isEmpty })
        #expect(read.contains { !$0.attackTechniques.isEmpty } && read.contains { !$0.emailTo.isEmpty })
    }

    /// Values PostgreSQL prints with quoting or escapes, and the kinds of details rules read or
    /// leave: read from the bytes in place, they come back as the normalised event held them.
    @Test func readsQuotedArraysEscapedTextAndEveryKindOfDetail() throws {
        let database = try TestDatabase("streamescapes")
        var event = NormalizedEvent(time: 1_795_334_400_000_000, layer: .email, kind: .detection, classUID: 4009,
                                    activityID: 1, severity: .high, sourceProduct: "test", sourceFormat: "test", raw: "")
        event.title = "Invoice \"Q4\" — ünïcode \\ back\\slash, {braces}"
        event.attackTechniques = ["T1566.001", "with \"quote\"", "with,comma", "NULL", "back\\slash", "{x}", ""]
        event.emailTo = ["alice@corp.example", "\"Bob, Jr.\" <bob@corp.example>"]
        event.hostname = "ws-älice"
        event.dstPort = 443
        event.add(Entity(.email, "alice@corp.example", role: .target, original: "Alice <alice@corp.example>"))
        event.add(Entity(.host, "ws-älice", role: .device))
        event.add(Entity(.ip, "10.0.0.5", role: .device))
        event.setDetail("activity_name", "Click \"here\"\n\ttab")
        event.details["count"] = .number("42")
        event.details["blocked"] = .bool(false)
        event.details["answers"] = .array([.string("a")])
        event.details["nested"] = .object(["key": .string("value")])
        event.details["empty"] = .null
        let ids = try EventTable.insert([event], tenant: tenant, on: try database.app())
        let batch = try read(database, after: .start, rows: 1)
        #expect(batch.skipped.isEmpty)
        let read = try #require(batch.events.first)
        #expect(read == CorrelationEvent(event: event, id: ids[0], tenantID: tenant))
        #expect(read.details == ["activity_name": "Click \"here\"\n\ttab", "count": "42", "blocked": "false"])
        #expect(read.attackTechniques.count == 7 && read.emailTo.count == 2)
    }

    /// With a selection only the named details are kept (nested ones skipped unread), the rest of
    /// the event is as without one, and the batch says what it was read with.
    @Test func keepsOnlyTheSelectedDetails() throws {
        let database = try TestDatabase("streamdetails")
        var event = NormalizedEvent(time: 1_795_334_400_000_000, layer: .endpoint, kind: .telemetry, classUID: 1007,
                                    activityID: 1, severity: .informational, sourceProduct: "test", sourceFormat: "test", raw: "")
        event.hostname = "ws-alice"
        event.setDetail("logon.type", "3")
        event.setDetail("network.direction", "outbound")
        event.setDetail("process.command_line_length", "4096")
        event.details["nested"] = .object(["logon.type": .string("10")])
        event.details["list"] = .array([.string("x")])
        _ = try EventTable.insert([event], tenant: tenant, on: try database.app())
        let selection = DetailSelection(keys: ["logon.type", "network.direction", "absent"])
        let selected = try read(database, after: .start, rows: 1, details: selection)
        let everything = try read(database, after: .start, rows: 1)
        #expect(selected.details == selection && everything.details == .all)
        let kept = try #require(selected.events.first), full = try #require(everything.events.first)
        #expect(kept.details == ["logon.type": "3", "network.direction": "outbound"])
        #expect(full.details.count == 3)
        var withoutDetails = full
        withoutDetails.details = kept.details
        #expect(kept == withoutDetails)
    }

    @Test func pagesInStreamOrderAndSeesOnlyItsTenant() throws {
        let database = try TestDatabase("streampage")
        let other = UUID()
        var factory = EventFactory(tenant: tenant)
        for minute in 0..<5 { _ = factory.processStart(Double(minute), host: "ws-a", user: "alice", image: "a.exe", parent: "p.exe") }
        let writer = try database.app()
        let ids = try EventTable.insert(Array(factory.normalized[0..<3]), tenant: tenant, on: writer)
            + EventTable.insert(Array(factory.normalized[3...]), tenant: tenant, on: writer)
        try EventTable.insert(factory.normalized, tenant: other, on: writer)
        var position = StreamPosition.start
        var seen: [Int64] = []
        while seen.count < ids.count {
            let batch = try read(database, after: position, limit: 2, rows: 1)
            if batch.rowCount == 0 { break }
            #expect(batch.rowCount <= 2)
            #expect(batch.events.allSatisfy { $0.tenantID == tenant })
            seen += batch.events.map(\.id)
            position = batch.position
        }
        #expect(seen == ids)
    }

    @Test func skipsAnUndecodableRowNamingTheColumnAndMovesOn() throws {
        let database = try TestDatabase("streambad")
        var factory = EventFactory(tenant: tenant)
        _ = factory.processStart(1, host: "ws-a", user: "alice", image: "a.exe", parent: "p.exe")
        _ = factory.processStart(2, host: "ws-a", user: "alice", image: "b.exe", parent: "p.exe")
        let ids = try EventTable.insert(factory.normalized, tenant: tenant, on: try database.app())
        try database.admin().execute("UPDATE events SET entities = '{\"not\": \"an array\"}' WHERE id = $1", [ids[0]])
        let batch = try read(database, after: .start, rows: 2)
        #expect(batch.events.map(\.id) == [ids[1]])
        #expect(batch.rowCount == 2)
        let error = try #require(batch.skipped.first)
        #expect(error.eventID == ids[0])
        #expect(error.column == "entities")
        #expect(error.description.contains("expected a JSON array"))
    }
    /// Transaction ids compare as numbers: a batch boundary must not fall between xids of
    /// different lengths in text order ("1000" < "999"), or the older rows are never read.
    @Test func readsTransactionsInNumericOrderAcrossAPowerOfTen() throws {
        let database = try TestDatabase("streamdigits")
        var factory = EventFactory(tenant: tenant)
        _ = factory.processStart(1, host: "ws-a", user: "alice", image: "a.exe", parent: "explorer.exe")
        _ = factory.processStart(2, host: "ws-b", user: "bob", image: "b.exe", parent: "explorer.exe")
        let writer = try database.app()
        try EventTable.ensurePartitions(for: factory.normalized, on: writer)
        let older = try EventTable.insert([factory.normalized[0]], tenant: tenant, on: writer)[0]
        // Spend transaction ids until the next one has one more digit.
        let admin = try database.admin()
        let current = try #require(UInt64(try admin.query("SELECT pg_current_xact_id()::text AS x")[0].string("x")))
        var next: UInt64 = 10
        while next <= current + 1 { next *= 10 }
        try admin.execute("""
            DO $$ BEGIN FOR i IN 1..\(next - current) LOOP PERFORM pg_current_xact_id(); COMMIT; END LOOP; END $$
            """)
        let younger = try EventTable.insert([factory.normalized[1]], tenant: tenant, on: writer)[0]

        let first = try read(database, after: .start, limit: 1, rows: 1)
        #expect(first.events.map(\.id) == [older])
        let second = try read(database, after: first.position, limit: 1, rows: 1)
        #expect(second.events.map(\.id) == [younger])
        #expect(String(first.position.xid).count < String(second.position.xid).count, "the xids differ in length")
    }
}
