-- bench/60_scaling.sql — how the reads grow with the register.
--
-- One register grown in three steps to 250, 1,000 and 4,000 agreements (a
-- register cannot be emptied: decisions and consents are never deleted),
-- each agreement with 3 to 12 forces, ten financial years of cost basis,
-- budget (three lines, one unshared) and contributions, and two decisions
-- a year's worth of consents (every party consents to the first; the
-- second misses one consent, so outstanding_consents has rows).  Every
-- twentieth agreement gains a force on 1 May 2019 and every twentieth
-- (offset by ten) loses one on 1 October 2021 (pro_rata_days).  After each
-- step it times (best of 5, or of 3 for the whole-register reports):
--
--   single-agreement reads (should stay flat: growth <= 1.3 per 4x)
--     cost_allocation of one agreement-year, cost_balance of one agreement,
--     one agreement's decisions, its outstanding consents, one row's
--     history in the audit log;
--   whole-register reports (should grow linearly: <= 4.6 per 4x)
--     cost_allocation, cost_balance, outstanding_consents;
--
-- and prints each time with its growth factor per step.  Then, at 4,000
-- agreements, the audit_log (table_name, row_key) index decision: one row's
-- history, a single-row write and a 20,000-consent bulk insert, without
-- and with the index audit_log_row (doc/reports.md, "The audit log").
SET search_path = s22a, public;
SET client_min_messages = warning;

INSERT INTO force (code, name)
SELECT format('F%s', lpad(i::text, 2, '0')), format('Force %s', i) FROM generate_series(1, 45) i;
INSERT INTO party (code, force_code, kind, title)
SELECT 'CC-' || code, code, 'chief_officer'::party_kind, 'Chief Constable, ' || name FROM force
UNION ALL
SELECT 'PCC-' || code, code, 'policing_body', 'Policing body, ' || name FROM force;
INSERT INTO force_measure (force_code, fiscal_year, measure, value)
SELECT f.code, fiscal_year('2015-04-01'::date) + y, 'nre',
       80000000 + (hashtext(f.code || y) & 255) * 1000000 + (hashtext(f.code) & 65535)
FROM force f, generate_series(0, 9) y;

-- grows the register to `upto` agreements
CREATE PROCEDURE bench.grow(upto int) LANGUAGE plpgsql AS $$
DECLARE
    lo int := (SELECT count(*) FROM s22a.agreement WHERE ref LIKE 'SCALE-%');
BEGIN
    INSERT INTO s22a.agreement (ref, title, commences_on)
    SELECT format('SCALE-%s', lpad(i::text, 5, '0')), format('Synthetic agreement %s', i), date '2015-04-01'
    FROM generate_series(lo + 1, upto) i;
    CREATE TEMP TABLE new_member ON COMMIT DROP AS
    SELECT a.id AS agreement_id, k, substr(a.ref, 7)::int AS i,
           format('F%s', lpad((((substr(a.ref, 7)::int * 13 + k) % 45) + 1)::text, 2, '0')) AS force_code,
           3 + (substr(a.ref, 7)::int * 7) % 10 AS nforces
    FROM s22a.agreement a, generate_series(0, 11) k
    WHERE a.ref LIKE 'SCALE-%' AND substr(a.ref, 7)::int > lo AND k < 3 + (substr(a.ref, 7)::int * 7) % 10;
    INSERT INTO s22a.agreement_party (agreement_id, party_code, joins_on, leaves_on)
    SELECT m.agreement_id, kind || '-' || m.force_code,
           CASE WHEN m.i % 20 = 0 AND m.k = m.nforces - 1 THEN date '2019-05-01' END,
           CASE WHEN m.i % 20 = 10 AND m.k = 0 THEN date '2021-10-01' END
    FROM new_member m, (VALUES ('CC'), ('PCC')) AS p(kind);
    INSERT INTO s22a.cost_basis (agreement_id, fiscal_year, measure, weight)
    SELECT a.id, fiscal_year('2015-04-01'::date) + y, 'nre', 1
    FROM s22a.agreement a, generate_series(0, 9) y
    WHERE a.ref LIKE 'SCALE-%' AND substr(a.ref, 7)::int > lo;
    INSERT INTO s22a.budget (agreement_id, fiscal_year, line, amount, shared)
    SELECT a.id, fiscal_year('2015-04-01'::date) + y, l.line,
           ((hashtext(a.id || l.line || y) & 16777215) + 1000)::numeric / 100 * l.scale, l.shared
    FROM s22a.agreement a, generate_series(0, 9) y,
         (VALUES ('programme', 10, true), ('staff', 7, true), ('travel and subsistence', 1, false)) AS l(line, scale, shared)
    WHERE a.ref LIKE 'SCALE-%' AND substr(a.ref, 7)::int > lo;
    INSERT INTO s22a.contribution (agreement_id, fiscal_year, force_code, kind, amount)
    SELECT m.agreement_id, fiscal_year('2015-04-01'::date) + y, m.force_code, 'in_kind', 50000.00
    FROM new_member m, generate_series(0, 9) y WHERE m.k = 1;
    CREATE TEMP TABLE new_decision ON COMMIT DROP AS
    WITH d AS (
        INSERT INTO s22a.decision (agreement_id, kind, title, proposed_on)
        SELECT a.id, 'variation', format('Variation %s of %s', n, a.ref), date '2016-01-04' + n * 400
        FROM s22a.agreement a, generate_series(0, 1) n
        WHERE a.ref LIKE 'SCALE-%' AND substr(a.ref, 7)::int > lo
        RETURNING id, agreement_id, proposed_on, title)
    SELECT * FROM d;
    -- the parties on the decision date; the second decision misses one
    INSERT INTO s22a.consent (decision_id, party_code, given_on, form)
    SELECT d.id, p.party_code, d.proposed_on + 7, 'letter'
    FROM new_decision d, s22a.parties_on(d.agreement_id, d.proposed_on) AS p(party_code)
    WHERE d.title LIKE 'Variation 0 %' OR p.party_code NOT LIKE 'PCC-%';
