-- Providers (MSSPs), tenants (their customers), API keys, and the normalised events table.
-- Every tenant table has row-level security keyed on the transaction's tenant scope
-- (`SET LOCAL xdr.tenant_ids = '{…}'`); services connect as a member of xdr_service, which is
-- neither superuser nor table owner, so the policies always apply to them.

DO $$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'xdr_service') THEN
        CREATE ROLE xdr_service NOLOGIN;
    END IF;
END
$$;

-- The tenants the current transaction may see: empty (nothing visible) unless the store set a scope.
CREATE FUNCTION xdr_scope() RETURNS uuid[]
LANGUAGE sql STABLE PARALLEL SAFE AS $$
    SELECT COALESCE(NULLIF(current_setting('xdr.tenant_ids', true), '')::uuid[], '{}'::uuid[])
$$;

CREATE TABLE providers (
    id          uuid PRIMARY KEY,
    name        text NOT NULL UNIQUE CHECK (length(name) BETWEEN 1 AND 200),
    created_at  timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE tenants (
    id          uuid PRIMARY KEY,
    provider_id uuid NOT NULL REFERENCES providers(id),
    name        text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
    slug        text NOT NULL UNIQUE CHECK (slug ~ '^[a-z0-9][a-z0-9-]{0,62}$'),
    config      jsonb NOT NULL DEFAULT '{}'::jsonb,
    created_at  timestamptz NOT NULL DEFAULT now(),
    UNIQUE (provider_id, name)
);

-- Keys are stored only as SHA-256 hashes; the secret is shown once at creation.
-- tenant_id NULL means a provider-level operator key spanning the provider's tenants.
CREATE TABLE api_keys (
    id           uuid PRIMARY KEY,
    provider_id  uuid NOT NULL REFERENCES providers(id),
    tenant_id    uuid REFERENCES tenants(id),
    name         text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
    prefix       text NOT NULL,
    key_hash     bytea NOT NULL UNIQUE CHECK (length(key_hash) = 32),
    scopes       text[] NOT NULL CHECK (scopes <@ ARRAY['ingest','read','write','admin']::text[] AND cardinality(scopes) > 0),
    created_at   timestamptz NOT NULL DEFAULT now(),
    revoked_at   timestamptz,
    last_used_at timestamptz
);

CREATE SEQUENCE events_id_seq AS bigint;

-- One row per normalised event. `ingest_xid` stamps the inserting transaction so the correlator
-- can read in commit-safe order: rows whose xid is below the oldest running transaction are final.
CREATE TABLE events (
    id                 bigint NOT NULL DEFAULT nextval('events_id_seq'),
    tenant_id          uuid NOT NULL,
    time               timestamptz NOT NULL,
    ingested_at        timestamptz NOT NULL DEFAULT now(),
    ingest_xid         xid8 NOT NULL DEFAULT pg_current_xact_id(),
    layer              text NOT NULL,
    kind               text NOT NULL CHECK (kind IN ('detection', 'telemetry')),
    class_uid          integer NOT NULL,
    activity_id        integer NOT NULL,
    type_uid           bigint NOT NULL,
    category_uid       integer NOT NULL,
    severity_id        smallint NOT NULL,
    source_product     text NOT NULL,
    source_format      text NOT NULL,
    source_event_id    text,
    title              text,
    rule_id            text,
    attack_techniques  text[] NOT NULL DEFAULT '{}',
    attack_tactics     text[] NOT NULL DEFAULT '{}',
    outcome            text,
    hostname           text,
    src_ip             inet,
    src_port           integer,
    dst_ip             inet,
    dst_port           integer,
    protocol           text,
    user_name          text,
    email_from         text,
    email_to           text[],
    email_subject      text,
    email_message_id   text,
    process_image      text,
    process_cmdline    text,
    process_pid        bigint,
    process_guid       text,
    parent_image       text,
    parent_guid        text,
    file_path          text,
    file_hashes        jsonb,
    domain             text,
    url                text,
    cloud_account      text,
    cloud_region       text,
    cloud_principal    text,
    cloud_access_key   text,
    api_operation      text,
    k8s_namespace      text,
    k8s_pod            text,
    k8s_service_account text,
    entity_keys        text[] NOT NULL DEFAULT '{}',
    entities           jsonb NOT NULL DEFAULT '[]'::jsonb,
    details            jsonb NOT NULL DEFAULT '{}'::jsonb,
    fingerprint        bytea NOT NULL,
    raw                text NOT NULL,
    PRIMARY KEY (id, time),
    -- Shippers retry: the same record (same bytes, same format) for a tenant is stored once.
    UNIQUE (tenant_id, fingerprint, time)
) PARTITION BY RANGE (time);

CREATE INDEX events_tenant_time ON events (tenant_id, time);
CREATE INDEX events_entity_keys ON events USING gin (entity_keys);
CREATE INDEX events_stream ON events (tenant_id, ingest_xid, id);

-- Monthly partitions are created on demand (by the owner, through this definer function) before
-- a batch that needs them is inserted; an advisory lock makes concurrent callers safe.
CREATE FUNCTION xdr_ensure_event_partitions(first_time timestamptz, last_time timestamptz) RETURNS void
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
    month_start timestamptz := date_trunc('month', first_time AT TIME ZONE 'UTC') AT TIME ZONE 'UTC';
    month_end   timestamptz;
    part_name   text;
BEGIN
    IF last_time - first_time > interval '20 years' THEN
        RAISE EXCEPTION 'event time range too wide: % to %', first_time, last_time USING ERRCODE = '22008';
    END IF;
    WHILE month_start <= last_time LOOP
        month_end := ((month_start AT TIME ZONE 'UTC') + interval '1 month') AT TIME ZONE 'UTC';
        part_name := 'events_' || to_char(month_start AT TIME ZONE 'UTC', 'YYYY_MM');
        IF to_regclass(part_name) IS NULL THEN
            PERFORM pg_advisory_xact_lock(hashtext('xdr_event_partitions'));
            IF to_regclass(part_name) IS NULL THEN
                -- A concurrent batch may have created it between the check and the lock.
                BEGIN
                    EXECUTE format('CREATE TABLE %I PARTITION OF events FOR VALUES FROM (%L) TO (%L)',
                                   part_name, month_start, month_end);
                    EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', part_name);
                EXCEPTION WHEN duplicate_table THEN
                    NULL;
                END;
            END IF;
        END IF;
        month_start := month_end;
    END LOOP;
END
$$;

-- Authentication happens before any tenant scope exists, so it runs as the owner: it returns the
-- key's identity and scopes only for the exact hash, and stamps last use.
CREATE FUNCTION xdr_authenticate(hash bytea)
RETURNS TABLE (key_id uuid, provider_id uuid, tenant_id uuid, scopes text[], tenant_ids uuid[], revoked boolean)
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
BEGIN
    RETURN QUERY
        SELECT k.id, k.provider_id, k.tenant_id, k.scopes,
               CASE WHEN k.tenant_id IS NOT NULL THEN ARRAY[k.tenant_id]
                    ELSE COALESCE((SELECT array_agg(t.id ORDER BY t.id) FROM tenants t WHERE t.provider_id = k.provider_id), '{}')
               END,
               k.revoked_at IS NOT NULL
        FROM api_keys k WHERE k.key_hash = hash;
    -- Coarse stamping keeps a hot key from turning every request into a row update.
    UPDATE api_keys SET last_used_at = now()
        WHERE key_hash = hash AND revoked_at IS NULL
          AND (last_used_at IS NULL OR last_used_at < now() - interval '1 minute');
END
$$;

-- The correlator serves every tenant; it needs their ids (nothing else) without a scope.
CREATE FUNCTION xdr_all_tenant_ids() RETURNS SETOF uuid
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
    SELECT id FROM tenants ORDER BY id
$$;

ALTER TABLE tenants ENABLE ROW LEVEL SECURITY;
ALTER TABLE api_keys ENABLE ROW LEVEL SECURITY;
ALTER TABLE events ENABLE ROW LEVEL SECURITY;

CREATE POLICY tenant_scope ON tenants USING (id = ANY (xdr_scope()));
CREATE POLICY tenant_scope ON api_keys USING (tenant_id = ANY (xdr_scope()));
CREATE POLICY tenant_scope ON events USING (tenant_id = ANY (xdr_scope())) WITH CHECK (tenant_id = ANY (xdr_scope()));

GRANT SELECT ON providers TO xdr_service;
GRANT SELECT, UPDATE ON tenants TO xdr_service;
GRANT SELECT ON api_keys TO xdr_service;
GRANT SELECT, INSERT, UPDATE, DELETE ON events TO xdr_service;
GRANT USAGE ON SEQUENCE events_id_seq TO xdr_service;
GRANT EXECUTE ON FUNCTION xdr_scope(), xdr_ensure_event_partitions(timestamptz, timestamptz),
    xdr_authenticate(bytea), xdr_all_tenant_ids() TO xdr_service;
