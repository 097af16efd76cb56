-- scenario 2: a force (both its corporations sole) leaves draft M1..M3 on
-- 1 January 2017 or comes back; BED and CAM stay, so every year has forces
\set a random(1, 3)
\set f random(1, 5)
\if :client_id >= 6
BEGIN ISOLATION LEVEL REPEATABLE READ;
\else
BEGIN;
\endif
SELECT conc.toggle_member(:a, (ARRAY['ESX', 'HER', 'KEN', 'NOR', 'SUF'])[:f]);
COMMIT;
