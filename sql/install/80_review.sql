
-- ===========================================================================
-- Governance records (doc/governance.md): reviews of an agreement
-- ===========================================================================
-- Seven Force agreement, clause 6.1 (a review date); the Chiltern Transport
-- Consortium paper ("reviewed by 30th April 2022").  A review held records
-- its outcome and the next review date; that moves the agreement's next
-- review (next_review_date(), 72_register.sql) without a variation, while
-- agreement.review_on stays as signed.
CREATE TABLE @extschema@.review (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    agreement_id bigint NOT NULL REFERENCES @extschema@.agreement,
    held_on date NOT NULL,
    outcome text NOT NULL,
    next_review_on date,
    decision_id bigint REFERENCES @extschema@.decision,
    CONSTRAINT review_outcome_length CHECK (char_length(outcome) BETWEEN 1 AND 10000),
    CONSTRAINT review_next_after_held CHECK (next_review_on > held_on),
    CONSTRAINT review_dates_in_range CHECK (
        held_on BETWEEN '1900-04-01' AND '9999-03-31'
        AND next_review_on BETWEEN '1900-04-01' AND '9999-03-31')
);
COMMENT ON TABLE @extschema@.review IS
    'a review of an agreement held: its outcome and the next review date it sets';
COMMENT ON COLUMN @extschema@.review.id IS 'internal key';
COMMENT ON COLUMN @extschema@.review.agreement_id IS 'the agreement reviewed';
COMMENT ON COLUMN @extschema@.review.held_on IS 'the day the review was held (or reported)';
COMMENT ON COLUMN @extschema@.review.outcome IS 'what the review found and concluded';
COMMENT ON COLUMN @extschema@.review.next_review_on IS 'the next review date it sets, after held_on; NULL = none set';
COMMENT ON COLUMN @extschema@.review.decision_id IS 'the decision the review led to or was taken by, if any';

-- next_review_date() reads the latest review of an agreement
CREATE INDEX review_latest ON @extschema@.review (agreement_id, held_on, id);

SELECT pg_catalog.pg_extension_config_dump('@extschema@.review', '');
SELECT pg_catalog.pg_extension_config_dump('@extschema@.review_id_seq', '');

CREATE TRIGGER audit AFTER UPDATE OR DELETE ON @extschema@.review
    FOR EACH ROW EXECUTE FUNCTION @extschema@.audit_row();
CREATE TRIGGER audit_insert AFTER INSERT ON @extschema@.review
    REFERENCING NEW TABLE AS inserted
    FOR EACH STATEMENT EXECUTE FUNCTION @extschema@.audit_insert();
CREATE TRIGGER register_no_truncate BEFORE TRUNCATE ON @extschema@.review
    FOR EACH STATEMENT EXECUTE FUNCTION @extschema@.audit_refuse();
