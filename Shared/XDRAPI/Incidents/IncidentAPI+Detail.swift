import Foundation
import XDRHTTP
import XDRJSON
import XDRStore

extension IncidentAPI {
    static let detailColumns = IncidentSummary.columns + """
        , xdr_incident_entities(i.id) AS entities, i.blast_radius, i.snapshot, i.acknowledged_at, i.contained_at, i.resolved_at, i.closed_at,
        extract(epoch FROM i.acknowledged_at - i.created_at)::bigint AS seconds_to_acknowledge,
        extract(epoch FROM COALESCE(i.resolved_at, i.closed_at) - i.created_at)::bigint AS seconds_to_resolve
        """

    /// The incident's links (`$1` the incident, `$2` the tenants).
    static let detailMembersSQL = """
        SELECT member_key, event_id, event_time, role, reason, entity, window_us FROM incident_members
        WHERE incident_id = $1 AND tenant_id = ANY($2::uuid[]) ORDER BY event_time, member_key
        """
    /// The incidents merged into it.
    static let detailMergesSQL = """
        SELECT from_id, merged_at FROM incident_merges WHERE into_id = $1 AND tenant_id = ANY($2::uuid[]) ORDER BY merged_at, from_id
        """

    /// `GET /v1/incidents/{id}`: the whole story of one incident.
    func incidentDetail(_ request: HTTPRequest, _ context: inout RequestContext) throws -> HTTPResponse {
        let principal = try authenticator.require(request, scope: .read)
        let id = try PathIdentifier.uuid(context)
        _ = try QueryReader(request, allowed: [])
        let tenants = principal.tenantIDs
        let body = try scoped(tenants) { connection -> JSONObject in
            let row = try incidentRow(id, tenants: tenants, columns: Self.detailColumns, on: connection)
            try redirectIfMerged(row, request)
            let members = try connection.query(Self.detailMembersSQL, [id, tenants])
            let merged = try connection.query(Self.detailMergesSQL, [id, tenants])
            return try detail(row, members: members, merged: merged)
        }
        return .json(.object(body))
    }

    private func detail(_ row: Row, members: [Row], merged: [Row]) throws -> JSONObject {
        var object = try IncidentSummary.json(row)
        let snapshot = try row.jsonDocument("snapshot")
        let entities = Self.entities(try row.jsonDocument("entities"))
        object["summary"] = .string(Self.summaryText(object, entityCount: entities.count))
        object["entities"] = .array(entities)
        object["graph"] = .object(try IncidentGraph.build(members: members, entities: entities))
        object["sla"] = [
            "created_at": try row.jsonTime("created_at"),
            "acknowledged_at": try row.jsonTime("acknowledged_at"),
            "contained_at": try row.jsonTime("contained_at"),
            "resolved_at": try row.jsonTime("resolved_at"),
            "closed_at": try row.jsonTime("closed_at"),
            "seconds_to_acknowledge": try row.jsonInt("seconds_to_acknowledge"),
            "seconds_to_resolve": try row.jsonInt("seconds_to_resolve"),
        ]
        object["merged_from"] = .array(try merged.map { ["id": .id(try $0.string("from_id")), "merged_at": try $0.jsonTime("merged_at")] })
        object["blast_radius"] = CamelToSnake.convert(try row.jsonDocument("blast_radius"))
        object["continued_from"] = snapshot["continuedFrom"].flatMap(\.string).map { .id($0) } ?? .null
        object["dropped_evidence"] = snapshot["droppedEvidence"] ?? .int(0)
        object["derived_detections"] = CamelToSnake.convert(snapshot["derivedDetections"] ?? .array([]))
        return object
    }

    /// The engine's entity list with snake_case keys and RFC 3339 times.
    static func entities(_ document: JSONValue) -> [JSONValue] {
        (document.array ?? []).map { entity in
            func time(_ key: String) -> JSONValue {
                entity[key].flatMap(\.string).flatMap(Int64.init).map { .string(APITime.format($0)) }
                    ?? entity[key].flatMap(\.int).map { .string(APITime.format(Int64($0))) } ?? .null
            }
            let type = entity["type"]?.string ?? "", value = entity["value"]?.string ?? ""
            return [
                "key": .string("\(type):\(value)"), "type": .string(type), "value": .string(value),
                "role": entity["role"] ?? .null, "is_hub": entity["isHub"] ?? .bool(false),
                "from_detection": entity["fromDetection"] ?? .bool(false),
                "first_seen": time("firstSeen"), "last_seen": time("lastSeen"),
            ]
        }
    }

    /// One line an analyst reads first: severity, title, reach.
    static func summaryText(_ incident: JSONObject, entityCount: Int) -> String {
        let severity = incident["severity"]?.string ?? "Unknown"
        let title = incident["title"]?.string ?? ""
        let layers = incident["layers"]?.strings ?? []
        let events = incident["event_count"]?.int ?? 0
        return "\(severity): \(title) — \(events) event(s) across \(layers.isEmpty ? "no layer" : layers.joined(separator: ", ")), \(entityCount) entit\(entityCount == 1 ? "y" : "ies")"
    }
}
