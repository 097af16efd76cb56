-- scenario 2: finance reads cost_allocation and cost_shares of M1..M3
-- while membership and measures change; every line must add up
\if :client_id >= 6
BEGIN ISOLATION LEVEL REPEATABLE READ;
\else
BEGIN;
\endif
SELECT conc.read_costs();
COMMIT;
