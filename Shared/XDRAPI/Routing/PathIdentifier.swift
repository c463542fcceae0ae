import Foundation
import XDRHTTP

/// Path parameters that must be identifiers.
enum PathIdentifier {
    /// The `{id}` parameter as a UUID; anything else is a 404 (no such resource can exist).
    static func uuid(_ context: RequestContext, _ name: String = "id") throws -> UUID {
        let text = try context.parameter(name)
        guard let id = UUID(uuidString: text) else { throw HTTPError.notFound("no incident \(text.prefix(60))") }
        return id
    }

    /// The `{id}` parameter as an event id (a positive integer).
    static func eventID(_ context: RequestContext) throws -> Int64 {
        let text = try context.parameter("id")
        guard let id = Int64(text), id > 0 else { throw HTTPError.notFound("no event \(text.prefix(60))") }
        return id
    }
}
