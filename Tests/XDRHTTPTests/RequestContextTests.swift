import Testing
import XDRCore
@testable import XDRHTTP

enum TenantKey: RequestContextKey { typealias Value = String }
enum AttemptsKey: RequestContextKey { typealias Value = Int }

@Suite struct RequestContextTests {
    @Test func storesTypedValuesPerKey() {
        var context = RequestContext(requestID: "r1", logger: Logger(label: "t", sink: .memory()))
        context[TenantKey.self] = "acme"
        context[AttemptsKey.self] = 3
        #expect(context[TenantKey.self] == "acme")
        #expect(context[AttemptsKey.self] == 3)
        context[TenantKey.self] = nil
        #expect(context[TenantKey.self] == nil)
        #expect(context.logger.metadata["request.id"] == "r1")
    }

    @Test func acceptsOnlySaneClientRequestIDs() {
        #expect(RequestID.accept("abc-123_x.y:z") == "abc-123_x.y:z")
        #expect(RequestID.accept("bad id\n") != "bad id\n")
        #expect(RequestID.accept(String(repeating: "a", count: 200)).count == 32)
        #expect(RequestID.accept(nil).count == 32)
    }
}
