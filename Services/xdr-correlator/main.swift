import Foundation
import XDRPlatform

let status = await ServiceBootstrap.run(name: "xdr-correlator", defaultPort: 8085) { _, _ in ServiceParts() }
exit(status)
