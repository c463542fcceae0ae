import Foundation
import XDRCorrelate
import XDRPlatform

// xdr-correlator: turns every tenant's committed events into incidents; replicas share tenants.
let status = await ServiceBootstrap.run(name: "xdr-correlator", defaultPort: 8085) { context, environment in
    let configuration = CorrelatorConfiguration(
        pollInterval: environment.seconds("XDR_CORRELATOR_POLL_INTERVAL", default: 1, range: 0.05...60),
        batchSize: environment.int("XDR_CORRELATOR_BATCH_SIZE", default: 20_000, range: 1...100_000),
        leaseRetryInterval: environment.seconds("XDR_CORRELATOR_LEASE_RETRY", default: 1, range: 0.1...60),
        stateInterval: environment.seconds("XDR_CORRELATOR_STATE_INTERVAL", default: 10, range: 0...3_600))
    let correlator = CorrelatorService(databaseURL: context.configuration.databaseURL, configuration: configuration,
                                       logger: context.logger, metrics: context.metrics)
    return ServiceParts(background: [correlator], readinessCheck: {
        let status = correlator.status
        return status.ready ? nil : "correlator not ready: \(status.lastError ?? "starting")"
    })
}
exit(status)
