-- The engine state is written whole every few seconds and read back only after a restart or a
-- takeover. As jsonb, PostgreSQL parsed and re-encoded tens of megabytes on every save, and
-- compressed them again in TOAST; as bytes (UTF-8 JSON, stored out of line without compression)
-- a save is a copy.
ALTER TABLE correlator_checkpoints ALTER COLUMN state TYPE bytea USING convert_to(state::text, 'UTF8');
ALTER TABLE correlator_checkpoints ALTER COLUMN state SET STORAGE EXTERNAL;
