import Testing
import XDRCore
@testable import XDRHTTP

@Suite struct RouterTests {
    func context() -> RequestContext {
        RequestContext(requestID: "test", logger: Logger(label: "test", sink: .memory()))
    }

    func router() -> Router {
        var router = Router()
        router.get("/v1/incidents") { _, _ in .text("list") }
        router.get("/v1/incidents/{id}") { _, context in .text("one \(context.parameters["id"] ?? "")") }
        router.get("/v1/incidents/stats") { _, _ in .text("stats") }
        router.post("/{index}/_bulk") { _, context in .text("bulk \(context.parameters["index"] ?? "")") }
        router.get("/static/{rest...}") { _, context in .text("file \(context.parameters["rest"] ?? "")") }
        return router
    }

    func run(_ method: String, _ target: String) throws -> (String, RequestContext) {
        var context = context()
        let response = try router().handle(HTTPRequest(method: method, target: target), &context)
        return (response.bodyText, context)
    }

    @Test func matchesParametersAndRecordsThePattern() throws {
        let (body, context) = try run("GET", "/v1/incidents/inc%2F42?x=1")
        #expect(body == "one inc/42")
        #expect(context.route == "/v1/incidents/{id}")
        #expect(try run("POST", "/logs-2024/_bulk").0 == "bulk logs-2024")
    }

    @Test func prefersLiteralSegmentsOverParameters() throws {
        #expect(try run("GET", "/v1/incidents/stats").0 == "stats")
    }

    @Test func matchesTheRestOfThePathWithAWildcard() throws {
        #expect(try run("GET", "/static/css/site.css").0 == "file css/site.css")
        #expect(try run("GET", "/static/").0 == "file ")
    }

    @Test func servesHeadWithGetHandlers() throws {
        #expect(try run("HEAD", "/v1/incidents").0 == "list")
    }

    @Test func answers404ForUnknownPaths() {
        for target in ["/nope", "/v1/incidents/1/extra", "/v1/incidents//", "/_bulk"] {
            do {
                _ = try run("GET", target)
                Issue.record("\(target) matched")
            } catch let error as HTTPError {
                #expect(error.status == 404)
            } catch {
                Issue.record("unexpected \(error)")
            }
        }
    }

    @Test func answers405WithAllowForOtherMethods() {
        do {
            _ = try run("DELETE", "/v1/incidents/7")
            Issue.record("DELETE matched")
        } catch let error as HTTPError {
            #expect(error.status == 405)
            #expect(error.headers["Allow"] == "GET, HEAD")
        } catch {
            Issue.record("unexpected \(error)")
        }
    }

    @Test func listsRegisteredRoutes() {
        let routes = router().routes
        #expect(routes.count == 5)
        #expect(routes[3].method == "POST")
        #expect(routes[3].pattern == "/{index}/_bulk")
    }
}
