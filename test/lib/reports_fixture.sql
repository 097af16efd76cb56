-- test/lib/reports_fixture.sql — a small register with dates relative to
-- today, shared by the reporting-view tests (sql/reports.sql, which shows
-- the views' output, and test/reports.sql, which asserts it).  Run inside
-- the caller's transaction with search_path = s22a, public.
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
-- variation (written consent of every party, Seven Force agreement,
-- clauses 3.5 and 6.2); for an in-principle
-- or budget decision at a meeting it does
INSERT INTO consent (decision_id, party_code, given_on, form, reference)
SELECT id, 'PCC-BED', CURRENT_DATE - 1, 'letter'::consent_form, 'letter of PCC-BED' FROM decision WHERE title = 'Add Essex to JPS'
UNION ALL
SELECT id, 'PCC-CAM', CURRENT_DATE - 1, 'meeting', 'board minutes' FROM decision WHERE title = 'Add Essex to JPS'
UNION ALL
SELECT id, 'PCC-BED', CURRENT_DATE - 1, 'meeting', 'board minutes' FROM decision WHERE title = 'Consultancy budget';
