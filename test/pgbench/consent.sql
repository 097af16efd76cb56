-- scenario 1: a party records its consent to a decision of C1..C4, at the
-- meeting or in writing (clients 6 and 7 run REPEATABLE READ)
\set d random(0, :npool - 1)
\set p random(0, 13)
\set f random(1, 3)
\if :client_id >= 6
BEGIN ISOLATION LEVEL REPEATABLE READ;
\else
BEGIN;
\endif
SELECT conc.try_consent((SELECT decision_id FROM conc.pool WHERE n = :d),
                        (SELECT code FROM conc.party_no WHERE n = :p),
                        (ARRAY['meeting', 'letter', 'email']::s22a.consent_form[])[:f]);
COMMIT;
