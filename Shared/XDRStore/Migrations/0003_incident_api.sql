-- What analysts do with incidents through the API: the workflow columns the correlator never
-- touches (its upserts only set engine fields), the audit history of every analyst write, comments,
-- and a change log that lets live streams resume after a disconnect (Last-Event-ID).

-- Analyst fields: a severity override kept apart from the engine's severity (which the correlator
-- rewrites on every update), and the SLA clock's timestamps.
ALTER TABLE incidents
    ADD COLUMN severity_override smallint CHECK (severity_override BETWEEN 0 AND 6),
    ADD COLUMN severity_reason   text,
    ADD COLUMN acknowledged_at   timestamptz,
    ADD COLUMN contained_at      timestamptz,
    ADD COLUMN resolved_at       timestamptz,
    ADD COLUMN closed_at         timestamptz,
    ADD CONSTRAINT incidents_verdict_check
        CHECK (verdict IS NULL OR verdict IN ('true_positive', 'false_positive', 'benign', 'duplicate'));

CREATE INDEX incidents_tenant_effective_severity
    ON incidents (tenant_id, (COALESCE(severity_override, severity_id)), updated_at DESC);

-- One row per changed field of one analyst write: who (API key id), when, from and to.
CREATE TABLE incident_history (
    id          bigserial PRIMARY KEY,
    tenant_id   uuid NOT NULL,
    incident_id uuid NOT NULL REFERENCES incidents(id),
    actor_key   uuid NOT NULL,
    at          timestamptz NOT NULL DEFAULT now(),
    field       text NOT NULL,
    from_value  text,
    to_value    text,
    reason      text
);

CREATE INDEX incident_history_incident ON incident_history (incident_id, id);

CREATE TABLE incident_comments (
    id          uuid PRIMARY KEY,
    tenant_id   uuid NOT NULL,
    incident_id uuid NOT NULL REFERENCES incidents(id),
    author_key  uuid NOT NULL,
    body        text NOT NULL CHECK (length(body) BETWEEN 1 AND 20000),
    created_at  timestamptz NOT NULL DEFAULT now()
);

CREATE INDEX incident_comments_incident ON incident_comments (incident_id, created_at, id);

-- Response actions analysts (or SOAR through the API) request on an incident, checked against
-- the tenant's response policy; executors pick up `requested` rows.
CREATE TABLE incident_actions (
    id           uuid PRIMARY KEY,
    tenant_id    uuid NOT NULL,
    incident_id  uuid NOT NULL REFERENCES incidents(id),
    action       text NOT NULL CHECK (action IN ('isolate_host', 'disable_user', 'block_ip', 'block_hash', 'revoke_sessions')),
    target       text NOT NULL,
    status       text NOT NULL DEFAULT 'requested' CHECK (status IN ('requested', 'done', 'failed')),
    reason       text,
    requested_by uuid NOT NULL,
    created_at   timestamptz NOT NULL DEFAULT now()
);

CREATE INDEX incident_actions_incident ON incident_actions (incident_id, created_at);

-- Every insert or update of an incident, for the live stream. Streams read in (xid, seq) order
-- and only rows whose transaction is older than every running one, so a change that commits late
-- is never skipped (sequence numbers alone are taken before commit, in another order).
CREATE TABLE incident_changes (
    seq         bigserial PRIMARY KEY,
    xid         xid8 NOT NULL DEFAULT pg_current_xact_id(),
    tenant_id   uuid NOT NULL,
    incident_id uuid NOT NULL,
    change      text NOT NULL CHECK (change IN ('created', 'updated', 'merged')),
    into_id     uuid,
    at          timestamptz NOT NULL DEFAULT now()
);

CREATE INDEX incident_changes_stream ON incident_changes (tenant_id, xid, seq);

-- Where a tenant wants incident changes delivered (webhooks), by lowest severity and change kind.
CREATE TABLE notification_routes (
    id           uuid PRIMARY KEY,
    tenant_id    uuid NOT NULL REFERENCES tenants(id),
    name         text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
    url          text NOT NULL CHECK (url ~ '^https?://'),
    -- The HMAC-SHA256 key receivers verify `X-Tsunagi-Signature` with.
    secret       text NOT NULL CHECK (length(secret) >= 16),
    min_severity smallint NOT NULL DEFAULT 4 CHECK (min_severity BETWEEN 0 AND 6),
    changes      text[] NOT NULL DEFAULT '{created}' CHECK (changes <@ ARRAY['created','updated','merged']::text[]),
    enabled      boolean NOT NULL DEFAULT true,
    created_at   timestamptz NOT NULL DEFAULT now()
);

-- One delivery owed to one route, written in the same transaction as the change (never lost,
-- never doubled); the dispatcher retries with backoff until delivered or dead.
CREATE TABLE webhook_outbox (
    id              bigserial PRIMARY KEY,
    tenant_id       uuid NOT NULL,
    route_id        uuid NOT NULL REFERENCES notification_routes(id),
    incident_id     uuid NOT NULL,
    change          text NOT NULL,
    payload         text NOT NULL,
    status          text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'delivered', 'dead')),
    attempts        integer NOT NULL DEFAULT 0,
    next_attempt_at timestamptz NOT NULL DEFAULT now(),
    last_error      text,
    created_at      timestamptz NOT NULL DEFAULT now(),
    delivered_at    timestamptz
);

