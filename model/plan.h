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

struct department {
	char		*id;
	char		*name;
	char		*short_name;	/* NULL when not given */
	bool		 no_notices;	/* notices: false, kept out of them */
	struct srcpos	 pos;
};

struct phase {
	char		*id;
	char		*name;
	char		*note;		/* NULL when not given */
	struct pdate	 start;		/* resolved: given, previous end + 1,
					   or the plan's start; may be absent */
	struct pdate	 end;
	int		 owner;		/* department index or -1 */
	size_t		 ms_first;	/* its milestones in plan.ms */
	size_t		 ms_count;
	struct srcpos	 pos;
};

struct milestone {
	char		*id;
	char		*name;
	char		*note;		/* NULL when not given */
	int		 phase;		/* phase index or -1 */
	struct pdate	 start;		/* as given; absent: see plan_ms_start */
	struct pdate	 due;
	int		 owner;		/* lead department (牵头) or -1 */
	int		*support;	/* supporting departments (配合) */
	size_t		 nsupport;
	double		 weight;	/* > 0, default 1 */
	enum period	 every;		/* PERIOD_NONE: not recurring */
	struct srcpos	 pos;
};

enum direction { DIR_GE, DIR_GT, DIR_LE, DIR_LT, DIR_EQ };

struct stage {
	struct pdate	 due;
	double		 target;	/* a level index with a scale */
};

struct target {
	char		*id;
	char		*name;
	char		*unit;		/* NULL when not given */
	char		*note;
	enum direction	 dir;
	double		 target;	/* a level index when nscale > 0 */
	struct pdate	 due;
	bool		 has_baseline;
	double		 baseline;
	struct pdate	 baseline_date;	/* may be absent */
	struct stage	*stages;	/* dues ascending, before due */
	size_t		 nstages;
	enum period	 cadence;	/* default PERIOD_QUARTER */
	char	       **scale;		/* ordered levels, low to high */
	size_t		 nscale;
	int		 owner;
	int		*support;
	size_t		 nsupport;
	int		 phase;		/* phase index or -1 */
	struct srcpos	 pos;
};

struct idmap;
struct strpool;

struct plan {
	char		*file;		/* as the user named it */
	char		*title;		/* plan: */
	char		*id;		/* id:, default the file's base name */
	char		*document;	/* NULL when not given */
	char		*issuer;
	char		*contact;	/* whom a notice names to call, and */
	char		*phone;		/* the number; NULL when not given */
	struct pdate	 issued, start, end;
	int		 warn_days;
	double		 pace_warn, pace_crit;
	enum period	 cadence;	/* cadence: of the targets that give
					   none; PERIOD_NONE when not given
					   (they are quarterly) */

	struct department *depts;
	size_t		 ndepts;
	struct phase	*phases;
	size_t		 nphases;
	struct milestone *ms;
	size_t		 nms;
	struct target	*targets;
	size_t		 ntargets;

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
