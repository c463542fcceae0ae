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

    /// Writes every change in order and queues one `xdr_incidents` notification per changed
    /// incident (delivered when the transaction commits).
    @discardableResult
    public func apply(_ changes: [EngineChange]) throws -> Summary {
        var summary = Summary()
        for change in changes {
            switch change {
            case .derivedDetection(let detection):
                try upsert(detection)
                summary.derivedDetections += 1
            case .incidentCreated(let snapshot):
                try upsert(snapshot)
                try upsertMembers(of: snapshot.id, snapshot.members)
                summary.created.append(snapshot.id)
            case .incidentUpdated(let snapshot, let newLinks):
                try upsert(snapshot)
                try upsertMembers(of: snapshot.id, newLinks)
                summary.updated.append(snapshot.id)
            case .incidentMerged(let from, let into, let bridge):
                try merge(from: from, into: into, bridge: bridge)
                summary.merged.append(Summary.Merge(from: from, into: into))
            }
        }
        if notifies { try notify(summary) }
        return summary
    }

    private func json<T: Encodable>(_ value: T) throws -> String {
        String(decoding: try encoder.encode(value), as: UTF8.self)
    }

    private func upsert(_ snapshot: IncidentSnapshot) throws {
        try connection.execute("""
            INSERT INTO incidents (id, tenant_id, title, severity_id, first_seen, last_seen, layers, tactics, techniques,
                                   entities, blast_radius, snapshot, event_count)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10::jsonb, $11::jsonb, $12::jsonb, $13)
            ON CONFLICT (id) DO UPDATE SET
                title = EXCLUDED.title, severity_id = EXCLUDED.severity_id, first_seen = EXCLUDED.first_seen,
                last_seen = EXCLUDED.last_seen, layers = EXCLUDED.layers, tactics = EXCLUDED.tactics,
                techniques = EXCLUDED.techniques, entities = EXCLUDED.entities, blast_radius = EXCLUDED.blast_radius,
                snapshot = EXCLUDED.snapshot, event_count = EXCLUDED.event_count, updated_at = now()
            """, [snapshot.id, tenant, snapshot.title, snapshot.severity.rawValue, Micros(snapshot.firstSeen),
                  Micros(snapshot.lastSeen), snapshot.layers.map(\.rawValue), snapshot.tactics, snapshot.techniques,
                  try json(snapshot.entities), try snapshot.blastRadius.map { try json($0) }, try json(snapshot.stored),
                  snapshot.members.count + snapshot.droppedEvidence])
    }

    /// The members have their own rows and the blast radius its own column: the stored snapshot
    /// leaves both out, so an update costs what changed, not the size of the incident.
    private func upsertMembers(of incident: UUID, _ links: [EventLink]) throws {
        // One row per member key (the last link wins): ON CONFLICT cannot touch a row twice.
        var byKey: [String: EventLink] = [:]
        for link in links { byKey[link.memberKey] = link }
        let members = byKey.keys.sorted().map { byKey[$0]! }
        guard !members.isEmpty else { return }
        try connection.execute("""
            INSERT INTO incident_members (tenant_id, incident_id, member_key, event_id, event_time, role, reason, entity, window_us)
            SELECT $1, $2, m.key, m.event_id, m.event_time, m.role, m.reason, m.entity, m.window_us
            FROM unnest($3::text[], $4::bigint[], $5::timestamptz[], $6::text[], $7::text[], $8::text[], $9::bigint[])
                 AS m(key, event_id, event_time, role, reason, entity, window_us)
            ON CONFLICT (incident_id, member_key) DO UPDATE SET
                event_id = EXCLUDED.event_id, event_time = EXCLUDED.event_time, role = EXCLUDED.role,
                reason = EXCLUDED.reason, entity = EXCLUDED.entity, window_us = EXCLUDED.window_us
            """, [tenant, incident, members.map(\.memberKey), members.map(\.eventID), members.map { Micros($0.time) },
                  members.map(\.role.rawValue), members.map(\.reason), members.map(\.entity), members.map(\.window)])
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

    private func upsert(_ detection: DerivedDetection) throws {
        try connection.execute("""
            INSERT INTO derived_detections (id, tenant_id, rule_id, title, severity_id, time, event_ids, snapshot)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8::jsonb)
            ON CONFLICT (tenant_id, id) DO UPDATE SET
                title = EXCLUDED.title, severity_id = EXCLUDED.severity_id, time = EXCLUDED.time,
                event_ids = EXCLUDED.event_ids, snapshot = EXCLUDED.snapshot
            """, [detection.id, tenant, detection.ruleID, detection.title, detection.severity.rawValue,
                  Micros(detection.time), detection.eventIDs, try json(detection)])
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
