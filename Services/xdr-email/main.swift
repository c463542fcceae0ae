import Foundation
import XDRIngest
import XDRPlatform

// xdr-email: accepts the email layer's native formats over HTTP and stores normalised events.
let status = await ServiceBootstrap.run(name: "xdr-email", defaultPort: 8082) { context, _ in
    IngestService.parts(layer: .email, context: context)
}
exit(status)
