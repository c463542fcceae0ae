import Foundation
import XDRHTTP
import XDRStore

/// `EXPLAIN (ANALYZE, BUFFERS)` of the statements the list, detail and timeline handlers run,
/// built by the handlers' own query functions and run as the application role inside the same
/// tenant scope (so row-level security is part of every plan).
struct APIQueryPlans {
    struct Plan {
        var title: String
        var statement: String
        var text: String
    }

    let appURL: DatabaseURL
    let adminURL: DatabaseURL

    /// Plans for the largest tenant's key and for the operator key over every tenant.
    func explain(tenants: [UUID]) throws -> [Plan] {
        let admin = try DatabaseConnection(url: adminURL)
        let tenant = tenants[0]
        guard let row = try admin.query("""
            SELECT id FROM incidents WHERE tenant_id = $1 AND event_count > 100 ORDER BY updated_at DESC LIMIT 1
            """, [tenant]).first ?? admin.query("SELECT id FROM incidents WHERE tenant_id = $1 LIMIT 1", [tenant]).first else {
            throw APIBenchError("no incident of tenant \(tenant) to explain")
        }
        let incident = try row.uuid("id")
        let cursorRow = try admin.query("""
            SELECT event_time::text AS event_time, member_key FROM incident_members WHERE incident_id = $1
            ORDER BY event_time, member_key OFFSET 99 LIMIT 1
            """, [incident]).first
        let cursor = try cursorRow.map { PageCursor(kind: "timeline", fields: [try $0.string("event_time"), try $0.string("member_key")]) }
        let hostRow = try admin.query("""
            SELECT entity_value AS host FROM incident_entities WHERE tenant_id = $1 AND entity_type = 'host' LIMIT 1
            """, [tenant]).first
        let host = try hostRow?.string("host") ?? "ws-0100"

        var plans: [Plan] = []
        func list(_ title: String, _ target: String, _ scope: [UUID]) throws {
            let reader = try QueryReader(HTTPRequest(method: "GET", target: target), allowed: IncidentAPI.listParameters)
            let query = try IncidentAPI.listQuery(reader, tenants: scope)
            plans.append(try explain("\(title): GET \(target)", query.statement, query.parameters, scope))
        }
        try list("List, tenant key", "/v1/incidents", [tenant])
        try list("List, tenant key", "/v1/incidents?sort=severity&status=new,acknowledged,investigating", [tenant])
        try list("List, tenant key", "/v1/incidents?entity=host:\(host)", [tenant])
        try list("List, tenant key", "/v1/incidents?q=powershell", [tenant])
        try list("List, operator key", "/v1/incidents", tenants)
        try list("List, operator key", "/v1/incidents?status=new,acknowledged,investigating&min_severity=high", tenants)
        try list("List, operator key", "/v1/incidents?sort=severity", tenants)
        let id = incident.uuidString.lowercased()
        plans.append(try explain("Detail, tenant key: the incident (GET /v1/incidents/\(id))",
                                 IncidentAPI.incidentRowSQL(columns: IncidentAPI.detailColumns), [incident, [tenant]], [tenant]))
        plans.append(try explain("Detail, tenant key: its links", IncidentAPI.detailMembersSQL, [incident, [tenant]], [tenant]))
        plans.append(try explain("Detail, operator key: the incident", IncidentAPI.incidentRowSQL(columns: IncidentAPI.detailColumns), [incident, tenants], tenants))
        let first = try IncidentAPI.timelineQuery(incident, tenants: [tenant], cursor: nil, limit: 100)
        plans.append(try explain("Timeline, tenant key, first page (GET /v1/incidents/\(id)/events)", first.statement, first.parameters, [tenant]))
        if let cursor {
            let later = try IncidentAPI.timelineQuery(incident, tenants: [tenant], cursor: cursor, limit: 100)
            plans.append(try explain("Timeline, tenant key, second page", later.statement, later.parameters, [tenant]))
        }
        let operatorPage = try IncidentAPI.timelineQuery(incident, tenants: tenants, cursor: nil, limit: 100)
        plans.append(try explain("Timeline, operator key, first page", operatorPage.statement, operatorPage.parameters, tenants))
        return plans
    }

    private func explain(_ title: String, _ statement: String, _ parameters: [any PostgresEncodable], _ scope: [UUID]) throws -> Plan {
        let connection = try DatabaseConnection(url: appURL)
        let rows = try connection.withTenantScope(scope) { try $0.query("EXPLAIN (ANALYZE, BUFFERS) " + statement, parameters) }
        let text = try rows.map { try $0.string("QUERY PLAN") }.joined(separator: "\n")
        return Plan(title: title, statement: statement, text: text)
    }
}
