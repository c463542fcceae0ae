-- Which incidents carry an entity, for entity pivots, in a table of its own instead of a GIN index
-- over incidents.entities. An update that moves last_seen is never HOT, so the GIN index took every
-- entity of a busy incident again each time the correlator touched it (up to 200 entities, every
-- batch): most of the correlator's write time. A key row is written only when an incident gains an
-- entity. Keys are never removed while the incident exists (entity lists only grow), and readers
-- re-check the incident's own list, so a key is a candidate, not an answer.
CREATE TABLE incident_entity_keys (
    tenant_id    uuid NOT NULL,
    entity_type  text NOT NULL,
    entity_value text NOT NULL,
    incident_id  uuid NOT NULL REFERENCES incidents(id) ON DELETE CASCADE,
    PRIMARY KEY (entity_type, entity_value, incident_id)
);

CREATE INDEX incident_entity_keys_incident ON incident_entity_keys (incident_id);

ALTER TABLE incident_entity_keys ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_scope ON incident_entity_keys
    USING (tenant_id = ANY (xdr_scope())) WITH CHECK (tenant_id = ANY (xdr_scope()));
GRANT SELECT ON incident_entity_keys TO xdr_service;

-- Runs as the owner, like the change log: it indexes only the row being written. An incident's
-- entity list only grows, so a rewritten list of the same length holds the same entities (their
-- sightings or roles changed): nothing to index.
CREATE FUNCTION xdr_index_incident_entities() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
BEGIN
    IF TG_OP = 'UPDATE' AND jsonb_typeof(OLD.entities) = 'array'
       AND jsonb_array_length(OLD.entities) = jsonb_array_length(NEW.entities) THEN
        RETURN NULL;
    END IF;
    INSERT INTO incident_entity_keys (tenant_id, entity_type, entity_value, incident_id)
    SELECT NEW.tenant_id, e->>'type', e->>'value', NEW.id
    FROM jsonb_array_elements(NEW.entities) AS e
    WHERE e->>'type' IS NOT NULL AND e->>'value' IS NOT NULL
    ON CONFLICT DO NOTHING;
    RETURN NULL;
END
$$;

-- Only writes that set the entities column: the correlator leaves it out when it did not change.
CREATE TRIGGER incidents_index_entities AFTER INSERT OR UPDATE OF entities ON incidents
    FOR EACH ROW WHEN (jsonb_typeof(NEW.entities) = 'array') EXECUTE FUNCTION xdr_index_incident_entities();

INSERT INTO incident_entity_keys (tenant_id, entity_type, entity_value, incident_id)
SELECT i.tenant_id, e->>'type', e->>'value', i.id
FROM incidents i, jsonb_array_elements(CASE WHEN jsonb_typeof(i.entities) = 'array' THEN i.entities ELSE '[]'::jsonb END) AS e
WHERE e->>'type' IS NOT NULL AND e->>'value' IS NOT NULL
ON CONFLICT DO NOTHING;

DROP INDEX incidents_entities;

-- Same contract as before (the caller's scope only; the handler re-checks the incident's list).
CREATE OR REPLACE FUNCTION xdr_incidents_with_entity(entity_type text, entity_value text) RETURNS SETOF uuid
LANGUAGE sql STABLE SECURITY DEFINER ROWS 20 SET search_path = public, pg_temp AS $$
    SELECT k.incident_id FROM incident_entity_keys k
    WHERE k.entity_type = $1 AND k.entity_value = $2 AND k.tenant_id = ANY (xdr_scope())
$$;

-- The entity list (tens of kilobytes for a busy incident) is rewritten whenever it changes; lz4
-- compresses it in about half the time pglz took, to about the same size. Servers built without
-- lz4 keep pglz.
DO $$
BEGIN
    ALTER TABLE incidents ALTER COLUMN entities SET COMPRESSION lz4;
    ALTER TABLE incidents ALTER COLUMN snapshot SET COMPRESSION lz4;
EXCEPTION WHEN feature_not_supported OR invalid_parameter_value THEN
    RAISE NOTICE 'lz4 is not available: incidents keep the default compression';
END
$$;
