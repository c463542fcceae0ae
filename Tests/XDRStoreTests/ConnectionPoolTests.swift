import Foundation
import Testing
import XDRCore
import XDRStore
import XDRTestSupport

@Suite struct ConnectionPoolTests {
    @Test func replacesAConnectionKilledByTheServer() throws {
        let database = try TestDatabase("pool")
        let pool = database.appPool(size: 1)
        let firstPID = try pool.withConnection { $0.backendPID }
        let admin = try database.admin()
        try admin.execute("SELECT pg_terminate_backend($1)", [Int(firstPID)])
        // The idle connection is now dead; the first use fails, the pool discards it, the next works.
        _ = try? pool.withConnection { try $0.query("SELECT 1") }
        let secondPID = try pool.withConnection { connection -> Int32 in
            _ = try connection.query("SELECT 1")
            return connection.backendPID
        }
        #expect(secondPID != firstPID)
    }

    @Test func reconnectsAfterTheServerRestarts() throws {
        let server = try TestServer()
        defer { server.destroy() }
        let pool = ConnectionPool(url: try server.adminURL(), configuration: .init(maximumConnections: 2, acquireTimeout: 2, maximumBackoff: 0.5),
                                  logger: Logger(label: "test", level: .error))
        #expect(try pool.withConnection { try $0.query("SELECT 1 AS one").first?.int("one") } == 1)
        try server.stop()
        #expect(throws: DatabaseError.self) { try pool.withConnection { try $0.query("SELECT 1") } }
        try server.start()
        var answer: Int?
        for _ in 0..<40 where answer == nil {
            answer = try? pool.withConnection { try $0.query("SELECT 2 AS two").first?.int("two") }
            if answer == nil { Thread.sleep(forTimeInterval: 0.25) }
        }
        #expect(answer == 2)
    }

    @Test func boundsConnectionsAndTimesOutWaiters() throws {
        let database = try TestDatabase("bound")
        let pool = ConnectionPool(url: database.appURL, configuration: .init(maximumConnections: 1, acquireTimeout: 0.3),
                                  logger: Logger(label: "test", level: .error))
        try pool.withConnection { _ in
            let waited = Date()
            #expect {
                try pool.withConnection { _ in }
            } throws: { error in
                (error as? DatabaseError)?.kind == .poolTimeout
            }
            #expect(Date().timeIntervalSince(waited) >= 0.25)
        }
        #expect(pool.openConnections == 1)
    }

    @Test func rollsBackATransactionLeftOpen() throws {
        let database = try TestDatabase("leftopen")
        let pool = database.appPool(size: 1)
        try pool.withConnection { try $0.execute("BEGIN") }
        let ready = try pool.withConnection { $0.isReady }
        #expect(ready)
    }
}
