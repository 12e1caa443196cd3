/* schema.c: the keys of plan format 1, one table per kind of mapping. */
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "config/schema.h"
#include "model/plan.h"
#include "util/i18n.h"
#include "util/xalloc.h"

const char *const schema_directions[] = { ">=", ">", "<=", "<", "=", NULL };
const char *const schema_periods[] = { "week", "month", "quarter", "year",
    NULL };

/* In enum order: a choice's index is its truth. */
static const char *const bools[] = { "false", "true", NULL };

#define NKEYS(a)	(sizeof (a) / sizeof (a)[0])
#define REQ		KF_REQUIRED

static const struct key_def stage_keys[SK_N] = {
	[SK_DUE] = { "due", KT_DATE_END, REQ, 0, 0, NULL, NULL,
	  N_("when the interim target is due") },
	[SK_TARGET] = { "target", KT_LEVEL, REQ, 0, 0, NULL, NULL,
	  N_("the interim value (a level with scale)") },
};

static const struct key_def dept_keys[DK_N] = {
	[DK_ID] = { "id", KT_ID, REQ, 0, 0, NULL, NULL,
	  N_("the department's id") },
	[DK_NAME] = { "name", KT_NAME, REQ, 0, 0, NULL, NULL,
	  N_("its full name") },
	[DK_SHORT] = { "short", KT_NAME, 0, 0, 0, NULL, NULL,
	  N_("a short name for narrow columns") },
	[DK_NOTICES] = { "notices", KT_CHOICE, 0, 0, 0, bools, NULL,
	  N_("false: no reminder notice goes to it (default true)") },
};

static const struct key_def ms_keys[MK_N] = {
	[MK_ID] = { "id", KT_ID, REQ, 0, 0, NULL, NULL,
	  N_("the milestone's id") },
	[MK_NAME] = { "name", KT_NAME, REQ, 0, 0, NULL, NULL,
	  N_("what is to be done") },
	[MK_DUE] = { "due", KT_DATE_END, REQ, 0, 0, NULL, NULL,
	  N_("when it is due") },
	[MK_START] = { "start", KT_DATE_START, 0, 0, 0, NULL, NULL,
	  N_("when work on it starts") },
	[MK_OWNER] = { "owner", KT_REF, 0, 0, 0, NULL, NULL,
	  N_("the lead department (牵头)") },
	[MK_SUPPORT] = { "support", KT_REFLIST, 0, 0, 0, NULL, NULL,
	  N_("supporting departments (配合)") },
	[MK_WEIGHT] = { "weight", KT_NUMBER, KF_POSITIVE, 0, 0, NULL, NULL,
	  N_("its weight in its phase's progress, > 0 (default 1)") },
	[MK_EVERY] = { "every", KT_CHOICE, 0, 0, 0, schema_periods, NULL,
	  N_("recurrence: week, month, quarter or year") },
	[MK_NOTE] = { "note", KT_TEXT, 0, 0, 0, NULL, NULL, N_("free text") },
};

static const struct key_def phase_keys[HK_N] = {
	[HK_ID] = { "id", KT_ID, REQ, 0, 0, NULL, NULL, N_("the phase's id") },
	[HK_NAME] = { "name", KT_NAME, REQ, 0, 0, NULL, NULL, N_("its name") },
	[HK_START] = { "start", KT_DATE_START, 0, 0, 0, NULL, NULL,
	  N_("its start (default the previous phase's end + 1 day, or the "
	  "plan's start)") },
	[HK_END] = { "end", KT_DATE_END, REQ, 0, 0, NULL, NULL,
	  N_("its end") },
	[HK_OWNER] = { "owner", KT_REF, 0, 0, 0, NULL, NULL,
	  N_("the responsible department") },
	[HK_MILESTONES] = { "milestones", KT_LIST, 0, 0, 0, NULL, &schema_ms,
	  N_("the phase's milestones") },
	[HK_NOTE] = { "note", KT_TEXT, 0, 0, 0, NULL, NULL, N_("free text") },
};

