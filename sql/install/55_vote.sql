
-- ===========================================================================
-- Weighted governance: how an agreement's votes are weighted (Single Online
-- Home paper, 4.3-4.4 and 7.6: the host force "will retain a 50% share of all
-- decision making ... for as long as they remain the host")
-- ===========================================================================

CREATE TYPE @extschema@.voting_rule AS ENUM ('weights', 'host_half');
COMMENT ON TYPE @extschema@.voting_rule IS
    'weights: each party''s weight in voting_weight (none: no vote); host_half: the host force holds half the total weight and the other forces with a member party on the decision date share the other half equally, each force''s weight split equally among its member parties';

ALTER TABLE @extschema@.agreement
    ADD COLUMN voting @extschema@.voting_rule NOT NULL DEFAULT 'weights',
    ADD COLUMN host_force @extschema@.party_code REFERENCES @extschema@.force,
    ADD CONSTRAINT agreement_host_force CHECK ((voting = 'host_half') = (host_force IS NOT NULL));
COMMENT ON COLUMN @extschema@.agreement.voting IS
    'how votes are weighted: weights (voting_weight rows) or host_half (the host force holds half the total weight)';
COMMENT ON COLUMN @extschema@.agreement.host_force IS
    'under host_half, the host force (a force code); NULL otherwise';

-- ===========================================================================
-- Weighted governance: votes on a decision
-- ===========================================================================

CREATE TABLE @extschema@.vote (
    decision_id bigint NOT NULL REFERENCES @extschema@.decision,
    party_code @extschema@.party_code NOT NULL REFERENCES @extschema@.party,
    in_favour boolean NOT NULL,
    PRIMARY KEY (decision_id, party_code),
    cast_on date DEFAULT current_date,
    voided_on date,
    CONSTRAINT vote_dates_in_range CHECK (
        cast_on BETWEEN '1900-04-01' AND '9999-03-31'
        AND voided_on BETWEEN '1900-04-01' AND '9999-03-31')
);
COMMENT ON TABLE @extschema@.vote IS 'a party''s vote on a decision under weighted governance';
COMMENT ON COLUMN @extschema@.vote.decision_id IS 'the decision';
COMMENT ON COLUMN @extschema@.vote.party_code IS 'the voting party';
COMMENT ON COLUMN @extschema@.vote.in_favour IS 'true for, false against';
COMMENT ON COLUMN @extschema@.vote.cast_on IS 'the day the vote was cast; NULL only on votes recorded before 0.3';
COMMENT ON COLUMN @extschema@.vote.voided_on IS 'the day the vote stopped counting because the decision changed after it was cast; NULL = it counts';

CREATE FUNCTION @extschema@.vote_result(decision_id bigint,
    OUT weight_for numeric, OUT weight_against numeric, OUT carried boolean)
    AS 'MODULE_PATHNAME', 's22a_vote_result' LANGUAGE C STABLE STRICT PARALLEL SAFE
    SET search_path = @extschema@, pg_catalog, pg_temp;
COMMENT ON FUNCTION @extschema@.vote_result(bigint) IS
    'weighted governance: the weight for and against among the members on the decision date (under host_half, as percentages of the total weight, to 4 decimal places); carried when more than half the total weight is in favour, exactly half is not';

-- vote_rules pins search_path in C around its cache-miss queries
-- (src/triggers/decision_children.c)
CREATE FUNCTION @extschema@.vote_rules() RETURNS trigger
    AS 'MODULE_PATHNAME', 'vote_rules' LANGUAGE C;
COMMENT ON FUNCTION @extschema@.vote_rules() IS
    'trigger: only a member on the decision date with a voting weight (under host_half, a member of a force) may vote; votes of a made decision are final';
REVOKE EXECUTE ON FUNCTION @extschema@.vote_rules() FROM PUBLIC;
CREATE TRIGGER vote_rules
    BEFORE INSERT OR UPDATE OR DELETE ON @extschema@.vote
    FOR EACH ROW EXECUTE FUNCTION @extschema@.vote_rules();
CREATE TRIGGER vote_kept
    BEFORE TRUNCATE ON @extschema@.vote
    FOR EACH STATEMENT EXECUTE FUNCTION @extschema@.vote_rules();

-- a party votes for itself (32_party_member.sql)
ALTER TABLE @extschema@.vote ENABLE ROW LEVEL SECURITY;
CREATE POLICY readable ON @extschema@.vote FOR SELECT USING (true);
CREATE POLICY own_party_insert ON @extschema@.vote FOR INSERT
    WITH CHECK (@extschema@.may_write_for(party_code::pg_catalog.text));
CREATE POLICY own_party_update ON @extschema@.vote FOR UPDATE
    USING (@extschema@.may_write_for(party_code::pg_catalog.text))
    WITH CHECK (@extschema@.may_write_for(party_code::pg_catalog.text));
CREATE POLICY own_party_delete ON @extschema@.vote FOR DELETE
    USING (@extschema@.may_write_for(party_code::pg_catalog.text));
COMMENT ON POLICY readable ON @extschema@.vote IS
    'everyone with SELECT reads every row: the rule triggers read through SPI as the invoking user';
COMMENT ON POLICY own_party_insert ON @extschema@.vote IS
    'a new row must be for a party the role acts for (party_member), unless the role is a clerk';
COMMENT ON POLICY own_party_update ON @extschema@.vote IS
    'only rows of a party the role acts for, and they stay that party''s, unless the role is a clerk';
COMMENT ON POLICY own_party_delete ON @extschema@.vote IS
    'only rows of a party the role acts for, unless the role is a clerk (the rules refuse most deletes anyway)';

SELECT pg_catalog.pg_extension_config_dump('@extschema@.vote', '');

CREATE TRIGGER audit AFTER UPDATE OR DELETE ON @extschema@.vote
    FOR EACH ROW EXECUTE FUNCTION @extschema@.audit_row();
CREATE TRIGGER audit_insert AFTER INSERT ON @extschema@.vote
    REFERENCING NEW TABLE AS inserted
    FOR EACH STATEMENT EXECUTE FUNCTION @extschema@.audit_insert();
CREATE TRIGGER register_no_truncate BEFORE TRUNCATE ON @extschema@.vote
    FOR EACH STATEMENT EXECUTE FUNCTION @extschema@.audit_refuse();
