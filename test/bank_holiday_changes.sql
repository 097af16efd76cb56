-- Administrators' changes to the shipped calendar are kept in a form that
-- pg_dump writes (test/dump_restore.sh restores them).
BEGIN;
SELECT plan(10);
SET LOCAL search_path = s22a, public;

DELETE FROM bank_holiday WHERE day = '2060-12-27';
SELECT ok(EXISTS (SELECT 1 FROM bank_holiday_removed WHERE day = '2060-12-27'),
    'removing a shipped day records its removal');
SELECT ok(is_working_day('2060-12-27'), 'and the day is a working day again');

INSERT INTO bank_holiday (day, name) VALUES ('2060-12-27', 'Boxing Day (restored)');
SELECT ok(NOT EXISTS (SELECT 1 FROM bank_holiday_removed WHERE day = '2060-12-27'),
    'adding the day back clears its removal');
SELECT ok(NOT is_working_day('2060-12-27'), 'and it is a holiday again');

UPDATE bank_holiday SET name = 'Christmas Day (renamed)' WHERE day = '2059-12-25';
SELECT is((SELECT shipped FROM bank_holiday WHERE day = '2059-12-25'), false,
    'an edited shipped row becomes the administrator''s, so it is dumped');

UPDATE bank_holiday SET day = '2058-05-09' WHERE day = '2058-05-06';
SELECT ok(EXISTS (SELECT 1 FROM bank_holiday_removed WHERE day = '2058-05-06'),
    'moving a shipped day records the removal of the old day');
SELECT ok(is_working_day('2058-05-06') AND NOT is_working_day('2058-05-09'),
    'the holiday has moved');

INSERT INTO bank_holiday (day, name) VALUES ('2057-12-25', 'Christmas Day (administrator)');
SELECT results_eq($$SELECT name, shipped FROM s22a.bank_holiday WHERE day = '2057-12-25'$$,
    $$VALUES ('Christmas Day (administrator)', false)$$,
    'an administrator''s row for a shipped day replaces it (as a restore does)');

INSERT INTO bank_holiday_removed (day) VALUES ('2056-12-25');
SELECT ok(NOT EXISTS (SELECT 1 FROM bank_holiday WHERE day = '2056-12-25'),
    'a removal recorded directly (as a restore does) takes the shipped day out');
SELECT ok(is_working_day('2056-12-25'), 'and the calendar sees it');

SELECT * FROM finish();
ROLLBACK;
