import XDRModel

/// One shipper delivery: an NDJSON body for `POST /v1/ingest/{format}` in one tenant.
public struct IngestBatch: Sendable {
    public var tenant: String
    public var format: String
    public var layer: Layer
    /// NDJSON (CloudTrail: one `{"Records":[…]}` document per line, as the S3 files hold them).
    public var body: [UInt8]
    public var recordCount: Int
    /// When the shipper sends it (event time of its last record plus the layer's delay).
    public var arrivesAt: Int64

    /// The ingestion path for this batch.
    public var path: String { "/v1/ingest/\(format)" }
}

/// A generated dataset: the batches in arrival order, every record, and the ground truth.
public struct GeneratedDataset: Sendable {
    public var batches: [IngestBatch]
    /// Every record, ordered by tenant, format and time.
    public var records: [GeneratedRecord]
    public var truth: GroundTruth
}
