-- Reporting views (doc/reports.md): register, upcoming(), outstanding_consents.
-- The fixture's dates are relative to today, since the views report "today".
BEGIN;
SELECT plan(18);
SET LOCAL search_path = s22a, public;
SET LOCAL client_min_messages = warning;

\i test/lib/reports_fixture.sql

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
    $$VALUES (-10, 'JPS-AP', 'review overdue'), (0, 'OLD', 'review'), (20, 'SOH', 'expiry'), (30, 'JPS', 'review'),
             (60, 'JPS', 'withdrawal'), (60, 'JPS', 'withdrawal'),
             (100, 'JPS', 'expiry'), (150, '7F', 'expiry')$$,
    'upcoming: six months of reviews, expiries and withdrawals by date, and the annex''s review overdue since day -10; not the 7F review on day 200 nor the draft''s expiry on day 400');
SELECT results_eq(
    $$SELECT detail FROM upcoming() WHERE event NOT IN ('review', 'review overdue')$$,
    ARRAY['last day in force of Single Online Home: terminated by decision',
          format('CC-HER (Chief Constable of Hertfordshire Constabulary) withdraws on notice given %s; no longer a party from this day', CURRENT_DATE - 330),
          format('PCC-HER (Police and Crime Commissioner for Hertfordshire) withdraws on notice given %s; no longer a party from this day', CURRENT_DATE - 330),
          'last day in force of Joint Protective Services',
          format('last day in force of Strategic Collaboration Programme, as renewed (signed term ended %s)', CURRENT_DATE - 30)],
    'upcoming: the detail tells a termination from a renewal from a plain expiry');
SELECT results_eq($$SELECT agreement_ref, event FROM upcoming('25 days')$$,
    $$VALUES ('JPS-AP', 'review overdue'), ('OLD', 'review'), ('SOH', 'expiry')$$,
    'upcoming(''25 days''): only what falls due in 25 days');
SELECT results_eq($$SELECT due_on, agreement_ref FROM upcoming('0 days')$$,
    $$VALUES (CURRENT_DATE - 10, 'JPS-AP'), (CURRENT_DATE, 'OLD')$$,
    'upcoming(''0 days''): what falls due today');
SELECT results_eq($$SELECT event FROM upcoming('1 day') WHERE agreement_ref = 'JPS-AP'$$,
    ARRAY['review overdue'],
    'upcoming: a review 10 days ago of an agreement in force is listed as overdue, not as upcoming');
SELECT throws_ok($$SELECT * FROM upcoming('-1 month')$$, '22023',
    'invalid window for upcoming(): -1 mons', 'upcoming: a negative window is refused');
SELECT throws_ok($$SELECT * FROM upcoming('1000000 years')$$, '22023',
    'invalid window for upcoming(): 1000000 years', 'upcoming: a window past the last date is refused as 22023, not 22008');

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
