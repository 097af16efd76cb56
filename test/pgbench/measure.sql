-- scenario 2: a force's NRE or demand for a year is revised
\set f random(1, 7)
\set y random(1, 3)
\set m random(1, 2)
\set delta random(-500, 1000)
\if :client_id >= 6
BEGIN ISOLATION LEVEL REPEATABLE READ;
\else
BEGIN;
\endif
SELECT conc.bump_measure((ARRAY['BED', 'CAM', 'ESX', 'HER', 'KEN', 'NOR', 'SUF'])[:f],
                         (ARRAY['2016/17', '2017/18', '2018/19'])[:y],
                         (ARRAY['nre', 'demand'])[:m], :delta);
COMMIT;
