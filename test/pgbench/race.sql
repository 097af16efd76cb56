-- scenario 3: the two clients of a pair (client_id / 2) make the same
-- ready decision at once; the pair of clients 6 and 7 runs REPEATABLE READ
\if :client_id >= 6
BEGIN ISOLATION LEVEL REPEATABLE READ;
\else
BEGIN;
\endif
SELECT conc.race(:client_id / 2);
COMMIT;
