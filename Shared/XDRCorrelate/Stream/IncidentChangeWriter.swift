import Foundation
import XDRJSON
import XDRStore

/// Applies a batch's `EngineChange`s to the incident tables as upserts keyed by the engine's
/// content-derived ids, so applying the same changes twice (a replay after a crash) leaves the
/// tables as applying them once did. Analyst fields (status, verdict, assignee) are never touched.
public struct IncidentChangeWriter {
    /// What one batch wrote, for notifications and metrics.
    public struct Summary: Sendable, Equatable {
        public struct Merge: Sendable, Equatable {
            public var from: UUID
            public var into: UUID
        }

        public var created: [UUID] = []
        public var updated: [UUID] = []
        public var merged: [Merge] = []
        public var derivedDetections = 0
    }

    public static let notificationChannel = "xdr_incidents"

    let connection: DatabaseConnection
    let tenant: UUID
    /// False for a replay: its changes were announced when they were first written.
    let notifies: Bool
    private let encoder: JSONEncoder

    public init(connection: DatabaseConnection, tenant: UUID, notifies: Bool = true) {
        self.connection = connection
        self.tenant = tenant
        self.notifies = notifies
        encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
    }

    /// Writes every change and queues one `xdr_incidents` notification per changed incident
    /// (delivered when the transaction commits). Set-based: one statement for the derived
    /// detections, one for the incidents, one for the members, then the (rare) merges in order, so
    /// a batch costs a handful of round trips however many incidents it touched.
    @discardableResult
    public func apply(_ changes: [EngineChange]) throws -> Summary {
        var summary = Summary()
        var derived: [DerivedDetection] = []
        var snapshots: [IncidentSnapshot] = []
        var links: [(incident: UUID, link: EventLink)] = []
        var merges: [(from: UUID, into: UUID, bridge: EventLink)] = []
        for change in changes {
            switch change {
            case .derivedDetection(let detection):
                derived.append(detection)
                summary.derivedDetections += 1
            case .incidentCreated(let snapshot):
                snapshots.append(snapshot)
                links += snapshot.members.map { (snapshot.id, $0) }
                summary.created.append(snapshot.id)
            case .incidentUpdated(let snapshot, let newLinks):
                snapshots.append(snapshot)
                links += newLinks.map { (snapshot.id, $0) }
                summary.updated.append(snapshot.id)
            case .incidentMerged(let from, let into, let bridge):
                merges.append((from, into, bridge))
                summary.merged.append(Summary.Merge(from: from, into: into))
            }
        }
        try upsert(derived)
        try upsert(snapshots)
        try upsertMembers(links)
        for merge in merges { try self.merge(from: merge.from, into: merge.into, bridge: merge.bridge) }
        if notifies { try notify(summary) }
        return summary
    }

    private func json<T: Encodable>(_ value: T) throws -> String {
        String(decoding: try encoder.encode(value), as: UTF8.self)
    }

    /// Array columns travel as one array literal per row (`{"endpoint","network"}`), cast per row.
    private func upsert(_ snapshots: [IncidentSnapshot]) throws {
        let rows = Self.lastOfEach(snapshots) { $0.id }
        guard !rows.isEmpty else { return }
        try connection.execute("""
            INSERT INTO incidents (id, tenant_id, title, severity_id, first_seen, last_seen, layers, tactics, techniques,
                                   blast_radius, snapshot, event_count)
            SELECT r.id, $1, r.title, r.severity_id, r.first_seen, r.last_seen, r.layers::text[], r.tactics::text[],
                   r.techniques::text[], r.blast_radius::jsonb, r.snapshot::jsonb, r.event_count
            FROM unnest($2::uuid[], $3::text[], $4::smallint[], $5::timestamptz[], $6::timestamptz[], $7::text[], $8::text[],
                        $9::text[], $10::text[], $11::text[], $12::integer[])
                 AS r(id, title, severity_id, first_seen, last_seen, layers, tactics, techniques, blast_radius, snapshot, event_count)
            ON CONFLICT (id) DO UPDATE SET
                title = EXCLUDED.title, severity_id = EXCLUDED.severity_id, first_seen = EXCLUDED.first_seen,
                last_seen = EXCLUDED.last_seen, layers = EXCLUDED.layers, tactics = EXCLUDED.tactics,
                techniques = EXCLUDED.techniques, blast_radius = EXCLUDED.blast_radius,
                snapshot = EXCLUDED.snapshot, event_count = EXCLUDED.event_count, updated_at = now()
            """, [tenant, rows.map(\.id), rows.map(\.title), rows.map(\.severity.rawValue), rows.map { Micros($0.firstSeen) },
                  rows.map { Micros($0.lastSeen) }, rows.map { $0.layers.map(\.rawValue).postgresText },
                  rows.map { $0.tactics.postgresText }, rows.map { $0.techniques.postgresText },
                  rows.map { $0.blastRadius.map(IncidentJSON.blastRadius) }, rows.map { IncidentJSON.stored($0) },
                  rows.map(\.eventCount)])
        try upsertEntities(of: snapshots)
    }

