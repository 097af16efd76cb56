/*
 * triggers/audit.c — the append-only audit log of the register: the audit
 * triggers every register and cost table carries, and the one that keeps
 * s22a.audit_log itself append-only.
 *
 * Data never disappears: every change to the register tables is in the
 * audit log (doc/reports.md).  Two generic triggers serve every
 * register and cost table, and append one row to s22a.audit_log for each
 * inserted, updated or deleted row, with
 *
 *   - the table's name and the operation,
 *   - row_key: the primary key rendered as text, in index column order,
 *     e.g. "agreement_id=1, party_code=PCC-CAM", read from the relation's
 *     primary key index so that one function serves every table,
 *   - old/new: the row before and after, as jsonb (to_jsonb of the row).
 *
 * audit_insert() is an AFTER INSERT statement trigger with a transition
 * table: it logs every inserted row in one INSERT ... SELECT, so a bulk
 * insert of consents pays one executor run, not one per row (the register's
 * target is <= 2x a plain insert with all triggers; bench/50_audit.sql).
 * audit_row() is the AFTER UPDATE OR DELETE row trigger, which pairs each
 * old row with its new one.  Each keeps one SPI plan per table, prepared
 * once (SPI_keepplan); audit_row()'s parameters are typed with the table's
 * row type, so to_jsonb() sees the real columns with no text round trip.
 *
 * The log rows are written as the owner of audit_log (as the RI triggers
 * run their checks as the table owner), so a clerk granted INSERT on consent is
 * logged without being granted anything on the log — and cannot write to
 * it directly.  `actor` defaults to session_user, which a role switch does
 * not change: the log names the login that made the change.
 *
 * audit_refuse() is the BEFORE statement trigger that keeps the log
 * append-only (UPDATE, DELETE, TRUNCATE on audit_log) and stops TRUNCATE of
 * an audited table, which would remove rows without firing row triggers and
 * so without a trace in the log.  Both refusals are SQLSTATE 23514
 * (check_violation), like every other rule refusal in s22a, with the rule's
 * name as the constraint name: audit_log_append_only, register_no_truncate.
 */
#include "postgres.h"

#include "access/htup_details.h"
#include "catalog/pg_index.h"
#include "catalog/pg_type.h"
#include "commands/trigger.h"
#include "executor/spi.h"
#include "fmgr.h"
#include "lib/stringinfo.h"
#include "miscadmin.h"
#include "utils/builtins.h"
#include "utils/hsearch.h"
#include "utils/inval.h"
#include "utils/lsyscache.h"
#include "utils/memutils.h"
#include "utils/rel.h"
#include "utils/relcache.h"
#include "utils/syscache.h"

#include "s22a.h"

/* ---------- per-table cache: the kept plan and the primary key ----------- */

typedef struct AuditTable
{
	Oid			relid;			/* hash key */
	bool		valid;			/* false after a relcache invalidation */
	SPIPlanPtr	plan;			/* row trigger: INSERT ... VALUES, kept */
	SPIPlanPtr	insert_plan;	/* statement trigger: INSERT ... SELECT, kept */
	char		newtable[NAMEDATALEN];	/* transition table insert_plan reads */
	int			nkeys;			/* primary key columns */
	AttrNumber	keys[INDEX_MAX_KEYS];
} AuditTable;

static HTAB *audit_tables = NULL;

/*
 * A relcache invalidation (ALTER TABLE, a new index, ...) may change the
 * primary key: mark the entry stale; it is rebuilt on next use.  Freeing the
 * plan here is not allowed (callbacks must not do catalog work).
 */
static void
audit_invalidate(Datum arg, Oid relid)
{
	HASH_SEQ_STATUS status;
	AuditTable *entry;

	if (audit_tables == NULL)
		return;
	if (OidIsValid(relid))
	{
		entry = hash_search(audit_tables, &relid, HASH_FIND, NULL);
		if (entry != NULL)
			entry->valid = false;
		return;
	}
	hash_seq_init(&status, audit_tables);
	while ((entry = hash_seq_search(&status)) != NULL)
		entry->valid = false;
}

