-- Reporting views (DESIGN.md §6): register, upcoming(), outstanding_consents.
-- The fixture's dates are relative to today, since the views report "today".
BEGIN;
SELECT plan(17);
SET LOCAL search_path = s22a, public;
SET LOCAL client_min_messages = warning;

INSERT INTO force (code, name) VALUES
    ('BED', 'Bedfordshire Police'), ('CAM', 'Cambridgeshire Constabulary'),
    ('HER', 'Hertfordshire Constabulary');
INSERT INTO party (code, force_code, kind, title)
SELECT 'CC-' || code, code, 'chief_officer'::party_kind, 'Chief Constable of ' || name FROM force
WHERE code IN ('BED', 'CAM', 'HER')
UNION ALL
SELECT 'PCC-' || code, code, 'policing_body',
       'Police and Crime Commissioner for ' || regexp_replace(name, ' (Police|Constabulary)$', '')
FROM force WHERE code IN ('BED', 'CAM', 'HER');

CREATE TEMP TABLE fixture_agreement (ref text, title text, parent text, lead text,
    commences int, expires int, review int, executed int, parties text[]);
INSERT INTO fixture_agreement VALUES
    -- umbrella in force; Hertfordshire leaves on notice in 60 days
    ('JPS', 'Joint Protective Services', NULL, 'BED', -1000, 100, 30, -1005,
     '{CC-BED,PCC-BED,CC-CAM,PCC-CAM,CC-HER,PCC-HER}'),
    -- an annex; its review date has passed
    ('JPS-AP', 'Armed Policing (annex)', 'JPS', 'BED', -900, NULL, -10, -905,
     '{CC-BED,PCC-BED,CC-CAM,PCC-CAM}'),
    -- signed term ended 30 days ago; renewed to day +150 before it ran out
    ('7F', 'Strategic Collaboration Programme', NULL, NULL, -2000, -30, 200, -2005,
     '{PCC-BED,PCC-CAM}'),
    -- open ended, terminated by decision: last day in force is day +20
    ('SOH', 'Single Online Home', NULL, NULL, -500, NULL, NULL, -505,
     '{PCC-BED,PCC-HER}'),
    -- expired long ago; its review falls today
    ('OLD', 'Regional Procurement', NULL, NULL, -3000, -400, 0, -3005,
     '{PCC-BED,PCC-CAM}'),
    -- executed, commences in 45 days
    ('PEND', 'Shared Custody', NULL, NULL, 45, 3000, NULL, -5,
     '{PCC-CAM,PCC-HER}'),
    -- a draft, never executed
    ('DRAFT', 'Joint Firearms Licensing', NULL, NULL, 90, 400, NULL, NULL,
     '{PCC-BED}');

INSERT INTO agreement (ref, title, lead_force, commences_on, expires_on, review_on, withdrawal_notice)
SELECT f.ref, f.title, f.lead, CURRENT_DATE + f.commences, CURRENT_DATE + f.expires,
       CURRENT_DATE + f.review, interval '12 months'
FROM fixture_agreement f;
UPDATE agreement a SET parent_id = p.id
FROM fixture_agreement f JOIN agreement p ON p.ref = f.parent WHERE f.ref = a.ref;
INSERT INTO agreement_party (agreement_id, party_code, signed_on, declared_on)
SELECT a.id, party, CURRENT_DATE + f.executed - 5, CURRENT_DATE + f.executed - 5
FROM fixture_agreement f JOIN agreement a USING (ref), unnest(f.parties) AS party;
UPDATE agreement a SET executed_on = CURRENT_DATE + f.executed
FROM fixture_agreement f WHERE f.ref = a.ref AND f.executed IS NOT NULL;

-- Hertfordshire's two withdraw from JPS together, 12 months' notice
INSERT INTO withdrawal (agreement_id, party_code, notice_given_on, effective_on)
SELECT a.id, p, CURRENT_DATE - 330, CURRENT_DATE + 60
FROM agreement a, unnest('{CC-HER,PCC-HER}'::text[]) AS p WHERE a.ref = 'JPS';

-- made decisions: 7F renewed in writing by both parties; SOH terminated
INSERT INTO decision (agreement_id, kind, title, proposed_on, new_expiry)
SELECT id, 'renewal'::decision_kind, 'Extend the programme', CURRENT_DATE - 60, CURRENT_DATE + 150
FROM agreement WHERE ref = '7F'
UNION ALL
SELECT id, 'termination', 'Close the Single Online Home agreement', CURRENT_DATE - 40, CURRENT_DATE + 20
FROM agreement WHERE ref = 'SOH';
INSERT INTO consent (decision_id, party_code, given_on, form, reference)
SELECT d.id, ap.party_code, d.proposed_on, 'letter', 'letter of ' || ap.party_code
FROM decision d JOIN agreement_party ap USING (agreement_id);
UPDATE decision SET state = 'made', made_on = proposed_on + 1;

