import Foundation
import XDRCore
import XDRStore

/// The correlator as a service: turns every tenant's committed events into incidents, sharing the
/// tenants with other replicas through per-tenant leases. See docs/correlation.md, "Running on
/// PostgreSQL".
///
/// `run()` starts a dedicated thread for the blocking database work and returns when the task is
/// cancelled, after the batch in flight has committed and the leases are released.
public final class CorrelatorService: Service, @unchecked Sendable {
    public let name = "correlator"
    public let databaseURL: DatabaseURL
    public let configuration: CorrelatorConfiguration
    private let logger: Logger
    private let metrics: CorrelatorMetrics
    private let statusBox = CorrelatorStatusBox()

    public init(databaseURL: DatabaseURL, configuration: CorrelatorConfiguration = CorrelatorConfiguration(),
                logger: Logger, metrics: MetricsRegistry? = nil) {
        self.databaseURL = databaseURL
        self.configuration = configuration
        self.logger = logger
        self.metrics = CorrelatorMetrics(registry: metrics)
    }

    /// Readiness and progress of the running loop.
    public var status: CorrelatorStatus { statusBox.current }

    public func run() async throws {
        let loop = CorrelatorLoop(url: databaseURL, configuration: configuration, logger: logger, metrics: metrics,
                                  status: statusBox)
        await withTaskCancellationHandler {
            await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
                let thread = Thread {
                    loop.run()
                    continuation.resume()
                }
                thread.name = "xdr-correlator"
                thread.start()
            }
        } onCancel: {
            loop.requestStop()
        }
    }
}
