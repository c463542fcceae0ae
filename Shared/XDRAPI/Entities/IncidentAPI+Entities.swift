import Foundation
import XDRHTTP
import XDRJSON
import XDRStore

extension IncidentAPI {
    static let entityParameters: [APIParameter] = [
        APIParameter("tenant", "Operator keys: only this tenant (must be one of the key's tenants, else 403)."),
        APIParameter("limit", "How many incidents and how many recent events, 1 to 200 (default 50).", type: "integer"),
    ]

    /// `GET /v1/entities/{type}/{value}`: the incidents that involve an entity and its recent events.
    func entityPivot(_ request: HTTPRequest, _ context: inout RequestContext) throws -> HTTPResponse {
        let principal = try authenticator.require(request, scope: .read)
        let query = try QueryReader(request, allowed: Self.entityParameters)
        let entity = try EntityReference.make(type: try context.parameter("type"), value: try context.parameter("value"), parameter: "type")
        let tenants = try TenantScope.tenants(for: principal, filter: try query.uuid("tenant"))
        let limit = try query.limit()
        let (incidents, events) = try scoped(tenants) { connection -> ([Row], [Row]) in
            let incidents = try connection.query("""
                SELECT \(IncidentSummary.columns) FROM incidents i
                WHERE i.tenant_id = ANY($1::uuid[]) AND i.redirected_to IS NULL
                  AND i.id IN (SELECT xdr_incidents_with_entity($2::text, $3::text))
                ORDER BY i.updated_at DESC, i.id DESC LIMIT \(limit)
                """, [tenants, entity.type, entity.value])
            let events = try connection.query("""
                SELECT \(EventDocument.columns) FROM events e
                WHERE e.tenant_id = ANY($1::uuid[]) AND e.entity_keys @> ARRAY[$2::text]
                ORDER BY e.time DESC, e.id DESC LIMIT \(limit)
                """, [tenants, entity.key])
            return (incidents, events)
        }
        return .json([
            "entity": ["type": .string(entity.type), "value": .string(entity.value), "key": .string(entity.key)],
            "incidents": .array(try incidents.map { .object(try IncidentSummary.json($0)) }),
            "recent_events": .array(try events.map { .object(try EventDocument.json($0)) }),
        ])
    }
}
