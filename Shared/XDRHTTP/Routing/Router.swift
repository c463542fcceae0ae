/// Maps method and path patterns to handlers.
///
/// Patterns are literal segments, `{name}` parameters (one non-empty segment) and a trailing
/// `{name...}` wildcard (the rest of the path, possibly empty). When several patterns match, the
/// most specific wins: literal beats parameter beats wildcard, segment by segment from the left.
/// Unknown paths answer 404; a known path with another method answers 405 with `Allow`. `HEAD`
/// is served by the `GET` handler, and the server drops the body.
public struct Router: Sendable {
    struct Route: Sendable {
        let method: String
        let pattern: RoutePattern
        let handler: HTTPHandler
    }

    /// The outcome of matching a request.
    enum Match {
        case found(HTTPHandler, parameters: [String: String], pattern: String)
        case methodNotAllowed(allowed: [String])
        case notFound
    }

    private var table: [Route] = []

    public init() {}

    /// Registers `handler` for `method` (case-insensitive) and `pattern`.
    /// Registering the same method and pattern twice is a programming error.
    public mutating func add(_ method: String, _ pattern: String, _ handler: @escaping HTTPHandler) {
        let method = method.uppercased()
        precondition(!table.contains { $0.method == method && $0.pattern.text == pattern }, "route registered twice: \(method) \(pattern)")
        table.append(Route(method: method, pattern: RoutePattern(pattern), handler: handler))
    }

    public mutating func get(_ pattern: String, _ handler: @escaping HTTPHandler) { add("GET", pattern, handler) }
    public mutating func post(_ pattern: String, _ handler: @escaping HTTPHandler) { add("POST", pattern, handler) }
    public mutating func put(_ pattern: String, _ handler: @escaping HTTPHandler) { add("PUT", pattern, handler) }
    public mutating func patch(_ pattern: String, _ handler: @escaping HTTPHandler) { add("PATCH", pattern, handler) }
    public mutating func delete(_ pattern: String, _ handler: @escaping HTTPHandler) { add("DELETE", pattern, handler) }

    /// Every registered (method, pattern) pair in registration order, for checking an API description.
    public var routes: [(method: String, pattern: String)] {
        table.map { (method: $0.method, pattern: $0.pattern.text) }
    }

    /// Routes and runs `request` without middleware (for handler tests without a socket).
    /// Sets `context.route` and `context.parameters`; throws 404/405 as `HTTPError`.
    public func handle(_ request: HTTPRequest, _ context: inout RequestContext) throws -> HTTPResponse {
        let handler = try resolve(method: request.method, target: request.target, into: &context)
        return try handler(request, &context)
    }

    /// Matches and stores route and parameters in `context`, or throws the 404/405 problem.
    func resolve(method: String, target: String, into context: inout RequestContext) throws -> HTTPHandler {
        switch match(method: method, rawPath: RequestTarget.rawPath(of: target)) {
        case .found(let handler, let parameters, let pattern):
            context.route = pattern
            context.parameters = parameters
            return handler
        case .methodNotAllowed(let allowed):
            throw HTTPError(405, detail: "\(method) is not allowed here; use \(allowed.joined(separator: ", "))",
                            headers: ["Allow": allowed.joined(separator: ", ")])
        case .notFound:
            throw HTTPError(404, detail: "no resource at this path")
        }
    }

    func match(method: String, rawPath: Substring) -> Match {
        let segments = rawPath.hasPrefix("/")
            ? rawPath.dropFirst().split(separator: "/", omittingEmptySubsequences: false)
            : [rawPath]
        let wanted = method == "HEAD" ? "GET" : method
        var best: (route: Route, parameters: [String: String], score: [Int])?
        var exactHead = false
        var allowed: Set<String> = []
        for route in table {
            guard let result = route.pattern.match(segments) else { continue }
            allowed.insert(route.method)
            let methodMatches = route.method == method || route.method == wanted
            guard methodMatches else { continue }
            // An explicit HEAD route beats the GET fallback for the same specificity.
            let isExactHead = method == "HEAD" && route.method == "HEAD"
            if let current = best {
                if result.score.lexicographicallyPrecedes(current.score) { continue }
                if result.score == current.score && !(isExactHead && !exactHead) { continue }
            }
            best = (route, result.parameters, result.score)
            exactHead = isExactHead
        }
        if let best { return .found(best.route.handler, parameters: best.parameters, pattern: best.route.pattern.text) }
        if allowed.isEmpty { return .notFound }
        if allowed.contains("GET") { allowed.insert("HEAD") }
        return .methodNotAllowed(allowed: allowed.sorted())
    }
}
