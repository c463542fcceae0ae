import Foundation
import XDRHTTP
import XDRJSON
import XDRModel
import XDRStore

extension IncidentAPI {
    static let listParameters: [APIParameter] = [
        APIParameter("status", "Comma-separated statuses to include.", values: IncidentStatus.names),
        APIParameter("min_severity", "Lowest severity to include, by name or OCSF id.", values: SeverityName.accepted),
        APIParameter("layer", "Comma-separated layers; an incident matches when it spans any of them.", values: Layer.allCases.map(\.rawValue)),
        APIParameter("entity", "An entity as type:value (host:ws-alice, ip:10.0.0.5); incidents that involve it."),
        APIParameter("assignee", "Exact assignee."),
        APIParameter("tenant", "Operator keys: only this tenant (must be one of the key's tenants, else 403)."),
        APIParameter("since", "RFC 3339; incidents whose last activity (last_seen) is at or after it."),
        APIParameter("until", "RFC 3339; incidents whose last_seen is before it."),
        APIParameter("q", "Text the title contains (case-insensitive)."),
        APIParameter("include_merged", "true to include incidents merged into another.", values: ["true", "false"]),
        APIParameter("sort", "last_activity (default: most recently updated first) or severity (highest first).", values: ["last_activity", "severity"]),
        APIParameter("limit", "Page size, 1 to 200 (default 50).", type: "integer"),
        APIParameter("cursor", "The next_cursor of the previous page."),
    ]

    /// `GET /v1/incidents`
    func listIncidents(_ request: HTTPRequest, _ context: inout RequestContext) throws -> HTTPResponse {
        let principal = try authenticator.require(request, scope: .read)
        let query = try QueryReader(request, allowed: Self.listParameters)
        let tenants = try TenantScope.tenants(for: principal, filter: try query.uuid("tenant"))
        let list = try Self.listQuery(query, tenants: tenants)
        let sort = list.sort, limit = list.limit
        let rows = try scoped(tenants) { try $0.query(list.statement, list.parameters) }

        let page = rows.prefix(limit)
        var next: JSONValue = .null
        if rows.count > limit, let last = page.last {
            let id = try last.string("id"), updated = try last.string("updated_at")
            let fields = sort == "severity" ? [String(try last.int("severity_id")), updated, id] : [updated, id]
            next = .string(PageCursor(kind: sort, fields: fields).encoded())
        }
        return .json(["items": .array(try page.map { .object(try IncidentSummary.json($0)) }), "next_cursor": next])
    }

    /// The list's SQL for `query` over `tenants` (also what the benchmark explains).
    static func listQuery(_ query: QueryReader, tenants: [UUID]) throws -> (statement: String, parameters: [any PostgresEncodable], sort: String, limit: Int) {
        let sort = try query.choice("sort", accepted: ["last_activity", "severity"], fallback: "last_activity")
        let limit = try query.limit()
        let cursor = try PageCursor.decode(query.text("cursor"), kind: sort, count: sort == "severity" ? 3 : 2)

        var sql = SQLBuilder()
        // One tenant is an equality, so the (tenant_id, order…) indexes return rows in page order;
        // `= ANY` over one element would make PostgreSQL read all of the tenant's incidents and sort.
        if tenants.count == 1 {
            sql.require("i.tenant_id = \(sql.bind(tenants[0]))::uuid")
        } else {
            sql.require("i.tenant_id = ANY(\(sql.bind(tenants))::uuid[])")
        }
        try Self.addFilters(query, to: &sql)
        let severity = IncidentSummary.effectiveSeverity
        let order: String
        if sort == "severity" {
            order = "\(severity) DESC, i.updated_at DESC, i.id DESC"
            if let cursor {
                guard let level = Int(cursor.fields[0]), UUID(uuidString: cursor.fields[2]) != nil else {
                    throw QueryReader.invalid("cursor", "is not a cursor returned by this API")
                }
                try cursor.requireTimestamp(at: 1)
                sql.require("(\(severity), i.updated_at, i.id) < (\(sql.bind(level))::smallint, \(sql.bind(cursor.fields[1]))::timestamptz, \(sql.bind(cursor.fields[2]))::uuid)")
            }
        } else {
            order = "i.updated_at DESC, i.id DESC"
            if let cursor {
                guard UUID(uuidString: cursor.fields[1]) != nil else { throw QueryReader.invalid("cursor", "is not a cursor returned by this API") }
                try cursor.requireTimestamp(at: 0)
                sql.require("(i.updated_at, i.id) < (\(sql.bind(cursor.fields[0]))::timestamptz, \(sql.bind(cursor.fields[1]))::uuid)")
            }
        }
        let statement = "SELECT \(IncidentSummary.columns) FROM incidents i \(sql.whereClause) ORDER BY \(order) LIMIT \(limit + 1)"
        return (statement, sql.parameters, sort, limit)
    }

    /// Turns the list filters into conditions; each bad value is a 400 naming its parameter.
    private static func addFilters(_ query: QueryReader, to sql: inout SQLBuilder) throws {
        if try query.choice("include_merged", accepted: ["true", "false"], fallback: "false") == "false" {
            sql.require("i.redirected_to IS NULL")
        }
        let statuses = try query.list("status", accepted: IncidentStatus.names)
        if !statuses.isEmpty { sql.require("i.status = ANY(\(sql.bind(statuses))::text[])") }
        if let text = query.text("min_severity") {
            guard let level = SeverityName.parse(text) else {
                throw QueryReader.invalid("min_severity", "\"\(text)\" is not a severity; use one of \(SeverityName.accepted.joined(separator: ", ")) or 0-6")
            }
            sql.require("\(IncidentSummary.effectiveSeverity) >= \(sql.bind(level))")
        }
        let layers = try query.list("layer", accepted: Layer.allCases.map(\.rawValue))
        if !layers.isEmpty { sql.require("i.layers && \(sql.bind(layers))::text[]") }
        if let text = query.text("entity") {
            let entity = try EntityReference.parse(text, parameter: "entity")
            let type = sql.bind(entity.type), value = sql.bind(entity.value)
            // The definer function reads incident_entities by key, within the caller's scope.
            sql.require("i.id IN (SELECT xdr_incidents_with_entity(\(type)::text, \(value)::text))")
        }
        if let assignee = query.text("assignee") { sql.require("i.assignee = \(sql.bind(assignee))") }
        if let since = try query.time("since") { sql.require("i.last_seen >= \(sql.bind(Micros(since)))::timestamptz") }
        if let until = try query.time("until") { sql.require("i.last_seen < \(sql.bind(Micros(until)))::timestamptz") }
        if let text = query.text("q") { sql.require("strpos(lower(i.title), lower(\(sql.bind(text)))) > 0") }
    }
}