static const struct key_def target_keys[TK_N] = {
	[TK_ID] = { "id", KT_ID, REQ, 0, 0, NULL, NULL,
	  N_("the target's id") },
	[TK_NAME] = { "name", KT_NAME, REQ, 0, 0, NULL, NULL,
	  N_("the indicator as the document words it") },
	[TK_UNIT] = { "unit", KT_TEXT, 0, 0, 0, NULL, NULL,
	  N_("the unit shown after values") },
	[TK_DIRECTION] = { "direction", KT_CHOICE, REQ, 0, 0, schema_directions,
	  NULL, N_("how a value meets the target: >=, >, <=, < or =") },
	[TK_TARGET] = { "target", KT_LEVEL, REQ, 0, 0, NULL, NULL,
	  N_("the value to reach (a level with scale)") },
	[TK_DUE] = { "due", KT_DATE_END, REQ, 0, 0, NULL, NULL,
	  N_("when the target must be met") },
	[TK_BASELINE] = { "baseline", KT_LEVEL, 0, 0, 0, NULL, NULL,
	  N_("the value at the start (a level with scale)") },
	[TK_BASELINE_DATE] = { "baseline_date", KT_DATE_END, 0, 0, 0, NULL,
	  NULL, N_("the date of the baseline") },
	[TK_STAGES] = { "stages", KT_LIST, 0, 0, 0, NULL, &schema_stage,
	  N_("interim targets, dues ascending and before due") },
	[TK_CADENCE] = { "cadence", KT_CHOICE, 0, 0, 0, schema_periods, NULL,
	  N_("how often a value is expected (default quarter)") },
	[TK_SCALE] = { "scale", KT_TEXTLIST, 0, 0, 0, NULL, NULL,
	  N_("ordered levels, low to high") },
	[TK_OWNER] = { "owner", KT_REF, 0, 0, 0, NULL, NULL,
	  N_("the lead department") },
	[TK_SUPPORT] = { "support", KT_REFLIST, 0, 0, 0, NULL, NULL,
	  N_("supporting departments") },
	[TK_PHASE] = { "phase", KT_REF, 0, 0, 0, NULL, NULL,
	  N_("the phase the target belongs to") },
	[TK_NOTE] = { "note", KT_TEXT, 0, 0, 0, NULL, NULL, N_("free text") },
};

static const struct key_def plan_keys[PK_N] = {
	[PK_FORMAT] = { "format", KT_INT, 0, PLAN_FORMAT, PLAN_FORMAT, NULL,
	  NULL, N_("the format version; if given, 1") },
	[PK_PLAN] = { "plan", KT_NAME, REQ, 0, 0, NULL, NULL,
	  N_("the plan's title") },
	[PK_ID] = { "id", KT_ID, 0, 0, 0, NULL, NULL,
	  N_("the plan's id (default the file name without extension)") },
	[PK_DOCUMENT] = { "document", KT_TEXT, 0, 0, 0, NULL, NULL,
	  N_("the document number") },
	[PK_ISSUER] = { "issuer", KT_TEXT, 0, 0, 0, NULL, NULL,
	  N_("who issued it") },
	[PK_ISSUED] = { "issued", KT_DATE_START, 0, 0, 0, NULL, NULL,
	  N_("when it was issued") },
	[PK_START] = { "start", KT_DATE_START, 0, 0, 0, NULL, NULL,
	  N_("when the plan starts") },
	[PK_END] = { "end", KT_DATE_END, 0, 0, 0, NULL, NULL,
	  N_("when it ends") },
	[PK_WARN_DAYS] = { "warn_days", KT_INT, 0, 0, WARN_DAYS_MAX, NULL, NULL,
	  N_("days before a due date that count as due soon (default 14)") },
	[PK_PACE] = { "pace", KT_PACE, 0, 0, 0, NULL, NULL,
	  N_("points behind time-proportional progress that are behind and "
	  "far behind (default [10, 30])") },
	[PK_DEPARTMENTS] = { "departments", KT_LIST, 0, 0, 0, NULL,
	  &schema_dept, N_("the departments named by the plan") },
	[PK_PHASES] = { "phases", KT_LIST, 0, 0, 0, NULL, &schema_phase,
	  N_("the phases, in order") },
	[PK_MILESTONES] = { "milestones", KT_LIST, 0, 0, 0, NULL, &schema_ms,
	  N_("milestones outside any phase") },
	[PK_TARGETS] = { "targets", KT_LIST, 0, 0, 0, NULL, &schema_target,
	  N_("quantified targets (KPIs)") },
	[PK_CONTACT] = { "contact", KT_TEXT, 0, 0, 0, NULL, NULL,
	  N_("whom a reminder notice names to contact") },
	[PK_CONTACT_PHONE] = { "contact_phone", KT_TEXT, 0, 0, 0, NULL, NULL,
	  N_("the contact's telephone number") },
	[PK_CADENCE] = { "cadence", KT_CHOICE, 0, 0, 0, schema_periods, NULL,
	  N_("how often a value is expected of a target that does not say "
	  "(default quarter)") },
};

