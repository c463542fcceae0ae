import Foundation
import Testing
import XDRModel
import XDRStore
import XDRTestSupport
@testable import XDRCorrelate

@Suite struct EventStreamReaderTests {
    let tenant = UUID(uuidString: "00000000-0000-0000-0000-00000000000A")!

    /// Reads once, or until at least `rows` rows are final: any transaction running anywhere on
    /// the server (another test creating its database) holds the stream back for a moment.
    private func read(_ database: TestDatabase, after position: StreamPosition, limit: Int = 100,
                      rows: Int = 0) throws -> EventStreamReader.Batch {
        let connection = try database.app()
        let deadline = Date().addingTimeInterval(20)
        while true {
            let batch = try connection.withTenantScope([tenant]) { connection in
                try EventStreamReader().read(tenant: tenant, after: position, limit: limit, on: connection)
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
}
