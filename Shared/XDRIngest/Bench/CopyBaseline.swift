import Foundation
import XDRModel
import XDRStore

/// PostgreSQL's own loading speed for the same rows: the records normalised once, encoded as
/// `COPY` text exactly as the ingestor encodes them, then `COPY events FROM STDIN` (what `psql
/// \copy` does) into a fresh, identical, indexed `events` table. Only the COPY is timed.
struct CopyBaseline {
    struct Result {
        var rows: Int
        var seconds: Double
        var bytes: Int
    }

    struct Encoded {
        var text: [UInt8]
        var rows: Int
        var earliest: Int64
        var latest: Int64
    }

    /// Normalises `records` (one per line) of `format` and returns the COPY text of their rows.
    static func encode(_ records: [[UInt8]], format: any EventFormat, tenant: UUID) -> Encoded {
        var body = records.joined(separator: [0x0A]).map { $0 }
        body.append(0x0A)
        let outcome = IngestPipeline().normalize(body: body, format: format, context: FormatContext(receivedAt: Int64(Date().timeIntervalSince1970 * 1_000_000)))
        var text: [UInt8] = []
        text.reserveCapacity(outcome.events.count * 1500)
        let tenantText = tenant.uuidString.lowercased()
        var earliest = Int64.max
        var latest = Int64.min
        for event in outcome.events {
            EventRowEncoder.append(event, tenant: tenantText, to: &text)
            earliest = min(earliest, event.time)
            latest = max(latest, event.time)
        }
        return Encoded(text: text, rows: outcome.events.count, earliest: earliest, latest: latest)
    }

    /// Loads `text` into the database's `events` table after creating the partitions it needs.
    static func load(_ text: [UInt8], adminURL: DatabaseURL, earliest: Int64, latest: Int64) throws -> Result {
        let connection = try DatabaseConnection(url: adminURL)
        try connection.execute("SELECT xdr_ensure_event_partitions($1, $2)", [Micros(earliest), Micros(latest)])
        let started = Date()
        let rows = try connection.copyIn("COPY events (\(EventWriter.stagingColumns)) FROM STDIN") { send in
            var offset = 0
            while offset < text.count {
                let end = min(text.count, offset + 1 << 20)
                try send(Array(text[offset..<end]))
                offset = end
            }
        }
        return Result(rows: rows, seconds: Date().timeIntervalSince(started), bytes: text.count)
    }
}
