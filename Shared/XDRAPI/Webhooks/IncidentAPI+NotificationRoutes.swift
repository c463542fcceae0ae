import Foundation
import XDRHTTP
import XDRJSON
import XDRModel
import XDRStore

extension IncidentAPI {
    static let routeFields = ["tenant_id", "name", "url", "secret", "min_severity", "changes"]

    /// `POST /v1/notification-routes`: deliver changes of incidents at or above a severity to a URL.
    func createNotificationRoute(_ request: HTTPRequest, _ context: inout RequestContext) throws -> HTTPResponse {
        let principal = try authenticator.require(request, scope: .write)
        _ = try QueryReader(request, allowed: [])
        guard let object = (try? JSONParser.parse(request.body))?.object else {
            throw HTTPError.badRequest("the body must be a JSON object with: \(Self.routeFields.joined(separator: ", "))")
        }
        let unknown = object.keys.filter { !Self.routeFields.contains($0) }
        if !unknown.isEmpty { throw HTTPError.badRequest("unknown field(s): \(unknown.joined(separator: ", ")); accepted: \(Self.routeFields.joined(separator: ", "))") }
        func field(_ name: String, _ reason: String) -> HTTPError { IncidentChangeRequest.invalid(name, reason) }

        let tenant: UUID
        if let text = object["tenant_id"]?.strictString {
            guard let id = UUID(uuidString: text), principal.tenantIDs.contains(id) else { throw field("tenant_id", "is not a tenant this API key may configure") }
            tenant = id
        } else if let own = principal.tenantID {
            tenant = own
        } else {
            throw field("tenant_id", "is required for operator keys")
        }
        guard let name = object["name"]?.strictString, (1...200).contains(name.count) else { throw field("name", "must be a string of 1 to 200 characters") }
        guard let url = object["url"]?.strictString, url.hasPrefix("http://"), url.count > 7 else {
            throw field("url", "must be an http:// URL (send to a TLS egress proxy for https receivers)")
        }
        guard let secret = object["secret"]?.strictString, secret.utf8.count >= 16 else { throw field("secret", "must be a string of at least 16 bytes") }
        var minimum = Severity.high.rawValue
        if let raw = object["min_severity"] {
            guard let level = raw.int ?? raw.strictString.flatMap(SeverityName.parse), Severity(rawValue: level) != nil else {
                throw field("min_severity", "use a severity name (\(SeverityName.accepted.joined(separator: ", "))) or id 0-6")
            }
            minimum = level
        }
        var changes = ["created"]
        if let raw = object["changes"] {
            let items = raw.array?.compactMap(\.strictString) ?? []
            guard !items.isEmpty, items.count == raw.array?.count, items.allSatisfy(["created", "updated", "merged"].contains) else {
                throw field("changes", "must be a non-empty array of created, updated, merged")
            }
            changes = items
        }
        let id = UUID()
        let row = try scoped([tenant]) { connection in
            try connection.query("""
                INSERT INTO notification_routes (id, tenant_id, name, url, secret, min_severity, changes) VALUES ($1, $2, $3, $4, $5, $6, $7)
                RETURNING \(Self.routeColumns)
                """, [id, tenant, name, url, secret, minimum, changes])[0]
        }
        return .json(.object(try Self.route(row)), status: 201)
    }

    /// `GET /v1/notification-routes`
    func listNotificationRoutes(_ request: HTTPRequest, _ context: inout RequestContext) throws -> HTTPResponse {
        let principal = try authenticator.require(request, scope: .read)
        let query = try QueryReader(request, allowed: [APIParameter("tenant", "")])
        let tenants = try TenantScope.tenants(for: principal, filter: try query.uuid("tenant"))
        let rows = try scoped(tenants) {
            try $0.query("SELECT \(Self.routeColumns) FROM notification_routes WHERE tenant_id = ANY($1::uuid[]) ORDER BY created_at, id", [tenants])
        }
        return .json(["items": .array(try rows.map { .object(try Self.route($0)) })])
    }

    /// `GET /v1/notification-routes/{id}/deliveries`: the delivery log, newest first.
    func listDeliveries(_ request: HTTPRequest, _ context: inout RequestContext) throws -> HTTPResponse {
        let principal = try authenticator.require(request, scope: .read)
        let id = try PathIdentifier.uuid(context)
        _ = try QueryReader(request, allowed: [])
        let tenants = principal.tenantIDs
        let rows = try scoped(tenants) { connection -> [Row] in
            guard try !connection.query("SELECT 1 FROM notification_routes WHERE id = $1 AND tenant_id = ANY($2::uuid[])", [id, tenants]).isEmpty else {
                throw HTTPError.notFound("no notification route \(id.uuidString.lowercased())")
            }
            return try connection.query("""
                SELECT o.id, o.incident_id, o.change, o.status, o.attempts, o.last_error, o.created_at, o.delivered_at,
                       COALESCE((SELECT json_agg(json_build_object('attempt', d.attempt, 'at', d.at, 'status_code', d.status_code,
                                                                   'error', d.error, 'duration_ms', d.duration_ms) ORDER BY d.id)
                                 FROM webhook_deliveries d WHERE d.outbox_id = o.id), '[]') AS attempts_log
                FROM webhook_outbox o WHERE o.route_id = $1 AND o.tenant_id = ANY($2::uuid[]) ORDER BY o.id DESC LIMIT 200
                """, [id, tenants])
        }
        let items: [JSONValue] = try rows.map {
            ["id": try $0.jsonInt("id"), "incident_id": .id(try $0.string("incident_id")), "change": try $0.jsonText("change"),
             "status": try $0.jsonText("status"), "attempts": try $0.jsonInt("attempts"), "last_error": try $0.jsonText("last_error"),
             "created_at": try $0.jsonTime("created_at"), "delivered_at": try $0.jsonTime("delivered_at"),
             "log": try $0.jsonDocument("attempts_log")]
        }
        return .json(["items": .array(items)])
    }

    static let routeColumns = "id, tenant_id, name, url, min_severity, changes, enabled, created_at"

    /// A route as shown: never the secret.
    private static func route(_ row: Row) throws -> JSONObject {
        let minimum = try row.int("min_severity")
        return ["id": .id(try row.string("id")), "tenant_id": .id(try row.string("tenant_id")), "name": try row.jsonText("name"),
                "url": try row.jsonText("url"), "min_severity_id": .int(minimum), "min_severity": .string(SeverityName.name(minimum)),
                "changes": try row.jsonStrings("changes"), "enabled": .bool(try row.bool("enabled")), "created_at": try row.jsonTime("created_at")]
    }
}
