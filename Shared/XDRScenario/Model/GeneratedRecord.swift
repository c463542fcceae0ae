/// One emitted record: where it goes, when it happened, and its exact text.
public struct GeneratedRecord: Sendable, Hashable {
    public var tenant: String
    public var format: SourceFormat
    /// Event time, microseconds since the epoch.
    public var time: Int64
    /// The record exactly as the source writes it (one JSON document, no newline).
    public var line: String

    public init(tenant: String, format: SourceFormat, time: Int64, line: String) {
        self.tenant = tenant
        self.format = format
        self.time = time
        self.line = line
    }

    /// The reference the ground truth uses for this record.
    public var reference: RecordReference { RecordReference(tenant: tenant, format: format.name, line: line) }
}

/// Identifies one record in ground truth: its tenant, format and exact raw text. The raw text is
/// what the store keeps verbatim, so a quality check can find the record's event by it.
public struct RecordReference: Sendable, Hashable, CustomStringConvertible {
    public var tenant: String
    public var format: String
    public var line: String

    public init(tenant: String, format: String, line: String) {
        self.tenant = tenant
        self.format = format
        self.line = line
    }

    public var description: String { "\(tenant)/\(format): \(line.prefix(120))" }
}
