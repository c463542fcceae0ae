import Foundation
import XDRHTTP
import XDRJSON
import XDRPlatform
import XDRStore

extension IncidentAPI {
    /// `PATCH /v1/incidents/{id}`: status, verdict, assignee and severity override, each change
    /// recorded in `incident_history` in the same transaction.
    func updateIncident(_ request: HTTPRequest, _ context: inout RequestContext) throws -> HTTPResponse {
        let principal = try authenticator.require(request, scope: .write)
        let id = try PathIdentifier.uuid(context)
        _ = try QueryReader(request, allowed: [])
        let change = try IncidentChangeRequest(body: request.body)
        let tenants = principal.tenantIDs
        let body = try scoped(tenants) { connection -> JSONObject in
            let current = try incidentRow(id, tenants: tenants, forUpdate: true, on: connection)
            try redirectIfMerged(current, request)
            let tenant = try current.uuid("tenant_id")
            var history: [(field: String, from: String?, to: String?, reason: String?)] = []
            var sets: [String] = []
            var sql = SQLBuilder()
            let idPlaceholder = sql.bind(id)

            if let status = change.status {
                let from = IncidentStatus(rawValue: try current.string("status")) ?? .new
                if status != from {
                    guard from.allowedNext.contains(status) else {
                        let allowed = from.allowedNext.map(\.rawValue)
                        throw HTTPError(409, title: "Invalid status transition",
                                        detail: "status cannot go from \(from.rawValue) to \(status.rawValue); allowed from \(from.rawValue): \(allowed.isEmpty ? "none (closed is final)" : allowed.joined(separator: ", "))",
                                        extra: ["from": .string(from.rawValue), "allowed": .strings(allowed)])
                    }
                    sets.append("status = \(sql.bind(status.rawValue))")
                    history.append(("status", from.rawValue, status.rawValue, nil))
                    // The SLA clock: the first time each milestone is reached.
                    for (milestone, column) in [(IncidentStatus.acknowledged, "acknowledged_at"), (.contained, "contained_at"),
                                                (.resolved, "resolved_at"), (.closed, "closed_at")] where Self.reaches(status, milestone) {
                        sets.append("\(column) = COALESCE(\(column), now())")
                    }
                }
            }
            if let verdict = change.verdict, verdict.rawValue != (try current.text("verdict")) {
                sets.append("verdict = \(sql.bind(verdict.rawValue))")
                history.append(("verdict", try current.text("verdict"), verdict.rawValue, nil))
            }
            if let assignee = change.assignee, assignee != (try current.text("assignee")) {
                sets.append("assignee = \(sql.bind(assignee))")
                history.append(("assignee", try current.text("assignee"), assignee, nil))
            }
            if let severity = change.severity {
                sets.append("severity_override = \(sql.bind(severity)), severity_reason = \(sql.bind(change.severityReason))")
                history.append(("severity", String(try current.int("severity_id")), String(severity), change.severityReason))
            }
            if !sets.isEmpty {
                try connection.execute("UPDATE incidents SET \(sets.joined(separator: ", ")), updated_at = now() WHERE id = \(idPlaceholder)", sql.parameters)
                for entry in history {
                    try connection.execute("""
                        INSERT INTO incident_history (tenant_id, incident_id, actor_key, field, from_value, to_value, reason)
                        VALUES ($1, $2, $3, $4, $5, $6, $7)
                        """, [tenant, id, principal.keyID, entry.field, entry.from, entry.to, entry.reason])
                }
                try connection.execute("SELECT pg_notify('xdr_incidents', $1)", [JSONWriter.serialize([
                    "tenant_id": .id(tenant.uuidString), "incident_id": .id(id.uuidString), "change": "updated",
                ])])
            }
            return try IncidentSummary.json(try incidentRow(id, tenants: tenants, on: connection))
        }
        return .json(.object(body))
    }

    private static func reaches(_ status: IncidentStatus, _ milestone: IncidentStatus) -> Bool {
        // Closing stops the clock at closed_at only: a closed incident was not necessarily resolved.
        if status == .closed || milestone == .closed { return status == milestone }
        let order = IncidentStatus.allCases
        return order.firstIndex(of: status)! >= order.firstIndex(of: milestone)!
    }

