-- Reporting without surprises (doc/reports.md, "Connecting a reporting
-- tool"): what a reporting login with default settings (s22a not on its
-- search_path) reads and filters.
--   - every column of every view of schema s22a, and every column of
--     upcoming(), is of a built-in type: no driver meets a type it does not
--     know (psycopg 3 binary read s22a.fiscal_year as raw bytes; Npgsql
--     refuses such columns);
--   - the views' financial year is text in its canonical form: a literal,
--     a varchar parameter (what pgJDBC binds) and ORDER BY work without s22a
--     on the path, and text order is year order.
-- test/clients.sh runs the real clients (psycopg 2 and 3, pgJDBC).
BEGIN;
SELECT plan(9);

SET LOCAL search_path = s22a, public;
INSERT INTO force (code, name) VALUES ('BED', 'Bedfordshire Police'), ('CAM', 'Cambridgeshire Constabulary');
INSERT INTO party (code, force_code, kind, title) VALUES
    ('CC-BED', 'BED', 'chief_officer', 'CC Bedfordshire'), ('PCC-BED', 'BED', 'policing_body', 'PCC Bedfordshire'),
    ('CC-CAM', 'CAM', 'chief_officer', 'CC Cambridgeshire'), ('PCC-CAM', 'CAM', 'policing_body', 'PCC Cambridgeshire');
INSERT INTO agreement (ref, title, commences_on) VALUES ('RC', 'Reporting clients', '1999-04-01');
INSERT INTO agreement_party (agreement_id, party_code) SELECT id, code FROM agreement, party WHERE ref = 'RC';
INSERT INTO force_measure VALUES ('BED', '2016/17', 'nre', 100), ('CAM', '2016/17', 'nre', 300),
                                 ('BED', '2017/18', 'nre', 100), ('CAM', '2017/18', 'nre', 100),
                                 ('BED', '1999/00', 'nre', 100), ('CAM', '1999/00', 'nre', 100);
INSERT INTO cost_basis (agreement_id, fiscal_year, measure, weight)
SELECT id, y, 'nre', 1 FROM agreement, unnest(ARRAY['2017/18', '2016/17', '1999/00']::fiscal_year[]) y
WHERE ref = 'RC';
INSERT INTO budget (agreement_id, fiscal_year, line, amount)
SELECT id, y, 'programme', 1000.01 FROM agreement, unnest(ARRAY['2017/18', '2016/17', '1999/00']::fiscal_year[]) y
WHERE ref = 'RC';
INSERT INTO contribution (agreement_id, fiscal_year, force_code, kind, amount, description)
SELECT id, '2016/17', 'CAM', 'cash', 500.00, 'first instalment' FROM agreement WHERE ref = 'RC';

-- a reporting login's default path
SET LOCAL search_path = "$user", public;

SELECT is((SELECT string_agg(c.relname || '.' || a.attname || ' ' || format_type(a.atttypid, a.atttypmod), ', '
                             ORDER BY c.relname, a.attnum)
             FROM pg_catalog.pg_attribute a
             JOIN pg_catalog.pg_class c ON c.oid = a.attrelid
             JOIN pg_catalog.pg_type t ON t.oid = a.atttypid
            WHERE c.relnamespace = 's22a'::regnamespace AND c.relkind IN ('v', 'm')
              AND a.attnum > 0 AND NOT a.attisdropped
              AND t.typnamespace <> 'pg_catalog'::regnamespace),
    NULL, 'every column of every view of s22a is of a built-in type');
SELECT is((SELECT string_agg(t::regtype::text, ', ')
             FROM pg_catalog.pg_proc p, unnest(p.proallargtypes) t
            WHERE p.oid = 's22a.upcoming(interval)'::regprocedure
              AND (SELECT typnamespace FROM pg_catalog.pg_type WHERE oid = t) <> 'pg_catalog'::regnamespace),
    NULL, 'every column of upcoming() is of a built-in type');
SELECT is((SELECT DISTINCT pg_typeof(fiscal_year)::text FROM s22a.cost_allocation WHERE agreement_ref = 'RC'),
    'text', 'cost_allocation.fiscal_year is text');

SELECT is((SELECT sum(amount) FROM s22a.cost_allocation WHERE agreement_ref = 'RC' AND fiscal_year = '2016/17'),
    1000.01, 'cost_allocation filtered by a year literal with s22a off the path');
SELECT is((SELECT string_agg(force_code || '=' || amount, ', ' ORDER BY force_code)
             FROM s22a.cost_allocation WHERE agreement_ref = 'RC' AND fiscal_year = '2016/17'),
    'BED=250.00, CAM=750.01', 'the line split 25/75 by the year''s NRE, the odd penny to the larger share');
PREPARE reporting_clients_year(varchar, varchar) AS
    SELECT sum(amount) FROM s22a.cost_allocation WHERE agreement_ref = $1 AND fiscal_year = $2;
CREATE TEMP TABLE reporting_clients_bound ON COMMIT DROP AS EXECUTE reporting_clients_year('RC', '2017/18');
DEALLOCATE reporting_clients_year;
SELECT is((SELECT sum FROM reporting_clients_bound), 1000.01,
    'cost_allocation filtered by a year bound as a varchar parameter (as pgJDBC''s setString sends it)');
SELECT is((SELECT array_agg(fiscal_year ORDER BY fiscal_year) FROM (
              SELECT DISTINCT fiscal_year FROM s22a.cost_allocation WHERE agreement_ref = 'RC') y),
    ARRAY['1999/00', '2016/17', '2017/18'], 'ORDER BY fiscal_year is year order: 1999/00, 2016/17, 2017/18');
SELECT is((SELECT count(*) FROM s22a.cost_allocation
            WHERE agreement_ref = 'RC' AND fiscal_year >= '2000/01' AND fiscal_year < '2017/18'),
    2::bigint, 'a range of years from 2000/01: 2016/17''s two parts, not 1999/00''s');
SELECT is((SELECT string_agg(force_code || ' ' || due || ' ' || contributed || ' ' || outstanding, ', ' ORDER BY force_code)
             FROM s22a.cost_balance WHERE agreement_ref = 'RC' AND fiscal_year = '2016/17'),
    'BED 250.00 0.00 250.00, CAM 750.01 500.00 250.01', 'cost_balance filtered by a year literal: contributions meet the text year');

SELECT * FROM finish();
ROLLBACK;