/*
 * The primary key columns of rel, in index order.  Every audited table has
 * one (sql/: each table's definition); a table without one cannot be audited and that is
 * a programming error of the install script, not a user mistake.
 */
static int
primary_key_columns(Relation rel, AttrNumber *keys)
{
	Oid			pkindex;
	HeapTuple	tup;
	Form_pg_index index;
	int			n;

	list_free(RelationGetIndexList(rel));	/* fills rd_pkindex */
	pkindex = rel->rd_pkindex;
	if (!OidIsValid(pkindex))
		ereport(ERROR,
				(errcode(ERRCODE_OBJECT_NOT_IN_PREREQUISITE_STATE),
				 errmsg("table \"%s\" has no primary key, so its changes cannot be audited",
						RelationGetRelationName(rel)),
				 errhint("Attach s22a.audit_row() only to tables with a primary key.")));

	tup = SearchSysCache1(INDEXRELID, ObjectIdGetDatum(pkindex));
	if (!HeapTupleIsValid(tup))
		elog(ERROR, "cache lookup failed for index %u", pkindex);
	index = (Form_pg_index) GETSTRUCT(tup);
	n = index->indnkeyatts;
	for (int i = 0; i < n; i++)
		keys[i] = index->indkey.values[i];
	ReleaseSysCache(tup);
	return n;
}

/*
 * The log is written as its owner, so the triggers must only ever serve the
 * extension's own tables: a table elsewhere could otherwise have the owner
 * run its casts and output functions.  The extension's schema is the
 * trigger function's own.
 */
static void
check_audited_schema(FunctionCallInfo fcinfo, Relation rel)
{
	Oid			own = get_func_namespace(fcinfo->flinfo->fn_oid);

	if (RelationGetNamespace(rel) != own)
		ereport(ERROR,
				(errcode(ERRCODE_FEATURE_NOT_SUPPORTED),
				 errmsg("table \"%s.%s\" cannot be audited by s22a",
						get_namespace_name(RelationGetNamespace(rel)),
						RelationGetRelationName(rel)),
				 errdetail("The s22a audit triggers serve only the tables of schema \"%s\".",
						   get_namespace_name(own))));
}

/*
 * The trigger context of an audit trigger.  Audit's own check comes first,
 * so a table outside the extension's schema is refused as "cannot be
 * audited" (0A000), as it always was; then the registry's checks of the
 * events (util.c).
 */
static TriggerData *
audit_context(FunctionCallInfo fcinfo, S22aTriggerId id)
{
	/* audit's own schema check first, for its 0A000 (trigger-context-ok) */
	if (CALLED_AS_TRIGGER(fcinfo))	/* trigger-context-ok */
		check_audited_schema(fcinfo, ((TriggerData *) fcinfo->context)->tg_relation);	/* trigger-context-ok */
	return s22a_trigger_context(fcinfo, id);
}

static AuditTable *
audit_table(Relation rel)
{
	Oid			relid = RelationGetRelid(rel);
	AuditTable *entry;
	bool		found;

	if (audit_tables == NULL)
	{
		HASHCTL		ctl;

		ctl.keysize = sizeof(Oid);
		ctl.entrysize = sizeof(AuditTable);
		audit_tables = hash_create("s22a audited tables", 32, &ctl,
								   HASH_ELEM | HASH_BLOBS);
		CacheRegisterRelcacheCallback(audit_invalidate, (Datum) 0);
	}

	entry = hash_search(audit_tables, &relid, HASH_ENTER, &found);
	if (found && entry->valid)
		return entry;
	if (found && entry->plan != NULL)
		SPI_freeplan(entry->plan);
	if (found && entry->insert_plan != NULL)
		SPI_freeplan(entry->insert_plan);
	entry->plan = NULL;
	entry->insert_plan = NULL;
	entry->newtable[0] = '\0';
	entry->valid = false;

	entry->nkeys = primary_key_columns(rel, entry->keys);
	entry->valid = true;
	return entry;
}

