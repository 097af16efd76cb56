-- Random text thrown at both input functions: nothing crashes, every refusal
-- is 22P02, and whatever is accepted prints in a form that reads back as the
-- same value and prints the same again.
BEGIN;
SELECT plan(4);
SET LOCAL search_path = s22a, public;
SELECT setseed(0.1996);

CREATE TEMP TABLE fuzz_result (type text, input text, output text, sqlstate text);

DO $$
DECLARE
    alphabet text := 'ABCabc019_-=,.% /' || chr(9);
    s text;
    o text;
BEGIN
    FOR i IN 1..15000 LOOP
        -- mostly near-valid: mutate a valid value, else pure noise
        IF i % 3 = 0 THEN
            s := (SELECT string_agg(substr(alphabet, 1 + floor(random() * length(alphabet))::int, 1), '')
                  FROM generate_series(1, 1 + floor(random() * 30)::int));
        ELSE
            s := (ARRAY['BED=27.4, CAM=31.2, HER=41.4', 'A=33.33,B=33.33,C=33.34', 'X=100', 'A=50%, B=50%'])[1 + i % 4];
            s := overlay(s placing substr(alphabet, 1 + floor(random() * length(alphabet))::int, 1 + floor(random() * 2)::int)
                         from 1 + floor(random() * length(s))::int for floor(random() * 3)::int);
        END IF;
        BEGIN
            o := s::s22a.apportionment::text;
            INSERT INTO fuzz_result VALUES ('apportionment', s, o, NULL);
        EXCEPTION WHEN OTHERS THEN
            INSERT INTO fuzz_result VALUES ('apportionment', s, NULL, SQLSTATE);
        END;
        s := (ARRAY['2016/17', '2016-2017', '1999/00', ' 9998/99'])[1 + i % 4];
        s := overlay(s placing substr('0123456789/- x', 1 + floor(random() * 14)::int, 1)
                     from 1 + floor(random() * length(s))::int for floor(random() * 2)::int);
        BEGIN
            o := s::s22a.fiscal_year::text;
            INSERT INTO fuzz_result VALUES ('fiscal_year', s, o, NULL);
        EXCEPTION WHEN OTHERS THEN
            INSERT INTO fuzz_result VALUES ('fiscal_year', s, NULL, SQLSTATE);
        END;
    END LOOP;
END $$;

SELECT is((SELECT count(*) FROM fuzz_result WHERE sqlstate IS NOT NULL AND sqlstate <> '22P02'),
    0::bigint, 'every refusal is 22P02');
SELECT ok((SELECT count(*) FILTER (WHERE output IS NOT NULL) > 100
              AND count(*) FILTER (WHERE output IS NULL) > 100 FROM fuzz_result WHERE type = 'apportionment'),
    'the fuzz reached both accepted and refused apportionments');
SELECT is((SELECT count(*) FROM fuzz_result WHERE type = 'apportionment' AND output IS NOT NULL
           AND (output::apportionment::text <> output OR output::apportionment <> input::apportionment)),
    0::bigint, 'accepted apportionments print in a form that reads back the same');
SELECT is((SELECT count(*) FROM fuzz_result WHERE type = 'fiscal_year' AND output IS NOT NULL
           AND (output::fiscal_year::text <> output OR output::fiscal_year <> input::fiscal_year)),
    0::bigint, 'accepted financial years print in a form that reads back the same');

SELECT * FROM finish();
ROLLBACK;
