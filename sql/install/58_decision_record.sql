
-- ===========================================================================
-- Governance records (doc/governance.md): decision records and publication
-- ===========================================================================
-- A decision record as the commissioners publish them (decision records
-- CPCC2019-007 ... CPCC2019-010): its number, a summary and the background
-- papers, set while the decision is proposed (a made decision is final,
-- src/triggers/decision.c), and the day it was published (Police Act 1996
-- s23E).  Publishing is not a change of what was decided: published_on is
-- set once on a made decision without a further decision (rule
-- publication_date), as agreement.published_at is on an executed agreement
-- (src/triggers/agreement.c).
ALTER TABLE @extschema@.decision
    ADD COLUMN record_ref text,
    ADD COLUMN summary text,
    ADD COLUMN published_on date,
    ADD COLUMN background text,
    ADD CONSTRAINT decision_record_ref_key UNIQUE (record_ref),
    ADD CONSTRAINT decision_record_ref_length CHECK (char_length(record_ref) BETWEEN 1 AND 64),
    ADD CONSTRAINT decision_summary_length CHECK (char_length(summary) BETWEEN 1 AND 10000),
    ADD CONSTRAINT decision_background_length CHECK (char_length(background) BETWEEN 1 AND 10000),
    ADD CONSTRAINT decision_published_on_in_range CHECK (published_on BETWEEN '1900-04-01' AND '9999-03-31');
COMMENT ON COLUMN @extschema@.decision.record_ref IS 'the decision record''s number, e.g. CPCC2019-007; unique; set while proposed';
COMMENT ON COLUMN @extschema@.decision.summary IS 'the decision summary of the record; set while proposed';
COMMENT ON COLUMN @extschema@.decision.published_on IS 'the day the decision record was published; set once, on or after made_on, without a further decision';
COMMENT ON COLUMN @extschema@.decision.background IS 'the background papers of the record, e.g. the board paper; set while proposed';

-- decision_record(): the layout is presentation (SQL glue); the rows it
-- reads are the register's.
CREATE FUNCTION @extschema@.decision_record(decision_id bigint) RETURNS text
LANGUAGE plpgsql STABLE STRICT PARALLEL SAFE
SET search_path = @extschema@, pg_catalog, pg_temp
AS $decision_record$
DECLARE
    d record;
    c record;
    md text;
BEGIN
    SELECT dd.*, a.ref AS agreement_ref, a.title AS agreement_title
      INTO d
      FROM decision dd JOIN agreement a ON a.id = dd.agreement_id
     WHERE dd.id = decision_record.decision_id;
    IF NOT FOUND THEN
        RAISE EXCEPTION 'decision % does not exist', decision_id
            USING ERRCODE = 'invalid_parameter_value';
    END IF;
    md := format(E'# Decision record %s\n\n**%s**\n\n',
                 coalesce(d.record_ref, 'decision ' || d.id), d.title)
       || format(E'- Agreement: %s, %s\n', d.agreement_ref, d.agreement_title)
       || format(E'- Kind: %s\n', replace(d.kind::text, '_', ' '))
       || format(E'- Date: %s\n', CASE WHEN d.made_on IS NOT NULL THEN d.made_on::text
                                       WHEN d.meeting_on IS NOT NULL THEN format('meeting of %s', d.meeting_on)
                                       ELSE format('proposed %s', d.proposed_on) END)
       || format(E'- Outcome: %s\n', CASE d.state WHEN 'made' THEN format('made on %s', d.made_on)
                                                  WHEN 'proposed' THEN 'proposed, not yet made'
                                                  ELSE d.state::text END)
       || format(E'- Published: %s\n', coalesce(d.published_on::text, 'not yet published'))
       || format(E'\n## Summary\n\n%s\n', coalesce(d.summary, 'No summary recorded.'))
       || format(E'\n## Background\n\n%s\n', coalesce(d.background, 'No background papers recorded.'))
       || E'\n## Consent\n\n';
    IF NOT EXISTS (SELECT 1 FROM consent WHERE consent.decision_id = d.id) THEN
        md := md || E'No consent recorded.\n';
    ELSE
        md := md || E'| Party | Given on | Form | Reference |\n|---|---|---|---|\n';
        FOR c IN
            SELECT cs.party_code::text AS party_code, p.title AS party_title, cs.given_on,
                   cs.form, cs.reference, cs.voided_on
              FROM consent cs JOIN party p ON p.code = cs.party_code
             WHERE cs.decision_id = d.id
             ORDER BY cs.party_code COLLATE "C"
        LOOP
            md := md || format(E'| %s (%s) | %s | %s | %s |\n',
                               c.party_code, replace(c.party_title, '|', '\|'), c.given_on,
                               replace(c.form::text, '_', ' ')
                                   || CASE WHEN c.voided_on IS NOT NULL
                                           THEN format(', void from %s', c.voided_on) ELSE '' END,
                               coalesce(replace(c.reference, '|', '\|'), ''));
        END LOOP;
    END IF;
    RETURN md;
END
$decision_record$;
COMMENT ON FUNCTION @extschema@.decision_record(bigint) IS
    'the decision record in Markdown, laid out as the published records (CPCC2019-007): number, title, agreement, kind, date, outcome, publication date, summary, background and each party''s consent with its form and reference; 22023 for an unknown decision';
