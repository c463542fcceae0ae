/// Handles one request on the connection's thread. Throw `HTTPError` for client-visible failures.
///
/// Handlers run synchronously on the connection's own thread, so they may block (database calls)
/// without starving Swift concurrency's cooperative pool.
public typealias HTTPHandler = @Sendable (HTTPRequest, inout RequestContext) throws -> HTTPResponse

/// Code that wraps every request: authentication, rate limiting, tenant resolution.
///
/// Middleware runs after routing (so `context.route` and `context.parameters` are known) and
/// before the handler. Call `next` to continue, or return/throw to answer early.
public protocol HTTPMiddleware: Sendable {
    func handle(
        _ request: HTTPRequest,
        _ context: inout RequestContext,
        next: (HTTPRequest, inout RequestContext) throws -> HTTPResponse
    ) throws -> HTTPResponse
}

/// Builds the chain `middleware[0] → middleware[1] → … → handler`.
enum MiddlewareChain {
    static func run(
        _ middleware: [any HTTPMiddleware], from index: Int,
        _ request: HTTPRequest, _ context: inout RequestContext,
        handler: (HTTPRequest, inout RequestContext) throws -> HTTPResponse
    ) throws -> HTTPResponse {
        guard index < middleware.count else { return try handler(request, &context) }
        return try middleware[index].handle(request, &context) { request, context in
            try run(middleware, from: index + 1, request, &context, handler: handler)
        }
    }
}
