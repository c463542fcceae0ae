import Foundation
import Testing
import XDRModel
import XDRStore
import XDRTestSupport
@testable import XDRCorrelate

@Suite struct BatchPrefetcherTests {
    let tenant = UUID(uuidString: "00000000-0000-0000-0000-00000000000A")!

    private func database(events count: Int) throws -> TestDatabase {
        let database = try TestDatabase("prefetch")
        try EventTable.createTenants([tenant], in: database)
        var factory = EventFactory(tenant: tenant)
        for index in 0..<count { _ = factory.endpointAlert(Double(index), host: "ws-\(index)", title: "Alert \(index)") }
        _ = try EventTable.insert(factory.normalized, tenant: tenant, on: try database.app())
        return database
    }

    @Test func handsOverWhatAReadAtThatPositionReturns() throws {
        let database = try database(events: 12)
        let prefetcher = BatchPrefetcher(url: database.appURL)
        defer { prefetcher.stop() }
        // Rows become final once no older transaction runs on the server; retry until they are.
        var ahead: EventStreamReader.Batch?
        let deadline = Date().addingTimeInterval(20)
        repeat {
            prefetcher.start(tenant: tenant, after: .start, limit: 5)
            ahead = prefetcher.take(tenant: tenant, after: .start)
        } while (ahead?.rowCount ?? 0) < 5 && Date() < deadline
        let read = try database.app().withTenantScope([tenant]) {
            try EventStreamReader().read(tenant: tenant, after: .start, limit: 5, on: $0)
        }
        #expect(ahead?.events.map(\.id) == read.events.map(\.id))
        #expect(ahead?.position == read.position)
        #expect(prefetcher.take(tenant: tenant, after: .start) == nil, "a batch is handed over once")
    }

    @Test func aRequestForAnotherPositionIsDiscarded() throws {
        let database = try database(events: 3)
        let prefetcher = BatchPrefetcher(url: database.appURL)
        defer { prefetcher.stop() }
        prefetcher.start(tenant: tenant, after: .start, limit: 5)
        #expect(prefetcher.take(tenant: tenant, after: StreamPosition(xid: 1, id: 1)) == nil)
        #expect(prefetcher.take(tenant: tenant, after: .start) == nil, "the mismatch freed the slot")
    }

    @Test func holdsNoMoreThanItsLimitOfTenants() throws {
        let database = try database(events: 3)
        let prefetcher = BatchPrefetcher(url: database.appURL, maxHeld: 1)
        defer { prefetcher.stop() }
        let other = UUID()
        prefetcher.start(tenant: tenant, after: .start, limit: 5)
        prefetcher.start(tenant: other, after: .start, limit: 5)
        #expect(prefetcher.take(tenant: other, after: .start) == nil, "the second tenant found no free slot")
        #expect(prefetcher.take(tenant: tenant, after: .start) != nil)
    }
}
