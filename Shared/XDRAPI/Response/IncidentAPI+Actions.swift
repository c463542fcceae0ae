import Foundation
import XDRHTTP
import XDRJSON
import XDRStore

extension IncidentAPI {
    static let actionKinds = ["isolate_host", "disable_user", "block_ip", "block_hash", "revoke_sessions"]
    static let actionFields = ["action", "target", "reason", "confirm_critical"]

    /// `GET /v1/incidents/{id}/actions`: requested actions, and what the tenant's response policy
    /// recommends for the incident's entities.
    func listActions(_ request: HTTPRequest, _ context: inout RequestContext) throws -> HTTPResponse {
        let principal = try authenticator.require(request, scope: .read)
        let id = try PathIdentifier.uuid(context)
        _ = try QueryReader(request, allowed: [])
        let tenants = principal.tenantIDs
        let body = try scoped(tenants) { connection -> JSONValue in
            let incident = try incidentRow(id, tenants: tenants, columns: IncidentSummary.columns + ", xdr_incident_entities(i.id) AS entities", on: connection)
            try redirectIfMerged(incident, request)
            let policy = try loadPolicy(try incident.uuid("tenant_id"), on: connection)
            let rows = try connection.query("""
                SELECT id, action, target, status, reason, requested_by, created_at FROM incident_actions
                WHERE incident_id = $1 AND tenant_id = ANY($2::uuid[]) ORDER BY created_at, id
                """, [id, tenants])
            return [
                "policy": policy.json,
                "recommended": .array(Self.recommendations(entities: Self.entities(try incident.jsonDocument("entities")),
                                                           severity: try incident.int("severity_id"), policy: policy)),
                "items": .array(try rows.map { .object(try Self.action($0)) }),
            ]
        }
        return .json(body)
    }

    static func recommendations(entities: [JSONValue], severity: Int, policy: ResponsePolicy) -> [JSONValue] {
        var out: [JSONValue] = []
        for entity in entities where entity["is_hub"]?.bool != true {
            guard let value = entity["value"]?.string else { continue }
            switch entity["role"]?.string {
            case "victim_host":
                let automatic = policy.mode == "isolate_on_detection" && severity >= policy.autoIsolateMinimum && !policy.isCritical(value)
                let note = policy.isCritical(value) ? "critical host: never isolated automatically; isolate only with confirm_critical"
                    : policy.mode == "investigate_first" ? "policy is investigate first: an analyst decides"
                    : automatic ? "policy isolates on detection at this severity" : "below the automatic isolation severity"
                out.append(["action": "isolate_host", "target": .string(value), "automatic": .bool(automatic), "note": .string(note)])
            case "compromised_user":
                out.append(["action": "disable_user", "target": .string(value), "automatic": false, "note": "confirm with the customer first"])
            case "attacker_ip":
                out.append(["action": "block_ip", "target": .string(value), "automatic": false, "note": "block at the perimeter"])
            case "malicious_file":
                out.append(["action": "block_hash", "target": .string(value), "automatic": false, "note": "add to the EDR block list"])
            default:
                continue
            }
        }
        return out
    }

    /// `POST /v1/incidents/{id}/actions` (scope write): request a response action; isolating a
    /// critical host needs `"confirm_critical": true`, else 409.
    func requestAction(_ request: HTTPRequest, _ context: inout RequestContext) throws -> HTTPResponse {
        let principal = try authenticator.require(request, scope: .write)
        let id = try PathIdentifier.uuid(context)
        _ = try QueryReader(request, allowed: [])
        guard let object = (try? JSONParser.parse(request.body))?.object else {
            throw HTTPError.badRequest("the body must be a JSON object with: \(Self.actionFields.joined(separator: ", "))")
        }
        let unknown = object.keys.filter { !Self.actionFields.contains($0) }
        if !unknown.isEmpty { throw HTTPError.badRequest("unknown field(s): \(unknown.joined(separator: ", ")); accepted: \(Self.actionFields.joined(separator: ", "))") }
        guard let action = object["action"]?.strictString, Self.actionKinds.contains(action) else {
            throw IncidentChangeRequest.invalid("action", "use one of \(Self.actionKinds.joined(separator: ", "))")
        }
        guard let target = object["target"]?.strictString, (1...500).contains(target.count) else {
            throw IncidentChangeRequest.invalid("target", "must be a string of 1 to 500 characters (the host, user, IP or hash)")
        }
        let reason = object["reason"]?.strictString
        let confirmed = object["confirm_critical"]?.bool == true
        let tenants = principal.tenantIDs
        let row = try scoped(tenants) { connection -> Row in
            let incident = try incidentRow(id, tenants: tenants, on: connection)
            try redirectIfMerged(incident, request)
            let tenant = try incident.uuid("tenant_id")
            let policy = try loadPolicy(tenant, on: connection)
            if action == "isolate_host" && policy.isCritical(target) && !confirmed {
                throw HTTPError(409, title: "Critical host", detail: "\(target) is a critical host in the response policy: resend with \"confirm_critical\": true to isolate it",
                                extra: ["field": "confirm_critical"])
            }
            let row = try connection.query("""
                INSERT INTO incident_actions (id, tenant_id, incident_id, action, target, reason, requested_by) VALUES ($1, $2, $3, $4, $5, $6, $7)
                RETURNING id, action, target, status, reason, requested_by, created_at
                """, [UUID(), tenant, id, action, target, reason, principal.keyID])[0]
            try connection.execute("""
                INSERT INTO incident_history (tenant_id, incident_id, actor_key, field, from_value, to_value, reason) VALUES ($1, $2, $3, 'action', NULL, $4, $5)
                """, [tenant, id, principal.keyID, "\(action) \(target)", reason])
            return row
        }
        return .json(.object(try Self.action(row)), status: 201)
    }

    private static func action(_ row: Row) throws -> JSONObject {
        ["id": .id(try row.string("id")), "action": try row.jsonText("action"), "target": try row.jsonText("target"),
         "status": try row.jsonText("status"), "reason": try row.jsonText("reason"),
         "requested_by_key_id": .id(try row.string("requested_by")), "created_at": try row.jsonTime("created_at")]
    }
}