/*
 * The row trigger's insert.  audit_log lives in the same schema as the
 * audited tables (the extension's schema).  $4/$5 carry the old and new
 * rows typed as the table's row type, so to_jsonb() sees the real columns.
 */
static SPIPlanPtr
row_plan(Relation rel, AuditTable *t)
{
	if (t->plan == NULL)
	{
		Oid			argtypes[5] = {TEXTOID, TEXTOID, TEXTOID,
			rel->rd_rel->reltype, rel->rd_rel->reltype};

		s22a_keep_plan(&t->plan, psprintf("INSERT INTO %s.audit_log (table_name, operation, row_key, old, new) "
									 "VALUES ($1, $2, $3, pg_catalog.to_jsonb($4), pg_catalog.to_jsonb($5))",
									 quote_identifier(get_namespace_name(RelationGetNamespace(rel)))),
					   5, argtypes);
	}
	return t->plan;
}

/*
 * The INSERT statement trigger's insert: every row of the transition table
 * in one executor run, which is what makes a bulk insert cheap.  row_key is
 * built by the same rule as row_key() below, column by column, through
 * audit_key_value() for the quoting.
 */
static SPIPlanPtr
insert_plan(Relation rel, AuditTable *t, const char *newtable)
{
	if (t->insert_plan != NULL && strcmp(t->newtable, newtable) != 0)
	{
		SPI_freeplan(t->insert_plan);
		t->insert_plan = NULL;
	}
	if (t->insert_plan == NULL)
	{
		TupleDesc	desc = RelationGetDescr(rel);
		const char *schema = quote_identifier(get_namespace_name(RelationGetNamespace(rel)));
		StringInfoData key;

		initStringInfo(&key);
		for (int i = 0; i < t->nkeys; i++)
		{
			Form_pg_attribute att = TupleDescAttr(desc, t->keys[i] - 1);
			const char *name = NameStr(att->attname);

			appendStringInfo(&key, "%s%s || %s.audit_key_value(audited_row.%s::pg_catalog.text)",
							 i > 0 ? " || " : "",
							 quote_literal_cstr(psprintf("%s%s=", i > 0 ? ", " : "", name)),
							 schema, quote_identifier(name));
		}
		s22a_keep_plan(&t->insert_plan, psprintf("INSERT INTO %s.audit_log (table_name, operation, row_key, new) "
											"SELECT %s, 'INSERT', %s, pg_catalog.to_jsonb(audited_row) FROM %s audited_row",
											schema,
											quote_literal_cstr(RelationGetRelationName(rel)),
											key.data, quote_identifier(newtable)),
					   0, NULL);
		strlcpy(t->newtable, newtable, NAMEDATALEN);
	}
	return t->insert_plan;
}

/*
 * Runs a kept plan as the log's owner: the user who changed the register
 * needs no privilege on the log.  An error unwinds the user id with the
 * (sub)transaction, as for the RI triggers.
 */
static void
execute_as_log_owner(SPIPlanPtr plan, Datum *values, const char *nulls)
{
	S22aUserContext saved;
	int			rc;

	s22a_become_owner("audit_log", &saved);
	rc = SPI_execute_plan(plan, values, nulls, false, 0);
	s22a_restore_user(&saved);
	if (rc != SPI_OK_INSERT)
		elog(ERROR, "audit insert failed: %s", SPI_result_code_string(rc));
}

/* ---------- row_key ------------------------------------------------------- */

/*
 * A key value needs quotes when it would otherwise be ambiguous in
 * "a=1, b=2": empty, or holding a separator, quote or backslash.  Codes,
 * ids and years never do; a free-text business area might.
 */
