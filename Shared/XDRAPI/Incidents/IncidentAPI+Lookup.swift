import Foundation
import XDRHTTP
import XDRJSON
import XDRPlatform
import XDRStore

extension IncidentAPI {
    /// The incident row visible to `tenants`, or 404 (also for another tenant's incident).
    func incidentRow(_ id: UUID, tenants: [UUID], columns: String = IncidentSummary.columns, forUpdate: Bool = false,
                     on connection: DatabaseConnection) throws -> Row {
        let rows = try connection.query(Self.incidentRowSQL(columns: columns, forUpdate: forUpdate), [id, tenants])
        guard let row = rows.first else { throw HTTPError.notFound("no incident \(id.uuidString.lowercased())") }
        return row
    }

    /// One incident by id among `$2` tenants.
    static func incidentRowSQL(columns: String = IncidentSummary.columns, forUpdate: Bool = false) -> String {
        "SELECT \(columns) FROM incidents i WHERE i.id = $1 AND i.tenant_id = ANY($2::uuid[])" + (forUpdate ? " FOR UPDATE OF i" : "")
    }

    /// A merged-away incident answers `308 Permanent Redirect` to the same resource of the
    /// survivor (method and body are kept, so a PATCH follows too).
    func redirectIfMerged(_ row: Row, _ request: HTTPRequest) throws {
        guard let survivor = try row.text("redirected_to") else { return }
        let id = try row.string("id").lowercased()
        let prefix = "/v1/incidents/"
        var location = "\(prefix)\(survivor.lowercased())"
        if let range = request.target.range(of: prefix + id, options: .caseInsensitive) ?? request.target.range(of: prefix + id.uppercased()) {
            location += request.target[range.upperBound...]
        }
        throw HTTPError(308, title: "Incident merged",
                        detail: "incident \(id) was merged into \(survivor.lowercased())",
                        extra: ["redirected_from": .string(id), "redirected_to": .id(survivor)],
                        headers: ["Location": location])
    }
}
