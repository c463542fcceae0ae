import XDRJSON
import XDRStore

/// The incident columns every incident response shows, and their JSON form.
enum IncidentSummary {
    /// The severity analysts see: their override when set, else the engine's.
    static let effectiveSeverity = "COALESCE(i.severity_override, i.severity_id)"

    static let columns = """
        i.id, i.tenant_id, i.title, \(effectiveSeverity) AS severity_id, i.severity_id AS engine_severity_id,
        i.severity_override, i.severity_reason, i.status, i.verdict, i.assignee, i.first_seen, i.last_seen,
        i.layers, i.tactics, i.techniques, i.event_count, i.created_at, i.updated_at, i.redirected_to
        """

    static func json(_ row: Row) throws -> JSONObject {
        let severity = try row.int("severity_id")
        var object: JSONObject = [
            "id": .id(try row.string("id")),
            "tenant_id": .id(try row.string("tenant_id")),
            "title": try row.jsonText("title"),
            "severity_id": .int(severity),
            "severity": .string(SeverityName.name(severity)),
            "status": try row.jsonText("status"),
            "verdict": try row.jsonText("verdict"),
            "assignee": try row.jsonText("assignee"),
            "layers": try row.jsonStrings("layers"),
            "tactics": try row.jsonStrings("tactics"),
            "techniques": try row.jsonStrings("techniques"),
            "first_seen": try row.jsonTime("first_seen"),
            "last_seen": try row.jsonTime("last_seen"),
            "event_count": try row.jsonInt("event_count"),
            "created_at": try row.jsonTime("created_at"),
            "updated_at": try row.jsonTime("updated_at"),
        ]
        if try row.text("severity_override") != nil {
            let engine = try row.int("engine_severity_id")
            object["severity_override"] = [
                "engine_severity_id": .int(engine), "engine_severity": .string(SeverityName.name(engine)),
                "reason": try row.jsonText("severity_reason"),
            ]
        }
        return object
    }
}
