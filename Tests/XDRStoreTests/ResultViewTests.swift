import Foundation
import Testing
import XDRStore
import XDRTestSupport

@Suite struct ResultViewTests {
    /// Read in place, a result gives the same values `Row` copies out: text, NULL, arrays,
    /// timestamps and integers parsed from the bytes.
    @Test func readsTheValuesARowWouldInPlace() throws {
        let database = try TestDatabase("resultview")
        let connection = try database.admin()
        try connection.execute("CREATE TABLE t (n bigint, ts timestamptz, tags text[], s text, x xid8)")
        let tags = ["plain", "with space", "quote\"d", "back\\slash", "comma,x", "", "ünï", "NULL"]
        let micros: Int64 = 1_600_046_380_123_456
        try connection.execute("INSERT INTO t VALUES ($1, $2, $3, $4, '18446744073709551615'::xid8)",
                               [Int64.min, Micros(micros), tags, "ünïcode \"text\""])
        try connection.execute("INSERT INTO t VALUES (NULL, NULL, NULL, NULL, NULL)")
        let rows = try connection.query("SELECT n, ts, tags, s, x::text AS x FROM t ORDER BY n NULLS LAST")
        try connection.withResult("SELECT n, ts, tags, s, x::text AS x FROM t ORDER BY n NULLS LAST") { result in
            #expect(result.rowCount == 2 && result.columnCount == 5)
            #expect(result.position(of: "tags") == 2)
            #expect(result.position(of: "TAGS") == nil)
            #expect(result.name(at: 4) == "x")
            for row in 0..<2 {
                for column in 0..<5 { #expect(result.text(row, column) == rows[row].values[column]) }
            }
            #expect(result.bytes(0, 0).flatMap(PostgresInteger.parse) == Int64.min)
            #expect(result.bytes(0, 1).flatMap(PostgresTimestamp.parse) == micros)
            #expect(result.bytes(0, 2).flatMap(PostgresArrayText.parse) == tags)
            #expect(result.bytes(0, 4).flatMap(PostgresInteger.parseUnsigned) == UInt64.max)
            #expect(result.bytes(1, 0) == nil && result.text(1, 3) == nil)
        }
    }

    @Test func parsesIntegersFromBytesAndRejectsTheRest() {
        func parse(_ text: String) -> Int64? { Array(text.utf8).withUnsafeBytes { PostgresInteger.parse($0) } }
        func unsigned(_ text: String) -> UInt64? { Array(text.utf8).withUnsafeBytes { PostgresInteger.parseUnsigned($0) } }
        #expect(parse("0") == 0 && parse("-17") == -17 && parse("+42") == 42)
        #expect(parse("9223372036854775807") == .max && parse("-9223372036854775808") == .min)
        for bad in ["", "-", "+", "9223372036854775808", "-9223372036854775809", "1e3", " 1", "1 ", "0x10", "١"] {
            #expect(parse(bad) == nil, "\(bad)")
        }
        #expect(unsigned("18446744073709551615") == .max && unsigned("0") == 0)
        for bad in ["", "-1", "18446744073709551616", "12a"] { #expect(unsigned(bad) == nil, "\(bad)") }
    }
}
