-- Indexes for the incident API's read paths, chosen from the query plans of the API benchmark
-- (BENCHMARKS.md, "Incident API"): every list order and the timeline order are served by an
-- index scan that stops after one page, instead of reading all of a tenant's (or a provider's)
-- incidents, or all of an incident's events, and sorting them.

-- Lists for one tenant (tenant keys, operator keys with ?tenant=): newest activity first, or most
-- severe first; the trailing id makes the order total, as the keyset cursor needs.
CREATE INDEX incidents_tenant_activity ON incidents (tenant_id, updated_at DESC, id DESC);
CREATE INDEX incidents_tenant_severity_activity
    ON incidents (tenant_id, (COALESCE(severity_override, severity_id)) DESC, updated_at DESC, id DESC);

-- The SOC's queue: incidents still being worked on, a small part of all of them. A list filtered
-- to these statuses reads only them, in page order, instead of every incident of the tenant.
CREATE INDEX incidents_tenant_open_activity ON incidents (tenant_id, updated_at DESC, id DESC)
    WHERE status IN ('new', 'acknowledged', 'investigating', 'contained');
CREATE INDEX incidents_tenant_open_severity
    ON incidents (tenant_id, (COALESCE(severity_override, severity_id)) DESC, updated_at DESC, id DESC)
    WHERE status IN ('new', 'acknowledged', 'investigating', 'contained');

-- Operator keys list across all of their provider's tenants: the same orders without the tenant,
-- read in order and filtered by tenant (a provider's tenants are most of the rows it reads).
CREATE INDEX incidents_activity ON incidents (updated_at DESC, id DESC);
CREATE INDEX incidents_severity_activity
    ON incidents ((COALESCE(severity_override, severity_id)) DESC, updated_at DESC, id DESC);

-- Superseded by the two tenant indexes above (same leading columns, in the order lists read).
DROP INDEX incidents_tenant_updated;
DROP INDEX incidents_tenant_effective_severity;

-- Timeline pages and the detail's links, in the timeline's order (and its cursor's).
CREATE INDEX incident_members_timeline ON incident_members (incident_id, event_time, member_key);

-- An incident's members all belong to its tenant. Without this the planner multiplies the two
-- selectivities, expects a handful of rows, and intersects the incident's index entries with all
-- of the tenant's (hundreds of thousands) instead of reading the incident's few hundred.
CREATE STATISTICS incident_members_incident_tenant (dependencies) ON incident_id, tenant_id FROM incident_members;

-- Entity pivots in the list (`?entity=host:ws-0042`). Row-level security keeps a containment test
-- (`@>`, not leakproof) from using an index of the caller's table, so the lookup runs in this
-- definer function instead: it uses the index and returns only incidents of the caller's own
-- scope (`xdr_scope()` reads the caller's transaction setting), which is what the policy allows.
CREATE INDEX incidents_entities ON incidents USING gin (entities jsonb_path_ops);

CREATE FUNCTION xdr_incidents_with_entity(entity_type text, entity_value text) RETURNS SETOF uuid
LANGUAGE sql STABLE SECURITY DEFINER ROWS 20 SET search_path = public, pg_temp AS $$
    SELECT id FROM incidents
    WHERE entities @> jsonb_build_array(jsonb_build_object('type', entity_type, 'value', entity_value))
      AND tenant_id = ANY (xdr_scope())
$$;

GRANT EXECUTE ON FUNCTION xdr_incidents_with_entity(text, text) TO xdr_service;
