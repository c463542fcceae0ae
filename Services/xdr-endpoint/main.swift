import Foundation
import XDRIngest
import XDRPlatform

// xdr-endpoint: accepts the endpoint layer's native formats over HTTP and stores normalised events.
let status = await ServiceBootstrap.run(name: "xdr-endpoint", defaultPort: 8081) { context, _ in
    IngestService.parts(layer: .endpoint, context: context)
}
exit(status)