-- proposed decisions still gathering consent
INSERT INTO decision (agreement_id, kind, title, proposed_on, meeting_on, notice_given_on)
SELECT id, 'variation'::decision_kind, 'Add Essex to JPS', CURRENT_DATE - 2, NULL::date, NULL::date FROM agreement WHERE ref = 'JPS'
UNION ALL
SELECT id, 'in_principle', 'Pool armed response vehicles', CURRENT_DATE - 2, CURRENT_DATE + 10, CURRENT_DATE + 2
FROM agreement WHERE ref = 'JPS-AP'
UNION ALL
SELECT id, 'budget', 'Consultancy budget', CURRENT_DATE - 2, CURRENT_DATE + 12, CURRENT_DATE + 2
FROM agreement WHERE ref = '7F'
UNION ALL
SELECT id, 'variation', 'Rejected variation', CURRENT_DATE - 2, NULL, NULL FROM agreement WHERE ref = 'SOH';
UPDATE decision SET state = 'rejected' WHERE title = 'Rejected variation';
INSERT INTO decision_impact (decision_id, party_code)
SELECT id, 'PCC-CAM' FROM decision WHERE title IN ('Pool armed response vehicles', 'Consultancy budget')
UNION ALL
SELECT id, 'PCC-BED' FROM decision WHERE title = 'Consultancy budget';
-- consents: a letter counts; a meeting consent does not count for a
-- variation (written consent of every party, seed 003); for an in-principle
-- or budget decision at a meeting it does
INSERT INTO consent (decision_id, party_code, given_on, form, reference)
SELECT id, 'PCC-BED', CURRENT_DATE - 1, 'letter'::consent_form, 'letter of PCC-BED' FROM decision WHERE title = 'Add Essex to JPS'
UNION ALL
SELECT id, 'PCC-CAM', CURRENT_DATE - 1, 'meeting', 'board minutes' FROM decision WHERE title = 'Add Essex to JPS'
UNION ALL
SELECT id, 'PCC-BED', CURRENT_DATE - 1, 'meeting', 'board minutes' FROM decision WHERE title = 'Consultancy budget';

-- ---------------------------------------------------------------------------
-- register
-- ---------------------------------------------------------------------------
SELECT results_eq(
    $$SELECT ref, parent_ref, lead_force, forces_today, status_today,
             commences_on - CURRENT_DATE, effective_expiry - CURRENT_DATE,
             next_review - CURRENT_DATE, executed_on - CURRENT_DATE
      FROM register ORDER BY ref COLLATE "C"$$,
    $$VALUES ('7F', NULL, NULL, 'BED, CAM', 'in_force', -2000, 150, 200, -2005),
             ('DRAFT', NULL, NULL, NULL, 'draft', 90, 400, NULL, NULL),
             ('JPS', NULL, 'BED', 'BED, CAM, HER', 'in_force', -1000, 100, 30, -1005),
             ('JPS-AP', 'JPS', 'BED', 'BED, CAM', 'in_force', -900, NULL, NULL, -905),
             ('OLD', NULL, NULL, 'BED, CAM', 'expired', -3000, -400, 0, -3005),
             ('PEND', NULL, NULL, NULL, 'pending', 45, 3000, NULL, -5),
             ('SOH', NULL, NULL, 'BED, HER', 'in_force', -500, 20, NULL, -505)$$,
    'register: one row per agreement, as it stands today');
SELECT is((SELECT effective_expiry FROM register WHERE ref = '7F'), CURRENT_DATE + 150,
    'register: the renewal moved 7F''s expiry past its signed end (30 days ago), so it is in force');
SELECT is((SELECT next_review FROM register WHERE ref = 'OLD'), CURRENT_DATE,
    'register: a review falling today is still the next review');
SELECT is((SELECT next_review FROM register WHERE ref = 'JPS-AP'), NULL::date,
    'register: a review date that has passed is not a next review');
SELECT is((SELECT forces_today FROM register WHERE ref = 'OLD'), 'BED, CAM',
    'register: an expired agreement still has its forces');

-- ---------------------------------------------------------------------------
-- upcoming
-- ---------------------------------------------------------------------------
SELECT results_eq(
    $$SELECT due_on - CURRENT_DATE, agreement_ref, event FROM upcoming()$$,
    $$VALUES (0, 'OLD', 'review'), (20, 'SOH', 'expiry'), (30, 'JPS', 'review'),
             (60, 'JPS', 'withdrawal'), (60, 'JPS', 'withdrawal'),
             (100, 'JPS', 'expiry'), (150, '7F', 'expiry')$$,
    'upcoming: six months of reviews, expiries and withdrawals by date; not the 7F review on day 200 nor the draft''s expiry on day 400');
