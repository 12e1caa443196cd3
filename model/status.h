/*
 * status.h: the status rules, the one place that decides what is done,
 * late, overdue, due soon, met, at risk or missed (planwatch-status(1), STATUS
 * RULES).
 *
 * review_new() applies the rules to a plan and its facts as of a date and
 * returns every result at once; the curses review, the report, status and
 * check only render a struct review.  Nothing here reads the clock or does
 * I/O: the as-of date is a parameter.  A review borrows the plan (which must
 * outlive it) and copies what it needs from the facts.
 */
#ifndef MODEL_STATUS_H
#define MODEL_STATUS_H

#include <stdbool.h>
#include <stddef.h>

#include "model/date.h"
#include "model/facts.h"
#include "model/plan.h"

enum ms_state { MS_PENDING, MS_ACTIVE, MS_DUE_SOON, MS_OVERDUE, MS_DONE,
    MS_LATE, MS_NSTATES };
enum tg_state { TG_NO_DATA, TG_ON_TRACK, TG_AT_RISK, TG_MET, TG_MISSED,
    TG_NSTATES };
enum pace { PACE_NONE, PACE_OK, PACE_BEHIND, PACE_FAR_BEHIND };
enum severity { SEV_OK, SEV_WARNING, SEV_CRITICAL };

/* How a status is shown: front ends map a tone to a colour pair, an ANSI
 * colour or a CSS class, always beside the status's symbol. */
enum tone { TONE_NEUTRAL, TONE_GOOD, TONE_INFO, TONE_WARN, TONE_BAD };

/* A value at a date: a target's series, deduplicated (one per date, the
 * latest recorded), ascending by date.  For a scale, value is the level
 * index. */
struct point {
	pw_day	 date;
	double	 value;
};

/* One milestone instance as of the date. */
struct ms_result {
	struct instance	 in;
	const char	*name;		/* instance id: M (the plan's) or
					   M@2024-03 (the review's) */
	enum ms_state	 state;
	int		 days_overdue;	/* > 0 when overdue or late */
	int		 days_left;	/* due - asof, when open */
	bool		 has_progress;
	double		 progress;	/* 0..100; 100 when done or late */
	pw_day		 done_date;	/* DAY_NONE when open */
	double		 expected;	/* time-proportional progress, or -1 */
	enum pace	 pace;
	enum severity	 sev;
};

struct tg_result {
	int		 target;	/* index in plan.targets */
	enum tg_state	 state;
	bool		 has_latest;	/* latest value on or before asof */
	struct point	 latest;
	bool		 has_deciding;	/* after due: latest on/before due */
	struct point	 deciding;
	int		 stale_periods;	/* complete periods with no value */
	int		 stale;		/* 0, 1 (warning) or 2 (critical) */
	int		 stage_missed;	/* index of a passed stage not met,
					   or -1 */
	bool		 has_projection;
	double		 projection;	/* least-squares value at due */
	double		 expected;	/* pace line value on asof, or NAN */
	enum pace	 pace;
	enum severity	 sev;
	struct point	*series;	/* the values up to asof: every one
					   of a whole history; of facts
					   loaded by review_query_init's
					   query, those of the last year
					   and at least its recent latest */
	size_t		 nseries;
	bool		 in_scope;	/* within review_opts.dept */
	size_t		 ignored;	/* values ignored: a level not in
					   the scale, or none recorded */
};

struct phase_result {
	int		 phase;
	double		 progress;	/* weighted, 0..100 */
	double		 expected;	/* or -1 */
	enum pace	 pace;
	bool		 overdue;	/* end passed, a milestone open */
	int		 days_overdue;
	size_t		 open;		/* instances not completed */
	enum severity	 sev;
	bool		 in_scope;	/* owned by review_opts.dept, or one
					   of its milestones in scope */
};

/* Counts of instances and targets by what matters to a supervisor. */
struct counts {
	size_t	 pending, active, due_soon, overdue, done, late;
	size_t	 behind, far_behind;
	size_t	 no_data, on_track, at_risk, met, missed, stale;
};

