/// Rows of integers as one string (`1,2,3;4,5`) for the saved engine state: `JSONEncoder` boxes
/// every number of an array on its own, which made large tables most of a save's time.
struct PackedNumbers {
    private(set) var bytes: [UInt8] = []
    private var rowOpen = false

    init(reservingRows rows: Int = 0) { bytes.reserveCapacity(rows * 32) }

    /// Appends `number` to the current row (starting one if none is open).
    mutating func append(_ number: Int64) {
        if rowOpen { bytes.append(UInt8(ascii: ",")) } else if !bytes.isEmpty { bytes.append(UInt8(ascii: ";")) }
        rowOpen = true
        if number < 0 { bytes.append(UInt8(ascii: "-")) }
        var magnitude = number.magnitude
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 20) { digits in
            var count = 0
            repeat {
                digits[count] = UInt8(ascii: "0") + UInt8(magnitude % 10)
                magnitude /= 10
                count += 1
            } while magnitude > 0
            for index in stride(from: count - 1, through: 0, by: -1) { bytes.append(digits[index]) }
        }
    }

    /// Closes the current row: the next number starts another.
    mutating func endRow() { rowOpen = false }

    var text: String { String(decoding: bytes, as: UTF8.self) }

    /// `1,2,3;4,-5` → `[[1, 2, 3], [4, -5]]`, `""` → `[]`; nil for anything else (empty numbers,
    /// other characters, overflow).
    static func unpack(_ text: String) -> [[Int64]]? {
        var rows: [[Int64]] = []
        var row: [Int64] = []
        var number: Int64 = 0
        var negative = false
        var digits = 0
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"):
                let (times, overflowTimes) = number.multipliedReportingOverflow(by: 10)
                let (sum, overflowSum) = times.addingReportingOverflow(Int64(byte - UInt8(ascii: "0")))
                guard !overflowTimes, !overflowSum else { return nil }
                number = sum
                digits += 1
            case UInt8(ascii: "-"):
                guard digits == 0, !negative else { return nil }
                negative = true
            case UInt8(ascii: ","), UInt8(ascii: ";"):
                guard digits > 0 else { return nil }
                row.append(negative ? -number : number)
                (number, negative, digits) = (0, false, 0)
                if byte == UInt8(ascii: ";") {
                    rows.append(row)
                    row = []
                }
            default:
                return nil
            }
        }
        if digits > 0 {
            row.append(negative ? -number : number)
            rows.append(row)
        } else if !(row.isEmpty && rows.isEmpty && !negative) {
            return nil
        }
        return rows
    }
}