static bool
key_value_needs_quotes(const char *s)
{
	if (*s == '\0')
		return true;
	for (; *s; s++)
		if (*s == ',' || *s == '=' || *s == '"' || *s == '\\' || *s == ' ')
			return true;
	return false;
}

static void
append_key_value(StringInfo buf, const char *s)
{
	if (!key_value_needs_quotes(s))
	{
		appendStringInfoString(buf, s);
		return;
	}
	appendStringInfoChar(buf, '"');
	for (const char *p = s; *p; p++)
	{
		if (*p == '"' || *p == '\\')
			appendStringInfoChar(buf, '\\');
		appendStringInfoChar(buf, *p);
	}
	appendStringInfoChar(buf, '"');
}

static char *
row_key(Relation rel, AuditTable *t, HeapTuple tuple)
{
	TupleDesc	desc = RelationGetDescr(rel);
	StringInfoData buf;

	initStringInfo(&buf);
	for (int i = 0; i < t->nkeys; i++)
	{
		AttrNumber	attnum = t->keys[i];
		Form_pg_attribute att = TupleDescAttr(desc, attnum - 1);
		bool		isnull;
		Datum		value = heap_getattr(tuple, attnum, desc, &isnull);

		if (i > 0)
			appendStringInfoString(&buf, ", ");
		appendStringInfo(&buf, "%s=", NameStr(att->attname));
		if (isnull)				/* cannot happen in a primary key */
			appendStringInfoString(&buf, "NULL");
		else
		{
			Oid			outfunc;
			bool		varlena;
			char	   *s;

			getTypeOutputInfo(att->atttypid, &outfunc, &varlena);
			s = OidOutputFunctionCall(outfunc, value);
			append_key_value(&buf, s);
		}
	}
	return buf.data;
}

/* ---------- the trigger functions ---------------------------------------- */

PG_FUNCTION_INFO_V1(s22a_audit_row);
Datum
s22a_audit_row(PG_FUNCTION_ARGS)
{
	TriggerData *td = audit_context(fcinfo, S22A_TRIGGER_AUDIT_ROW);
	TriggerEvent event = td->tg_event;
	Relation	rel;
	TupleDesc	desc;
	AuditTable *t;
	const char *operation;
	HeapTuple	old_row = NULL;
	HeapTuple	new_row = NULL;
	HeapTuple	result;
	Datum		values[5];
	char		nulls[5] = {' ', ' ', ' ', 'n', 'n'};

	rel = td->tg_relation;
	desc = RelationGetDescr(rel);

	if (TRIGGER_FIRED_BY_INSERT(event))
	{
		operation = "INSERT";
		new_row = td->tg_trigtuple;
		result = new_row;
	}
	else if (TRIGGER_FIRED_BY_UPDATE(event))
	{
		operation = "UPDATE";
		old_row = td->tg_trigtuple;
		new_row = td->tg_newtuple;
		result = new_row;
	}
	else if (TRIGGER_FIRED_BY_DELETE(event))
	{
		operation = "DELETE";
		old_row = td->tg_trigtuple;
		result = old_row;
	}
	else
		ereport(ERROR,
				(errcode(ERRCODE_E_R_I_E_TRIGGER_PROTOCOL_VIOLATED),
				 errmsg("audit_row() must be fired by INSERT, UPDATE or DELETE")));

	if (SPI_connect() != SPI_OK_CONNECT)
		elog(ERROR, "SPI_connect failed");

	t = audit_table(rel);

	values[0] = CStringGetTextDatum(RelationGetRelationName(rel));
	values[1] = CStringGetTextDatum(operation);
	/* the key the row has now; a DELETE's is the key it had */
	values[2] = CStringGetTextDatum(row_key(rel, t, new_row ? new_row : old_row));
	if (old_row != NULL)
	{
		values[3] = heap_copy_tuple_as_datum(old_row, desc);
		nulls[3] = ' ';
	}
	if (new_row != NULL)
	{
		values[4] = heap_copy_tuple_as_datum(new_row, desc);
		nulls[4] = ' ';
	}

	execute_as_log_owner(row_plan(rel, t), values, nulls);

	SPI_finish();
	return PointerGetDatum(result);
}

