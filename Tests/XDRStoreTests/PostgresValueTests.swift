import Foundation
import Testing
import XDRStore
import XDRTestSupport

@Suite struct PostgresValueTests {
    /// Times spread over the years events carry, the epoch and its neighbours, fractions that need
    /// leading zeros, and the last microsecond of year 9999.
    /// (The 200 steps of an odd stride through 1970–2100 land on all sorts of dates and fractions.)
    static let times: [Int64] = [0, -1, 1, 999_999, 1_000_000, -1_000_001, 253_402_300_799_999_999, 1_600_046_380_000_007]
        + (1...200).map { Int64($0) * 20_512_223_456_789 % 4_102_444_800_000_000 }

    /// What the writer sends for a time is what PostgreSQL reads back as the same microsecond.
    @Test func timestampsAreReadBackAsTheSameMicrosecond() throws {
        let database = try TestDatabase("pgvalues")
        let connection = try database.admin()
        let texts = Self.times.map { Micros($0).postgresText! }
        #expect(texts.allSatisfy { $0.utf8.count == 29 && $0.hasSuffix("+00") })
        let rows = try connection.query("""
            SELECT (extract(epoch FROM t::timestamptz) * 1000000)::bigint AS micros FROM unnest($1::text[]) WITH ORDINALITY AS u(t, n) ORDER BY n
            """, [texts])
        #expect(try rows.map { try $0.int64("micros") } == Self.times)
        #expect(Self.times.allSatisfy { micros in Array(PostgresTimestamp.format(micros: micros).utf8).withUnsafeBytes { PostgresTimestamp.parse($0) } == micros })
    }

    @Test func yearsBeyondFourDigitsKeepAllTheirDigits() {
        // 10000-01-01 00:00:00.000001 UTC.
        #expect(PostgresTimestamp.format(micros: 253_402_300_800_000_001) == "10000-01-01 00:00:00.000001+00")
    }

    /// A UUID travels as its lower-case text, as PostgreSQL prints it.
    @Test func uuidsTravelAsLowerCaseText() throws {
        let ids = (0..<100).map { _ in UUID() } + [UUID(uuid: (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0))]
        #expect(ids.allSatisfy { $0.postgresText == $0.uuidString.lowercased() })
        let database = try TestDatabase("pguuids")
        let connection = try database.admin()
        let echoed = try connection.query("SELECT u::text AS id FROM unnest($1::uuid[]) WITH ORDINALITY AS x(u, n) ORDER BY n", [ids])
        #expect(try echoed.map { try $0.string("id") } == ids.map { $0.uuidString.lowercased() })
    }
}
