-- The correlator writes an incident's pivot keys itself, and only for the entities it had not
-- written before: the trigger of 0006 expanded the whole list (up to 200 entities) and probed the
-- key index for each of them whenever a busy incident gained one entity, a third of the
-- correlator's time in PostgreSQL. Any other writer of incident rows inserts the keys of the
-- entities it writes (readers re-check the incident's own list, so a key is still a candidate).
DROP TRIGGER incidents_index_entities ON incidents;
DROP FUNCTION xdr_index_incident_entities();

GRANT INSERT ON incident_entity_keys TO xdr_service;