CREATE INDEX webhook_outbox_due ON webhook_outbox (next_attempt_at) WHERE status = 'pending';

-- Every attempt, for the delivery log.
CREATE TABLE webhook_deliveries (
    id          bigserial PRIMARY KEY,
    tenant_id   uuid NOT NULL,
    outbox_id   bigint NOT NULL REFERENCES webhook_outbox(id),
    attempt     integer NOT NULL,
    at          timestamptz NOT NULL DEFAULT now(),
    status_code integer,
    error       text,
    duration_ms integer NOT NULL
);

CREATE INDEX webhook_deliveries_outbox ON webhook_deliveries (outbox_id, id);

-- Runs as the owner so the log is written whatever scope the writer holds; it records only the
-- row being written, so it cannot widen anyone's view.
CREATE FUNCTION xdr_log_incident_change() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
    kind text;
BEGIN
    IF TG_OP = 'INSERT' THEN
        kind := 'created';
    ELSIF NEW.redirected_to IS NOT NULL AND OLD.redirected_to IS DISTINCT FROM NEW.redirected_to THEN
        kind := 'merged';
    ELSE
        kind := 'updated';
    END IF;
    INSERT INTO incident_changes (tenant_id, incident_id, change, into_id)
        VALUES (NEW.tenant_id, NEW.id, kind, CASE WHEN kind = 'merged' THEN NEW.redirected_to END);
    INSERT INTO webhook_outbox (tenant_id, route_id, incident_id, change, payload)
        SELECT NEW.tenant_id, r.id, NEW.id, kind, json_build_object(
                   'change', kind, 'tenant_id', NEW.tenant_id, 'incident_id', NEW.id, 'title', NEW.title,
                   'severity_id', COALESCE(NEW.severity_override, NEW.severity_id), 'status', NEW.status,
                   'layers', NEW.layers, 'redirected_to', NEW.redirected_to,
                   'url', '/v1/incidents/' || NEW.id)::text
        FROM notification_routes r
        WHERE r.tenant_id = NEW.tenant_id AND r.enabled AND kind = ANY (r.changes)
          AND COALESCE(NEW.severity_override, NEW.severity_id) >= r.min_severity;
    RETURN NULL;
END
$$;

CREATE TRIGGER incidents_log_change AFTER INSERT OR UPDATE ON incidents
    FOR EACH ROW EXECUTE FUNCTION xdr_log_incident_change();

ALTER TABLE incident_history ENABLE ROW LEVEL SECURITY;
ALTER TABLE incident_comments ENABLE ROW LEVEL SECURITY;
ALTER TABLE incident_changes ENABLE ROW LEVEL SECURITY;
ALTER TABLE notification_routes ENABLE ROW LEVEL SECURITY;
ALTER TABLE incident_actions ENABLE ROW LEVEL SECURITY;
ALTER TABLE webhook_outbox ENABLE ROW LEVEL SECURITY;
ALTER TABLE webhook_deliveries ENABLE ROW LEVEL SECURITY;

CREATE POLICY tenant_scope ON incident_history
    USING (tenant_id = ANY (xdr_scope())) WITH CHECK (tenant_id = ANY (xdr_scope()));
CREATE POLICY tenant_scope ON incident_comments
    USING (tenant_id = ANY (xdr_scope())) WITH CHECK (tenant_id = ANY (xdr_scope()));
CREATE POLICY tenant_scope ON incident_changes
    USING (tenant_id = ANY (xdr_scope()));

GRANT SELECT, INSERT ON incident_history, incident_comments TO xdr_service;
CREATE POLICY tenant_scope ON incident_actions
    USING (tenant_id = ANY (xdr_scope())) WITH CHECK (tenant_id = ANY (xdr_scope()));
CREATE POLICY tenant_scope ON notification_routes
    USING (tenant_id = ANY (xdr_scope())) WITH CHECK (tenant_id = ANY (xdr_scope()));
CREATE POLICY tenant_scope ON webhook_outbox
    USING (tenant_id = ANY (xdr_scope())) WITH CHECK (tenant_id = ANY (xdr_scope()));
CREATE POLICY tenant_scope ON webhook_deliveries
    USING (tenant_id = ANY (xdr_scope())) WITH CHECK (tenant_id = ANY (xdr_scope()));

GRANT SELECT ON incident_changes TO xdr_service;
GRANT SELECT, INSERT, UPDATE ON incident_actions TO xdr_service;
GRANT SELECT, INSERT, UPDATE ON notification_routes, webhook_outbox, webhook_deliveries TO xdr_service;
GRANT USAGE ON SEQUENCE webhook_deliveries_id_seq TO xdr_service;
GRANT USAGE ON SEQUENCE incident_history_id_seq TO xdr_service;
