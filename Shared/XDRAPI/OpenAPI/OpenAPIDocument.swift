import XDRHTTP
import XDRJSON

/// Builds the OpenAPI 3.1 document from the operation table, so every served route is
/// documented and every documented route is served.
enum OpenAPIDocument {
    static func build(_ operations: [APIOperation]) -> JSONValue {
        var paths = JSONObject()
        for operation in operations {
            var item = paths[operation.path]?.object ?? JSONObject()
            item[operation.method.lowercased()] = .object(describe(operation))
            paths[operation.path] = .object(item)
        }
        return [
            "openapi": "3.1.0",
            "info": [
                "title": "Tsunagi incident API",
                "version": "1.0.0",
                "description": "Cross-layer XDR incidents for SOC consoles, ticketing and SOAR. Authenticate with an API key: `Authorization: Bearer <key>`. Tenant keys see their tenant; operator keys see every tenant of their provider. Errors are RFC 9457 problem documents.",
            ],
            "paths": .object(paths),
            "components": [
                "securitySchemes": ["apiKey": ["type": "http", "scheme": "bearer", "description": "An API key created with xdrctl key create."]],
                "schemas": .object(OpenAPISchemas.all),
            ],
        ]
    }

    private static func describe(_ operation: APIOperation) -> JSONObject {
        var parameters: [JSONValue] = pathParameters(operation.path).map { name in
            ["name": .string(name), "in": "path", "required": true, "schema": ["type": name == "id" && operation.path.hasPrefix("/v1/events") ? "integer" : "string"]]
        }
        for parameter in operation.query {
            var schema: JSONObject = ["type": .string(parameter.type)]
            if !parameter.values.isEmpty { schema["enum"] = .strings(parameter.values) }
            parameters.append(["name": .string(parameter.name), "in": "query", "required": false,
                               "description": .string(parameter.description), "schema": .object(schema)])
        }
        let success = operation.method == "POST" ? "201" : "200"
        let successType = operation.path == "/v1/stream" ? "text/event-stream" : "application/json"
        let schema: JSONValue = operation.response.map { ["$ref": .string("#/components/schemas/\($0)")] }
            ?? ["type": successType == "text/event-stream" ? "string" : "object"]
        var responses: JSONObject = [success: ["description": "Success", "content": [.init(successType): ["schema": schema]]]]
        for status in operation.errors {
            responses[String(status)] = ["description": .string(HTTPStatus.reason(status)),
                                         "content": ["application/problem+json": ["schema": ["$ref": "#/components/schemas/Problem"]]]]
        }
        var object: JSONObject = [
            "operationId": .string(operation.operationID),
            "summary": .string(operation.summary),
            "parameters": .array(parameters),
            "responses": .object(responses),
        ]
        if operation.errors.contains(401) {
            object["security"] = [["apiKey": []]]
            object["x-required-scope"] = .string(operation.scope.rawValue)
        } else {
            object["security"] = []
        }
        if operation.hasBody {
            object["requestBody"] = ["required": true, "content": ["application/json": ["schema": ["type": "object"]]]]
        }
        return object
    }

    /// `{id}` names in a route pattern.
    static func pathParameters(_ path: String) -> [String] {
        path.split(separator: "/").compactMap { segment in
            segment.hasPrefix("{") && segment.hasSuffix("}") ? String(segment.dropFirst().dropLast()) : nil
        }
    }
}

extension IncidentAPI {
    /// `GET /v1/openapi.json`
    func openAPIDocument(_ request: HTTPRequest, _ context: inout RequestContext) throws -> HTTPResponse {
        .json(OpenAPIDocument.build(operations))
    }
}
