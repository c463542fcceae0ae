import XDRIngest
import XDRScenario

/// The records inside generated batches, split the way the ingest pipeline splits bodies.
enum BatchRecords {
    static func framing(of format: String) -> FormatFraming {
        format == "cloudtrail" ? .json(envelope: "Records") : .json(envelope: nil)
    }

    /// Every record text of a batch, with the framing errors (there should be none).
    static func split(_ batch: IngestBatch) -> (records: [RawRecord], rejected: Int) {
        let result = BodyFraming.split(batch.body, framing: framing(of: batch.format))
        return (result.records, result.rejected.count)
    }

    /// All record references of a dataset's batches.
    static func references(_ batches: [IngestBatch]) -> Set<RecordReference> {
        var set = Set<RecordReference>()
        for batch in batches {
            for record in split(batch).records {
                set.insert(RecordReference(tenant: batch.tenant, format: batch.format, line: record.text))
            }
        }
        return set
    }
}
