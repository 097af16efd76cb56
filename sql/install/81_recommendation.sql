
-- ===========================================================================
-- Governance records (doc/governance.md): audit recommendations
-- ===========================================================================
-- The Joint Audit Committee's collaboration progress report (December 2013,
-- 4.3): an internal audit of collaboration governance "made twelve advisory
-- recommendations", and the Summit monitors completion of the action plan.
CREATE TYPE @extschema@.recommendation_priority AS ENUM ('high', 'medium', 'low');
COMMENT ON TYPE @extschema@.recommendation_priority IS 'how urgent a recommendation is: high, medium or low';
CREATE TYPE @extschema@.recommendation_status AS ENUM ('open', 'in_progress', 'implemented', 'superseded');
COMMENT ON TYPE @extschema@.recommendation_status IS
    'where a recommendation stands: open or in_progress (outstanding), implemented or superseded (closed)';

CREATE TABLE @extschema@.recommendation (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    source text NOT NULL,
    agreement_id bigint REFERENCES @extschema@.agreement,
    title text NOT NULL,
    priority @extschema@.recommendation_priority NOT NULL,
    owner_party @extschema@.party_code REFERENCES @extschema@.party,
    raised_on date NOT NULL DEFAULT current_date,
    due_on date,
    status @extschema@.recommendation_status NOT NULL DEFAULT 'open',
    closed_on date,
    CONSTRAINT recommendation_source_length CHECK (char_length(source) BETWEEN 1 AND 300),
    CONSTRAINT recommendation_title_length CHECK (char_length(title) BETWEEN 1 AND 300),
    CONSTRAINT recommendation_closed_when_done CHECK (
        (status IN ('implemented', 'superseded')) = (closed_on IS NOT NULL)),
    CONSTRAINT recommendation_dates_in_order CHECK (due_on >= raised_on AND closed_on >= raised_on),
    CONSTRAINT recommendation_dates_in_range CHECK (
        raised_on BETWEEN '1900-04-01' AND '9999-03-31'
        AND due_on BETWEEN '1900-04-01' AND '9999-03-31'
        AND closed_on BETWEEN '1900-04-01' AND '9999-03-31')
);
COMMENT ON TABLE @extschema@.recommendation IS
    'a recommendation of an audit or review and its action: who owns it, when it is due, where it stands';
COMMENT ON COLUMN @extschema@.recommendation.id IS 'internal key';
COMMENT ON COLUMN @extschema@.recommendation.source IS 'the report that made it, by title, e.g. Internal audit: collaboration governance';
COMMENT ON COLUMN @extschema@.recommendation.agreement_id IS 'the agreement it concerns; NULL for the collaboration as a whole';
COMMENT ON COLUMN @extschema@.recommendation.title IS 'what is recommended';
COMMENT ON COLUMN @extschema@.recommendation.priority IS 'high, medium or low';
COMMENT ON COLUMN @extschema@.recommendation.owner_party IS 'the party that owns the action; NULL while unassigned';
COMMENT ON COLUMN @extschema@.recommendation.raised_on IS 'the day the report made it';
COMMENT ON COLUMN @extschema@.recommendation.due_on IS 'the day the action is due; NULL when no date is agreed';
COMMENT ON COLUMN @extschema@.recommendation.status IS 'open, in_progress, implemented or superseded';
COMMENT ON COLUMN @extschema@.recommendation.closed_on IS 'the day it was implemented or superseded; set exactly when the status is one of those';

SELECT pg_catalog.pg_extension_config_dump('@extschema@.recommendation', '');
SELECT pg_catalog.pg_extension_config_dump('@extschema@.recommendation_id_seq', '');

CREATE TRIGGER audit AFTER UPDATE OR DELETE ON @extschema@.recommendation
    FOR EACH ROW EXECUTE FUNCTION @extschema@.audit_row();
CREATE TRIGGER audit_insert AFTER INSERT ON @extschema@.recommendation
    REFERENCING NEW TABLE AS inserted
    FOR EACH STATEMENT EXECUTE FUNCTION @extschema@.audit_insert();
CREATE TRIGGER register_no_truncate BEFORE TRUNCATE ON @extschema@.recommendation
    FOR EACH STATEMENT EXECUTE FUNCTION @extschema@.audit_refuse();

CREATE VIEW @extschema@.recommendations_outstanding AS
SELECT r.id,
       r.source,
       a.ref AS agreement_ref,
       r.title,
       r.priority::text AS priority,
       r.owner_party::text AS owner_party,
       r.due_on,
       r.status::text AS status,
       coalesce(r.due_on < @extschema@.today(), false) AS overdue
FROM @extschema@.recommendation AS r
LEFT JOIN @extschema@.agreement AS a ON a.id = r.agreement_id
WHERE r.status IN ('open', 'in_progress');
COMMENT ON VIEW @extschema@.recommendations_outstanding IS
    'every recommendation still open or in progress, overdue ones flagged';
COMMENT ON COLUMN @extschema@.recommendations_outstanding.id IS 'the recommendation''s key';
COMMENT ON COLUMN @extschema@.recommendations_outstanding.source IS 'the report that made it';
COMMENT ON COLUMN @extschema@.recommendations_outstanding.agreement_ref IS 'the agreement it concerns; empty for the collaboration as a whole';
COMMENT ON COLUMN @extschema@.recommendations_outstanding.title IS 'what is recommended';
COMMENT ON COLUMN @extschema@.recommendations_outstanding.priority IS 'high, medium or low';
COMMENT ON COLUMN @extschema@.recommendations_outstanding.owner_party IS 'the party that owns the action; empty while unassigned';
COMMENT ON COLUMN @extschema@.recommendations_outstanding.due_on IS 'the day the action is due; empty when none is agreed';
COMMENT ON COLUMN @extschema@.recommendations_outstanding.status IS 'open or in_progress';
COMMENT ON COLUMN @extschema@.recommendations_outstanding.overdue IS 'true when due_on is before today (s22a.today())';
