-- bench/50_audit.sql — cost of the audit trigger (audit.c) on a bulk consent
-- insert: 20,000 rows into s22a.consent with every trigger (the consent
-- rules and the audit log), against the same insert with the audit trigger
-- disabled (same table, same foreign keys and rules) and against a plain
-- copy of the table with no triggers and no foreign keys.  The
-- register's target for a bulk consent insert with all triggers is <= 2x a
-- plain insert, so the audit trigger has to be a small part of that.
BEGIN;  -- leaves nothing behind for the benches after it
SET LOCAL client_min_messages = warning;
INSERT INTO s22a.force (code, name) SELECT 'F' || i, 'Force ' || i FROM generate_series(1, 10) i;
INSERT INTO s22a.party (code, force_code, kind, title)
SELECT 'P' || i, 'F' || i, 'policing_body', 'Policing body ' || i FROM generate_series(1, 10) i;
INSERT INTO s22a.agreement (ref, title, commences_on) VALUES ('BENCH', 'bench', '2019-04-01');
INSERT INTO s22a.agreement_party (agreement_id, party_code)
SELECT a.id, p.code FROM s22a.agreement a, s22a.party p WHERE a.ref = 'BENCH';
INSERT INTO s22a.decision (agreement_id, kind, title, proposed_on)
SELECT a.id, 'in_principle', 'bench decision ' || i, '2020-01-10'
FROM s22a.agreement a, generate_series(1, 2000) i WHERE a.ref = 'BENCH';
CREATE TABLE bench.consent_plain (LIKE s22a.consent INCLUDING ALL);

-- insert 20,000 consents (2,000 decisions x 10 parties), then undo them by
-- rolling back a subtransaction so every run starts from the same state
CREATE FUNCTION bench.insert_consents(target regclass) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
    EXECUTE format($q$INSERT INTO %s (decision_id, party_code, given_on, form, reference)
        SELECT d.id, p.code, date '2020-01-10', 'letter', 'ref ' || d.id || '/' || p.code
        FROM s22a.decision d, s22a.party p$q$, target);
    RAISE EXCEPTION USING ERRCODE = 'P0001', MESSAGE = 'undo';
EXCEPTION WHEN raise_exception THEN
    NULL;
END $$;

SELECT bench.best_ms($$SELECT bench.insert_consents('bench.consent_plain')$$) AS plain_ms \gset
SELECT bench.best_ms($$SELECT bench.insert_consents('s22a.consent')$$) AS audited_ms \gset
ALTER TABLE s22a.consent DISABLE TRIGGER audit_insert;
SELECT bench.best_ms($$SELECT bench.insert_consents('s22a.consent')$$) AS unaudited_ms \gset
ALTER TABLE s22a.consent ENABLE TRIGGER audit_insert;

SELECT 'consent insert, 20,000 rows' AS bench,
       :plain_ms AS plain_table_ms,
       :unaudited_ms AS consent_no_audit_ms,
       :audited_ms AS consent_audited_ms,
       bench.ratio(:audited_ms, :unaudited_ms) AS audit_vs_same_table,
       bench.ratio(:audited_ms, :plain_ms) AS audited_vs_plain;
ROLLBACK;
