import CLibpq

/// A query result read in place: each value's bytes straight from libpq's result.
///
/// Only valid inside the `DatabaseConnection.withResult` body that hands it out (the result is
/// cleared when the body returns). For readers of many rows: copying every value of every row into
/// a `String` first (as `Row` does) made the allocator, not the decoding, the larger part of
/// reading a batch of events.
public struct ResultView {
    private let result: OpaquePointer
    public let rowCount: Int
    public let columnCount: Int

    init(_ result: OpaquePointer) {
        self.result = result
        rowCount = Int(PQntuples(result))
        columnCount = Int(PQnfields(result))
    }

    /// The name of the column at `position`.
    public func name(at position: Int) -> String { String(cString: PQfname(result, Int32(position))) }

    /// The position of the first column named exactly `name` (no case folding), nil when none is.
    public func position(of name: String) -> Int? {
        (0..<columnCount).first { self.name(at: $0) == name }
    }

    /// The value's bytes (its text form), nil for NULL; they live as long as the result.
    public func bytes(_ row: Int, _ column: Int) -> UnsafeRawBufferPointer? {
        let (row, column) = (Int32(row), Int32(column))
        guard PQgetisnull(result, row, column) == 0, let pointer = PQgetvalue(result, row, column) else { return nil }
        return UnsafeRawBufferPointer(start: pointer, count: Int(PQgetlength(result, row, column)))
    }

    /// The value as a string, nil for NULL.
    public func text(_ row: Int, _ column: Int) -> String? {
        bytes(row, column).map { String(decoding: $0, as: UTF8.self) }
    }
}

/// Integers in PostgreSQL's text form, read from bytes without making a string first.
public enum PostgresInteger {
    /// An optional sign and decimal digits; nil for anything else or a value beyond `Int64`.
    public static func parse(_ bytes: UnsafeRawBufferPointer) -> Int64? {
        var index = 0
        var negative = false
        if let first = bytes.first, first == UInt8(ascii: "-") || first == UInt8(ascii: "+") {
            negative = first == UInt8(ascii: "-")
            index = 1
        }
        guard index < bytes.count else { return nil }
        // Accumulated negatively so that Int64.min parses too.
        var value: Int64 = 0
        while index < bytes.count {
            let digit = bytes[index] &- 0x30
            guard digit < 10 else { return nil }
            let (times, overflowA) = value.multipliedReportingOverflow(by: 10)
            let (next, overflowB) = times.subtractingReportingOverflow(Int64(digit))
            guard !overflowA, !overflowB else { return nil }
            value = next
            index += 1
        }
        if negative { return value }
        return value == .min ? nil : -value
    }

    /// Unsigned decimal digits (transaction ids); nil for anything else or a value beyond `UInt64`.
    public static func parseUnsigned(_ bytes: UnsafeRawBufferPointer) -> UInt64? {
        guard !bytes.isEmpty else { return nil }
        var value: UInt64 = 0
        for byte in bytes {
            let digit = byte &- 0x30
            guard digit < 10 else { return nil }
            let (times, overflowA) = value.multipliedReportingOverflow(by: 10)
            let (next, overflowB) = times.addingReportingOverflow(UInt64(digit))
            guard !overflowA, !overflowB else { return nil }
            value = next
        }
        return value
    }
}
