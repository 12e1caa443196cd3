/*
 * rollup.h: the roll-up of several plans that a province office reads
 * (planwatch-status(1) and planwatch-report(1), ROLL-UP): one row per plan
 * with its counts, its on-time rate and its worst items, then the
 * departments ranked across the plans.
 *
 * Each plan is reviewed on its own (a session each, by the caller) and
 * added with rollup_add(), which copies what the roll-up shows: nothing
 * here points into a review, so the caller frees each plan's session
 * before it opens the next.  A department is the same department in every
 * plan that gives it the same id; its name is the one the first plan
 * added gives it.  rollup_rank() ranks them by the rule of a plan's own
 * ranking (dept_keys_sort(), model/status.h) on the sums across plans.
 */
#ifndef REPORT_ROLLUP_H
#define REPORT_ROLLUP_H

#include <stdbool.h>
#include <stddef.h>

#include "model/attention.h"
#include "model/status.h"
#include "report/report.h"

/* How many of a plan's worst items the roll-up shows without --all. */
#define ROLLUP_WORST	3

/* One item of a plan's attention list, as shown: strings allocated. */
struct rollup_item {
	enum attn_kind	 kind;
	enum severity	 sev;
	bool		 target;	/* else a milestone instance */
	char		*id;
	char		*name;
	char		*lead_id;	/* "" when it has no lead */
	char		*lead;		/* the lead's label, "-" for none */
	char		*why;		/* attn_reason(), in people's words */
	pw_day		 due;
	int		 late_by;
};

struct rollup_plan {
	char		*id;
	char		*title;
	int		 warn_days;
	struct counts	 counts;
	enum severity	 worst;
	size_t		 due_so_far;	/* led instances due by the date */
	size_t		 on_time;	/* of those, done on time */
	double		 on_time_rate;	/* or -1: nothing due yet */
	size_t		 nattn;		/* items on its attention list */
	struct rollup_item *items;	/* the first of them, list order */
	size_t		 nitems;
};

struct rollup_dept {
	char		*id;
	char		*name;
	char		*label;		/* the short name, else the name */
	size_t		 plans;		/* how many plans have it */
	size_t		 due_so_far, on_time;
	double		 on_time_rate;	/* or -1 */
	size_t		 overdue, due_soon;	/* as lead */
};

struct rollup {
	pw_day		 asof;
	size_t		 keep;		/* items kept per plan (SIZE_MAX:
					   every one) */
	enum severity	 worst;
	struct rollup_plan *plans;	/* in the order added */
	size_t		 nplans;
	struct rollup_dept *depts;	/* ranked after rollup_rank() */
	size_t		 ndepts;
};

void		 rollup_init(struct rollup *, pw_day asof, size_t keep);
void		 rollup_release(struct rollup *);
/* Add the plan of rv, at the list at[0..nat) (attention_list()). */
void		 rollup_add(struct rollup *, const struct review *rv,
		    const struct attn_item *at, size_t nat);
/* Rank the departments, best first. */
void		 rollup_rank(struct rollup *);
/*
 * The roll-up as a document for the text, Markdown, HTML and workbook
 * renderers (report_write, report_xlsx): its sections are "summary" (the
 * plans), "worst" (their worst items) and "ranking" (the departments).
 * o's made, utf8 and color are read.  Free with report_free().
 */
struct report	*rollup_report(const struct rollup *,
		    const struct report_opts *o);
/* The roll-up for machines: field names and keywords never translated,
 * departments by id. */
void		 rollup_csv(const struct rollup *, struct rsink *);
void		 rollup_json(const struct rollup *, const char *made,
		    struct rsink *);

#endif