END $$;

CREATE TABLE bench.scale_time (size int, kind text, what text, ms numeric, PRIMARY KEY (size, what));

CREATE PROCEDURE bench.measure() LANGUAGE plpgsql AS $$
DECLARE
    n int := (SELECT count(*) FROM s22a.agreement WHERE ref LIKE 'SCALE-%');
    one bigint := (SELECT id FROM s22a.agreement WHERE ref = 'SCALE-00100');
BEGIN
    -- one untimed run first: the session's caches and plans, and the pages read
    PERFORM sum(amount) FROM s22a.cost_allocation;
    PERFORM sum(outstanding) FROM s22a.cost_balance;
    PERFORM count(*) FROM s22a.outstanding_consents;
    INSERT INTO bench.scale_time VALUES
    (n, 'single', 'cost_allocation, one agreement-year',
     bench.best_ms($q$SELECT sum(amount) FROM s22a.cost_allocation WHERE agreement_ref = 'SCALE-00100' AND fiscal_year = '2019/20'$q$, 5)),
    (n, 'single', 'cost_balance, one agreement',
     bench.best_ms($q$SELECT sum(outstanding) FROM s22a.cost_balance WHERE agreement_ref = 'SCALE-00100'$q$, 5)),
    (n, 'single', 'one agreement''s decisions',
     bench.best_ms(format($q$SELECT count(*) FROM s22a.decision WHERE agreement_id = %s$q$, one), 5)),
    (n, 'single', 'its outstanding consents',
     bench.best_ms($q$SELECT count(*) FROM s22a.outstanding_consents WHERE agreement_ref = 'SCALE-00100'$q$, 5)),
    (n, 'single', 'one row''s history (audit_log)',
     bench.best_ms(format($q$SELECT count(*) FROM s22a.audit_log WHERE table_name = 'agreement' AND row_key = 'id=%s'$q$, one), 5)),
    (n, 'whole', 'cost_allocation, whole register',
     bench.best_ms($q$SELECT sum(amount) FROM s22a.cost_allocation$q$, 3)),
    (n, 'whole', 'cost_balance, whole register',
     bench.best_ms($q$SELECT sum(outstanding) FROM s22a.cost_balance$q$, 3)),
    (n, 'whole', 'outstanding_consents, whole register',
     bench.best_ms($q$SELECT count(*) FROM s22a.outstanding_consents$q$, 3));
END $$;

CALL bench.grow(250);
ANALYZE;
CALL bench.measure();
CALL bench.grow(1000);
ANALYZE;
CALL bench.measure();
CALL bench.grow(4000);
ANALYZE;
CALL bench.measure();

SELECT (SELECT count(*) FROM agreement) AS agreements, (SELECT count(*) FROM budget) AS "budget lines",
       (SELECT count(*) FROM decision) AS decisions, (SELECT count(*) FROM consent) AS consents,
       (SELECT count(*) FROM audit_log) AS "audit log rows";

