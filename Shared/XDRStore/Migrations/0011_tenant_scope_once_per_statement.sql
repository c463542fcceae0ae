-- Every tenant_scope policy compared each row's tenant with xdr_scope(), a STABLE SQL function
-- that PostgreSQL inlines and then evaluates for every row: current_setting('xdr.tenant_ids')
-- parsed into a uuid[] again per row read, inserted or updated (array_in, uuid_in and their
-- allocations were a tenth of the correlator's writing backend). Written as a scalar subquery the
-- scope is an InitPlan, computed once per statement, and an index on tenant_id still takes it as
-- an index condition. Same rows either way; policies added later take the same form (a test
-- checks every policy).
DO $$
DECLARE
    policy record;
BEGIN
    FOR policy IN
        SELECT tablename, qual, with_check FROM pg_policies
        WHERE schemaname = current_schema() AND policyname = 'tenant_scope'
    LOOP
        EXECUTE format('ALTER POLICY tenant_scope ON %I USING (%s)', policy.tablename,
                       replace(policy.qual, 'xdr_scope()', '(SELECT xdr_scope())::uuid[]'));
        IF policy.with_check IS NOT NULL THEN
            EXECUTE format('ALTER POLICY tenant_scope ON %I WITH CHECK (%s)', policy.tablename,
                           replace(policy.with_check, 'xdr_scope()', '(SELECT xdr_scope())::uuid[]'));
        END IF;
    END LOOP;
END $$;
