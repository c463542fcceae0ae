import Foundation
import XDRIngest
import XDRPlatform

// xdr-cloud: accepts the cloud layer's native formats over HTTP and stores normalised events.
let status = await ServiceBootstrap.run(name: "xdr-cloud", defaultPort: 8084) { context, _ in
    IngestService.parts(layer: .cloud, context: context)
}
exit(status)
