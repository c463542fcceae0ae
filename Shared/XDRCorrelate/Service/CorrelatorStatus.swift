import Foundation

/// What a running correlator reports for readiness and operations.
public struct CorrelatorStatus: Sendable, Equatable {
    /// The loop is running, its connections are up and its last lease round succeeded.
    public var ready = false
    public var leasedTenants: [UUID] = []
    public var eventsProcessed: Int64 = 0
    public var batches: Int64 = 0
    public var lastError: String?
    /// The server process of the lease session (0 when there is none).
    public var leaseBackendPID: Int32 = 0

    public init() {}
}

/// A lock-protected status shared between the loop thread and readers.
final class CorrelatorStatusBox: @unchecked Sendable {
    private let lock = NSLock()
    private var value = CorrelatorStatus()

    var current: CorrelatorStatus { lock.withLock { value } }

    func update(_ body: (inout CorrelatorStatus) -> Void) {
        lock.withLock { body(&value) }
    }
}
