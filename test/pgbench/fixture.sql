-- test/pgbench/fixture.sql — the register test/concurrency.sh loads before
-- pgbench runs; :pool (decisions per racing pair) is set by the caller.
-- Seven forces, 14 corporations sole; every agreement is a draft (membership
-- of a draft may change freely, so the membership scripts need no decisions).
CREATE SCHEMA conc;
INSERT INTO s22a.force (code, name)
SELECT f, 'Force ' || f FROM unnest(ARRAY['BED', 'CAM', 'ESX', 'HER', 'KEN', 'NOR', 'SUF']) AS f;
INSERT INTO s22a.party (code, force_code, kind, title)
SELECT 'CC-' || code, code, 'chief_officer'::s22a.party_kind, 'Chief Constable ' || code FROM s22a.force
UNION ALL
SELECT 'PCC-' || code, code, 'policing_body', 'PCC ' || code FROM s22a.force;
CREATE TABLE conc.party_no AS
SELECT row_number() OVER (ORDER BY code COLLATE "C") - 1 AS n, code::text AS code FROM s22a.party;

-- C1..C4: consents and makes (scenario 1); M1..M3: membership and costs
-- (scenario 2); R: racing pairs and the two-session checks (scenario 3)
INSERT INTO s22a.agreement (ref, title, commences_on, expires_on)
SELECT r, 'Concurrency ' || r, '2015-10-22', '2030-03-31'
  FROM unnest(ARRAY['C1', 'C2', 'C3', 'C4', 'M1', 'M2', 'M3', 'R']) AS r;
INSERT INTO s22a.agreement_party (agreement_id, party_code)
SELECT a.id, p.code FROM s22a.agreement a, s22a.party p;

-- Scenario 1: :per_agreement decisions per agreement.  Even: in principle at the
-- meeting of Tuesday 8 March 2016, notice a week before, affecting the two
-- parties of one force (their consents, at the meeting or in writing);
-- odd: a variation outside the meetings (all 14 parties, in writing).
CREATE TABLE conc.pool (n int PRIMARY KEY, decision_id bigint NOT NULL);
WITH d AS (
    INSERT INTO s22a.decision (agreement_id, kind, title, proposed_on, meeting_on, notice_given_on)
    SELECT a.id,
           CASE WHEN g % 2 = 0 THEN 'in_principle' ELSE 'variation' END::s22a.decision_kind,
           a.ref || ' decision ' || g, '2016-03-01',
           CASE WHEN g % 2 = 0 THEN date '2016-03-08' END,
           CASE WHEN g % 2 = 0 THEN date '2016-03-01' END
      FROM s22a.agreement a, generate_series(0, :per_agreement - 1) g
     WHERE a.ref LIKE 'C_'
    RETURNING id)
INSERT INTO conc.pool SELECT row_number() OVER (ORDER BY id) - 1, id FROM d;
INSERT INTO s22a.decision_impact (decision_id, party_code)
SELECT d.id, p.code
  FROM s22a.decision d JOIN conc.pool c ON c.decision_id = d.id
  JOIN s22a.party p ON p.force_code = (ARRAY['BED', 'CAM', 'ESX', 'HER', 'KEN', 'NOR', 'SUF'])[1 + c.n % 7]
 WHERE d.kind = 'in_principle';

-- Scenario 3: per pair of clients, :pool in principle decisions at the
-- meeting of 8 March 2016, each affecting one party that has consented at
-- the meeting: ready to be made, raced by the two clients of the pair.
CREATE TABLE conc.race_pool (pair int, decision_id bigint PRIMARY KEY);
WITH d AS (
    INSERT INTO s22a.decision (agreement_id, kind, title, proposed_on, meeting_on, notice_given_on)
    SELECT a.id, 'in_principle', 'race ' || p || '/' || g, '2016-03-01', '2016-03-08', '2016-03-01'
      FROM s22a.agreement a, generate_series(0, 3) p, generate_series(1, :pool) g
     WHERE a.ref = 'R'
    RETURNING id, title)