SELECT results_eq(
    $$SELECT detail FROM upcoming() WHERE event <> 'review'$$,
    ARRAY['last day in force of Single Online Home: terminated by decision',
          format('CC-HER (Chief Constable of Hertfordshire Constabulary) withdraws on notice given %s; no longer a party from this day', CURRENT_DATE - 330),
          format('PCC-HER (Police and Crime Commissioner for Hertfordshire) withdraws on notice given %s; no longer a party from this day', CURRENT_DATE - 330),
          'last day in force of Joint Protective Services',
          format('last day in force of Strategic Collaboration Programme, as renewed (signed term ended %s)', CURRENT_DATE - 30)],
    'upcoming: the detail tells a termination from a renewal from a plain expiry');
SELECT results_eq($$SELECT agreement_ref, event FROM upcoming('25 days')$$,
    $$VALUES ('OLD', 'review'), ('SOH', 'expiry')$$,
    'upcoming(''25 days''): only what falls due in 25 days');
SELECT results_eq($$SELECT due_on, agreement_ref FROM upcoming('0 days')$$,
    $$VALUES (CURRENT_DATE, 'OLD')$$,
    'upcoming(''0 days''): what falls due today');
SELECT is((SELECT count(*) FROM upcoming('1 day') WHERE agreement_ref = 'JPS-AP'), 0::bigint,
    'upcoming: a review 10 days ago is not upcoming');
SELECT throws_ok($$SELECT * FROM upcoming('-1 month')$$, '22023',
    'invalid window for upcoming(): -1 mons', 'upcoming: a negative window is refused');

-- ---------------------------------------------------------------------------
-- outstanding_consents
-- ---------------------------------------------------------------------------
SELECT results_eq(
    $$SELECT decision_title, kind, agreement_ref, decision_date - CURRENT_DATE,
             meeting_on - CURRENT_DATE, party_code, party_title
      FROM outstanding_consents ORDER BY decision_id, party_code COLLATE "C"$$,
    $$VALUES
      ('Add Essex to JPS', 'variation', 'JPS', -2, NULL::int, 'CC-BED', 'Chief Constable of Bedfordshire Police'),
      ('Add Essex to JPS', 'variation', 'JPS', -2, NULL, 'CC-CAM', 'Chief Constable of Cambridgeshire Constabulary'),
      ('Add Essex to JPS', 'variation', 'JPS', -2, NULL, 'CC-HER', 'Chief Constable of Hertfordshire Constabulary'),
      ('Add Essex to JPS', 'variation', 'JPS', -2, NULL, 'PCC-CAM', 'Police and Crime Commissioner for Cambridgeshire'),
      ('Add Essex to JPS', 'variation', 'JPS', -2, NULL, 'PCC-HER', 'Police and Crime Commissioner for Hertfordshire'),
      ('Pool armed response vehicles', 'in_principle', 'JPS-AP', 10, 10, 'PCC-CAM', 'Police and Crime Commissioner for Cambridgeshire'),
      ('Consultancy budget', 'budget', '7F', 12, 12, 'PCC-CAM', 'Police and Crime Commissioner for Cambridgeshire')$$,
    'outstanding_consents: every missing party of every proposed decision; PCC-CAM''s meeting consent does not count for a variation, PCC-BED''s does for a budget at a meeting');
SELECT is((SELECT count(*) FROM outstanding_consents
           WHERE decision_title IN ('Extend the programme', 'Close the Single Online Home agreement', 'Rejected variation')),
    0::bigint, 'outstanding_consents: made and rejected decisions are not listed');

INSERT INTO consent (decision_id, party_code, given_on, form, reference)
SELECT id, 'CC-BED', CURRENT_DATE, 'email', 'email of CC-BED' FROM decision WHERE title = 'Add Essex to JPS';
SELECT results_eq(
    $$SELECT party_code FROM outstanding_consents WHERE decision_title = 'Add Essex to JPS' ORDER BY party_code COLLATE "C"$$,
    ARRAY['CC-CAM', 'CC-HER', 'PCC-CAM', 'PCC-HER'],
    'outstanding_consents: a written consent takes the party off the list');

-- ---------------------------------------------------------------------------
-- BI tools show the comments: every view and view column has one
-- ---------------------------------------------------------------------------
SELECT is((SELECT count(*) FROM unnest(ARRAY['s22a.register'::regclass, 's22a.outstanding_consents'::regclass]) v
           WHERE obj_description(v, 'pg_class') IS NULL), 0::bigint,
    'every reporting view has a comment');
SELECT is((SELECT array_agg(attrelid::regclass || '.' || attname)
           FROM pg_attribute
           WHERE attrelid IN ('s22a.register'::regclass, 's22a.outstanding_consents'::regclass)
             AND attnum > 0 AND NOT attisdropped AND col_description(attrelid, attnum) IS NULL),
    NULL, 'every column of the reporting views has a comment');
SELECT isnt(obj_description('s22a.upcoming(interval)'::regprocedure, 'pg_proc'), NULL,
    'upcoming() has a comment');

SELECT * FROM finish();
ROLLBACK;
