import Foundation
import XDRHTTP
import XDRPlatform

/// The tenants one request may read: all of the principal's, or the one its `tenant` filter names.
///
/// A `tenant` filter naming a tenant outside the key's reach answers 403 whether or not that tenant
/// exists, so the answer reveals nothing about other providers.
enum TenantScope {
    static func tenants(for principal: Principal, filter: UUID?) throws -> [UUID] {
        guard let filter else { return principal.tenantIDs }
        guard principal.tenantIDs.contains(filter) else {
            throw HTTPError(403, detail: "tenant: \(filter.uuidString.lowercased()) is not a tenant this API key may see",
                            extra: ["parameter": "tenant"])
        }
        return [filter]
    }
}
