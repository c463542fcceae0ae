-- Compress large values with LZ4 instead of PostgreSQL's default pglz where the server has it.
-- Most endpoint and e-mail events are over the 2 kB at which PostgreSQL compresses a row (a Sysmon
-- record's raw text alone is 2.6 kB on average): at 10,000 events/s pglz was 6 % of the machine,
-- in the ingest's COPY into its staging table, and the COPY took 41 µs per row (25 µs with LZ4,
-- measured with pg_stat_statements over the same 600,000 events). LZ4 compresses Sysmon's raw
-- text a little less (and reads back faster). Rows already stored keep their pglz values.
--
-- The database default covers the ingest's per-session staging table and every table; the events
-- columns are named as well so that the setting holds whatever a session's default is.
-- Partitions created later take the parent's setting; existing ones are named one by one (setting
-- it on the parent does not reach them). Only the catalog changes: nothing is rewritten.
DO $$
DECLARE
    target regclass;
BEGIN
    IF EXISTS (SELECT 1 FROM pg_settings WHERE name = 'default_toast_compression' AND 'lz4' = ANY (enumvals)) THEN
        -- A migrating role that does not own the database still gets the columns (staged values
        -- are then compressed with pglz, and kept so).
        BEGIN
            EXECUTE format('ALTER DATABASE %I SET default_toast_compression = %L', current_database(), 'lz4');
        EXCEPTION WHEN insufficient_privilege THEN
            RAISE NOTICE 'not the owner of database %: default_toast_compression left as it is', current_database();
        END;
        FOR target IN SELECT 'events'::regclass UNION ALL SELECT inhrelid::regclass FROM pg_inherits WHERE inhparent = 'events'::regclass LOOP
            EXECUTE format('ALTER TABLE %s ALTER COLUMN raw SET COMPRESSION lz4, ALTER COLUMN entities SET COMPRESSION lz4, '
                           'ALTER COLUMN details SET COMPRESSION lz4, ALTER COLUMN entity_keys SET COMPRESSION lz4, '
                           'ALTER COLUMN file_hashes SET COMPRESSION lz4', target);
        END LOOP;
    END IF;
END $$;