PG_FUNCTION_INFO_V1(s22a_audit_insert);
Datum
s22a_audit_insert(PG_FUNCTION_ARGS)
{
	TriggerData *td = audit_context(fcinfo, S22A_TRIGGER_AUDIT_INSERT);
	Relation	rel = td->tg_relation;
	AuditTable *t;

	if (!TRIGGER_FIRED_BY_INSERT(td->tg_event) || td->tg_trigger->tgnewtable == NULL)
		ereport(ERROR,
				(errcode(ERRCODE_E_R_I_E_TRIGGER_PROTOCOL_VIOLATED),
				 errmsg("audit_insert() must be fired AFTER INSERT ... REFERENCING NEW TABLE ... FOR EACH STATEMENT")));

	if (SPI_connect() != SPI_OK_CONNECT)
		elog(ERROR, "SPI_connect failed");
	if (SPI_register_trigger_data(td) != SPI_OK_TD_REGISTER)
		elog(ERROR, "SPI_register_trigger_data failed");
	t = audit_table(rel);
	execute_as_log_owner(insert_plan(rel, t, td->tg_trigger->tgnewtable), NULL, NULL);
	SPI_finish();
	return PointerGetDatum(NULL);
}

/*
 * audit_key_value(text): a key value as it appears in row_key, quoted when
 * needed (see key_value_needs_quotes).  SQL-callable so that the statement
 * trigger's INSERT ... SELECT uses the same rule as the row trigger.
 */
PG_FUNCTION_INFO_V1(s22a_audit_key_value);
Datum
s22a_audit_key_value(PG_FUNCTION_ARGS)
{
	StringInfoData buf;

	initStringInfo(&buf);
	append_key_value(&buf, text_to_cstring(PG_GETARG_TEXT_PP(0)));
	PG_RETURN_TEXT_P(cstring_to_text_with_len(buf.data, buf.len));
}

PG_FUNCTION_INFO_V1(s22a_audit_refuse);
Datum
s22a_audit_refuse(PG_FUNCTION_ARGS)
{
	TriggerData *td = s22a_trigger_context(fcinfo, S22A_TRIGGER_AUDIT_REFUSE);
	TriggerEvent event = td->tg_event;
	Relation	rel = td->tg_relation;
	const char *operation;

	if (TRIGGER_FIRED_BY_TRUNCATE(event))
		operation = "TRUNCATE";
	else if (TRIGGER_FIRED_BY_UPDATE(event))
		operation = "UPDATE";
	else if (TRIGGER_FIRED_BY_DELETE(event))
		operation = "DELETE";
	else
		operation = "INSERT";

	if (strcmp(RelationGetRelationName(rel), "audit_log") == 0)
		ereport(ERROR,
				(s22a_rule_error(rel, S22A_RULE_AUDIT_LOG_APPEND_ONLY),
				 errmsg("%s on the audit log is refused: s22a.audit_log is append-only",
						operation),
				 errdetail("Every change to the register is kept in the audit log; its rows are never changed or removed."),
				 errhint("Correct the register table itself; the log will record the correction as a new row.")));

	ereport(ERROR,
			(s22a_rule_error(rel, S22A_RULE_REGISTER_NO_TRUNCATE),
			 errmsg("TRUNCATE of s22a.%s is refused: it would remove rows without a trace in the audit log",
					RelationGetRelationName(rel)),
			 errdetail("TRUNCATE does not fire row triggers, so the removed rows would not be logged."),
			 errhint("Remove rows with DELETE, which is logged row by row and checked by the register rules.")));
	PG_RETURN_NULL();			/* not reached */
}
