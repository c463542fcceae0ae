-- An incident's entities become rows of their own, with the role and sightings the incident list
-- used to carry, instead of one JSON list per incident. Incidents gain entities until their cap
-- (200): nearly every update of a young incident rewrote its whole list (tens of kilobytes parsed,
-- compressed and stored again, plus the same again on the writer's side) to add a few entities,
-- and 0006's trigger then expanded the whole list again and probed the key index for each entity.
-- The correlator now upserts only the entities that are new or whose role or sightings changed;
-- any other writer of incidents writes their entity rows itself.
DROP TRIGGER incidents_index_entities ON incidents;
DROP FUNCTION xdr_index_incident_entities();

ALTER TABLE incident_entity_keys RENAME TO incident_entities;
ALTER INDEX incident_entity_keys_pkey RENAME TO incident_entities_pkey;
ALTER INDEX incident_entity_keys_incident RENAME TO incident_entities_incident;

-- `role_rank` orders an incident's entities as the engine lists them (victim host first, related
-- last); sightings are microseconds since the epoch, as in the incident snapshot.
ALTER TABLE incident_entities
    ADD COLUMN role text NOT NULL DEFAULT 'related',
    ADD COLUMN role_rank smallint NOT NULL DEFAULT 99,
    ADD COLUMN is_hub boolean NOT NULL DEFAULT false,
    ADD COLUMN from_detection boolean NOT NULL DEFAULT false,
    ADD COLUMN first_seen_us bigint,
    ADD COLUMN last_seen_us bigint;

UPDATE incident_entities k
SET role = COALESCE(e->>'role', 'related'),
    role_rank = COALESCE(array_position(ARRAY['victim_host', 'attacker_ip', 'compromised_user', 'sender', 'recipient',
                                              'malicious_file', 'indicator', 'cloud_principal', 'workload', 'internal_ip',
                                              'related'], e->>'role') - 1, 99),
    is_hub = COALESCE((e->>'isHub')::boolean, false),
    from_detection = COALESCE((e->>'fromDetection')::boolean, false),
    first_seen_us = (e->>'firstSeen')::bigint,
    last_seen_us = (e->>'lastSeen')::bigint
FROM incidents i, jsonb_array_elements(CASE WHEN jsonb_typeof(i.entities) = 'array' THEN i.entities ELSE '[]'::jsonb END) AS e
WHERE k.incident_id = i.id AND k.entity_type = e->>'type' AND k.entity_value = e->>'value';

ALTER TABLE incidents DROP COLUMN entities;

GRANT INSERT, UPDATE ON incident_entities TO xdr_service;

-- The list in the shape the incident column had (the engine's `IncidentEntity`, in its order), for
-- readers that show an incident whole. Runs with the caller's rights: row-level security applies.
CREATE FUNCTION xdr_incident_entities(incident uuid) RETURNS jsonb
LANGUAGE sql STABLE SET search_path = public, pg_temp AS $$
    SELECT COALESCE(jsonb_agg(jsonb_build_object(
               'type', k.entity_type, 'value', k.entity_value, 'role', k.role, 'isHub', k.is_hub,
               'fromDetection', k.from_detection, 'firstSeen', k.first_seen_us, 'lastSeen', k.last_seen_us)
             ORDER BY k.role_rank, (k.entity_type || ':' || k.entity_value) COLLATE "C"), '[]'::jsonb)
    FROM incident_entities k WHERE k.incident_id = $1
$$;

GRANT EXECUTE ON FUNCTION xdr_incident_entities(uuid) TO xdr_service;

-- Same contract, new table: the rows are the incident's entities, so no re-check is needed.
CREATE OR REPLACE FUNCTION xdr_incidents_with_entity(entity_type text, entity_value text) RETURNS SETOF uuid
LANGUAGE sql STABLE SECURITY DEFINER ROWS 20 SET search_path = public, pg_temp AS $$
    SELECT k.incident_id FROM incident_entities k
    WHERE k.entity_type = $1 AND k.entity_value = $2 AND k.tenant_id = ANY (xdr_scope())
$$;
