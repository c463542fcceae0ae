import XDRJSON
import XDRModel

/// Linux audit daemon logs (`/var/log/audit/audit.log`, RAW or ENRICHED), one record per line,
/// as Filebeat/Fluent Bit/Vector ship the file's lines or audisp forwards them.
///
/// The kernel writes one event as several records (SYSCALL, EXECVE, CWD, PATH…, PROCTITLE) that
/// share `msg=audit(<time>:<serial>)`; they are joined into one event reported at the number of
/// its first line. Records of one event may interleave with other events' records. An event whose
/// records arrive in two different batches becomes two events.
public struct AuditdFormat: EventFormat {
    public let name = "auditd"
    public let layer = Layer.endpoint
    public let summary = "Linux auditd audit.log records (RAW or ENRICHED), joined per event serial"
    public let framing = FormatFraming.lines

    public init() {}

    public func normalize(_ records: [RawRecord], context: FormatContext) -> [FormatOutcome] {
        var outcomes: [FormatOutcome] = []
        var groups: [[AuditdRecord]] = []
        var rawLines: [[String]] = []
        var groupIndex: [String: Int] = [:]
        for record in records {
            do throws(RecordError) {
                let parsed = try AuditdRecord(line: record.text, number: record.number)
                if let index = groupIndex[parsed.eventKey] {
                    groups[index].append(parsed)
                    rawLines[index].append(record.text)
                } else {
                    groupIndex[parsed.eventKey] = groups.count
                    groups.append([parsed])
                    rawLines.append([record.text])
                }
            } catch {
                outcomes.append(.rejected(number: record.number, error: error))
            }
        }
        for (index, group) in groups.enumerated() {
            let event = AuditdEvent(records: group).normalized(format: name, raw: rawLines[index].joined(separator: "\n"))
            outcomes.append(.accepted(number: group[0].number, event: event))
        }
        // Report in input order, as the other formats do.
        return outcomes.sorted { Self.lineNumber(of: $0) < Self.lineNumber(of: $1) }
    }

    private static func lineNumber(of outcome: FormatOutcome) -> Int {
        switch outcome {
        case .accepted(let number, _), .rejected(let number, _): number
        }
    }
}
