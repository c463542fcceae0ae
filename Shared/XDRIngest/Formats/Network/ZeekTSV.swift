import XDRJSON
import XDRModel

/// Zeek's default ASCII log format: tab-separated rows under a `#` header that names the log
/// (`#path`), its fields and their types. The header lines configure how the rows after them are
/// read, so a body may hold one log file or several concatenated; each row is normalised exactly
/// as the same record in Zeek's JSON form would be (see `ZeekLog`).
public struct ZeekTSV: EventFormat {
    public init() {}

    public var name: String { "zeek-tsv" }
    public var layer: Layer { .network }
    public var summary: String { "Zeek TSV logs (#fields header form; the #path line names the log)" }
    public var framing: FormatFraming { .lines }

    public func normalize(_ records: [RawRecord], context: FormatContext) -> [FormatOutcome] {
        var header = ZeekTSVHeader()
        var outcomes: [FormatOutcome] = []
        outcomes.reserveCapacity(records.count)
        for record in records {
            if record.text.hasPrefix("#") {
                header.apply(directive: record.text)
                continue
            }
            do throws(RecordError) {
                let json = try header.record(from: record.text)
                let type = try logType(header: header, hint: context.hint)
                let event = try ZeekLog.normalize(json, type: type, raw: record.text, format: name)
                outcomes.append(.accepted(number: record.number, event: event))
            } catch {
                outcomes.append(.rejected(number: record.number, error: error))
            }
        }
        return outcomes
    }

    /// The log named by `#path`, or else by the sender's hint.
    private func logType(header: ZeekTSVHeader, hint: String?) throws(RecordError) -> ZeekLogType {
        if let path = header.path {
            return try ZeekLogType.named(path, field: "#path")
        }
        if let hint, let name = ZeekLogType.logName(inHint: hint) {
            return try ZeekLogType.named(name, field: "hint")
        }
        throw RecordError(field: "#path", "missing: the header names no log and no hint was given (send to /v1/ingest/zeek-tsv/<log>)")
    }
}