-- each read's time per size and its growth per step (x4 agreements)
SELECT t.what AS read,
       max(ms) FILTER (WHERE size = 250) AS "250 ms",
       max(ms) FILTER (WHERE size = 1000) AS "1,000 ms",
       max(ms) FILTER (WHERE size = 4000) AS "4,000 ms",
       round(max(ms) FILTER (WHERE size = 1000) / nullif(max(ms) FILTER (WHERE size = 250), 0), 1) AS "x 250->1,000",
       round(max(ms) FILTER (WHERE size = 4000) / nullif(max(ms) FILTER (WHERE size = 1000), 0), 1) AS "x 1,000->4,000",
       CASE WHEN t.kind = 'single' THEN 'flat: <= 1.3' ELSE 'linear: <= 4.6' END AS target,
       CASE WHEN greatest(max(ms) FILTER (WHERE size = 1000) / nullif(max(ms) FILTER (WHERE size = 250), 0),
                          max(ms) FILTER (WHERE size = 4000) / nullif(max(ms) FILTER (WHERE size = 1000), 0))
                 <= CASE WHEN t.kind = 'single' THEN 1.3 ELSE 4.6 END
                 -- sub-millisecond reads are within timer noise
                 OR (t.kind = 'single' AND max(ms) FILTER (WHERE size = 4000) < 1)
            THEN 'ok' ELSE 'MISSED' END AS verdict
FROM bench.scale_time t
GROUP BY t.kind, t.what ORDER BY t.kind DESC, t.what;

-- ---------------------------------------------------------------------------
-- The audit_log (table_name, row_key) index, decided with figures
-- ---------------------------------------------------------------------------
CREATE TEMP TABLE audit_batch (decision_id bigint, n bigint);
WITH d AS (
    INSERT INTO decision (agreement_id, kind, title, proposed_on)
    SELECT a.id, 'variation', 'Audit bench ' || g || ' of ' || a.ref, date '2020-01-06'
    FROM agreement a, generate_series(1, 2) g WHERE a.ref LIKE 'SCALE-%' RETURNING id)
INSERT INTO audit_batch SELECT id, row_number() OVER (ORDER BY id) FROM d;
ANALYZE audit_batch;
-- 2,000 decisions x their parties: two bulk inserts of consents, one per arm
CREATE TEMP TABLE audit_figures (arm text, history_ms numeric, one_write_ms numeric, bulk_ms numeric, bulk_rows bigint);
CREATE PROCEDURE bench.audit_arm(arm text, lo int, hi int) LANGUAGE plpgsql AS $$
DECLARE
    one bigint := (SELECT id FROM s22a.agreement WHERE ref = 'SCALE-00100');
    t0 timestamptz;
    bulk numeric;
    rows bigint;
BEGIN
    t0 := clock_timestamp();
    INSERT INTO s22a.consent (decision_id, party_code, given_on, form)
    SELECT b.decision_id, p.party_code, date '2020-01-10', 'email'
    FROM audit_batch b JOIN s22a.decision d ON d.id = b.decision_id,
         s22a.parties_on(d.agreement_id, d.proposed_on) p(party_code)
    WHERE b.n BETWEEN lo AND hi;
    GET DIAGNOSTICS rows = ROW_COUNT;
    bulk := round(extract(epoch FROM clock_timestamp() - t0) * 1000, 1);
    INSERT INTO audit_figures VALUES (arm,
        bench.best_ms(format($q$SELECT count(*) FROM s22a.audit_log WHERE table_name = 'agreement' AND row_key = 'id=%s'$q$, one), 5),
        bench.best_ms(format($q$UPDATE s22a.agreement SET review_on = date '2030-01-01' + (random() * 100)::int WHERE id = %s$q$, one), 20),
        bulk, rows);
END $$;
CALL bench.audit_arm('with audit_log_row (table_name, row_key)', 1, 4000);
DROP INDEX audit_log_row;
CALL bench.audit_arm('without it', 4001, 8000);
CREATE INDEX audit_log_row ON audit_log (table_name, row_key);
SELECT arm AS "audit_log", (SELECT count(*) FROM audit_log) AS "log rows now", history_ms AS "one row's history ms",
       one_write_ms AS "one-row UPDATE ms", bulk_rows AS "bulk consents", bulk_ms AS "bulk insert ms"
FROM audit_figures;