    /// The snapshots' entities (new or changed ones: the engine leaves the rest out) as rows of
    /// `incident_entities`; the last rendering of an entity in the batch wins.
    private func upsertEntities(of snapshots: [IncidentSnapshot]) throws {
        let all = snapshots.flatMap { snapshot in snapshot.entities.map { (incident: snapshot.id, entity: $0) } }
        let rows = Self.lastOfEach(all) { RowID(incident: $0.incident, key: $0.entity.key) }
        guard !rows.isEmpty else { return }
        try connection.execute("""
            INSERT INTO incident_entities (tenant_id, incident_id, entity_type, entity_value, role, role_rank, is_hub,
                                           from_detection, first_seen_us, last_seen_us)
            SELECT $1, k.incident_id, k.entity_type, k.entity_value, k.role, k.role_rank, k.is_hub, k.from_detection,
                   k.first_seen_us, k.last_seen_us
            FROM unnest($2::uuid[], $3::text[], $4::text[], $5::text[], $6::smallint[], $7::boolean[], $8::boolean[],
                        $9::bigint[], $10::bigint[])
                 AS k(incident_id, entity_type, entity_value, role, role_rank, is_hub, from_detection, first_seen_us, last_seen_us)
            ON CONFLICT (entity_type, entity_value, incident_id) DO UPDATE SET
                role = EXCLUDED.role, role_rank = EXCLUDED.role_rank, is_hub = EXCLUDED.is_hub,
                from_detection = EXCLUDED.from_detection, first_seen_us = EXCLUDED.first_seen_us,
                last_seen_us = EXCLUDED.last_seen_us
            """, [tenant, rows.map(\.incident), rows.map(\.entity.type.rawValue), rows.map(\.entity.value),
                  rows.map(\.entity.role.rawValue), rows.map(\.entity.role.rank), rows.map(\.entity.isHub),
                  rows.map(\.entity.fromDetection), rows.map(\.entity.firstSeen), rows.map(\.entity.lastSeen)])
    }

    /// The members have their own rows and the blast radius its own column: the stored snapshot
    /// leaves both out, so an update costs what changed, not the size of the incident.
    /// Keys are built once per link: sorting by `memberKey` built two strings per comparison.
    private func upsertMembers(_ links: [(incident: UUID, link: EventLink)]) throws {
        let keyed = links.map { MemberRow(id: RowID(incident: $0.incident, key: $0.link.memberKey), link: $0.link) }
        let members = Self.lastOfEach(keyed) { $0.id }.sorted { $0.id < $1.id }
        guard !members.isEmpty else { return }
        try connection.execute("""
            INSERT INTO incident_members (tenant_id, incident_id, member_key, event_id, event_time, role, reason, entity, window_us)
            SELECT $1, m.incident_id, m.key, m.event_id, m.event_time, m.role, m.reason, m.entity, m.window_us
            FROM unnest($2::uuid[], $3::text[], $4::bigint[], $5::timestamptz[], $6::text[], $7::text[], $8::text[], $9::bigint[])
                 AS m(incident_id, key, event_id, event_time, role, reason, entity, window_us)
            ON CONFLICT (incident_id, member_key) DO UPDATE SET
                event_id = EXCLUDED.event_id, event_time = EXCLUDED.event_time, role = EXCLUDED.role,
                reason = EXCLUDED.reason, entity = EXCLUDED.entity, window_us = EXCLUDED.window_us
            """, [tenant, members.map(\.id.incident), members.map(\.id.key), members.map(\.link.eventID),
                  members.map { Micros($0.link.time) }, members.map(\.link.role.rawValue), members.map(\.link.reason),
                  members.map(\.link.entity), members.map(\.link.window)])
    }

