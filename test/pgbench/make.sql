-- scenario 1: try to make a decision of C1..C4 (refused while consents are
-- missing; refused as final once made)
\set d random(0, :npool - 1)
\if :client_id >= 6
BEGIN ISOLATION LEVEL REPEATABLE READ;
\else
BEGIN;
\endif
SELECT conc.try_make((SELECT decision_id FROM conc.pool WHERE n = :d), 'make');
COMMIT;
