-- What the correlator decides: incidents and their members, merges, derived detections, and the
-- per-tenant stream checkpoint with the engine state. The correlator writes all of them and the
-- checkpoint in one transaction, so a crash never leaves decisions without their checkpoint or the
-- other way round. Every table is tenant-scoped by row-level security like `events`.

CREATE TABLE incidents (
    id            uuid PRIMARY KEY,
    tenant_id     uuid NOT NULL,
    title         text NOT NULL,
    severity_id   smallint NOT NULL,
    status        text NOT NULL DEFAULT 'new'
                  CHECK (status IN ('new', 'acknowledged', 'investigating', 'contained', 'resolved', 'closed')),
    verdict       text,
    assignee      text,
    first_seen    timestamptz NOT NULL,
    last_seen     timestamptz NOT NULL,
    layers        text[] NOT NULL DEFAULT '{}',
    tactics       text[] NOT NULL DEFAULT '{}',
    techniques    text[] NOT NULL DEFAULT '{}',
    entities      jsonb NOT NULL DEFAULT '[]'::jsonb,
    blast_radius  jsonb,
    -- The full IncidentSnapshot as the engine last rendered it.
    snapshot      jsonb NOT NULL,
    -- Set when this incident was merged into another (the survivor).
    redirected_to uuid,
    event_count   integer NOT NULL DEFAULT 0,
    created_at    timestamptz NOT NULL DEFAULT now(),
    updated_at    timestamptz NOT NULL DEFAULT now()
);

CREATE INDEX incidents_tenant_updated ON incidents (tenant_id, updated_at DESC);
CREATE INDEX incidents_tenant_severity ON incidents (tenant_id, severity_id);

-- One row per event or derived detection linked to an incident, with why it was linked.
CREATE TABLE incident_members (
    tenant_id   uuid NOT NULL,
    incident_id uuid NOT NULL REFERENCES incidents(id),
    -- `e<events.id>` or a derived detection id.
    member_key  text NOT NULL,
    event_id    bigint,
    event_time  timestamptz NOT NULL,
    role        text NOT NULL CHECK (role IN ('seed', 'detection', 'evidence')),
    reason      text NOT NULL,
    entity      text,
    window_us   bigint,
    PRIMARY KEY (incident_id, member_key)
);

CREATE INDEX incident_members_tenant_event ON incident_members (tenant_id, event_id);

CREATE TABLE incident_merges (
    tenant_id uuid NOT NULL,
    from_id   uuid NOT NULL,
    into_id   uuid NOT NULL,
    -- The link that joined them (EventLink JSON).
    bridge    jsonb NOT NULL,
    merged_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (from_id, into_id)
);

CREATE INDEX incident_merges_tenant_into ON incident_merges (tenant_id, into_id);

CREATE TABLE derived_detections (
    id          text NOT NULL,
    tenant_id   uuid NOT NULL,
    rule_id     text NOT NULL,
    title       text NOT NULL,
    severity_id smallint NOT NULL,
    time        timestamptz NOT NULL,
    event_ids   bigint[] NOT NULL DEFAULT '{}',
    snapshot    jsonb NOT NULL,
    PRIMARY KEY (tenant_id, id)
);

-- Where a tenant's stream stands: the last (xid, id) processed, and the engine state saved now
-- and then at its own position (state_xid, state_id), at or before the last one. A reload restores
-- the state and replays the events after its position up to the last one.
CREATE TABLE correlator_checkpoints (
    tenant_id        uuid PRIMARY KEY,
    last_xid         xid8 NOT NULL DEFAULT '0'::xid8,
    last_id          bigint NOT NULL DEFAULT 0,
    state            jsonb,
    state_xid        xid8 NOT NULL DEFAULT '0'::xid8,
    state_id         bigint NOT NULL DEFAULT 0,
    events_processed bigint NOT NULL DEFAULT 0,
    updated_at       timestamptz NOT NULL DEFAULT now()
);

-- Per-tenant engine settings (partial EngineConfiguration JSON) and extra rules.
CREATE TABLE tenant_correlation_config (
    tenant_id uuid PRIMARY KEY,
    config    jsonb NOT NULL DEFAULT '{}'::jsonb,
    rules     jsonb NOT NULL DEFAULT '[]'::jsonb
);

ALTER TABLE incidents ENABLE ROW LEVEL SECURITY;
ALTER TABLE incident_members ENABLE ROW LEVEL SECURITY;
ALTER TABLE incident_merges ENABLE ROW LEVEL SECURITY;
ALTER TABLE derived_detections ENABLE ROW LEVEL SECURITY;
ALTER TABLE correlator_checkpoints ENABLE ROW LEVEL SECURITY;
ALTER TABLE tenant_correlation_config ENABLE ROW LEVEL SECURITY;

CREATE POLICY tenant_scope ON incidents
    USING (tenant_id = ANY (xdr_scope())) WITH CHECK (tenant_id = ANY (xdr_scope()));
CREATE POLICY tenant_scope ON incident_members
    USING (tenant_id = ANY (xdr_scope())) WITH CHECK (tenant_id = ANY (xdr_scope()));
CREATE POLICY tenant_scope ON incident_merges
    USING (tenant_id = ANY (xdr_scope())) WITH CHECK (tenant_id = ANY (xdr_scope()));
CREATE POLICY tenant_scope ON derived_detections
    USING (tenant_id = ANY (xdr_scope())) WITH CHECK (tenant_id = ANY (xdr_scope()));
CREATE POLICY tenant_scope ON correlator_checkpoints
    USING (tenant_id = ANY (xdr_scope())) WITH CHECK (tenant_id = ANY (xdr_scope()));
CREATE POLICY tenant_scope ON tenant_correlation_config
    USING (tenant_id = ANY (xdr_scope())) WITH CHECK (tenant_id = ANY (xdr_scope()));

GRANT SELECT, INSERT, UPDATE, DELETE ON incidents, incident_members, incident_merges, derived_detections,
    correlator_checkpoints, tenant_correlation_config TO xdr_service;
