/*
 * plan.h: the plan model, plain types with no library headers.
 *
 * A struct plan is what config/ builds from a plan file (format 1, see
 * planwatch-plan(5)) and what every front end reads.  It owns every string
 * and array in it; plan_free() releases all.  Cross references are indexes
 * into the plan's arrays, -1 for none.
 *
 * Milestones are stored in one array ordered by phase: phase i's milestones
 * are ms[phases[i].ms_first .. ms_first + ms_count - 1], and the milestones
 * outside any phase follow the last phase's.  A recurring milestone (every
 * != PERIOD_NONE) is expanded into instances by plan_instances(); instances
 * are computed, never stored.
 */
#ifndef MODEL_PLAN_H
#define MODEL_PLAN_H

#include <stdbool.h>
#include <stddef.h>

#include "model/date.h"

#define PLAN_FORMAT	1
#define ID_MAX		64	/* longest id, in bytes */
#define WARN_DAYS_DEFAULT 14
#define WARN_DAYS_MAX	365
#define PACE_WARN_DEFAULT 10.0
#define PACE_CRIT_DEFAULT 30.0
/* Most milestone instances a plan may have, counting one for each
 * milestone that does not recur (planwatch-plan(5), LIMITS): every front
 * end expands them all, so this bounds their time and memory. */
#define PLAN_INSTANCES_MAX 200000

/* Where a node was in the plan file: 1-based line and column. */
struct srcpos {
	int	line, col;
};

/*
 * The fields of the plan's structs, each declared once, here: the structs
 * below are made from these tables, and so are the cache's image of a
 * plan (session/image.c: writer and reader) and the tests' comparison
 * (tests/unit/same_plan.h), so that a field added to a table is in all of
 * them.  X(KIND, field, ...): STR a string, OSTR one that is NULL when not
 * given, DATE, POS, INT, SIZE, F64, BOOL, ENUM(field, type, its last
 * value); DEPTS an array of department indexes, LIST(field, struct) an
 * array of structs and STRS an array of strings, each with its count
 * nFIELD and from the plan's pool; ITEMS(field, struct) one of the plan's
 * own arrays, with its count nFIELD.
 */
#define DEPARTMENT_FIELDS(X)						\
	X(STR, id)							\
	X(STR, name)							\
	X(OSTR, short_name)	/* NULL when not given */		\
	X(BOOL, no_notices)	/* notices: false, kept out of them */	\
	X(POS, pos)

#define PHASE_FIELDS(X)							\
	X(STR, id)							\
	X(STR, name)							\
	X(OSTR, note)							\
	X(DATE, start)		/* resolved: given, previous end + 1,	\
				   or the plan's start; may be absent */\
	X(DATE, end)							\
	X(INT, owner)		/* department index or -1 */		\
	X(SIZE, ms_first)	/* its milestones in plan.ms */		\
	X(SIZE, ms_count)						\
	X(POS, pos)

#define MILESTONE_FIELDS(X)						\
	X(STR, id)							\
	X(STR, name)							\
	X(OSTR, note)							\
	X(INT, phase)		/* phase index or -1 */			\
	X(DATE, start)		/* as given; absent: plan_ms_start */	\
	X(DATE, due)							\
	X(INT, owner)		/* lead department (牵头) or -1 */	\
	X(DEPTS, support)	/* supporting departments (配合) */	\
	X(F64, weight)		/* > 0, default 1 */			\
	X(ENUM, every, period, PERIOD_YEAR)	/* PERIOD_NONE: not	\
						   recurring */		\
	X(POS, pos)

enum direction { DIR_GE, DIR_GT, DIR_LE, DIR_LT, DIR_EQ };

#define STAGE_FIELDS(X)							\
	X(DATE, due)							\
	X(F64, target)		/* a level index with a scale */

#define TARGET_FIELDS(X)						\
	X(STR, id)							\
	X(STR, name)							\
	X(OSTR, unit)		/* NULL when not given */		\
	X(OSTR, note)							\
	X(ENUM, dir, direction, DIR_EQ)					\
	X(F64, target)		/* a level index when nscale > 0 */	\
	X(DATE, due)							\
	X(BOOL, has_baseline)						\
	X(F64, baseline)						\
	X(DATE, baseline_date)	/* may be absent */			\
	X(LIST, stages, stage)	/* dues ascending, before due */	\
	X(ENUM, cadence, period, PERIOD_YEAR)	/* default quarter */	\
	X(STRS, scale)		/* ordered levels, low to high */	\
	X(INT, owner)							\
	X(DEPTS, support)						\
	X(INT, phase)		/* phase index or -1 */			\
	X(POS, pos)

#define PLAN_FIELDS(X)							\
	X(STR, file)		/* as the user named it */		\
	X(STR, title)		/* plan: */				\
	X(STR, id)		/* id:, default the file's base name */	\
	X(OSTR, document)						\
	X(OSTR, issuer)							\
	X(OSTR, contact)	/* whom a notice names to call, and */	\
	X(OSTR, phone)		/* the number */			\
	X(DATE, issued)							\
	X(DATE, start)							\
	X(DATE, end)							\
	X(INT, warn_days)						\
	X(F64, pace_warn)						\
	X(F64, pace_crit)						\
	X(ENUM, cadence, period, PERIOD_YEAR)	/* cadence: of the	\
		targets that give none; PERIOD_NONE when not given	\
		(they are quarterly) */					\
	X(ITEMS, depts, department)					\
	X(ITEMS, phases, phase)						\
	X(ITEMS, ms, milestone)						\
	X(ITEMS, targets, target)

