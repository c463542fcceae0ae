/// Proleptic-Gregorian date arithmetic on day counts since 1970-01-01 (Howard Hinnant's
/// days-from-civil algorithms), so that parsing and printing timestamps on hot paths needs no
/// Calendar or DateFormatter. Shared by event time parsing, PostgreSQL timestamps and generators.
public enum CivilDate {
    /// Days since 1970-01-01 of a civil date; month 1...12, day 1...31 (not validated against the month).
    @inlinable
    public static func days(year: Int, month: Int, day: Int) -> Int64 {
        let y = Int64(month <= 2 ? year - 1 : year)
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let doy = Int64((153 * ((month + 9) % 12) + 2) / 5 + day - 1)
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }

    /// The civil date of a day count since 1970-01-01.
    @inlinable
    public static func date(days: Int64) -> (year: Int, month: Int, day: Int) {
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365
        var year = yoe + era * 400
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let day = doy - (153 * mp + 2) / 5 + 1
        let month = mp < 10 ? mp + 3 : mp - 9
        if month <= 2 { year += 1 }
        return (Int(year), Int(month), Int(day))
    }

    /// Splits microseconds since the epoch into whole days, seconds of the day and microseconds,
    /// flooring for times before 1970.
    @inlinable
    public static func split(micros: Int64) -> (days: Int64, secondOfDay: Int64, micros: Int64) {
        var seconds = micros / 1_000_000
        var fraction = micros % 1_000_000
        if fraction < 0 { fraction += 1_000_000; seconds -= 1 }
        var days = seconds / 86_400
        var rest = seconds % 86_400
        if rest < 0 { rest += 86_400; days -= 1 }
        return (days, rest, fraction)
    }
}
