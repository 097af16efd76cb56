-- test/lib/seven_force.sql — the Seven Force fixture shared by the register
-- tests (\i from inside their transaction, search_path = s22a, public):
-- the forces and the 14 corporations sole, the draft agreement '7F' with all
-- of them signed and declared on 1 October 2015, and three helpers:
--   pg_temp.seven()          the agreement's id
--   pg_temp.made_decision()  a decision made the way the register records one
--   pg_temp.refusal(sql)     'accepted', or the SQLSTATE and rule that refused it

-- Seven Force Strategic Collaboration (Seven Force agreement): seven forces, a chief
-- constable and a police and crime commissioner each, 14 corporations sole.
INSERT INTO force (code, name) VALUES
    ('BED', 'Bedfordshire Police'), ('CAM', 'Cambridgeshire Constabulary'),
    ('ESS', 'Essex Police'), ('HER', 'Hertfordshire Constabulary'),
    ('KEN', 'Kent Police'), ('NOR', 'Norfolk Constabulary'),
    ('SUF', 'Suffolk Constabulary');
INSERT INTO party (code, force_code, kind, title)
SELECT 'CC-' || code, code, 'chief_officer'::party_kind, 'Chief Constable of ' || name FROM force
UNION ALL
SELECT 'PCC-' || code, code, 'policing_body', 'Police and Crime Commissioner for ' || name FROM force;

-- clause 6.1: in force 22 October 2015 to 31 March 2017, review 21 October 2016
INSERT INTO agreement (ref, title, commences_on, expires_on, review_on)
VALUES ('7F', 'Seven Force Strategic Collaboration', '2015-10-22', '2017-03-31', '2016-10-21');
INSERT INTO agreement_party (agreement_id, party_code, signed_on, declared_on)
SELECT a.id, p.code, date '2015-10-01', date '2015-10-01' FROM agreement a, party p WHERE a.ref = '7F';

CREATE FUNCTION pg_temp.seven() RETURNS bigint LANGUAGE sql STABLE
    AS $$ SELECT id FROM s22a.agreement WHERE ref = '7F' $$;

-- A made decision, the way the register records one: proposed outside a
-- meeting, written consent (letter) from every party on the decision date,
-- then made.
CREATE FUNCTION pg_temp.made_decision(agreement bigint, k s22a.decision_kind, t text,
                                      on_day date, expiry date DEFAULT NULL)
RETURNS bigint LANGUAGE plpgsql AS $$
DECLARE d bigint;
BEGIN
    INSERT INTO s22a.decision (agreement_id, kind, title, proposed_on, new_expiry)
    VALUES (agreement, k, t, on_day, expiry) RETURNING id INTO d;
    INSERT INTO s22a.consent (decision_id, party_code, given_on, form, reference)
    SELECT d, p, on_day, 'letter', t FROM s22a.parties_on(agreement, on_day) AS p;
    UPDATE s22a.decision SET state = 'made', made_on = on_day WHERE id = d;
    RETURN d;
END $$;

\i test/lib/refusal.sql
