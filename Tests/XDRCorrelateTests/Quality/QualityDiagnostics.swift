import Foundation
import XDRStore

/// Explains a quality miss: for an attack, the events its incident lacks and the events it holds
/// that are not part of the attack, each with what the correlator saw (format, title, host,
/// addresses, user) and, for linked events, why they were linked.
struct QualityDiagnostics {
    struct Described { let line: String; let time: String }

    let descriptions: [Int64: Described]
    /// event id → incident → "role reason entity"
    let links: [Int64: [UUID: String]]

    init(_ admin: DatabaseConnection) throws {
        var descriptions: [Int64: Described] = [:]
        for row in try admin.query("""
            SELECT id, to_char(time AT TIME ZONE 'UTC', 'HH24:MI:SS') AS t, kind, source_format, title, hostname,
                   host(src_ip) AS src, host(dst_ip) AS dst, dst_port, user_name, domain, api_operation, k8s_pod
            FROM events
            """) {
            let fields: [(String, String?)] = [
                ("host", try row.optionalString("hostname")), ("src", try row.optionalString("src")),
                ("dst", try row.optionalString("dst")), ("port", try row.optionalString("dst_port")),
                ("user", try row.optionalString("user_name")), ("domain", try row.optionalString("domain")),
                ("op", try row.optionalString("api_operation")), ("pod", try row.optionalString("k8s_pod")),
            ]
            let shown = fields.compactMap { name, value in value.map { "\(name)=\($0)" } }.joined(separator: " ")
            let line = "\(try row.string("kind").prefix(3)) \(try row.string("source_format")) "
                + "\"\(try row.optionalString("title") ?? "")\" \(shown)"
            descriptions[try row.int64("id")] = Described(line: line, time: try row.string("t"))
        }
        var links: [Int64: [UUID: String]] = [:]
        for row in try admin.query("""
            SELECT m.event_id, m.incident_id, m.role, m.reason, m.entity, i.redirected_to IS NOT NULL AS redirected
            FROM incident_members m JOIN incidents i ON i.id = m.incident_id WHERE m.event_id IS NOT NULL
            """) {
            let redirected = try row.bool("redirected") ? " (redirected)" : ""
            let why = "\(try row.string("role")) \(try row.string("reason")) \(try row.optionalString("entity") ?? "")\(redirected)"
            links[try row.int64("event_id"), default: [:]][try row.uuid("incident_id")] = why
        }
        self.descriptions = descriptions
        self.links = links
    }

    /// Lines describing the attack's misses against `incident`.
    func report(attack: String, incident: UUID, members: Set<Int64>, incidentMembers: Set<Int64>) -> [String] {
        var lines: [String] = []
        for id in members.subtracting(incidentMembers).sorted() {
            let elsewhere = links[id].map { $0.map { "in \($0.key.uuidString.prefix(8)): \($0.value)" }.sorted().joined(separator: "; ") }
            lines.append("  missing \(describe(id)) [\(elsewhere ?? "in no incident")]")
        }
        for id in incidentMembers.subtracting(members).sorted() {
            lines.append("  extra   \(describe(id)) [\(links[id]?[incident] ?? "?")]")
        }
        return lines.map { "quality \(attack):\($0)" }
    }

    private func describe(_ id: Int64) -> String {
        guard let described = descriptions[id] else { return "e\(id) (not stored)" }
        return "e\(id) \(described.time) \(described.line)"
    }
}
