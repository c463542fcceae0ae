import Foundation
import XDRHTTP
import XDRJSON
import XDRStore

extension IncidentAPI {
    static let usageParameters: [APIParameter] = [
        APIParameter("month", "The calendar month (UTC) as YYYY-MM; defaults to the current month."),
        APIParameter("tenant", "Operator keys: only this tenant."),
    ]

    /// `GET /v1/usage?month=2026-11`: per tenant, what the provider bills (monitored endpoints and
    /// identities, handled incidents, events) and how the SLA clock did, by severity.
    func usage(_ request: HTTPRequest, _ context: inout RequestContext) throws -> HTTPResponse {
        let principal = try authenticator.require(request, scope: .read)
        let query = try QueryReader(request, allowed: Self.usageParameters)
        let tenants = try TenantScope.tenants(for: principal, filter: try query.uuid("tenant"))
        let month = try Self.month(query.text("month"))
        let start = "\(month)-01 00:00:00+00"
        let reports = try scoped(tenants) { connection -> [JSONValue] in
            let tenantRows = try connection.query("SELECT id, name, slug, config FROM tenants WHERE id = ANY($1::uuid[]) ORDER BY slug", [tenants])
            return try tenantRows.map { tenant in
                let id = try tenant.uuid("id")
                let counts = try connection.query("""
                    SELECT count(DISTINCT k) FILTER (WHERE k LIKE 'host:%') AS endpoints,
                           count(DISTINCT k) FILTER (WHERE k LIKE 'user:%' OR k LIKE 'email:%' OR k LIKE 'cloud_principal:%') AS identities
                    FROM events e LEFT JOIN LATERAL unnest(e.entity_keys) AS k ON true
                    WHERE e.tenant_id = $1 AND e.time >= $2::timestamptz AND e.time < $2::timestamptz + interval '1 month'
                    """, [id, start])[0]
                let events = try connection.query("""
                    SELECT count(*) AS n FROM events WHERE tenant_id = $1 AND time >= $2::timestamptz AND time < $2::timestamptz + interval '1 month'
                    """, [id, start])[0]
                let sla = try connection.query("""
                    SELECT COALESCE(severity_override, severity_id) AS severity_id, count(*) AS incidents,
                           count(acknowledged_at) AS acknowledged, count(COALESCE(resolved_at, closed_at)) AS resolved,
                           array_agg(extract(epoch FROM acknowledged_at - created_at)::bigint) FILTER (WHERE acknowledged_at IS NOT NULL) AS ack_seconds,
                           array_agg(extract(epoch FROM COALESCE(resolved_at, closed_at) - created_at)::bigint)
                               FILTER (WHERE COALESCE(resolved_at, closed_at) IS NOT NULL) AS resolve_seconds
                    FROM incidents WHERE tenant_id = $1 AND redirected_to IS NULL
                      AND created_at >= $2::timestamptz AND created_at < $2::timestamptz + interval '1 month'
                    GROUP BY 1 ORDER BY 1 DESC
                    """, [id, start])
                let targets = SLATargets(config: try tenant.jsonDocument("config"))
                var handled = 0
                let bySeverity: [JSONValue] = try sla.map { row in
                    let level = try row.int("severity_id")
                    handled += try row.int("incidents")
                    let ack = try row.strings("ack_seconds").compactMap(Int.init)
                    let resolve = try row.strings("resolve_seconds").compactMap(Int.init)
                    let ackTarget = targets.acknowledge[level] ?? 0, resolveTarget = targets.resolve[level] ?? 0
                    return [
                        "severity_id": .int(level), "severity": .string(SeverityName.name(level)),
                        "incidents": .int(try row.int("incidents")), "acknowledged": .int(try row.int("acknowledged")),
                        "resolved": .int(try row.int("resolved")),
                        "acknowledge_target_seconds": .int(ackTarget), "resolve_target_seconds": .int(resolveTarget),
                        "acknowledged_within_target": .int(ack.filter { $0 <= ackTarget }.count),
                        "resolved_within_target": .int(resolve.filter { $0 <= resolveTarget }.count),
                        "median_seconds_to_acknowledge": Self.median(ack), "median_seconds_to_resolve": Self.median(resolve),
                    ]
                }
                return [
                    "tenant_id": .id(id.uuidString), "name": try tenant.jsonText("name"), "slug": try tenant.jsonText("slug"),
                    "events": try events.jsonInt("n"),
                    "monitored": ["endpoints": try counts.jsonInt("endpoints"), "identities": try counts.jsonInt("identities")],
                    "incidents": ["handled": .int(handled), "by_severity": .array(bySeverity)],
                ]
            }
        }
        return .json(["month": .string(month), "tenants": .array(reports)])
    }

    static func median(_ values: [Int]) -> JSONValue {
        guard !values.isEmpty else { return .null }
        let sorted = values.sorted()
        return .int(sorted[sorted.count / 2])
    }

    /// `YYYY-MM`, or the current UTC month.
    static func month(_ text: String?) throws -> String {
        guard let text else {
            var calendar = Calendar(identifier: .gregorian)
            calendar.timeZone = TimeZone(identifier: "UTC")!
            let parts = calendar.dateComponents([.year, .month], from: Date())
            return String(format: "%04d-%02d", parts.year!, parts.month!)
        }
        let pieces = text.split(separator: "-")
        guard text.count == 7, pieces.count == 2, let year = Int(pieces[0]), let month = Int(pieces[1]),
              (2000...2999).contains(year), (1...12).contains(month) else {
            throw QueryReader.invalid("month", "must be YYYY-MM such as 2026-11, got \"\(text.prefix(20))\"")
        }
        return text
    }
}
