/*
 * attention.h: the one list of what needs chasing (督办), as of a review's
 * date (planwatch-status(1), NEEDS ATTENTION).
 *
 * Every face renders this list and none computes its own: check's item
 * lines, status's "Needs attention", the review's overview, the report and
 * the notices.  Each entry is one milestone instance or one target of
 * warning or critical severity, in scope, with every kind of trouble it has
 * (a milestone can be overdue and far behind pace; a target at risk and not
 * reported), the worst of them, its lead and supporting departments and its
 * days past due.  The reason in numbers is read from the review's result
 * (report/reason.h words it).  Nothing here does I/O or speaks a language.
 */
#ifndef MODEL_ATTENTION_H
#define MODEL_ATTENTION_H

#include <stdbool.h>
#include <stddef.h>

#include "model/status.h"

/* The kinds of trouble, worst first: an entry's kind is the first of its
 * kinds in this order. */
enum attn_kind {
	ATTN_OVERDUE,		/* a milestone past due, not done */
	ATTN_MISSED,		/* a target past due, not met */
	ATTN_FAR_BEHIND,	/* far behind its expected pace (序时进度) */
	ATTN_STALE,		/* not reported on time */
	ATTN_AT_RISK,		/* a target whose trend or stage falls short */
	ATTN_BEHIND,		/* behind its expected pace */
	ATTN_DUE_SOON,		/* a milestone due within the warning days */
	ATTN_NKINDS
};

/* How an office grades a 督办单, by its worst item: blue (due soon),
 * yellow (behind pace, at risk, not reported), red (overdue, missed). */
enum attn_level { ATTN_BLUE, ATTN_YELLOW, ATTN_RED };

struct attn_item {
	enum item_kind	 item;		/* ITEM_INSTANCE: index into
					   review.items; ITEM_TARGET: into
					   review.targets and plan.targets */
	size_t		 index;
	enum attn_kind	 kind;		/* the worst of kinds */
	unsigned	 kinds;		/* 1u << each attn_kind that applies */
	enum severity	 sev;
	int		 lead;		/* department index, -1: no lead */
	const int	*support;	/* borrowed from the plan */
	size_t		 nsupport;
	const char	*id;		/* borrowed from the review or plan */
	pw_day		 due;		/* DAY_NONE when it has none */
	int		 late_by;	/* asof - due: > 0 days past due,
					   <= 0 days left */
	int		 ms;		/* ITEM_INSTANCE: its milestone,
					   index into plan.ms; else -1 */
};

/*
 * Every item of rv in scope of at least min severity (SEV_WARNING or
 * SEV_CRITICAL), worst first: severity, then most days past due (soonest
 * due), then milestones before targets, then plan order.  *out is allocated
 * (NULL when none) and borrows from rv; returns the count.
 */
size_t		 attention_list(const struct review *rv, enum severity min,
		    struct attn_item **out);
/* Whether dept leads (*led set true) or supports a (*led set false). */
bool		 attn_involves(const struct attn_item *a, int dept,
		    bool *led);
enum attn_level	 attn_kind_level(enum attn_kind);
/* The worst level of n items (ATTN_BLUE when n is 0). */
enum attn_level	 attn_level_of(const struct attn_item *, size_t n);
/* Machine keywords ("overdue", "far-behind", "stale"...), never
 * translated; "blue", "yellow", "red". */
const char	*attn_kind_key(enum attn_kind);
const char	*attn_level_key(enum attn_level);
/* A symbol for each kind, so it survives monochrome: UTF-8 or ASCII. */
const char	*attn_kind_symbol(enum attn_kind, bool utf8);

/*
 * Week over week (planwatch-status(1), --since): the list as of D against
 * the list as of an earlier date S, both made from the same plan and
 * facts.  An item, matched by its id, is new (on D's list, not on S's),
 * resolved (on S's, not on D's) or still on the list (on both); an item
 * still on it is worse when the level of its kind or its severity rose.
 */
enum attn_change { ATTN_NEW, ATTN_STILL, ATTN_RESOLVED };

/* The most weeks attn_weeks() counts back. */
#define ATTN_WEEKS_MAX	52

struct attn_diff {
	enum attn_change what;
	bool		 worse;
	const struct attn_item *now;	/* on D's list; NULL when resolved */
	const struct attn_item *then;	/* on S's list; NULL when new */
	int		 weeks;		/* ATTN_STILL: set by attn_weeks() */
};

/*
 * Compare now (the list as of D) with then (as of S): every item of both,
 * once: the new and the still in now's order, then the resolved in then's.
 * *out is allocated (NULL when none) and borrows from both lists; returns
 * the count.
 */
size_t		 attn_compare(const struct attn_item *now, size_t nnow,
		    const struct attn_item *then, size_t nthen,
		    struct attn_diff **out);
/*
 * Set the weeks of each ATTN_STILL item of v: how many of the dates D - 7,
 * D - 14, ... (D being o->asof) it was on the list of at least min
 * severity, counted back until the first date it was not, at most
 * ATTN_WEEKS_MAX (then it has been on it at least that long).  Each date
 * is a review of p and f with o's warn days and department: f must hold
 * the history up to D (store_load_facts), not the facts of a review as of
 * D only.  The others' weeks are set to 0.  Each date reviews only the
 * milestones and targets of the items still counting (review_opts.ms_only,
 * tg_only): the same weeks as whole reviews, at the cost of those few.
 */
void		 attn_weeks(const struct plan *p, const struct facts *f,
		    const struct review_opts *o, enum severity min,
		    struct attn_diff *v, size_t n);

#endif
