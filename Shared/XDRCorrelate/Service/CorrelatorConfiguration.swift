/// How the correlator runs. The defaults suit a few replicas serving many tenants.
public struct CorrelatorConfiguration: Sendable {
    /// Seconds between polls of every leased tenant when no notification arrives.
    public var pollInterval: Double
    /// Events read and decided per transaction.
    public var batchSize: Int
    /// Seconds between lease rounds (discover tenants, take free ones, hand back excess).
    public var leaseRetryInterval: Double
    /// `application_name` of lease sessions, by which replicas count each other.
    public var leaseApplicationName: String
    /// Channel the ingest notifies (payload: tenant id) when it commits events.
    public var eventsChannel: String

    public init(pollInterval: Double = 1, batchSize: Int = 5_000, leaseRetryInterval: Double = 1,
                leaseApplicationName: String = "xdr-correlator-lease", eventsChannel: String = "xdr_events") {
        self.pollInterval = pollInterval
        self.batchSize = batchSize
        self.leaseRetryInterval = leaseRetryInterval
        self.leaseApplicationName = leaseApplicationName
        self.eventsChannel = eventsChannel
    }
}
