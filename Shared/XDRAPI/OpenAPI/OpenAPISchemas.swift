import XDRJSON

/// JSON Schemas of the main response bodies, referenced from the operations by name.
enum OpenAPISchemas {
    private static func object(_ properties: [(String, JSONValue)], required: [String] = []) -> JSONValue {
        var members = JSONObject()
        for (name, schema) in properties { members[name] = schema }
        var schema: JSONObject = ["type": "object", "properties": .object(members)]
        if !required.isEmpty { schema["required"] = .strings(required) }
        return .object(schema)
    }

    private static let string: JSONValue = ["type": "string"]
    private static let nullableString: JSONValue = ["type": ["string", "null"]]
    private static let integer: JSONValue = ["type": "integer"]
    private static let time: JSONValue = ["type": "string", "format": "date-time"]
    private static let strings: JSONValue = ["type": "array", "items": ["type": "string"]]
    private static func ref(_ name: String) -> JSONValue { ["$ref": .string("#/components/schemas/\(name)")] }
    private static func page(_ item: String) -> JSONValue {
        object([("items", ["type": "array", "items": ref(item)]), ("next_cursor", nullableString)], required: ["items", "next_cursor"])
    }

    static let all: JSONObject = {
        var schemas = JSONObject()
        schemas["Incident"] = object([
            ("id", string), ("tenant_id", string), ("title", string), ("severity_id", integer), ("severity", string),
            ("status", ["type": "string", "enum": .strings(IncidentStatus.names)]),
            ("verdict", ["type": ["string", "null"], "enum": .array(IncidentVerdict.names.map { .string($0) } + [.null])]),
            ("assignee", nullableString), ("layers", strings), ("tactics", strings), ("techniques", strings),
            ("first_seen", time), ("last_seen", time), ("event_count", integer), ("created_at", time), ("updated_at", time),
        ], required: ["id", "tenant_id", "title", "severity_id", "severity", "status"])
        schemas["IncidentPage"] = page("Incident")
        schemas["IncidentDetail"] = ["allOf": [ref("Incident"), object([
            ("summary", string), ("entities", ["type": "array", "items": ["type": "object"]]),
            ("graph", object([("nodes", ["type": "array", "items": ["type": "object"]]), ("edges", ["type": "array", "items": ["type": "object"]])])),
            ("sla", ["type": "object"]), ("merged_from", ["type": "array", "items": ["type": "object"]]), ("blast_radius", ["type": ["object", "null"]]),
        ])]]
        schemas["Event"] = object([
            ("id", integer), ("time", time), ("layer", string), ("class_uid", integer), ("severity_id", integer), ("severity", string),
            ("source_format", string), ("source_event_id", nullableString), ("hostname", nullableString),
            ("entities", ["type": "array", "items": ["type": "object"]]), ("link", ["type": "object"]),
            ("original", ["type": "string", "description": "The raw record exactly as the source sent it."]),
        ], required: ["id", "time", "layer", "original"])
        schemas["EventPage"] = page("Event")
        schemas["Problem"] = object([
            ("type", string), ("title", string), ("status", integer), ("detail", string), ("request_id", string),
            ("parameter", ["type": "string", "description": "The query parameter that was wrong."]),
            ("field", ["type": "string", "description": "The body field that was wrong."]),
        ], required: ["type", "title", "status"])
        return schemas
    }()
}
