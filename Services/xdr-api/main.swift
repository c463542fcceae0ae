import Foundation
import XDRAPI
import XDRPlatform

// xdr-api: the incident API for SOC consoles, ticketing, SOAR and customer portals.
let status = await ServiceBootstrap.run(name: "xdr-api", defaultPort: 8080) { context, _ in
    IncidentAPI.parts(context: context)
}
exit(status)
