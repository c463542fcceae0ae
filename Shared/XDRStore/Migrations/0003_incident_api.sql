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

-- Every insert or update of an incident, in commit-independent sequence order, for the live stream.
CREATE TABLE incident_changes (
    seq         bigserial PRIMARY KEY,
    tenant_id   uuid NOT NULL,
    incident_id uuid NOT NULL,
    change      text NOT NULL CHECK (change IN ('created', 'updated', 'merged')),
    into_id     uuid,
    at          timestamptz NOT NULL DEFAULT now()
);

CREATE INDEX incident_changes_tenant_seq ON incident_changes (tenant_id, seq);

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
    RETURN NULL;
END
$$;

CREATE TRIGGER incidents_log_change AFTER INSERT OR UPDATE ON incidents
    FOR EACH ROW EXECUTE FUNCTION xdr_log_incident_change();

ALTER TABLE incident_history ENABLE ROW LEVEL SECURITY;
ALTER TABLE incident_comments ENABLE ROW LEVEL SECURITY;
ALTER TABLE incident_changes ENABLE ROW LEVEL SECURITY;

CREATE POLICY tenant_scope ON incident_history
    USING (tenant_id = ANY (xdr_scope())) WITH CHECK (tenant_id = ANY (xdr_scope()));
CREATE POLICY tenant_scope ON incident_comments
    USING (tenant_id = ANY (xdr_scope())) WITH CHECK (tenant_id = ANY (xdr_scope()));
CREATE POLICY tenant_scope ON incident_changes
    USING (tenant_id = ANY (xdr_scope()));

GRANT SELECT, INSERT ON incident_history, incident_comments TO xdr_service;
GRANT SELECT ON incident_changes TO xdr_service;
GRANT USAGE ON SEQUENCE incident_history_id_seq TO xdr_service;