INSERT INTO conc.race_pool SELECT split_part(substr(title, 6), '/', 1)::int, id FROM d;
INSERT INTO s22a.decision_impact (decision_id, party_code)
SELECT r.decision_id, (SELECT code FROM conc.party_no WHERE n = r.decision_id % 14) FROM conc.race_pool r;
INSERT INTO s22a.consent (decision_id, party_code, given_on, form, reference)
SELECT r.decision_id, (SELECT code FROM conc.party_no WHERE n = r.decision_id % 14), '2016-03-08', 'meeting', 'fixture'
  FROM conc.race_pool r;
CREATE INDEX ON conc.race_pool (pair, decision_id);

-- Scenario 2: costs of M1..M3 for 2016/17-2018/19: a 50/50 blend of NRE and
-- demand, two budget lines each, measures for every force.
INSERT INTO s22a.force_measure (force_code, fiscal_year, measure, value)
SELECT f.code, y::s22a.fiscal_year, m, 1000000 + 7919 * (ascii(substr(f.code, 1, 1)) + ascii(substr(f.code, 2, 1))) + length(y)
  FROM s22a.force f, unnest(ARRAY['2016/17', '2017/18', '2018/19']) y, unnest(ARRAY['nre', 'demand']) m;
INSERT INTO s22a.cost_basis (agreement_id, fiscal_year, business_area, measure, weight)
SELECT a.id, y::s22a.fiscal_year, '', m, 0.5
  FROM s22a.agreement a, unnest(ARRAY['2016/17', '2017/18', '2018/19']) y, unnest(ARRAY['nre', 'demand']) m
 WHERE a.ref LIKE 'M_';
INSERT INTO s22a.budget (agreement_id, fiscal_year, business_area, line, amount)
SELECT a.id, y::s22a.fiscal_year, '', l, amt
  FROM s22a.agreement a, unnest(ARRAY['2016/17', '2017/18', '2018/19']) y,
       (VALUES ('programme', 1234567.89), ('consultancy', 98765.43)) AS b(l, amt)
 WHERE a.ref LIKE 'M_';

-- What the clients did, one row per transaction (inserts do not contend).
CREATE TABLE conc.outcome (
    script text NOT NULL,
    decision_id bigint,
    result text NOT NULL,       -- made / refused / inserted / updated / checked
    detail text,                -- the refusing rule (constraint name)
    n bigint NOT NULL DEFAULT 1 -- rows changed or checked
);

-- Each attempt runs in a PL/pgSQL block so a rule refusal (23514) is
-- recorded as an outcome instead of aborting the pgbench client; any other
-- error (40001, 40P01) propagates and pgbench retries it (--max-tries).
CREATE FUNCTION conc.try_make(d bigint, script text) RETURNS void LANGUAGE plpgsql SET search_path = s22a, public AS $$
DECLARE c text;
BEGIN
    UPDATE s22a.decision SET state = 'made' WHERE id = d;
    INSERT INTO conc.outcome VALUES (script, d, 'made', NULL);
EXCEPTION WHEN check_violation THEN
    GET STACKED DIAGNOSTICS c = CONSTRAINT_NAME;
    INSERT INTO conc.outcome VALUES (script, d, 'refused', c);
END $$;

CREATE FUNCTION conc.try_consent(d bigint, p text, f s22a.consent_form) RETURNS void LANGUAGE plpgsql SET search_path = s22a, public AS $$
DECLARE c text;
BEGIN
    INSERT INTO s22a.consent (decision_id, party_code, given_on, form)
    VALUES (d, p, '2016-03-02', f) ON CONFLICT DO NOTHING;
    IF FOUND THEN
        INSERT INTO conc.outcome VALUES ('consent', d, 'inserted', NULL);
    ELSE
        INSERT INTO conc.outcome VALUES ('consent', d, 'duplicate', NULL);
    END IF;