    /// `GET /v1/incidents/{id}/history`: every analyst write, oldest first.
    func incidentHistory(_ request: HTTPRequest, _ context: inout RequestContext) throws -> HTTPResponse {
        let principal = try authenticator.require(request, scope: .read)
        let id = try PathIdentifier.uuid(context)
        _ = try QueryReader(request, allowed: [])
        let tenants = principal.tenantIDs
        let rows = try scoped(tenants) { connection -> [Row] in
            try redirectIfMerged(try incidentRow(id, tenants: tenants, on: connection), request)
            return try connection.query("""
                SELECT id, actor_key, at, field, from_value, to_value, reason FROM incident_history
                WHERE incident_id = $1 AND tenant_id = ANY($2::uuid[]) ORDER BY id
                """, [id, tenants])
        }
        let items: [JSONValue] = try rows.map {
            ["id": try $0.jsonInt("id"), "actor_key_id": .id(try $0.string("actor_key")), "at": try $0.jsonTime("at"),
             "field": try $0.jsonText("field"), "from": try $0.jsonText("from_value"), "to": try $0.jsonText("to_value"),
             "reason": try $0.jsonText("reason")]
        }
        return .json(["items": .array(items)])
    }

    /// `POST /v1/incidents/{id}/comments`: `{"body": "…"}`.
    func addComment(_ request: HTTPRequest, _ context: inout RequestContext) throws -> HTTPResponse {
        let principal = try authenticator.require(request, scope: .write)
        let id = try PathIdentifier.uuid(context)
        _ = try QueryReader(request, allowed: [])
        guard let object = (try? JSONParser.parse(request.body))?.object else {
            throw HTTPError.badRequest("the body must be a JSON object {\"body\": \"comment text\"}")
        }
        let unknown = object.keys.filter { $0 != "body" }
        if !unknown.isEmpty { throw HTTPError.badRequest("unknown field(s): \(unknown.joined(separator: ", ")); accepted: body") }
        guard let text = object["body"]?.strictString, (1...20_000).contains(text.count),
              !text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else {
            throw IncidentChangeRequest.invalid("body", "must be a non-blank string of at most 20000 characters")
        }
        let tenants = principal.tenantIDs
        let comment = UUID()
        let row = try scoped(tenants) { connection -> Row in
            let incident = try incidentRow(id, tenants: tenants, on: connection)
            try redirectIfMerged(incident, request)
            let tenant = try incident.uuid("tenant_id")
            let row = try connection.query("""
                INSERT INTO incident_comments (id, tenant_id, incident_id, author_key, body) VALUES ($1, $2, $3, $4, $5)
                RETURNING id, author_key, body, created_at
                """, [comment, tenant, id, principal.keyID, text])[0]
            try connection.execute("""
                INSERT INTO incident_history (tenant_id, incident_id, actor_key, field, from_value, to_value) VALUES ($1, $2, $3, 'comment', NULL, $4)
                """, [tenant, id, principal.keyID, comment.uuidString.lowercased()])
            return row
        }
        return .json(.object(try Self.comment(row)), status: 201)
    }

    /// `GET /v1/incidents/{id}/comments`: oldest first.
    func listComments(_ request: HTTPRequest, _ context: inout RequestContext) throws -> HTTPResponse {
        let principal = try authenticator.require(request, scope: .read)
        let id = try PathIdentifier.uuid(context)
        _ = try QueryReader(request, allowed: [])
        let tenants = principal.tenantIDs
        let rows = try scoped(tenants) { connection -> [Row] in
            try redirectIfMerged(try incidentRow(id, tenants: tenants, on: connection), request)
            return try connection.query("""
                SELECT id, author_key, body, created_at FROM incident_comments
                WHERE incident_id = $1 AND tenant_id = ANY($2::uuid[]) ORDER BY created_at, id
                """, [id, tenants])
        }
        return .json(["items": .array(try rows.map { .object(try Self.comment($0)) })])
    }

    private static func comment(_ row: Row) throws -> JSONObject {
        ["id": .id(try row.string("id")), "author_key_id": .id(try row.string("author_key")),
         "body": try row.jsonText("body"), "created_at": try row.jsonTime("created_at")]
    }
}
