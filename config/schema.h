/*
 * schema.h: the plan format's keys as tables (inside config/ only).
 *
 * One table per kind of mapping (the plan, a department, a phase, a
 * milestone, a target, a stage) lists every key with its type, whether it
 * is required, its limits or choices and a help line.  The loader parses by
 * these tables, "unknown key" suggestions come from them, and a unit test
 * checks that planwatch-plan(5) names every key in them.
 */
#ifndef CONFIG_SCHEMA_H
#define CONFIG_SCHEMA_H

#include <stddef.h>

enum key_type {
	KT_TEXT,	/* a string; empty allowed */
	KT_NAME,	/* a non-empty string */
	KT_ID,		/* 1..ID_MAX of A-Z a-z 0-9 . _ - */
	KT_DATE_START,	/* a date; a month, quarter or year is its first day */
	KT_DATE_END,	/* a date; a month, quarter or year is its last day */
	KT_INT,		/* an integer in min..max */
	KT_NUMBER,	/* a finite number (> 0 with KF_POSITIVE) */
	KT_LEVEL,	/* a number, or a level of the target's scale */
	KT_CHOICE,	/* one of choices[] */
	KT_REF,		/* the id of a department or phase */
	KT_REFLIST,	/* a list of department ids */
	KT_TEXTLIST,	/* a list of non-empty strings */
	KT_PACE,	/* [warn, crit], 0 < warn <= crit <= 100 */
	KT_LIST		/* a list of mappings of schema sub */
};

#define KF_REQUIRED	0x1
#define KF_POSITIVE	0x2

enum schema_id { SC_PLAN, SC_DEPT, SC_PHASE, SC_MS, SC_TARGET, SC_STAGE };

/*
 * Each table's keys by position: schema.c places every key at its
 * constant, so the loader reads a field by index, never by name.
 */
enum plan_key { PK_FORMAT, PK_PLAN, PK_ID, PK_DOCUMENT, PK_ISSUER, PK_ISSUED,
    PK_START, PK_END, PK_WARN_DAYS, PK_PACE, PK_DEPARTMENTS, PK_PHASES,
    PK_MILESTONES, PK_TARGETS, PK_CONTACT, PK_CONTACT_PHONE, PK_CADENCE,
    PK_N };
enum dept_key { DK_ID, DK_NAME, DK_SHORT, DK_NOTICES, DK_N };
enum phase_key { HK_ID, HK_NAME, HK_START, HK_END, HK_OWNER, HK_MILESTONES,
    HK_NOTE, HK_N };
enum ms_key { MK_ID, MK_NAME, MK_DUE, MK_START, MK_OWNER, MK_SUPPORT,
    MK_WEIGHT, MK_EVERY, MK_NOTE, MK_N };
enum target_key { TK_ID, TK_NAME, TK_UNIT, TK_DIRECTION, TK_TARGET, TK_DUE,
    TK_BASELINE, TK_BASELINE_DATE, TK_STAGES, TK_CADENCE, TK_SCALE, TK_OWNER,
    TK_SUPPORT, TK_PHASE, TK_NOTE, TK_N };
enum stage_key { SK_DUE, SK_TARGET, SK_N };

/* Most keys in one table. */
#define SCHEMA_MAX_KEYS	20

struct schema;

struct key_def {
	const char		*key;
	enum key_type		 type;
	unsigned		 flags;
	int			 min, max;	/* KT_INT */
	const char *const	*choices;	/* KT_CHOICE, NULL-terminated */
	const struct schema	*sub;		/* KT_LIST */
	const char		*help;		/* N_() */
};

struct schema {
	enum schema_id		 id;
	const char		*what;		/* N_(): "a milestone" */
	const struct key_def	*keys;
	size_t			 nkeys;
};

extern const struct schema schema_plan, schema_dept, schema_phase,
    schema_ms, schema_target, schema_stage;

/* The choices of direction, and of every and cadence (in enum period order
 * from PERIOD_WEEK). */
extern const char *const schema_directions[];
extern const char *const schema_periods[];

/* The index of key in s, or -1. */
int		 schema_find(const struct schema *, const char *key);

/*
 * A hash of one table's keys, for reading many mappings: the loader builds
 * one per table, then finds a key with one hash and one comparison.
 */
#define SCHEMA_SLOTS	64	/* a power of two, > 2 * SCHEMA_MAX_KEYS */
struct schema_index {
	const struct schema	*s;
	signed char		 slot[SCHEMA_SLOTS];	/* key index, or -1 */
	size_t			 len[SCHEMA_MAX_KEYS];	/* each key's length */
};

void		 schema_index_init(struct schema_index *, const struct schema *);
/* The index of key, len bytes long (strlen), in the table, or -1 (the same
 * as schema_find). */
int		 schema_index_find(const struct schema_index *, const char *key,
		    size_t len);
/* The key of s closest to key by edit distance, or NULL when none is
 * close enough to suggest. */
const char	*schema_suggest(const struct schema *, const char *key);
/* Edit distance with transpositions (optimal string alignment), counted in
 * bytes; anything over cap returns cap + 1. */
size_t		 schema_distance(const char *, const char *, size_t cap);

#endif
