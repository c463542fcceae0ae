import XDRJSON
import XDRStore

/// The link graph of an incident: events (and derived detections) and entities as nodes, and an
/// edge for every reason a member was linked — through which entity, inside which window.
enum IncidentGraph {
    static func build(members: [Row], entities: [JSONValue]) throws -> JSONObject {
        var nodes: [JSONValue] = []
        var edges: [JSONValue] = []
        var entityNodes = Set<String>()
        for entity in entities {
            guard let key = entity["key"]?.string else { continue }
            entityNodes.insert(key)
            nodes.append(["id": .string(key), "kind": "entity", "type": entity["type"] ?? .null,
                          "value": entity["value"] ?? .null, "role": entity["role"] ?? .null])
        }
        let seed = try members.first { try $0.string("role") == "seed" }?.string("member_key")
        for member in members {
            let key = try member.string("member_key")
            nodes.append([
                "id": .string(key), "kind": try member.text("event_id") == nil ? "derived_detection" : "event",
                "event_id": try member.jsonInt("event_id"), "time": try member.jsonTime("event_time"),
                "role": try member.jsonText("role"),
            ])
            let reason = try member.string("reason")
            if let entity = try member.text("entity") {
                if !entityNodes.contains(entity) {
                    // An entity the engine no longer lists (a hub, say) still explains the link.
                    entityNodes.insert(entity)
                    nodes.append(["id": .string(entity), "kind": "entity", "role": "related"])
                }
                edges.append(["from": .string(key), "to": .string(entity), "reason": .string(reason),
                              "window_us": try member.jsonInt("window_us")])
            } else if let seed, seed != key {
                edges.append(["from": .string(key), "to": .string(seed), "reason": .string(reason), "window_us": .null])
            }
        }
        return ["nodes": .array(nodes), "edges": .array(edges)]
    }
}
