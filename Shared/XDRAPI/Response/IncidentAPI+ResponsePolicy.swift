import Foundation
import XDRHTTP
import XDRJSON
import XDRPlatform
import XDRStore

extension IncidentAPI {
    static let policyParameters = [APIParameter("tenant", "The tenant (required for operator keys, which may see several).")]

    /// The one tenant a policy request is about: the key's own, or `?tenant=` for operators.
    private func policyTenant(_ principal: Principal, _ request: HTTPRequest) throws -> UUID {
        let query = try QueryReader(request, allowed: Self.policyParameters)
        if let filter = try query.uuid("tenant") { return try TenantScope.tenants(for: principal, filter: filter)[0] }
        guard let own = principal.tenantID else { throw QueryReader.invalid("tenant", "is required for operator keys") }
        return own
    }

    func loadPolicy(_ tenant: UUID, on connection: DatabaseConnection) throws -> ResponsePolicy {
        let rows = try connection.query("SELECT config -> 'response_policy' AS policy FROM tenants WHERE id = $1", [tenant])
        return ResponsePolicy(stored: try rows.first?.jsonDocument("policy"))
    }

    /// `GET /v1/response-policy`
    func getResponsePolicy(_ request: HTTPRequest, _ context: inout RequestContext) throws -> HTTPResponse {
        let principal = try authenticator.require(request, scope: .read)
        let tenant = try policyTenant(principal, request)
        let policy = try scoped([tenant]) { try loadPolicy(tenant, on: $0) }
        return .json(policy.json)
    }

    /// `PUT /v1/response-policy` (scope write): replaces the tenant's policy.
    func putResponsePolicy(_ request: HTTPRequest, _ context: inout RequestContext) throws -> HTTPResponse {
        let principal = try authenticator.require(request, scope: .write)
        let tenant = try policyTenant(principal, request)
        let policy = try ResponsePolicy(body: request.body)
        _ = try scoped([tenant]) { connection in
            try connection.execute("""
                UPDATE tenants SET config = jsonb_set(config, '{response_policy}', $2::jsonb) WHERE id = $1
                """, [tenant, JSONWriter.serialize(policy.json)])
        }
        return .json(policy.json)
    }
}