EXCEPTION WHEN check_violation THEN
    GET STACKED DIAGNOSTICS c = CONSTRAINT_NAME;
    INSERT INTO conc.outcome VALUES ('consent', d, 'refused', c);
END $$;

-- the two clients of a pair both take the lowest decision of their pool
-- still proposed, so they race for the same row
CREATE FUNCTION conc.race(pair int) RETURNS void LANGUAGE plpgsql SET search_path = s22a, public AS $$
DECLARE d bigint;
BEGIN
    SELECT r.decision_id INTO d
      FROM conc.race_pool r JOIN s22a.decision x ON x.id = r.decision_id
     WHERE r.pair = race.pair AND x.state = 'proposed'
     ORDER BY r.decision_id LIMIT 1;
    IF d IS NOT NULL THEN
        PERFORM conc.try_make(d, 'race');
    END IF;
END $$;

-- a draft's membership: force f leaves on 1 January 2017 / is back
CREATE FUNCTION conc.toggle_member(a int, f text) RETURNS void LANGUAGE plpgsql SET search_path = s22a, public AS $$
DECLARE n bigint;
BEGIN
    UPDATE s22a.agreement_party ap
       SET leaves_on = CASE WHEN ap.leaves_on IS NULL THEN date '2017-01-01' END
      FROM s22a.agreement g
     WHERE g.id = ap.agreement_id AND g.ref = 'M' || a
       AND ap.party_code IN ('CC-' || f, 'PCC-' || f);
    GET DIAGNOSTICS n = ROW_COUNT;
    INSERT INTO conc.outcome VALUES ('membership', NULL, 'updated', NULL, n);
END $$;

CREATE FUNCTION conc.bump_measure(f text, y text, m text, delta numeric) RETURNS void LANGUAGE plpgsql SET search_path = s22a, public AS $$
DECLARE n bigint;
BEGIN
    UPDATE s22a.force_measure SET value = value + delta
     WHERE force_code = f AND fiscal_year = y::s22a.fiscal_year AND measure = m;
    GET DIAGNOSTICS n = ROW_COUNT;
    INSERT INTO conc.outcome VALUES ('measure', NULL, 'updated', NULL, n);
END $$;

-- every line of cost_allocation of M1..M3 must add up to its budget line,
-- and every budget line must be there, in one snapshot
CREATE FUNCTION conc.read_costs() RETURNS void LANGUAGE plpgsql SET search_path = s22a, public AS $$
DECLARE lines bigint; bad bigint; missing bigint; shares_bad bigint;
BEGIN
    SELECT count(*), count(*) FILTER (WHERE c.total IS DISTINCT FROM b.amount),
           count(*) FILTER (WHERE c.total IS NULL)
      INTO lines, bad, missing
      FROM s22a.budget b JOIN s22a.agreement a ON a.id = b.agreement_id
      LEFT JOIN (SELECT agreement_ref, fiscal_year, business_area, line, sum(amount) AS total
                   FROM s22a.cost_allocation WHERE agreement_ref LIKE 'M_'
                  GROUP BY 1, 2, 3, 4) c
        ON c.agreement_ref = a.ref AND c.fiscal_year = b.fiscal_year::text
       AND c.business_area = b.business_area AND c.line = b.line
     WHERE a.ref LIKE 'M_';
    SELECT count(*) INTO shares_bad
      FROM s22a.agreement a, unnest(ARRAY['2016/17', '2017/18', '2018/19']) y
     WHERE a.ref LIKE 'M_'
       AND (SELECT sum(v) FROM s22a.shares(s22a.cost_shares(a.id, y::s22a.fiscal_year)) AS s(k, v)) <> 100.0;
    INSERT INTO conc.outcome VALUES ('read_costs', NULL, 'checked',
        CASE WHEN bad + shares_bad > 0 THEN format('%s lines wrong, %s missing, %s share sets not 100', bad, missing, shares_bad) END,
        lines);
END $$;

ANALYZE;