    /// A row of an incident's members or entities: the incident and the member or entity key.
    private struct RowID: Hashable, Comparable {
        var incident: UUID
        var key: String

        static func < (a: RowID, b: RowID) -> Bool { (a.incident, a.key) < (b.incident, b.key) }
    }

    private struct MemberRow {
        var id: RowID
        var link: EventLink
    }

    /// The survivor's new links already carry the moved members, so the absorbed incident keeps
    /// its row (redirected) and its merge record but no members of its own.
    private func merge(from: UUID, into: UUID, bridge: EventLink) throws {
        try connection.execute("""
            INSERT INTO incident_merges (tenant_id, from_id, into_id, bridge) VALUES ($1, $2, $3, $4::jsonb)
            ON CONFLICT (from_id, into_id) DO NOTHING
            """, [tenant, from, into, try json(bridge)])
        try connection.execute("UPDATE incidents SET redirected_to = $2, updated_at = now() WHERE id = $1", [from, into])
        try connection.execute("DELETE FROM incident_members WHERE incident_id = $1", [from])
    }

    private func upsert(_ detections: [DerivedDetection]) throws {
        let rows = Self.lastOfEach(detections) { $0.id }
        guard !rows.isEmpty else { return }
        try connection.execute("""
            INSERT INTO derived_detections (id, tenant_id, rule_id, title, severity_id, time, event_ids, snapshot)
            SELECT d.id, $1, d.rule_id, d.title, d.severity_id, d.time, d.event_ids::bigint[], d.snapshot::jsonb
            FROM unnest($2::text[], $3::text[], $4::text[], $5::smallint[], $6::timestamptz[], $7::text[], $8::text[])
                 AS d(id, rule_id, title, severity_id, time, event_ids, snapshot)
            ON CONFLICT (tenant_id, id) DO UPDATE SET
                title = EXCLUDED.title, severity_id = EXCLUDED.severity_id, time = EXCLUDED.time,
                event_ids = EXCLUDED.event_ids, snapshot = EXCLUDED.snapshot
            """, [tenant, rows.map(\.id), rows.map(\.ruleID), rows.map(\.title), rows.map(\.severity.rawValue),
                  rows.map { Micros($0.time) }, rows.map { $0.eventIDs.postgresText }, rows.map(IncidentJSON.derived)])
    }

    /// The last item of each key, in the order of those last items: ON CONFLICT cannot touch a
    /// row twice in one statement, and a later change of the same row in a batch supersedes it.
    static func lastOfEach<Item, Key: Hashable>(_ items: [Item], key: (Item) -> Key) -> [Item] {
        var latest: [Key: Int] = [:]
        for (index, item) in items.enumerated() { latest[key(item)] = index }
        return items.indices.filter { latest[key(items[$0])] == $0 }.map { items[$0] }
    }

    private func notify(_ summary: Summary) throws {
        var payloads: [String] = []
        func payload(_ incident: UUID, _ change: String, into: UUID? = nil) -> String {
            var object = JSONObject([
                "tenant_id": .string(tenant.uuidString.lowercased()),
                "incident_id": .string(incident.uuidString.lowercased()),
                "change": .string(change),
            ])
            if let into { object["into"] = .string(into.uuidString.lowercased()) }
            return JSONWriter.serialize(.object(object))
        }
        payloads += summary.created.map { payload($0, "created") }
        payloads += summary.updated.map { payload($0, "updated") }
        payloads += summary.merged.map { payload($0.from, "merged", into: $0.into) }
        guard !payloads.isEmpty else { return }
        try connection.execute("SELECT pg_notify($1, p) FROM unnest($2::text[]) AS p", [Self.notificationChannel, payloads])
    }
}
