import Foundation
import XDRHTTP
import XDRJSON
import XDRStore

extension IncidentAPI {
    static let timelineParameters: [APIParameter] = [
        APIParameter("limit", "Page size, 1 to 200 (default 100).", type: "integer"),
        APIParameter("cursor", "The next_cursor of the previous page."),
    ]

    /// `GET /v1/incidents/{id}/events`: the timeline, oldest first, each event with why it is here.
    func incidentEvents(_ request: HTTPRequest, _ context: inout RequestContext) throws -> HTTPResponse {
        let principal = try authenticator.require(request, scope: .read)
        let id = try PathIdentifier.uuid(context)
        let query = try QueryReader(request, allowed: Self.timelineParameters)
        let limit = try query.limit(fallback: 100)
        let cursor = try PageCursor.decode(query.text("cursor"), kind: "timeline", count: 2)
        let tenants = principal.tenantIDs
        let rows = try scoped(tenants) { connection -> [Row] in
            try redirectIfMerged(try incidentRow(id, tenants: tenants, on: connection), request)
            let timeline = try Self.timelineQuery(id, tenants: tenants, cursor: cursor, limit: limit)
            return try connection.query(timeline.statement, timeline.parameters)
        }
        let page = rows.prefix(limit)
        var next: JSONValue = .null
        if rows.count > limit, let last = page.last {
            next = .string(PageCursor(kind: "timeline", fields: [try last.string("event_time"), try last.string("member_key")]).encoded())
        }
        return .json(["items": .array(try page.map { .object(try Self.timelineItem($0)) }), "next_cursor": next])
    }

    /// The timeline page's SQL (also what the benchmark explains).
    static func timelineQuery(_ id: UUID, tenants: [UUID], cursor: PageCursor?, limit: Int) throws -> (statement: String, parameters: [any PostgresEncodable]) {
        var sql = SQLBuilder()
        sql.require("m.incident_id = \(sql.bind(id))")
        sql.require("m.tenant_id = ANY(\(sql.bind(tenants))::uuid[])")
        if let cursor {
            try cursor.requireTimestamp(at: 0)
            sql.require("(m.event_time, m.member_key) > (\(sql.bind(cursor.fields[0]))::timestamptz, \(sql.bind(cursor.fields[1])))")
        }
        // The page of members is chosen first (in index order), so only its events are read: joining
        // first would fetch every member's event, hundreds for a large incident, to keep a hundred.
        // Derived detections are members without an event row; they appear with their rule.
        let statement = """
            SELECT m.member_key, m.event_time, m.role, m.reason, m.entity, m.window_us,
                   d.rule_id AS derived_rule_id, d.title AS derived_title, d.severity_id AS derived_severity_id,
                   d.event_ids AS derived_event_ids, \(EventDocument.columns)
            FROM (SELECT m.* FROM incident_members m \(sql.whereClause)
                  ORDER BY m.event_time, m.member_key LIMIT \(limit + 1)) m
            LEFT JOIN events e ON e.id = m.event_id AND e.tenant_id = m.tenant_id AND e.time = m.event_time
            LEFT JOIN derived_detections d ON m.event_id IS NULL AND d.tenant_id = m.tenant_id AND d.id = m.member_key
            ORDER BY m.event_time, m.member_key
            """
        return (statement, sql.parameters)
    }

    private static func timelineItem(_ row: Row) throws -> JSONObject {
        let link: JSONValue = [
            "member_key": try row.jsonText("member_key"), "role": try row.jsonText("role"), "reason": try row.jsonText("reason"),
            "entity": try row.jsonText("entity"), "window_us": try row.jsonInt("window_us"),
        ]
        if try row.text("event_id") != nil {
            var object = try EventDocument.json(row)
            object["link"] = link
            return object
        }
        let severity = (try row.text("derived_severity_id")).flatMap(Int.init)
        return [
            "derived_detection": [
                "id": try row.jsonText("member_key"), "rule_id": try row.jsonText("derived_rule_id"),
                "title": try row.jsonText("derived_title"),
                "severity_id": severity.map { .int($0) } ?? .null,
                "severity": severity.map { .string(SeverityName.name($0)) } ?? .null,
                "event_ids": .array(try row.strings("derived_event_ids").compactMap(Int64.init).map { .int($0) }),
            ],
            "time": try row.jsonTime("event_time"),
            "link": link,
        ]
    }

    /// `GET /v1/events/{id}`: one event with its original record.
    func eventDetail(_ request: HTTPRequest, _ context: inout RequestContext) throws -> HTTPResponse {
        let principal = try authenticator.require(request, scope: .read)
        let id = try PathIdentifier.eventID(context)
        _ = try QueryReader(request, allowed: [])
        let tenants = principal.tenantIDs
        let (row, incidents) = try scoped(tenants) { connection -> (Row?, [Row]) in
            let rows = try connection.query("SELECT \(EventDocument.columns) FROM events e WHERE e.id = $1 AND e.tenant_id = ANY($2::uuid[])", [id, tenants])
            let incidents = try connection.query("""
                SELECT DISTINCT m.incident_id FROM incident_members m WHERE m.event_id = $1 AND m.tenant_id = ANY($2::uuid[]) ORDER BY 1
                """, [id, tenants])
            return (rows.first, incidents)
        }
        guard let row else { throw HTTPError.notFound("no event \(id)") }
        var object = try EventDocument.json(row)
        object["incident_ids"] = .array(try incidents.map { .id(try $0.string("incident_id")) })
        return .json(.object(object))
    }
}
