import Foundation
import XDRHTTP
import XDRJSON
import XDRStore

extension IncidentAPI {
    /// `GET /v1/incidents/{id}/ocsf`: the incident as an OCSF Incident Finding (class 2005), with
    /// one `finding_info_list` entry per member detection.
    func incidentOCSF(_ request: HTTPRequest, _ context: inout RequestContext) throws -> HTTPResponse {
        let principal = try authenticator.require(request, scope: .read)
        let id = try PathIdentifier.uuid(context)
        _ = try QueryReader(request, allowed: [])
        let tenants = principal.tenantIDs
        let (incident, detections) = try scoped(tenants) { connection -> (Row, [Row]) in
            let row = try incidentRow(id, tenants: tenants, columns: Self.detailColumns, on: connection)
            try redirectIfMerged(row, request)
            let detections = try connection.query("""
                SELECT m.member_key, m.event_time, e.title, e.rule_id, e.source_product, e.attack_techniques,
                       d.title AS derived_title, d.rule_id AS derived_rule_id
                FROM incident_members m
                LEFT JOIN events e ON e.id = m.event_id AND e.tenant_id = m.tenant_id AND e.time = m.event_time
                LEFT JOIN derived_detections d ON m.event_id IS NULL AND d.tenant_id = m.tenant_id AND d.id = m.member_key
                WHERE m.incident_id = $1 AND m.tenant_id = ANY($2::uuid[]) AND m.role IN ('seed', 'detection')
                ORDER BY m.event_time, m.member_key
                """, [id, tenants])
            return (row, detections)
        }
        return .json(.object(try IncidentFinding.build(incident, detections: detections)))
    }
}
