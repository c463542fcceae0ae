-- An event's entities and details are written once by the ingest and read whole: by the
-- correlator (every event, as text) and by the API (one event at a time). Nothing queries inside
-- them (entity search uses entity_keys). As jsonb, PostgreSQL parsed them into its binary form on
-- the way in and printed them back to text on the way out: half of the correlator's stream query
-- (200,000 rows: 584–653 ms out as jsonb, 165–261 ms as json) and most of the ingest's COPY parse
-- (1,940 ms in as jsonb, 795 ms as json). As json the text is checked on the way in and kept as
-- written (the ingest writes it compact, without repeated names).
--
-- Rewrites every partition of events once.
ALTER TABLE events
    ALTER COLUMN entities DROP DEFAULT,
    ALTER COLUMN details DROP DEFAULT;
ALTER TABLE events
    ALTER COLUMN entities TYPE json USING entities::json,
    ALTER COLUMN details TYPE json USING details::json;
ALTER TABLE events
    ALTER COLUMN entities SET DEFAULT '[]'::json,
    ALTER COLUMN details SET DEFAULT '{}'::json;

-- A new type resets the columns' compression: back to LZ4 where 0008 chose it.
DO $$
DECLARE
    target regclass;
BEGIN
    IF EXISTS (SELECT 1 FROM pg_settings WHERE name = 'default_toast_compression' AND 'lz4' = ANY (enumvals)) THEN
        FOR target IN SELECT 'events'::regclass UNION ALL SELECT inhrelid::regclass FROM pg_inherits WHERE inhparent = 'events'::regclass LOOP
            EXECUTE format('ALTER TABLE %s ALTER COLUMN entities SET COMPRESSION lz4, ALTER COLUMN details SET COMPRESSION lz4', target);
        END LOOP;
    END IF;
END $$;
