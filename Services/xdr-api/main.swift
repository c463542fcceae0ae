import Foundation
import XDRPlatform

let status = await ServiceBootstrap.run(name: "xdr-api", defaultPort: 8080) { _, _ in ServiceParts() }
exit(status)
