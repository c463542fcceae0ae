import Foundation
import XDRHTTP
import XDRStore

extension IncidentAPI {
    static let streamParameters: [APIParameter] = [
        APIParameter("tenant", "Operator keys: only this tenant (must be one of the key's tenants, else 403)."),
        APIParameter("last_event_id", "Resume after this event id (same as the Last-Event-ID header, for clients that cannot set headers)."),
    ]

    /// `GET /v1/stream`: incident created/updated/merged events for the caller's tenants as
    /// Server-Sent Events; each event's id is its change sequence number, so a reconnecting client
    /// sending `Last-Event-ID` misses nothing.
    func incidentStream(_ request: HTTPRequest, _ context: inout RequestContext) throws -> HTTPResponse {
        let principal = try authenticator.require(request, scope: .read)
        let query = try QueryReader(request, allowed: Self.streamParameters)
        let tenants = try TenantScope.tenants(for: principal, filter: try query.uuid("tenant"))
        var resume: StreamPosition?
        if let text = request.headers["last-event-id"] ?? query.text("last_event_id") {
            guard let position = StreamPosition(text: text.trimmingCharacters(in: .whitespaces)) else {
                throw QueryReader.invalid("last_event_id", "Last-Event-ID must be an event id this stream sent (xid.seq), got \"\(text.prefix(40))\"")
            }
            resume = position
        }
        let (start, skipping) = try resume.map { ($0, Set<Int64>()) } ?? scoped(tenants) { try IncidentChangeFeed.start($0, tenants: tenants) }
        let feed = IncidentChangeFeed(url: listenerURL, tenants: tenants)
        let logger = self.logger, streams = self.streams
        guard streams.acquire() else {
            throw HTTPError.serviceUnavailable(retryAfterSeconds: 10, detail: "all \(streams.maximum) live streams are in use; retry later")
        }
        return .eventStream { writer in
            defer { streams.release() }
            do {
                try feed.run(after: start, skipping: skipping, writer: writer)
            } catch is HTTPStreamWriter.Closed {
                return
            } catch {
                logger.warning("incident stream ended", ["error": "\(error)"])
            }
        }
    }
}
