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
    /// Seconds, at least, between saves of a tenant's engine state (bounds the replay after a restart).
    public var stateInterval: Double

    public init(pollInterval: Double = 1, batchSize: Int = 20_000, leaseRetryInterval: Double = 1,
                leaseApplicationName: String = "xdr-correlator-lease", eventsChannel: String = "xdr_events",
                stateInterval: Double = 10) {
        self.pollInterval = pollInterval
        self.batchSize = batchSize
        self.stateInterval = stateInterval
        self.leaseRetryInterval = leaseRetryInterval
        self.leaseApplicationName = leaseApplicationName
        self.eventsChannel = eventsChannel
    }
}
