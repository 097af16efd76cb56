-- bench/30_consents.sql — bulk insert of 20,000 consents through the rule
-- triggers (decision not made, party a member on the decision date: one
-- decision and membership lookup per decision per statement) against the
-- same insert into an identical table with the same keys and foreign keys
-- but no triggers (target: at most 2 times slower).  Consents are never
-- deleted, so each of the 5 runs inserts a fresh batch of decisions.
INSERT INTO s22a.force (code, name)
SELECT f, 'Force ' || f FROM unnest(ARRAY['BED', 'CAM', 'ESX', 'HER', 'KEN', 'NOR', 'SUF']) AS f;
INSERT INTO s22a.party (code, force_code, kind, title)
SELECT 'CC-' || code, code, 'chief_officer'::s22a.party_kind, 'Chief Constable ' || code FROM s22a.force
UNION ALL
SELECT 'PCC-' || code, code, 'policing_body', 'PCC ' || code FROM s22a.force;
INSERT INTO s22a.agreement (ref, title, commences_on, expires_on)
VALUES ('7F-bench', 'Seven Force Strategic Collaboration', '2015-10-22', '2030-03-31');
INSERT INTO s22a.agreement_party (agreement_id, party_code)
SELECT a.id, p.code FROM s22a.agreement a, s22a.party p WHERE a.ref = '7F-bench';

-- 1,429 decisions per batch x 14 parties = 20,006 rows; 6 batches (one to warm up)
CREATE TABLE bench.consent_batch (batch int, decision_id bigint);
WITH d AS (
    INSERT INTO s22a.decision (agreement_id, kind, title, proposed_on)
    SELECT a.id, 'variation', 'Bench ' || g, date '2016-01-04' + (g % 1500)
      FROM s22a.agreement a, generate_series(0, 6 * 1429 - 1) AS g WHERE a.ref = '7F-bench'
    RETURNING id)
INSERT INTO bench.consent_batch SELECT (row_number() OVER (ORDER BY id) - 1) / 1429, id FROM d;
CREATE INDEX ON bench.consent_batch (batch);
ANALYZE bench.consent_batch;

CREATE TABLE bench.consent_plain (LIKE s22a.consent INCLUDING ALL);
ALTER TABLE bench.consent_plain
    ADD FOREIGN KEY (decision_id) REFERENCES s22a.decision,
    ADD FOREIGN KEY (party_code) REFERENCES s22a.party;
CREATE SEQUENCE bench.batch_rules;
CREATE SEQUENCE bench.batch_plain;   -- both start at batch 1

-- warm-up (batch 0, both); the consents are dated after every decision was
-- proposed (2016-01-04 to 2020-02-12), as consent_date requires
INSERT INTO s22a.consent SELECT b.decision_id, p.code, date '2020-03-01', 'letter', NULL
  FROM bench.consent_batch b, s22a.party p WHERE b.batch = 0;
INSERT INTO bench.consent_plain SELECT b.decision_id, p.code, date '2020-03-01', 'letter', NULL
  FROM bench.consent_batch b, s22a.party p WHERE b.batch = 0;

CREATE TEMP TABLE consent_times AS SELECT
    bench.best_ms($$INSERT INTO s22a.consent SELECT b.decision_id, p.code, date '2020-03-01', 'letter', NULL
                     FROM bench.consent_batch b, s22a.party p
                    WHERE b.batch = (SELECT nextval('bench.batch_rules'))$$, 5) AS with_rules_ms,
    bench.best_ms($$INSERT INTO bench.consent_plain SELECT b.decision_id, p.code, date '2020-03-01', 'letter', NULL
                     FROM bench.consent_batch b, s22a.party p
                    WHERE b.batch = (SELECT nextval('bench.batch_plain'))$$, 5) AS plain_ms;

SELECT (SELECT count(*) FROM s22a.consent) AS consents_with_rules,
       (SELECT count(*) FROM bench.consent_plain) AS consents_plain,
       with_rules_ms, plain_ms,
       bench.ratio(with_rules_ms, plain_ms) AS ratio_target_max_2
  FROM consent_times;
