import Foundation
import XDRStore

/// Inserts incidents, events and members as the schema owner, the way the correlator would.
struct IncidentSeed {
    let admin: DatabaseConnection

    /// Inserts one incident; `entities` are (type, value, role) triples.
    @discardableResult
    func incident(tenant: UUID, title: String, severity: Int = 4, status: String = "new", layers: [String] = ["endpoint"],
                  entities: [(String, String, String)] = [("host", "ws-alice", "victim_host")], lastSeen: String = "2026-11-20 10:00:00+00",
                  updatedAt: String = "2026-11-20 10:05:00+00", assignee: String? = nil, id: UUID = UUID()) throws -> UUID {
        let snapshot = "{\"id\":\"\(id.uuidString.lowercased())\",\"mergedFrom\":[],\"droppedEvidence\":0,\"derivedDetections\":[]}"
        try admin.execute("""
            INSERT INTO incidents (id, tenant_id, title, severity_id, status, assignee, first_seen, last_seen, layers, tactics, techniques,
                                   snapshot, event_count, created_at, updated_at)
            VALUES ($1, $2, $3, $4, $5, $6, $7::timestamptz - interval '1 hour', $7, $8, '{TA0002}', '{T1059.001}', $9::jsonb, 2, $10, $10)
            """, [id, tenant, title, severity, status, assignee, lastSeen, layers, snapshot, updatedAt])
        // Listed in the order given (`role_rank`), as the tests name them.
        for (position, entity) in entities.enumerated() {
            try admin.execute("""
                INSERT INTO incident_entities (tenant_id, entity_type, entity_value, incident_id, role, role_rank, from_detection,
                                               first_seen_us, last_seen_us)
                VALUES ($1, $2, $3, $4, $5, $6, true, 1763632800000000, 1763632800000000) ON CONFLICT DO NOTHING
                """, [tenant, entity.0, entity.1, id, entity.2, position])
        }
        return id
    }

    /// Inserts one event with its raw record and returns its id.
    func event(tenant: UUID, time: String, layer: String = "endpoint", hostname: String = "ws-alice", raw: String) throws -> Int64 {
        try admin.execute("SELECT xdr_ensure_event_partitions($1::timestamptz, $1::timestamptz)", [time])
        return try admin.query("""
            INSERT INTO events (tenant_id, time, layer, kind, class_uid, activity_id, type_uid, category_uid, severity_id,
                                source_product, source_format, source_event_id, hostname, src_ip, entity_keys, entities, fingerprint, raw)
            VALUES ($1, $2, $3, 'telemetry', 1007, 1, 100701, 1, 2, 'Sysmon', 'sysmon_winlogbeat_json', 'rec-1', $4, '10.0.0.5',
                    ARRAY['host:' || $4], jsonb_build_array(jsonb_build_object('type','host','value',$4::text,'role','device')),
                    decode(md5(random()::text), 'hex'), $5)
            RETURNING id
            """, [tenant, time, layer, hostname, raw])[0].int64("id")
    }

    func member(tenant: UUID, incident: UUID, event: Int64, time: String, role: String = "evidence", reason: String = "entity-window",
                entity: String? = "host:ws-alice") throws {
        try admin.execute("""
            INSERT INTO incident_members (tenant_id, incident_id, member_key, event_id, event_time, role, reason, entity, window_us)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8, 3600000000)
            """, [tenant, incident, "e\(event)", event, time, role, reason, entity])
    }

    func merge(tenant: UUID, from: UUID, into: UUID) throws {
        try admin.execute("INSERT INTO incident_merges (tenant_id, from_id, into_id, bridge) VALUES ($1, $2, $3, '{}')", [tenant, from, into])
        try admin.execute("UPDATE incidents SET redirected_to = $2 WHERE id = $1", [from, into])
    }
}
