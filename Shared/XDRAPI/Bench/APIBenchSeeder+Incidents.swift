extension APIBenchSeeder {
    /// The incidents to create, one row each (a temporary table on the seeding connection,
    /// created first: a statement with parameters cannot create a table).
    ///
    /// Binds: `$1` tenant ids, `$2` earliest anchor time, `$3` seconds over which anchors spread,
    /// `$4` the number of tenants, `$5` the number of incidents. Tenants are skewed like the
    /// events; most incidents take 5–36 events, one in twenty takes 100–355.
    static let incidentPlanTableSQL = """
        CREATE TEMPORARY TABLE bench_incident_plan (n bigint, id uuid, tenant_id uuid, anchor timestamptz, members bigint, pick int, pick2 int)
        """

    static let incidentPlanSQL = #"""
        INSERT INTO bench_incident_plan
        SELECT s.n, md5('incident:' || s.n)::uuid AS id, ($1::uuid[])[s.tix + 1] AS tenant_id,
               $2::timestamptz + make_interval(secs => s.u * $3::float8) AS anchor,
               5 + ((s.h >> 8) & 31) + CASE WHEN ((s.h >> 16) & 1023) < 51 THEN 100 + ((s.h >> 26) & 255) ELSE 0 END AS members,
               ((s.h >> 40) & 1023)::int AS pick, ((s.h >> 50) & 1023)::int AS pick2
        FROM (SELECT r.n, r.h,
                     least($4 - 1, floor($4 * power(((r.h & 1048575)::float8 + 0.5) / 1048576.0, 1.6)))::int AS tix,
                     ((r.h >> 20) & 1048575)::float8 / 1048576.0 AS u
              FROM (SELECT n, hashint8extended(n, 21) AS h FROM generate_series(1, $5::bigint) AS n) r) s
        """#

    /// Each planned incident's members: the tenant's events from its anchor on, in time order,
    /// with the role, reason and entity the correlator records for a link.
    static let memberPlanSQL = #"""
        CREATE TEMPORARY TABLE bench_members AS
        SELECT x.*, 'e' || x.event_id AS member_key,
               CASE WHEN x.rn = 1 THEN 'seed' WHEN x.kind = 'detection' OR x.rn % 11 = 0 THEN 'detection' ELSE 'evidence' END AS role,
               CASE WHEN x.rn = 1 THEN 'seed' WHEN x.rn % 23 = 0 THEN 'resolved' ELSE 'entity-window' END AS reason,
               CASE WHEN x.rn = 1 THEN NULL
                    WHEN x.hostname IS NOT NULL THEN 'host:' || x.hostname
                    WHEN x.email_to IS NOT NULL THEN 'email:' || x.email_to[1]
                    WHEN x.cloud_principal IS NOT NULL THEN 'cloud_principal:' || x.cloud_principal
                    ELSE 'ip:' || host(x.src_ip) END AS entity,
               CASE WHEN x.rn = 1 THEN NULL WHEN x.hostname IS NOT NULL THEN 7200000000 ELSE 1800000000 END::bigint AS window_us
        FROM (
            SELECT p.id AS incident_id, p.tenant_id, e.id AS event_id, e.time AS event_time, e.rn, e.layer, e.kind,
                   e.hostname, e.src_ip, e.email_to, e.cloud_principal, CASE WHEN e.rn <= 3 THEN e.entities END AS entities
            FROM bench_incident_plan p
            CROSS JOIN LATERAL (
                SELECT ev.id, ev.time, ev.layer, ev.kind, ev.hostname, ev.src_ip, ev.email_to, ev.cloud_principal, ev.entities,
                       row_number() OVER (ORDER BY ev.time) AS rn
                FROM events ev WHERE ev.tenant_id = p.tenant_id AND ev.time >= p.anchor
                ORDER BY ev.time LIMIT p.members) e
        ) x
        """#

    static let memberInsertSQL = """
        INSERT INTO incident_members (tenant_id, incident_id, member_key, event_id, event_time, role, reason, entity, window_us)
        SELECT tenant_id, incident_id, member_key, event_id, event_time, role, reason, entity, window_us FROM bench_members
        """

    /// An incident's entities as the engine lists them: those of its first three events, with the
    /// part each plays in the story.
    static let incidentEntitiesSQL = #"""
        CREATE TEMPORARY TABLE bench_incident_entities AS
        SELECT incident_id,
               jsonb_agg(jsonb_build_object('type', type, 'value', value, 'role', role, 'isHub', false,
                         'fromDetection', first_rn = 1, 'firstSeen', first_us, 'lastSeen', last_us) ORDER BY first_rn, type, value) AS entities
        FROM (
            SELECT m.incident_id, el->>'type' AS type, el->>'value' AS value, min(m.rn) AS first_rn,
                   (extract(epoch FROM min(m.event_time)) * 1000000)::bigint AS first_us,
                   (extract(epoch FROM max(m.event_time)) * 1000000)::bigint AS last_us,
                   CASE el->>'type' WHEN 'host' THEN 'victim_host' WHEN 'user' THEN 'compromised_user'
                        WHEN 'ip' THEN CASE WHEN min(el->>'role') = 'dst' THEN 'attacker_ip' ELSE 'internal_ip' END
                        WHEN 'hash' THEN 'malicious_file'
                        WHEN 'email' THEN CASE WHEN min(el->>'role') = 'sender' THEN 'sender' ELSE 'recipient' END
                        WHEN 'domain' THEN 'indicator' WHEN 'cloud_principal' THEN 'cloud_principal'
                        ELSE 'related' END AS role
            FROM bench_members m, json_array_elements(m.entities) AS el
            WHERE m.rn <= 3
            GROUP BY m.incident_id, el->>'type', el->>'value'
        ) t
        GROUP BY incident_id
        """#

    /// Each incident's entities as rows, as the correlator writes them with the incident.
    static let entityInsertSQL = #"""
        INSERT INTO incident_entities (tenant_id, entity_type, entity_value, incident_id, role, role_rank, is_hub,
                                       from_detection, first_seen_us, last_seen_us)
        SELECT i.tenant_id, e->>'type', e->>'value', i.id, e->>'role',
               COALESCE(array_position(ARRAY['victim_host', 'attacker_ip', 'compromised_user', 'sender', 'recipient',
                                             'malicious_file', 'indicator', 'cloud_principal', 'workload', 'internal_ip',
                                             'related'], e->>'role') - 1, 99),
               (e->>'isHub')::boolean, (e->>'fromDetection')::boolean, (e->>'firstSeen')::bigint, (e->>'lastSeen')::bigint
        FROM incidents i JOIN bench_incident_entities b ON b.incident_id = i.id, jsonb_array_elements(b.entities) AS e
        ON CONFLICT DO NOTHING
        """#

    /// The incidents with their engine fields, analyst workflow state (older incidents are
    /// mostly resolved or closed, recent ones new or in progress) and the engine's snapshot with
    /// every link, as the correlator stores it.
    ///
    /// Binds: `$1` the dataset's end (now, for the workflow's ages).
    static let incidentInsertSQL = #"""
        INSERT INTO incidents (id, tenant_id, title, severity_id, status, verdict, assignee, first_seen, last_seen, layers,
            tactics, techniques, snapshot, event_count, created_at, updated_at, severity_override, severity_reason,
            acknowledged_at, contained_at, resolved_at, closed_at)
        SELECT w.id, w.tenant_id, w.title, w.severity, w.status, w.verdict, w.assignee, w.first_seen, w.last_seen, w.layers,
            w.tactics, w.techniques,
            jsonb_build_object('id', w.id, 'tenantID', w.tenant_id, 'seedKey', w.seed_key, 'title', w.title, 'severity', w.severity,
                'firstSeen', (extract(epoch FROM w.first_seen) * 1000000)::bigint,
                'lastSeen', (extract(epoch FROM w.last_seen) * 1000000)::bigint,
                'layers', to_jsonb(w.layers), 'tactics', to_jsonb(w.tactics), 'techniques', to_jsonb(w.techniques),
                'entities', w.entities, 'members', w.links, 'derivedDetections', '[]'::jsonb, 'mergedFrom', '[]'::jsonb,
                'droppedEvidence', 0),
            w.event_count, w.created_at,
            greatest(w.last_seen + interval '20 seconds', w.acknowledged_at, w.contained_at, w.resolved_at, w.closed_at),
            CASE WHEN w.pick2 % 50 = 0 THEN 1 END, CASE WHEN w.pick2 % 50 = 0 THEN 'Authorised vulnerability scan' END,
            w.acknowledged_at, w.contained_at, w.resolved_at, w.closed_at
        FROM (
            SELECT z.*,
                (ARRAY['new', 'acknowledged', 'investigating', 'contained', 'resolved', 'closed'])[z.stage + 1] AS status,
                CASE WHEN z.stage = 5 THEN CASE WHEN z.pick2 % 100 < 10 THEN 'true_positive' WHEN z.pick2 % 100 < 60 THEN 'false_positive'
                                                WHEN z.pick2 % 100 < 95 THEN 'benign' ELSE 'duplicate' END END AS verdict,
                CASE WHEN z.stage >= 1 THEN 'analyst' || lpad(((z.pick2 >> 3) % 12)::text, 2, '0') || '@soc.mssp.example' END AS assignee,
                CASE WHEN z.stage >= 1 THEN z.created_at + make_interval(mins => 5 + z.pick2 % 55) END AS acknowledged_at,
                CASE WHEN z.stage >= 3 THEN z.created_at + make_interval(mins => 125 + z.pick2 % 55) END AS contained_at,
                CASE WHEN z.stage >= 4 THEN z.created_at + make_interval(mins => 485 + z.pick2 % 55) END AS resolved_at,
                CASE WHEN z.stage = 5 THEN z.created_at + make_interval(mins => 545 + z.pick2 % 55) END AS closed_at
            FROM (
                SELECT p.id, p.tenant_id, p.pick, p.pick2, a.first_seen, a.last_seen, a.event_count, a.layers, a.links,
                    'e' || a.seed_event AS seed_key, COALESCE(ie.entities, '[]'::jsonb) AS entities,
                    k.title || ' on ' || COALESCE(a.seed_host, a.seed_mail, a.seed_principal, a.seed_ip, 'unknown') AS title,
                    k.tactics, k.techniques,
                    CASE WHEN p.pick % 100 < 20 THEN 2 WHEN p.pick % 100 < 55 THEN 3 WHEN p.pick % 100 < 85 THEN 4
                         WHEN p.pick % 100 < 97 THEN 5 ELSE 6 END AS severity,
                    a.first_seen + interval '30 seconds' AS created_at,
                    CASE WHEN $1::timestamptz - a.last_seen > interval '3 days' THEN
                             CASE WHEN p.pick2 % 100 < 70 THEN 5 WHEN p.pick2 % 100 < 95 THEN 4 ELSE 3 END
                         WHEN $1::timestamptz - a.last_seen > interval '1 day' THEN
                             CASE WHEN p.pick2 % 100 < 30 THEN 5 WHEN p.pick2 % 100 < 55 THEN 4 WHEN p.pick2 % 100 < 75 THEN 3
                                  WHEN p.pick2 % 100 < 90 THEN 2 ELSE 1 END
                         ELSE CASE WHEN p.pick2 % 100 < 40 THEN 0 WHEN p.pick2 % 100 < 65 THEN 1 WHEN p.pick2 % 100 < 90 THEN 2 ELSE 3 END
                    END AS stage
                FROM bench_incident_plan p
                JOIN (
                    SELECT m.incident_id, min(m.event_time) AS first_seen, max(m.event_time) AS last_seen, count(*)::int AS event_count,
                           array_agg(DISTINCT m.layer ORDER BY m.layer) AS layers,
                           min(m.event_id) FILTER (WHERE m.rn = 1) AS seed_event,
                           min(m.hostname) FILTER (WHERE m.rn = 1) AS seed_host,
                           min(m.email_to[1]) FILTER (WHERE m.rn = 1) AS seed_mail,
                           min(m.cloud_principal) FILTER (WHERE m.rn = 1) AS seed_principal,
                           min(host(m.src_ip)) FILTER (WHERE m.rn = 1) AS seed_ip,
                           jsonb_agg(jsonb_build_object('incidentID', m.incident_id, 'eventID', m.event_id,
                                     'time', (extract(epoch FROM m.event_time) * 1000000)::bigint, 'role', m.role,
                                     'reason', m.reason, 'entity', m.entity, 'window', m.window_us)
                                     ORDER BY m.event_time, m.member_key) AS links
                    FROM bench_members m GROUP BY m.incident_id
                ) a ON a.incident_id = p.id
                LEFT JOIN bench_incident_entities ie ON ie.incident_id = p.id
                JOIN (VALUES
                    (0, 'Suspicious PowerShell download cradle', ARRAY['execution', 'command-and-control'], ARRAY['T1059.001', 'T1105']),
                    (1, 'Credential dumping from LSASS', ARRAY['credential-access'], ARRAY['T1003.001']),
                    (2, 'Cobalt Strike beacon traffic', ARRAY['command-and-control'], ARRAY['T1071.001']),
                    (3, 'Phishing link clicked', ARRAY['initial-access', 'execution'], ARRAY['T1566.002', 'T1204.001']),
                    (4, 'Malicious attachment executed', ARRAY['initial-access', 'execution'], ARRAY['T1566.001', 'T1204.002']),
                    (5, 'Cloud console login without MFA', ARRAY['initial-access', 'persistence'], ARRAY['T1078.004']),
                    (6, 'Lateral movement over SMB', ARRAY['lateral-movement'], ARRAY['T1021.002', 'T1569.002']),
                    (7, 'Ransomware file encryption burst', ARRAY['impact'], ARRAY['T1486']),
                    (8, 'DNS tunnelling to a rare domain', ARRAY['command-and-control', 'exfiltration'], ARRAY['T1071.004', 'T1048']),
                    (9, 'Access key used from a new ASN', ARRAY['credential-access', 'discovery'], ARRAY['T1552.005', 'T1580'])
                ) AS k(idx, title, tactics, techniques) ON k.idx = p.pick % 10
            ) z
        ) w
        """#

    /// The analyst writes the API records in `incident_history`: assignment, every status step
    /// and the verdict. Binds: `$1` the acting key id.
    static let historyInsertSQL = #"""
        INSERT INTO incident_history (tenant_id, incident_id, actor_key, at, field, from_value, to_value, reason)
        SELECT tenant_id, id, $1, at, field, from_value, to_value, reason FROM (
            SELECT i.tenant_id, i.id, i.acknowledged_at - interval '1 minute' AS at, 'assignee' AS field, NULL AS from_value,
                   i.assignee AS to_value, NULL AS reason
            FROM incidents i WHERE i.assignee IS NOT NULL
            UNION ALL
            SELECT i.tenant_id, i.id,
                   CASE k WHEN 1 THEN i.acknowledged_at WHEN 2 THEN i.acknowledged_at + interval '10 minutes'
                          WHEN 3 THEN i.contained_at WHEN 4 THEN i.resolved_at ELSE i.closed_at END,
                   'status', s.names[k], s.names[k + 1], NULL
            FROM incidents i
            CROSS JOIN (SELECT ARRAY['new', 'acknowledged', 'investigating', 'contained', 'resolved', 'closed'] AS names) s
            CROSS JOIN LATERAL generate_series(1, array_position(s.names, i.status) - 1) AS k
            UNION ALL
            SELECT i.tenant_id, i.id, i.closed_at, 'verdict', NULL, i.verdict, NULL FROM incidents i WHERE i.verdict IS NOT NULL
            UNION ALL
            SELECT i.tenant_id, i.id, i.created_at + interval '3 minutes', 'severity', i.severity_id::text,
                   i.severity_override::text, i.severity_reason
            FROM incidents i WHERE i.severity_override IS NOT NULL
        ) h
        """#
}
