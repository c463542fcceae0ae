import Foundation
import Testing
import XDRStore
import XDRTestSupport

@Suite struct DatabaseConnectionTests {
    @Test func roundTripsEveryTypeWeUse() throws {
        let database = try TestDatabase("types")
        let connection = try database.admin()
        try connection.execute("""
            CREATE TABLE t (u uuid, ts timestamptz, ip inet, tags text[], doc jsonb, blob bytea, n bigint, f double precision, b boolean, s text)
            """)
        let id = UUID()
        let micros: Int64 = 1_600_046_380_123_456
        let tags = ["plain", "with space", "quote\"d", "back\\slash", "comma,x", "", "ünï"]
        let blob: [UInt8] = [0, 1, 2, 254, 255]
        try connection.execute("INSERT INTO t VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)",
                               [id, Micros(micros), "2001:db8::1", tags, "{\"a\": [1, 2]}", ByteA(blob), Int64.max, 1.5, true, "text ' with \"quotes\""])
        try connection.execute("INSERT INTO t VALUES (NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, $1)", [String?.none])
        let rows = try connection.query("SELECT * FROM t ORDER BY u NULLS LAST")
        #expect(rows.count == 2)
        let row = rows[0]
        #expect(try row.uuid("u") == id)
        #expect(try row.micros("ts") == micros)
        #expect(try row.string("ip") == "2001:db8::1")
        #expect(try row.strings("tags") == tags)
        #expect(try row.string("doc") == "{\"a\": [1, 2]}")
        #expect(try row.decode(ByteA.self, "blob").bytes == blob)
        #expect(try row.int64("n") == Int64.max)
        #expect(try row.decode(Double.self, "f") == 1.5)
        #expect(try row.bool("b"))
        #expect(try row.string("s") == "text ' with \"quotes\"")
        let nulls = rows[1]
        #expect(try nulls.text("u") == nil)
        #expect(try nulls.decode(UUID?.self, "u") == nil)
        #expect(try nulls.strings("tags") == [])
    }

    @Test func reportsSQLStateForUniqueViolationAndSyntax() throws {
        let database = try TestDatabase("errors")
        let connection = try database.admin()
        try connection.execute("CREATE TABLE t (id int PRIMARY KEY)")
        try connection.execute("INSERT INTO t VALUES (1)")
        do {
            try connection.execute("INSERT INTO t VALUES ($1)", [1])
            Issue.record("expected a unique violation")
        } catch {
            #expect(error.sqlState == "23505")
            #expect(error.isUniqueViolation)
            #expect(error.description.contains("duplicate key"))
        }
        do {
            try connection.execute("SELEC 1")
            Issue.record("expected a syntax error")
        } catch {
            #expect(error.sqlState == "42601")
        }
        // The connection is still usable after errors.
        #expect(try connection.query("SELECT 1 AS one").first?.int("one") == 1)
    }

    @Test func rollsBackATransactionThatThrows() throws {
        let database = try TestDatabase("tx")
        let connection = try database.admin()
        try connection.execute("CREATE TABLE t (id int)")
        struct Boom: Error {}
        #expect(throws: Boom.self) {
            try connection.transaction { connection in
                try connection.execute("INSERT INTO t VALUES (1)")
                throw Boom()
            }
        }
        #expect(try connection.query("SELECT count(*) AS n FROM t").first?.int("n") == 0)
        try connection.transaction { try $0.execute("INSERT INTO t VALUES (2)") }
        #expect(try connection.query("SELECT count(*) AS n FROM t").first?.int("n") == 1)
        #expect(connection.isReady)
    }

    @Test func copiesAHundredThousandRows() throws {
        let database = try TestDatabase("copy")
        let connection = try database.admin()
        try connection.execute("CREATE TABLE t (id bigint, name text)")
        let copied = try connection.copyIn("COPY t (id, name) FROM STDIN") { send in
            var chunk: [UInt8] = []
            for index in 0..<100_000 {
                chunk.append(contentsOf: Array("\(index)\tname \(index)\\twith tab\n".utf8))
                if chunk.count > 64 * 1024 {
                    try send(chunk)
                    chunk.removeAll(keepingCapacity: true)
                }
            }
            try send(chunk)
        }
        #expect(copied == 100_000)
        let row = try connection.query("SELECT count(*) AS n, max(id) AS m, min(name) FILTER (WHERE id = 7) AS s FROM t").first
        #expect(try row?.int("n") == 100_000)
        #expect(try row?.int("m") == 99_999)
        #expect(try row?.string("s") == "name 7\twith tab")
    }

    @Test func copyWithBadDataFailsWithSQLStateAndLeavesNothing() throws {
        let database = try TestDatabase("copybad")
        let connection = try database.admin()
        try connection.execute("CREATE TABLE t (id bigint)")
        #expect(throws: DatabaseError.self) {
            try connection.copyIn("COPY t FROM STDIN") { send in try send(Array("1\nnot-a-number\n".utf8)) }
        }
        #expect(try connection.query("SELECT count(*) AS n FROM t").first?.int("n") == 0)
    }

    @Test func deliversNotifications() throws {
        let database = try TestDatabase("notify")
        let listener = try database.admin()
        let sender = try database.admin()
        try listener.listen("events_ingested")
        try sender.notify("events_ingested", payload: "tenant-1")
        let received = try listener.waitForNotifications(timeout: 5)
        #expect(received == [DatabaseConnection.Notification(channel: "events_ingested", payload: "tenant-1")])
        #expect(throws: DatabaseError.self) { try listener.listen("bad; DROP TABLE x") }
    }

    @Test func rejectsMalformedURLsWithoutEchoingSecrets() throws {
        #expect(throws: DatabaseError.self) { try DatabaseURL("mysql://u:secret@h/db") }
        let url = try DatabaseURL("postgresql://user:s3cret@db.example:5433/tsunagi?sslmode=require")
        #expect(url.description == "postgresql://user@db.example:5433/tsunagi")
        #expect(url.value("password") == "s3cret")
        #expect(url.value("sslmode") == "require")
        // The connection string keeps what the log form drops, so another process gets the same URL.
        let again = try DatabaseURL(url.connectionString)
        #expect(again.value("password") == "s3cret" && again.value("sslmode") == "require" && again.value("dbname") == "tsunagi")
    }
}
