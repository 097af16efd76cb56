
-- ===========================================================================
-- Codes and enums used by the register tables
-- ===========================================================================

-- Force and party codes feed apportionments, so they follow its code rule.
CREATE DOMAIN @extschema@.party_code AS text
    CHECK (VALUE ~ '^[A-Za-z0-9_-]{1,16}$');
COMMENT ON DOMAIN @extschema@.party_code IS
    'a force or party code: 1 to 16 characters of A-Z, a-z, 0-9, _ and -';

CREATE TYPE @extschema@.party_kind AS ENUM ('chief_officer', 'policing_body', 'other');
COMMENT ON TYPE @extschema@.party_kind IS
    'chief_officer: a chief constable or the Commissioner of the Metropolis; policing_body: the body that maintains the force (PCC, MOPAC, ...); other: any other person a s22A(6) agreement may include';

CREATE TYPE @extschema@.term_state AS ENUM ('draft', 'pending', 'in_force', 'expired', 'terminated');
COMMENT ON TYPE @extschema@.term_state IS
    'draft: not executed, or a day before both its execution and commencement; pending: executed on or before that day, before commencement; in_force: from commencement (even when executed later) to the effective expiry; expired: after the effective expiry; terminated: after the last day set by a made termination';

CREATE TYPE @extschema@.charging_rule AS ENUM ('pro_rata_days', 'first_day');
COMMENT ON TYPE @extschema@.charging_rule IS
    'how an agreement charges a part year (doc/costs.md): pro_rata_days weights each force''s drivers by its days a party while the agreement is in force; first_day charges the forces party on greatest(1 April, commences_on) for the whole year';

CREATE TYPE @extschema@.decision_kind AS ENUM
    ('in_principle', 'renewal', 'variation', 'termination', 'budget', 'membership');
COMMENT ON TYPE @extschema@.decision_kind IS 'what a governance decision does';
CREATE TYPE @extschema@.decision_state AS ENUM ('proposed', 'made', 'rejected', 'withdrawn');
COMMENT ON TYPE @extschema@.decision_state IS 'where a decision stands; made is final';
CREATE TYPE @extschema@.consent_form AS ENUM ('meeting', 'letter', 'memo', 'email', 'decision_notice');
COMMENT ON TYPE @extschema@.consent_form IS
    'how a party consented: at a meeting, or in writing (letter, memo, email, or its own decision notice)';
