
-- ===========================================================================
-- Governance records (doc/governance.md): the risk register
-- ===========================================================================
-- The Joint Audit Committee's collaboration progress report (December 2013,
-- 1.1 and 2.2): collaboration is risk 3/3 of the joint strategic risk
-- register.  A risk is rated 1-5 for likelihood and for impact; its score is
-- their product.
CREATE TABLE @extschema@.risk (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    agreement_id bigint REFERENCES @extschema@.agreement,
    title text NOT NULL,
    likelihood integer NOT NULL,
    impact integer NOT NULL,
    score integer GENERATED ALWAYS AS (likelihood * impact) STORED,
    owner_party @extschema@.party_code REFERENCES @extschema@.party,
    reviewed_on date,
    CONSTRAINT risk_title_length CHECK (char_length(title) BETWEEN 1 AND 300),
    CONSTRAINT risk_likelihood_range CHECK (likelihood BETWEEN 1 AND 5),
    CONSTRAINT risk_impact_range CHECK (impact BETWEEN 1 AND 5),
    CONSTRAINT risk_reviewed_on_in_range CHECK (reviewed_on BETWEEN '1900-04-01' AND '9999-03-31')
);
COMMENT ON TABLE @extschema@.risk IS 'a risk of the collaboration or of one agreement, rated for likelihood and impact';
COMMENT ON COLUMN @extschema@.risk.id IS 'internal key';
COMMENT ON COLUMN @extschema@.risk.agreement_id IS 'the agreement it concerns; NULL for the collaboration as a whole';
COMMENT ON COLUMN @extschema@.risk.title IS 'the risk';
COMMENT ON COLUMN @extschema@.risk.likelihood IS 'how likely, 1 (rare) to 5 (almost certain)';
COMMENT ON COLUMN @extschema@.risk.impact IS 'how severe, 1 (minimal) to 5 (critical)';
COMMENT ON COLUMN @extschema@.risk.score IS 'likelihood × impact, 1 to 25; computed';
COMMENT ON COLUMN @extschema@.risk.owner_party IS 'the party that owns the risk; NULL while unassigned';
COMMENT ON COLUMN @extschema@.risk.reviewed_on IS 'the day the rating was last reviewed';

SELECT pg_catalog.pg_extension_config_dump('@extschema@.risk', '');
SELECT pg_catalog.pg_extension_config_dump('@extschema@.risk_id_seq', '');

CREATE TRIGGER audit AFTER UPDATE OR DELETE ON @extschema@.risk
    FOR EACH ROW EXECUTE FUNCTION @extschema@.audit_row();
CREATE TRIGGER audit_insert AFTER INSERT ON @extschema@.risk
    REFERENCING NEW TABLE AS inserted
    FOR EACH STATEMENT EXECUTE FUNCTION @extschema@.audit_insert();
CREATE TRIGGER register_no_truncate BEFORE TRUNCATE ON @extschema@.risk
    FOR EACH STATEMENT EXECUTE FUNCTION @extschema@.audit_refuse();

CREATE VIEW @extschema@.risk_register AS
SELECT r.id,
       a.ref AS agreement_ref,
       r.title,
       r.likelihood,
       r.impact,
       r.score,
       r.owner_party::text AS owner_party,
       r.reviewed_on
FROM @extschema@.risk AS r
LEFT JOIN @extschema@.agreement AS a ON a.id = r.agreement_id
ORDER BY r.score DESC, r.id;
COMMENT ON VIEW @extschema@.risk_register IS 'every risk, the highest score first (ties in the order recorded)';
COMMENT ON COLUMN @extschema@.risk_register.id IS 'the risk''s key';
COMMENT ON COLUMN @extschema@.risk_register.agreement_ref IS 'the agreement it concerns; empty for the collaboration as a whole';
COMMENT ON COLUMN @extschema@.risk_register.title IS 'the risk';
COMMENT ON COLUMN @extschema@.risk_register.likelihood IS 'likelihood, 1 to 5';
COMMENT ON COLUMN @extschema@.risk_register.impact IS 'impact, 1 to 5';
COMMENT ON COLUMN @extschema@.risk_register.score IS 'likelihood × impact, 1 to 25';
COMMENT ON COLUMN @extschema@.risk_register.owner_party IS 'the party that owns it; empty while unassigned';
COMMENT ON COLUMN @extschema@.risk_register.reviewed_on IS 'the day the rating was last reviewed';
