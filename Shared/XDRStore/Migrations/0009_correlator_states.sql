-- The engine state gets a row of its own, apart from the checkpoint. In the checkpoint's row, a
-- background save (hundreds of megabytes on a large tenant, seconds to write) held the row lock
-- that every batch takes first, so each save stopped the tenant's stream for as long as it took:
-- on a 5,000,000-event backlog 6 s of waiting; live, a pause for every probe behind it. A save now
-- locks only this row; it still never goes beyond the checkpoint (read, not locked: the checkpoint
-- only moves forward) and never behind the state stored.
CREATE TABLE correlator_states (
    tenant_id  uuid PRIMARY KEY REFERENCES correlator_checkpoints (tenant_id) ON DELETE CASCADE,
    state      bytea NOT NULL,
    state_xid  xid8 NOT NULL,
    state_id   bigint NOT NULL,
    saved_at   timestamptz NOT NULL DEFAULT now()
);
-- Written whole and read back only after a restart or a takeover (see 0005): stored out of line
-- without compression.
ALTER TABLE correlator_states ALTER COLUMN state SET STORAGE EXTERNAL;

INSERT INTO correlator_states (tenant_id, state, state_xid, state_id)
SELECT tenant_id, state, state_xid, state_id FROM correlator_checkpoints WHERE state IS NOT NULL;

ALTER TABLE correlator_checkpoints DROP COLUMN state, DROP COLUMN state_xid, DROP COLUMN state_id;

ALTER TABLE correlator_states ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_scope ON correlator_states
    USING (tenant_id = ANY (xdr_scope())) WITH CHECK (tenant_id = ANY (xdr_scope()));
GRANT SELECT, INSERT, UPDATE, DELETE ON correlator_states TO xdr_service;