/* A field's declaration in its struct. */
#define PLAN_FIELD(kind, ...)		PLAN_FIELD_##kind(__VA_ARGS__)
#define PLAN_FIELD_STR(f)		char *f;
#define PLAN_FIELD_OSTR(f)		char *f;
#define PLAN_FIELD_DATE(f)		struct pdate f;
#define PLAN_FIELD_POS(f)		struct srcpos f;
#define PLAN_FIELD_INT(f)		int f;
#define PLAN_FIELD_SIZE(f)		size_t f;
#define PLAN_FIELD_F64(f)		double f;
#define PLAN_FIELD_BOOL(f)		bool f;
#define PLAN_FIELD_ENUM(f, type, last)	enum type f;
#define PLAN_FIELD_DEPTS(f)		int *f; size_t n##f;
#define PLAN_FIELD_LIST(f, type)	struct type *f; size_t n##f;
#define PLAN_FIELD_STRS(f)		char **f; size_t n##f;
#define PLAN_FIELD_ITEMS(f, type)	struct type *f; size_t n##f;

struct department {
	DEPARTMENT_FIELDS(PLAN_FIELD)
};

struct phase {
	PHASE_FIELDS(PLAN_FIELD)
};

struct milestone {
	MILESTONE_FIELDS(PLAN_FIELD)
};

struct stage {
	STAGE_FIELDS(PLAN_FIELD)
};

struct target {
	TARGET_FIELDS(PLAN_FIELD)
};

struct idmap;
struct strpool;

struct plan {
	PLAN_FIELDS(PLAN_FIELD)

	struct idmap	*ids;		/* id -> item, built by plan_index */
	/* The strings and the items' arrays (support, stages, scale) of a
	 * loaded plan, in a few large blocks: when not NULL, every one of
	 * them is from plan_strndup() or plan_alloc() and plan_free()
	 * releases them at once.  NULL in a plan built string by string. */
	struct strpool	*pool;
};

/* What an id names. */
enum item_kind { ITEM_NONE, ITEM_PHASE, ITEM_MILESTONE, ITEM_TARGET,
    ITEM_INSTANCE };

struct item_ref {
	enum item_kind	 kind;
	int		 index;		/* into phases, ms or targets */
	pw_day		 period;	/* ITEM_INSTANCE: its period's start */
};

/* One occurrence of a milestone: the milestone itself, or one period of a
 * recurring one. */
struct instance {
	int		 ms;		/* index in plan.ms */
	pw_day		 start;
	pw_day		 due;
	pw_day		 period;	/* period start, DAY_NONE if not
					   recurring */
};

struct plan	*plan_new(void);
void		 plan_free(struct plan *);
/* A copy of the n bytes of s, NUL-terminated, from the plan's pool. */
char		*plan_strndup(struct plan *, const char *s, size_t n);
/* Room for nmemb elements of size bytes, aligned as malloc's, from the
 * plan's pool; not zeroed. */
void		*plan_alloc(struct plan *, size_t nmemb, size_t size);

/* Build the id index (items and departments); call once the arrays are
 * complete, and again after changing them.  Returns 0, or -1
 * when an id is taken twice (the loader reports duplicates itself, with
 * their positions, before it calls this). */
int		 plan_index(struct plan *);
/* Is s[0..n) an id: 1 to ID_MAX of A-Z a-z 0-9 . _ - ? */
bool		 plan_valid_id(const char *s, size_t n);
/* Does an indexed plan hold the loader's rules that the front ends rely
 * on (plan_check.c: ids, text, dates, ranges, indexes, the milestones'
 * order)?  0 if so, else -1. */
int		 plan_check(const struct plan *);
/* Look up a phase, milestone, target or instance id ("M@2024-03").
 * Department ids are looked up with plan_find_dept. */
struct item_ref	 plan_find(const struct plan *, const char *id);
int		 plan_find_dept(const struct plan *, const char *id);
/* Up to max ids (of phases, milestones and targets) closest to id by edit
 * distance, for "did you mean"; returns how many were stored. */
size_t		 plan_suggest(const struct plan *, const char *id,
		    const char **out, size_t max);

/* The start a milestone runs from: its own, else its phase's, else the
 * plan's; DAY_NONE when none is known. */
pw_day		 plan_ms_start(const struct plan *, const struct milestone *);
/* The start a target is measured from: its phase's start, else the plan's
 * start, else its baseline date; DAY_NONE when none. */
pw_day		 plan_target_start(const struct plan *, const struct target *);

/* Append the instances of milestone ms to *v (grown with xreallocarray;
 * *n and *cap updated).  A non-recurring milestone has one instance. */
void		 plan_instances(const struct plan *, int ms,
		    struct instance **v, size_t *n, size_t *cap);
/* How many instances plan_instances() gives milestone ms, computed
 * without making them. */
size_t		 plan_ms_ninstances(const struct plan *, int ms);
/* Instance name: the milestone id, or "ID@PERIOD"; caller frees. */
char		*plan_instance_name(const struct plan *, const struct instance *);

/* ">=", ">", "<=", "<", "=". */
const char	*direction_symbol(enum direction);
int		 direction_parse(const char *, enum direction *);
/* Does value meet target in this direction? */
bool		 direction_meets(enum direction, double value, double target);
/* The display name of a department index (short name if any), or "-". */
const char	*plan_dept_label(const struct plan *, int dept);

#endif
