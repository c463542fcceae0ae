import XDRHTTP
import XDRPlatform

/// One documented query parameter of an operation.
public struct APIParameter: Sendable {
    public var name: String
    public var description: String
    /// OpenAPI schema type (`string`, `integer`).
    public var type: String
    /// The accepted values when the parameter is an enumeration.
    public var values: [String]

    public init(_ name: String, _ description: String, type: String = "string", values: [String] = []) {
        self.name = name
        self.description = description
        self.type = type
        self.values = values
    }
}

/// One route of the incident API: what the router serves and what the OpenAPI document
/// describes come from the same value, so the two cannot drift apart.
public struct APIOperation: Sendable {
    public var method: String
    public var path: String
    public var operationID: String
    public var summary: String
    /// The scope an API key needs.
    public var scope: Scope
    public var query: [APIParameter]
    /// Whether the operation takes a JSON request body.
    public var hasBody: Bool
    /// Documented response statuses besides 200 (problem documents).
    public var errors: [Int]
    /// The component schema of the success body, when one is described.
    public var response: String?
    public var handler: HTTPHandler

    public init(_ method: String, _ path: String, id: String, summary: String, scope: Scope = .read,
                query: [APIParameter] = [], hasBody: Bool = false, errors: [Int] = [401, 403, 404], response: String? = nil,
                handler: @escaping HTTPHandler) {
        self.method = method
        self.path = path
        self.operationID = id
        self.summary = summary
        self.scope = scope
        self.query = query
        self.hasBody = hasBody
        self.errors = errors
        self.response = response
        self.handler = handler
    }
}
