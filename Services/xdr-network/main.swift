import Foundation
import XDRIngest
import XDRPlatform

// xdr-network: accepts the network layer's native formats over HTTP and stores normalised events.
let status = await ServiceBootstrap.run(name: "xdr-network", defaultPort: 8083) { context, _ in
    IngestService.parts(layer: .network, context: context)
}
exit(status)