const struct schema schema_stage = { SC_STAGE, N_("a stage"), stage_keys,
    NKEYS(stage_keys) };
const struct schema schema_dept = { SC_DEPT, N_("a department"), dept_keys,
    NKEYS(dept_keys) };
const struct schema schema_ms = { SC_MS, N_("a milestone"), ms_keys,
    NKEYS(ms_keys) };
const struct schema schema_phase = { SC_PHASE, N_("a phase"), phase_keys,
    NKEYS(phase_keys) };
const struct schema schema_target = { SC_TARGET, N_("a target"),
    target_keys, NKEYS(target_keys) };
const struct schema schema_plan = { SC_PLAN, N_("the plan"), plan_keys,
    NKEYS(plan_keys) };

/* Cheap and good enough for a few short keys: length, first and last
 * bytes. */
static size_t
key_hash(const char *key, size_t len)
{
	if (len == 0)
		return 0;
	return (len * 31 + (unsigned char)key[0] * 7 +
	    (unsigned char)key[len - 1]) & (SCHEMA_SLOTS - 1);
}

void
schema_index_init(struct schema_index *x, const struct schema *s)
{
	x->s = s;
	memset(x->slot, -1, sizeof x->slot);
	for (size_t i = 0; i < s->nkeys; i++) {
		const char *k = s->keys[i].key;
		x->len[i] = strlen(k);
		size_t h = key_hash(k, x->len[i]);
		while (x->slot[h] >= 0)
			h = (h + 1) & (SCHEMA_SLOTS - 1);
		x->slot[h] = (signed char)i;
	}
}

/* Keys are a few bytes: compared here rather than by a call. */
static bool
same_key(const char *a, const char *b, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (a[i] != b[i])
			return false;
	return true;
}

int
schema_index_find(const struct schema_index *x, const char *key, size_t len)
{
	size_t h = key_hash(key, len);

	for (;;) {
		int i = x->slot[h];
		if (i < 0)
			return -1;
		if (x->len[i] == len && same_key(x->s->keys[i].key, key, len))
			return i;
		h = (h + 1) & (SCHEMA_SLOTS - 1);
	}
}

int
schema_find(const struct schema *s, const char *key)
{
	for (size_t i = 0; i < s->nkeys; i++)
		if (strcmp(s->keys[i].key, key) == 0)
			return (int)i;
	return -1;
}

size_t
schema_distance(const char *a, const char *b, size_t cap)
{
	size_t la = strlen(a), lb = strlen(b);

	if (la > 64 || lb > 64 || (la > lb ? la - lb : lb - la) > cap)
		return cap + 1;
	/* Three rows are enough for optimal string alignment. */
	size_t *prev2 = xcalloc(3 * (lb + 1), sizeof *prev2);
	size_t *prev = prev2 + lb + 1, *cur = prev + lb + 1;
	for (size_t j = 0; j <= lb; j++)
		prev[j] = j;
	for (size_t i = 1; i <= la; i++) {
		cur[0] = i;
		for (size_t j = 1; j <= lb; j++) {
			size_t cost = a[i - 1] != b[j - 1];
			size_t v = prev[j - 1] + cost;
			if (prev[j] + 1 < v)
				v = prev[j] + 1;
			if (cur[j - 1] + 1 < v)
				v = cur[j - 1] + 1;
			if (i > 1 && j > 1 && a[i - 1] == b[j - 2] &&
			    a[i - 2] == b[j - 1] && prev2[j - 2] + 1 < v)
				v = prev2[j - 2] + 1;
			cur[j] = v;
		}
		size_t *t = prev2;
		prev2 = prev;
		prev = cur;
		cur = t;
	}
	size_t d = prev[lb];
	/* The three rows are one allocation; find its start again. */
	size_t *base = prev2 < prev ? prev2 : prev;
	if (cur < base)
		base = cur;
	free(base);
	return d > cap ? cap + 1 : d;
}

const char *
schema_suggest(const struct schema *s, const char *key)
{
	size_t cap = strlen(key) < 4 ? 1 : 2, best = cap + 1;
	const char *found = NULL;

	for (size_t i = 0; i < s->nkeys; i++) {
		size_t d = schema_distance(key, s->keys[i].key, cap);
		if (d < best) {
			best = d;
			found = s->keys[i].key;
		}
	}
	return found;
}