/* A department's record, as lead (牵头) and as support (配合). */
struct dept_result {
	int		 dept;
	struct counts	 lead, support;
	size_t		 due_so_far;	/* led instances due by asof */
	size_t		 on_time;	/* of those, done on time */
	double		 on_time_rate;	/* on_time / due_so_far, or -1 */
};

struct review_opts {
	pw_day		 asof;
	int		 warn_days;	/* < 0: the plan's */
	int		 dept;		/* >= 0: only what it leads or
					   supports */
	/* Non-NULL: only the milestones ms_only[i] (parallel to plan.ms)
	 * and the targets tg_only[i] (to plan.targets) marked true are
	 * reviewed; the others have no items and their targets are not in
	 * scope.  The items and targets reviewed are as in a whole review;
	 * the phases, departments, counts and worst are of those alone.
	 * For a review that only asks after a few (attn_weeks()). */
	const bool	*ms_only;
	const bool	*tg_only;
};

struct review {
	const struct plan *plan;
	pw_day		 asof;
	int		 warn_days;
	struct ms_result *items;	/* every instance, plan order */
	size_t		 nitems;
	struct tg_result *targets;	/* parallel to plan.targets */
	size_t		 ntargets;
	struct phase_result *phases;	/* parallel to plan.phases */
	size_t		 nphases;
	struct dept_result *depts;	/* parallel to plan.depts */
	size_t		 ndepts;
	size_t		*dept_rank;	/* dept indexes, best first */
	struct counts	 counts;	/* instances and targets in scope */
	enum severity	 worst;
	int		 dept;		/* review_opts.dept, or -1 */
	size_t		 ignored;	/* sum of targets[].ignored */
	struct strpool	*names;		/* the instances' ids */
};

/*
 * The facts a review as of asof reads, for store_load_facts_asof: a review
 * of facts loaded with it is the same as one of the whole history, as of
 * that date only (and with the plan it was made from).  recent: the least
 * number of latest values to load for each target's series (for charts).
 */
void		 review_query_init(const struct plan *, pw_day asof,
		    size_t recent, struct facts_query *);
void		 review_query_release(struct facts_query *);
struct review	*review_new(const struct plan *, const struct facts *,
		    const struct review_opts *);
void		 review_free(struct review *);

/*
 * The departments' ranking (review.dept_rank): best on-time rate first,
 * then fewer overdue as lead, then id (strcmp); those with nothing due
 * yet (rate < 0) after every one with a rate.  The roll-up of several
 * plans ranks its departments by the same rule.
 */
struct dept_key {
	double		 rate;		/* on_time / due_so_far, or -1 */
	size_t		 overdue;
	const char	*id;
	size_t		 index;		/* the caller's */
};
void		 dept_keys_sort(struct dept_key *, size_t n);

/* Machine keywords ("overdue", "due-soon", "at-risk"...), never translated. */
const char	*ms_state_key(enum ms_state);
const char	*tg_state_key(enum tg_state);
const char	*pace_key(enum pace);
/* The words for people are translated at the edge: ms_state_label(),
 * tg_state_label() and pace_label() in report/words.h. */
/* A symbol for each status, so it survives monochrome: UTF-8 or ASCII. */
const char	*ms_state_symbol(enum ms_state, bool utf8);
const char	*tg_state_symbol(enum tg_state, bool utf8);
enum tone	 ms_state_tone(enum ms_state);
enum tone	 tg_state_tone(enum tg_state);
enum tone	 severity_tone(enum severity);
/* "OK", "WARNING", "CRITICAL": the monitoring keywords, never translated. */
const char	*severity_key(enum severity);

/*
 * A percentage as every face shows it (planwatch-status(1), STATUS RULES,
 * Percentages): the whole number nearest pct, halves away from zero (74.5
 * is 75, -0.5 is -1).  pct_round() is that number (for a format's "%.0f");
 * pct_text() writes it without the sign, "-" when pct is not finite, and
 * returns out.
 */
#define PCT_LEN	32
double		 pct_round(double pct);
const char	*pct_text(double pct, char out[static PCT_LEN]);

#endif
