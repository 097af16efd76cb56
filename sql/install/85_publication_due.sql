
-- ===========================================================================
-- Governance records (doc/governance.md): what is due for publication
-- ===========================================================================
-- Police Act 1996 s23E: collaboration agreements are published; decision
-- records of significant public interest are published too.  An executed
-- agreement without published_at, and a made decision without
-- published_on, are due from the day they were executed or made.
CREATE VIEW @extschema@.publication_due AS
SELECT 'agreement'::text AS kind,
       a.ref,
       a.title,
       a.executed_on AS due_since
FROM @extschema@.agreement AS a
WHERE a.executed_on <= @extschema@.today() AND a.published_at IS NULL
UNION ALL
SELECT 'decision',
       coalesce(d.record_ref, 'decision ' || d.id),
       d.title,
       d.made_on
FROM @extschema@.decision AS d
WHERE d.state = 'made' AND d.made_on <= @extschema@.today() AND d.published_on IS NULL;
COMMENT ON VIEW @extschema@.publication_due IS
    'executed agreements with no publication (published_at) and made decisions with no publication date (published_on), as of today (s22a.today())';
COMMENT ON COLUMN @extschema@.publication_due.kind IS 'agreement or decision';
COMMENT ON COLUMN @extschema@.publication_due.ref IS 'the agreement''s ref, or the decision''s record_ref (decision <id> when it has none)';
COMMENT ON COLUMN @extschema@.publication_due.title IS 'the agreement''s or decision''s title';
COMMENT ON COLUMN @extschema@.publication_due.due_since IS 'the day it was executed (agreement) or made (decision)';
