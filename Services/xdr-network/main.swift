import Foundation
import XDRIngest
import XDRPlatform

// xdr-network: accepts the network layer's native formats over HTTP and, when XDR_SYSLOG_LISTEN is
// set, syslog over TCP for the tenant named by XDR_SYSLOG_TENANT; stores normalised events.
let status = await ServiceBootstrap.run(name: "xdr-network", defaultPort: 8083) { context, environment in
    var parts = IngestService.parts(layer: .network, context: context)
    if let syslog = SyslogListener.configuration(from: &environment) {
        parts.background.append(SyslogListener(configuration: syslog, writer: EventWriter(pool: context.pool),
                                               logger: context.logger, metrics: context.metrics))
    }
    return parts
}
exit(status)
