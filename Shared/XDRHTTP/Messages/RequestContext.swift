import XDRCore

/// Identifies a value that middleware attaches to a `RequestContext`.
///
/// Declare a key type per value, for example in the authentication library:
/// ```swift
/// enum PrincipalKey: RequestContextKey { typealias Value = Principal }
/// context[PrincipalKey.self] = principal       // in the middleware
/// let principal = context[PrincipalKey.self]    // in a handler
/// ```
/// Keys are types, so two libraries cannot collide by choosing the same string.
public protocol RequestContextKey {
    associatedtype Value: Sendable
}

/// Per-request state passed `inout` through middleware and the handler.
public struct RequestContext: Sendable {
    /// The request id: the client's `X-Request-Id` when it is sane, otherwise generated. Echoed
    /// in the response and in problem documents.
    public var requestID: String
    /// A logger carrying `request.id`.
    public var logger: Logger
    /// Route parameters (`{id}` in `/v1/incidents/{id}`), percent-decoded.
    public var parameters: [String: String]
    /// The matched route pattern (`/v1/incidents/{id}`), `unmatched` when none matched. Used as the
    /// metrics label, so it never contains raw paths.
    public var route: String
    private var storage: [ObjectIdentifier: any Sendable]

    public init(requestID: String, logger: Logger, parameters: [String: String] = [:], route: String = RequestContext.unmatchedRoute) {
        self.requestID = requestID
        self.logger = logger.with(["request.id": requestID])
        self.parameters = parameters
        self.route = route
        self.storage = [:]
    }

    /// The route label for requests that matched no route.
    public static let unmatchedRoute = "unmatched"

    /// The value stored under `key`, or `nil`.
    public subscript<Key: RequestContextKey>(key: Key.Type) -> Key.Value? {
        get { storage[ObjectIdentifier(key)] as? Key.Value }
        set { storage[ObjectIdentifier(key)] = newValue }
    }

    /// The route parameter `name`, or a 400 naming it when absent.
    public func parameter(_ name: String) throws -> String {
        guard let value = parameters[name] else { throw HTTPError.badRequest("missing path parameter \(name)") }
        return value
    }
}

/// Request ids: accept the client's when short and made of safe characters, else make one.
enum RequestID {
    static func accept(_ candidate: String?) -> String {
        if let candidate, isSane(candidate) { return candidate }
        return generate()
    }

    static func isSane(_ text: String) -> Bool {
        let utf8 = text.utf8
        guard (1...128).contains(utf8.count) else { return false }
        for byte in utf8 {
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"),
                 UInt8(ascii: "-"), UInt8(ascii: "_"), UInt8(ascii: "."), UInt8(ascii: ":"):
                continue
            default:
                return false
            }
        }
        return true
    }

    /// 128 random bits as 32 lower-case hex digits.
    static func generate() -> String {
        var generator = SystemRandomNumberGenerator()
        let high = generator.next() as UInt64, low = generator.next() as UInt64
        return hex(high) + hex(low)
    }

    private static func hex(_ value: UInt64) -> String {
        let digits = String(value, radix: 16)
        return String(repeating: "0", count: 16 - digits.count) + digits
    }
}
