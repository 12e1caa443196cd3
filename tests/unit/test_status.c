/* test_status.c: the status rules, every rule and boundary, fixed dates. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "model/attention.h"
#include "model/status.h"
#include "report/words.h"
#include "util/xalloc.h"

#define D(y, m, d)	date_from_ymd(y, m, d)
#define NONE		DAY_NONE

/* Plans are built by hand, the way config/ fills them. */

static struct plan *
plan_begin(pw_day start, pw_day end)
{
	struct plan *p = plan_new();

	p->title = xstrdup("test");
	p->id = xstrdup("test");
	p->start.day = start;
	p->end.day = end;
	return p;
}

static int
add_dept(struct plan *p, const char *id)
{
	struct department *d;

	p->depts = xreallocarray(p->depts, p->ndepts + 1, sizeof *p->depts);
	d = &p->depts[p->ndepts];
	memset(d, 0, sizeof *d);
	d->id = xstrdup(id);
	d->name = xstrdup(id);
	return (int)p->ndepts++;
}

static int
add_phase(struct plan *p, const char *id, pw_day start, pw_day end,
    int owner)
{
	struct phase *ph;

	p->phases = xreallocarray(p->phases, p->nphases + 1,
	    sizeof *p->phases);
	ph = &p->phases[p->nphases];
	memset(ph, 0, sizeof *ph);
	ph->id = xstrdup(id);
	ph->name = xstrdup(id);
	ph->start.day = start;
	ph->end.day = end;
	ph->owner = owner;
	ph->ms_first = p->nms;
	return (int)p->nphases++;
}

/* Milestones must be added phase by phase, as the loader stores them. */
static struct milestone *
add_ms(struct plan *p, const char *id, int phase, pw_day start, pw_day due,
    int owner, enum period every)
{
	struct milestone *m;

	p->ms = xreallocarray(p->ms, p->nms + 1, sizeof *p->ms);
	m = &p->ms[p->nms++];
	memset(m, 0, sizeof *m);
	m->id = xstrdup(id);
	m->name = xstrdup(id);
	m->phase = phase;
	m->start.day = start;
	m->due.day = due;
	m->owner = owner;
	m->weight = 1;
	m->every = every;
	if (phase >= 0)
		p->phases[phase].ms_count++;
	return m;
}

static void
add_support(int **v, size_t *n, int dept)
{
	*v = xreallocarray(*v, *n + 1, sizeof **v);
	(*v)[(*n)++] = dept;
}

static struct target *
add_target(struct plan *p, const char *id, enum direction dir, double target,
    pw_day due)
{
	struct target *t;

	p->targets = xreallocarray(p->targets, p->ntargets + 1,
	    sizeof *p->targets);
	t = &p->targets[p->ntargets++];
	memset(t, 0, sizeof *t);
	t->id = xstrdup(id);
	t->name = xstrdup(id);
	t->dir = dir;
	t->target = target;
	t->due.day = due;
	t->baseline_date.day = NONE;
	t->cadence = PERIOD_QUARTER;
	t->owner = -1;
	t->phase = -1;
	return t;
}

static void
add_stage(struct target *t, pw_day due, double target)
{
	t->stages = xreallocarray(t->stages, t->nstages + 1,
	    sizeof *t->stages);
	t->stages[t->nstages].due.day = due;
	t->stages[t->nstages].target = target;
	t->nstages++;
}

static void
set_scale(struct target *t, const char *const *levels, size_t n)
{
	t->scale = xcalloc(n, sizeof *t->scale);
	for (size_t i = 0; i < n; i++)
		t->scale[i] = xstrdup(levels[i]);
	t->nscale = n;
}

static long long seq;

static void
fact(struct facts *f, const char *item, enum fact_kind kind, pw_day date,
    double value)
{
	struct fact x = { kind, date, value, NULL, ++seq };

	facts_add(f, item, &x);
}

static void
fact_seq(struct facts *f, const char *item, enum fact_kind kind, pw_day date,
    double value, long long s)
{
	struct fact x = { kind, date, value, NULL, s };

	facts_add(f, item, &x);
}

static void
level(struct facts *f, const char *item, pw_day date, const char *lv)
{
	struct fact x = { FACT_VALUE, date, 0, (char *)lv, ++seq };

	facts_add(f, item, &x);
}

static struct review *
review(const struct plan *p, const struct facts *f, pw_day asof, int warn,
    int dept)
{
	struct review_opts o = { .asof = asof, .warn_days = warn,
	    .dept = dept };

	return review_new(p, f, &o);
}

static const struct ms_result *
item(const struct review *rv, const char *name)
{
	for (size_t i = 0; i < rv->nitems; i++)
		if (strcmp(rv->items[i].name, name) == 0)
			return &rv->items[i];
	return NULL;
}

/* One milestone, its facts and the state expected as of a date. */
struct ms_case {
	const char	*what;
	pw_day		 start, due, asof;
	int		 warn;
	pw_day		 progress_date;	/* NONE: no progress */
	double		 progress;
	pw_day		 done, reopen;	/* NONE: not recorded */
	enum ms_state	 state;
	int		 days_overdue, days_left;
	enum pace	 pace;
	enum severity	 sev;
};

static void
test_milestone_states(void **state)
{
	const struct ms_case cases[] = {
	{ "due today is due soon", D(2025, 1, 1), D(2025, 6, 30),
	  D(2025, 6, 30), 14, NONE, 0, NONE, NONE, MS_DUE_SOON, 0, 0,
	  PACE_BEHIND, SEV_WARNING },
	{ "due in exactly warn_days", D(2025, 1, 1), D(2025, 6, 30),
	  D(2025, 6, 16), 14, D(2025, 6, 1), 90, NONE, NONE, MS_DUE_SOON, 0,
	  14, PACE_OK, SEV_WARNING },
	{ "due in warn_days + 1 is active", D(2025, 1, 1), D(2025, 6, 30),
	  D(2025, 6, 15), 14, D(2025, 6, 1), 90, NONE, NONE, MS_ACTIVE, 0,
	  15, PACE_OK, SEV_OK },
	{ "--warn-days 0: only due today", D(2025, 1, 1), D(2025, 6, 30),
	  D(2025, 6, 29), 0, D(2025, 6, 1), 99, NONE, NONE, MS_ACTIVE, 0, 1,
	  PACE_OK, SEV_OK },
	{ "due yesterday is overdue by 1", D(2025, 1, 1), D(2025, 6, 30),
	  D(2025, 7, 1), 14, D(2025, 6, 1), 90, NONE, NONE, MS_OVERDUE, 1,
	  -1, PACE_NONE, SEV_CRITICAL },
	{ "done on the due date is done", D(2025, 1, 1), D(2025, 6, 30),
	  D(2025, 8, 1), 14, NONE, 0, D(2025, 6, 30), NONE, MS_DONE, 0, 0,
	  PACE_NONE, SEV_OK },
	{ "done a day after due is late by 1", D(2025, 1, 1), D(2025, 6, 30),
	  D(2025, 8, 1), 14, NONE, 0, D(2025, 7, 1), NONE, MS_LATE, 1, 0,
	  PACE_NONE, SEV_OK },
	{ "done early, before asof", D(2025, 1, 1), D(2025, 6, 30),
	  D(2025, 3, 1), 14, NONE, 0, D(2025, 2, 1), NONE, MS_DONE, 0, 0,
	  PACE_NONE, SEV_OK },
	{ "done after asof is ignored", D(2025, 1, 1), D(2025, 6, 30),
	  D(2025, 7, 3), 14, NONE, 0, D(2025, 7, 4), NONE, MS_OVERDUE, 3,
	  -3, PACE_NONE, SEV_CRITICAL },
	{ "reopened after done is open again", D(2025, 1, 1),
	  D(2025, 6, 30), D(2025, 7, 10), 14, NONE, 0, D(2025, 6, 1),
	  D(2025, 7, 5), MS_OVERDUE, 10, -10, PACE_NONE, SEV_CRITICAL },
	{ "reopen after asof is ignored", D(2025, 1, 1), D(2025, 6, 30),
	  D(2025, 7, 10), 14, NONE, 0, D(2025, 6, 1), D(2025, 7, 11),
	  MS_DONE, 0, 0, PACE_NONE, SEV_OK },
	{ "pending before its start", D(2025, 3, 1), D(2025, 12, 31),
	  D(2025, 2, 1), 14, NONE, 0, NONE, NONE, MS_PENDING, 0, 333,
	  PACE_NONE, SEV_OK },
	{ "active from its start day", D(2025, 3, 1), D(2025, 12, 31),
	  D(2025, 3, 1), 14, NONE, 0, NONE, NONE, MS_ACTIVE, 0, 305,
	  PACE_NONE, SEV_OK },
	{ "progress before start makes it active", D(2025, 3, 1),
	  D(2025, 12, 31), D(2025, 2, 1), 14, D(2025, 1, 20), 5, NONE, NONE,
	  MS_ACTIVE, 0, 333, PACE_OK, SEV_OK },
	{ "no start, no progress: pending", NONE, D(2025, 12, 31),
	  D(2025, 6, 1), 14, NONE, 0, NONE, NONE, MS_PENDING, 0, 213,
	  PACE_NONE, SEV_OK },
	{ "no start, progress: active, no pace", NONE, D(2025, 12, 31),
	  D(2025, 6, 1), 14, D(2025, 5, 1), 1, NONE, NONE, MS_ACTIVE, 0, 213,
	  PACE_NONE, SEV_OK },
	/* Pace: a 10-day window, 2025-01-01..10; on the 5th, 50% expected. */
	{ "lag exactly pace_warn is behind", D(2025, 1, 1), D(2025, 1, 10),
	  D(2025, 1, 5), 2, D(2025, 1, 5), 40, NONE, NONE, MS_ACTIVE, 0, 5,
	  PACE_BEHIND, SEV_WARNING },
	{ "lag under pace_warn is on pace", D(2025, 1, 1), D(2025, 1, 10),
	  D(2025, 1, 5), 2, D(2025, 1, 5), 41, NONE, NONE, MS_ACTIVE, 0, 5,
	  PACE_OK, SEV_OK },
	{ "lag exactly pace_crit is far behind", D(2025, 1, 1),
	  D(2025, 1, 10), D(2025, 1, 5), 2, D(2025, 1, 5), 20, NONE, NONE,
	  MS_ACTIVE, 0, 5, PACE_FAR_BEHIND, SEV_CRITICAL },
	{ "lag under pace_crit is behind", D(2025, 1, 1), D(2025, 1, 10),
	  D(2025, 1, 5), 2, D(2025, 1, 5), 21, NONE, NONE, MS_ACTIVE, 0, 5,
	  PACE_BEHIND, SEV_WARNING },
	{ "progress ahead of time is on pace", D(2025, 1, 1),
	  D(2025, 1, 10), D(2025, 1, 5), 2, D(2025, 1, 2), 80, NONE, NONE,
	  MS_ACTIVE, 0, 5, PACE_OK, SEV_OK },
	{ "no progress, exactly half gone: not judged", D(2025, 1, 1),
	  D(2025, 1, 10), D(2025, 1, 5), 2, NONE, 0, NONE, NONE, MS_ACTIVE,
	  0, 5, PACE_NONE, SEV_OK },
	{ "no progress, over half gone: behind", D(2025, 1, 1),
	  D(2025, 1, 10), D(2025, 1, 6), 2, NONE, 0, NONE, NONE, MS_ACTIVE,
	  0, 4, PACE_BEHIND, SEV_WARNING },
	{ "no progress is never worse than behind", D(2025, 1, 1),
	  D(2025, 1, 10), D(2025, 1, 7), 2, NONE, 0, NONE, NONE, MS_ACTIVE,
	  0, 3, PACE_BEHIND, SEV_WARNING },
	{ "due soon and far behind is critical", D(2025, 1, 1),
	  D(2025, 1, 10), D(2025, 1, 9), 2, D(2025, 1, 2), 10, NONE, NONE,
	  MS_DUE_SOON, 0, 1, PACE_FAR_BEHIND, SEV_CRITICAL },
	{ "leap day due, asof leap day", D(2024, 2, 1), D(2024, 2, 29),
	  D(2024, 2, 29), 0, NONE, 0, NONE, NONE, MS_DUE_SOON, 0, 0,
	  PACE_BEHIND, SEV_WARNING },
	{ "leap day due, asof March 1st", D(2024, 2, 1), D(2024, 2, 29),
	  D(2024, 3, 1), 0, NONE, 0, NONE, NONE, MS_OVERDUE, 1, -1,
	  PACE_NONE, SEV_CRITICAL },
	};

	(void)state;
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		const struct ms_case *c = &cases[i];
		struct plan *p = plan_begin(NONE, NONE);
		struct facts *f = facts_new();
		struct review *rv;
		const struct ms_result *r;

		add_ms(p, "M1", -1, c->start, c->due, -1, PERIOD_NONE);
		assert_int_equal(plan_index(p), 0);
		if (c->progress_date != NONE)
			fact(f, "M1", FACT_PROGRESS, c->progress_date,
			    c->progress);
		if (c->done != NONE)
			fact(f, "M1", FACT_DONE, c->done, 0);
		if (c->reopen != NONE)
			fact(f, "M1", FACT_REOPEN, c->reopen, 0);
		rv = review(p, f, c->asof, c->warn, -1);
		print_message("# %s\n", c->what);
		assert_int_equal(rv->nitems, 1);
		r = &rv->items[0];
		assert_string_equal(r->name, "M1");
		assert_int_equal(r->state, c->state);
		assert_int_equal(r->days_overdue, c->days_overdue);
		assert_int_equal(r->days_left, c->days_left);
		assert_int_equal(r->pace, c->pace);
		assert_int_equal(r->sev, c->sev);
		assert_int_equal(rv->worst, c->sev);
		if (c->state == MS_DONE || c->state == MS_LATE) {
			assert_int_equal(r->done_date, c->done);
			assert_true(r->progress == 100);
		} else
			assert_int_equal(r->done_date, NONE);
		review_free(rv);
		facts_free(f);
		plan_free(p);
	}
}

/* The expected progress is the share of the window's days gone by the end
 * of asof, both ends counted. */
static void
test_pace_expected(void **state)
{
	const struct {
		pw_day start, due, asof;
		double expected;
	} cases[] = {
		{ D(2025, 1, 1), D(2025, 1, 10), D(2025, 1, 1), 10 },
		{ D(2025, 1, 1), D(2025, 1, 10), D(2025, 1, 5), 50 },
		{ D(2025, 1, 1), D(2025, 1, 10), D(2025, 1, 10), 100 },
		{ D(2025, 1, 1), D(2025, 1, 10), D(2024, 12, 1), 0 },
		{ D(2025, 1, 1), D(2025, 12, 31), D(2025, 6, 30),
		  100.0 * 181 / 365 },
		{ D(2024, 1, 1), D(2024, 12, 31), D(2024, 6, 30),
		  100.0 * 182 / 366 },
	};

	(void)state;
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		struct plan *p = plan_begin(NONE, NONE);
		struct facts *f = facts_new();
		struct review *rv;

		add_ms(p, "M", -1, cases[i].start, cases[i].due, -1,
		    PERIOD_NONE);
		plan_index(p);
		fact(f, "M", FACT_PROGRESS, cases[i].start, 1);
		rv = review(p, f, cases[i].asof, 0, -1);
		assert_float_equal(rv->items[0].expected, cases[i].expected,
		    1e-9);
		review_free(rv);
		facts_free(f);
		plan_free(p);
	}
}

/* For the same date the highest seq wins, whatever order they came in. */
static void
test_fact_order(void **state)
{
	struct plan *p = plan_begin(NONE, NONE);
	struct facts *f = facts_new();
	struct review *rv;

	(void)state;
	add_ms(p, "A", -1, D(2025, 1, 1), D(2025, 12, 31), -1, PERIOD_NONE);
	add_ms(p, "B", -1, D(2025, 1, 1), D(2025, 12, 31), -1, PERIOD_NONE);
	plan_index(p);
	fact_seq(f, "A", FACT_PROGRESS, D(2025, 3, 1), 70, 20);
	fact_seq(f, "A", FACT_PROGRESS, D(2025, 3, 1), 30, 10);
	fact_seq(f, "A", FACT_PROGRESS, D(2025, 2, 1), 90, 30);
	fact_seq(f, "B", FACT_REOPEN, D(2025, 3, 1), 0, 4);
	fact_seq(f, "B", FACT_DONE, D(2025, 3, 1), 0, 5);
	rv = review(p, f, D(2025, 4, 1), 14, -1);
	assert_float_equal(item(rv, "A")->progress, 70, 1e-9);
	assert_int_equal(item(rv, "B")->state, MS_DONE);
	review_free(rv);
	facts_free(f);
	plan_free(p);
}

/* Recurring instances across month, quarter and year ends, leap days. */
static void
test_recurring(void **state)
{
	struct plan *p = plan_begin(D(2023, 1, 1), D(2025, 12, 31));
	struct facts *f = facts_new();
	struct review *rv;
	const struct ms_result *r;

	(void)state;
	add_ms(p, "MON", -1, D(2024, 1, 15), D(2024, 3, 31), -1,
	    PERIOD_MONTH);
	add_ms(p, "QTR", -1, D(2024, 11, 1), D(2025, 3, 31), -1,
	    PERIOD_QUARTER);
	add_ms(p, "YR", -1, D(2023, 1, 1), D(2025, 12, 31), -1,
	    PERIOD_YEAR);
	add_ms(p, "WK", -1, D(2024, 12, 23), D(2025, 1, 12), -1,
	    PERIOD_WEEK);
	add_ms(p, "FEB", -1, D(2023, 2, 1), D(2023, 3, 31), -1,
	    PERIOD_MONTH);
	plan_index(p);
	fact(f, "MON@2024-01", FACT_DONE, D(2024, 1, 31), 0);
	fact(f, "YR@2023", FACT_DONE, D(2024, 1, 2), 0);
	fact(f, "WK@2024-W52", FACT_DONE, D(2024, 12, 29), 0);
	fact(f, "MON", FACT_DONE, D(2024, 1, 1), 0);	/* not an instance */

	/* The leap day: February's instance is due today. */
	rv = review(p, f, D(2024, 2, 29), 0, -1);
	r = item(rv, "MON@2024-01");
	assert_non_null(r);
	assert_int_equal(r->in.start, D(2024, 1, 15));
	assert_int_equal(r->in.due, D(2024, 1, 31));
	assert_int_equal(r->state, MS_DONE);
	r = item(rv, "MON@2024-02");
	assert_int_equal(r->in.due, D(2024, 2, 29));
	assert_int_equal(r->state, MS_DUE_SOON);
	assert_int_equal(r->days_left, 0);
	/* An instance exists from the start of its period. */
	assert_null(item(rv, "MON@2024-03"));
	assert_null(item(rv, "MON"));
	assert_null(item(rv, "QTR@2024-Q4"));
	r = item(rv, "YR@2023");
	assert_int_equal(r->state, MS_LATE);
	assert_int_equal(r->days_overdue, 2);
	assert_non_null(item(rv, "YR@2024"));
	assert_null(item(rv, "YR@2025"));
	review_free(rv);

	rv = review(p, f, D(2024, 3, 1), 0, -1);
	r = item(rv, "MON@2024-02");
	assert_int_equal(r->state, MS_OVERDUE);
	assert_int_equal(r->days_overdue, 1);
	r = item(rv, "MON@2024-03");
	assert_non_null(r);
	assert_int_equal(r->in.start, D(2024, 3, 1));
	assert_int_equal(r->state, MS_ACTIVE);
	review_free(rv);

	/* Quarter and year end: Q4 closes on 12-31, Q1 opens on 01-01;
	 * ISO week 2025-W01 begins on Monday 2024-12-30. */
	rv = review(p, f, D(2025, 1, 1), 0, -1);
	r = item(rv, "QTR@2024-Q4");
	assert_int_equal(r->in.start, D(2024, 11, 1));
	assert_int_equal(r->in.due, D(2024, 12, 31));
	assert_int_equal(r->state, MS_OVERDUE);
	assert_int_equal(r->days_overdue, 1);
	r = item(rv, "QTR@2025-Q1");
	assert_int_equal(r->in.start, D(2025, 1, 1));
	assert_int_equal(r->in.due, D(2025, 3, 31));
	assert_int_equal(r->state, MS_ACTIVE);
	assert_int_equal(item(rv, "WK@2024-W52")->state, MS_DONE);
	r = item(rv, "WK@2025-W01");
	assert_int_equal(r->in.start, D(2024, 12, 30));
	assert_int_equal(r->in.due, D(2025, 1, 5));
	assert_int_equal(r->state, MS_ACTIVE);
	assert_null(item(rv, "WK@2025-W02"));
	r = item(rv, "YR@2024");
	assert_int_equal(r->state, MS_OVERDUE);
	assert_int_equal(r->days_overdue, 1);
	r = item(rv, "YR@2025");
	assert_int_equal(r->in.due, D(2025, 12, 31));
	/* February of a common year ends on the 28th. */
	r = item(rv, "FEB@2023-02");
	assert_int_equal(r->in.due, D(2023, 2, 28));
	review_free(rv);
	facts_free(f);
	plan_free(p);
}

/* One target, its values and the state expected as of a date. */
struct tg_case {
	const char	*what;
	enum direction	 dir;
	double		 target;
	pw_day		 due, asof;
	double		 v1, v2;	/* NAN: none */
	pw_day		 d1, d2;
	enum tg_state	 state;
	enum severity	 sev;
};

static void
test_target_states(void **state)
{
	const struct tg_case cases[] = {
	{ "at least, exactly at target: met", DIR_GE, 50, D(2025, 12, 31),
	  D(2025, 6, 1), 50, NAN, D(2025, 5, 1), 0, TG_MET, SEV_OK },
	{ "at least, just under: on track", DIR_GE, 50, D(2025, 12, 31),
	  D(2025, 6, 1), 49.99, NAN, D(2025, 5, 1), 0, TG_ON_TRACK, SEV_OK },
	{ "more than, exactly at target: not met", DIR_GT, 50,
	  D(2025, 12, 31), D(2025, 6, 1), 50, NAN, D(2025, 5, 1), 0,
	  TG_ON_TRACK, SEV_OK },
	{ "more than, above: met", DIR_GT, 50, D(2025, 12, 31),
	  D(2025, 6, 1), 50.01, NAN, D(2025, 5, 1), 0, TG_MET, SEV_OK },
	{ "at most, exactly at target: met", DIR_LE, 7.85, D(2025, 12, 31),
	  D(2025, 6, 1), 7.85, NAN, D(2025, 5, 1), 0, TG_MET, SEV_OK },
	{ "at most, above: on track", DIR_LE, 7.85, D(2025, 12, 31),
	  D(2025, 6, 1), 7.86, NAN, D(2025, 5, 1), 0, TG_ON_TRACK, SEV_OK },
	{ "less than, exactly at target: not met", DIR_LT, 7.85,
	  D(2025, 12, 31), D(2025, 6, 1), 7.85, NAN, D(2025, 5, 1), 0,
	  TG_ON_TRACK, SEV_OK },
	{ "less than, below: met", DIR_LT, 7.85, D(2025, 12, 31),
	  D(2025, 6, 1), 7.84, NAN, D(2025, 5, 1), 0, TG_MET, SEV_OK },
	{ "equal, exactly at target: met", DIR_EQ, 100, D(2025, 12, 31),
	  D(2025, 6, 1), 100, NAN, D(2025, 5, 1), 0, TG_MET, SEV_OK },
	{ "equal, off target: on track", DIR_EQ, 100, D(2025, 12, 31),
	  D(2025, 6, 1), 99, NAN, D(2025, 5, 1), 0, TG_ON_TRACK, SEV_OK },
	{ "nothing yet, not due: no data", DIR_GE, 50, D(2025, 12, 31),
	  D(2025, 6, 1), NAN, NAN, 0, 0, TG_NO_DATA, SEV_OK },
	{ "nothing, past due: missed", DIR_GE, 50, D(2025, 12, 31),
	  D(2026, 1, 1), NAN, NAN, 0, 0, TG_MISSED, SEV_CRITICAL },
	{ "met on the due date, asof due: met", DIR_GE, 50, D(2025, 12, 31),
	  D(2025, 12, 31), 55, NAN, D(2025, 12, 31), 0, TG_MET, SEV_OK },
	{ "not met, asof due: not yet missed, at risk (no trend, less than "
	  "a period left)", DIR_GE, 50, D(2025, 12, 31),
	  D(2025, 12, 31), 45, NAN, D(2025, 12, 31), 0, TG_AT_RISK,
	  SEV_WARNING },
	{ "after due, value on due decides: met", DIR_GE, 50,
	  D(2025, 12, 31), D(2026, 2, 1), 50, 10, D(2025, 12, 31),
	  D(2026, 1, 15), TG_MET, SEV_OK },
	{ "after due, later value does not rescue", DIR_GE, 50,
	  D(2025, 12, 31), D(2026, 2, 1), 40, 60, D(2025, 12, 31),
	  D(2026, 1, 1), TG_MISSED, SEV_CRITICAL },
	{ "after due, only a later value: missed", DIR_LE, 5,
	  D(2025, 12, 31), D(2026, 2, 1), 4, NAN, D(2026, 1, 1), 0,
	  TG_MISSED, SEV_CRITICAL },
	{ "met before due, then worse: not met", DIR_GE, 50,
	  D(2025, 12, 31), D(2025, 6, 1), 55, 48, D(2025, 5, 1),
	  D(2025, 5, 20), TG_AT_RISK, SEV_WARNING },
	{ "a value after asof is ignored", DIR_GE, 50, D(2025, 12, 31),
	  D(2025, 6, 1), 30, 60, D(2025, 5, 1), D(2025, 6, 2), TG_ON_TRACK,
	  SEV_OK },
	{ "rising fast enough: on track", DIR_GE, 50, D(2025, 12, 31),
	  D(2025, 6, 1), 10, 30, D(2025, 3, 1), D(2025, 6, 1), TG_ON_TRACK,
	  SEV_OK },
	{ "rising too slowly: at risk", DIR_GE, 50, D(2025, 12, 31),
	  D(2025, 6, 1), 10, 12, D(2025, 3, 1), D(2025, 6, 1), TG_AT_RISK,
	  SEV_WARNING },
	{ "falling too slowly: at risk", DIR_LE, 5, D(2025, 12, 31),
	  D(2025, 6, 1), 10, 9.5, D(2025, 3, 1), D(2025, 6, 1), TG_AT_RISK,
	  SEV_WARNING },
	{ "falling fast enough: on track", DIR_LE, 5, D(2025, 12, 31),
	  D(2025, 6, 1), 10, 8, D(2025, 3, 1), D(2025, 6, 1), TG_ON_TRACK,
	  SEV_OK },
	{ "equal, heading past the target: on track", DIR_EQ, 100,
	  D(2025, 12, 31), D(2025, 6, 1), 50, 80, D(2025, 3, 1),
	  D(2025, 6, 1), TG_ON_TRACK, SEV_OK },
	{ "equal, heading away: at risk", DIR_EQ, 100, D(2025, 12, 31),
	  D(2025, 6, 1), 80, 50, D(2025, 3, 1), D(2025, 6, 1), TG_AT_RISK,
	  SEV_WARNING },
	{ "a value 366 days back does not project", DIR_GE, 50,
	  D(2025, 12, 31), D(2025, 6, 1), 10, 12, D(2024, 5, 31),
	  D(2025, 6, 1), TG_ON_TRACK, SEV_OK },
	{ "a value exactly 365 days back projects", DIR_GE, 50,
	  D(2025, 12, 31), D(2025, 6, 1), 10, 12, D(2024, 6, 1),
	  D(2025, 6, 1), TG_AT_RISK, SEV_WARNING },
	{ "no trend, a quarter left: on track", DIR_GE, 50,
	  D(2025, 12, 31), D(2025, 9, 30), 30, NAN, D(2025, 6, 1), 0,
	  TG_ON_TRACK, SEV_OK },
	{ "no trend, less than a quarter left: at risk", DIR_GE, 50,
	  D(2025, 12, 31), D(2025, 10, 1), 30, NAN, D(2025, 6, 1), 0,
	  TG_AT_RISK, SEV_WARNING },
	{ "nothing, less than a quarter left: at risk", DIR_GE, 50,
	  D(2025, 12, 31), D(2025, 10, 1), NAN, NAN, 0, 0, TG_AT_RISK,
	  SEV_WARNING },
	};

	(void)state;
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		const struct tg_case *c = &cases[i];
		struct plan *p = plan_begin(NONE, NONE);
		struct facts *f = facts_new();
		struct review *rv;
		const struct tg_result *r;

		add_target(p, "T", c->dir, c->target, c->due);
		plan_index(p);
		if (!isnan(c->v1))
			fact(f, "T", FACT_VALUE, c->d1, c->v1);
		if (!isnan(c->v2))
			fact(f, "T", FACT_VALUE, c->d2, c->v2);
		rv = review(p, f, c->asof, 14, -1);
		print_message("# %s\n", c->what);
		r = &rv->targets[0];
		assert_int_equal(r->state, c->state);
		assert_int_equal(r->sev, c->sev);
		assert_int_equal(r->stale, 0);	/* no start: never stale */
		review_free(rv);
		facts_free(f);
		plan_free(p);
	}
}

static void
test_target_details(void **state)
{
	struct plan *p = plan_begin(NONE, NONE);
	struct facts *f = facts_new();
	struct review *rv;
	const struct tg_result *r;
	struct target *t;

	(void)state;
	add_target(p, "T", DIR_GE, 50, D(2025, 12, 31));
	plan_index(p);
	fact(f, "T", FACT_VALUE, D(2025, 12, 1), 52);
	fact(f, "T", FACT_VALUE, D(2026, 1, 10), 44);
	fact_seq(f, "T", FACT_VALUE, D(2025, 11, 1), 30, 1000);
	fact_seq(f, "T", FACT_VALUE, D(2025, 11, 1), 20, 999);

	rv = review(p, f, D(2026, 2, 1), 14, -1);
	r = &rv->targets[0];
	assert_int_equal(r->state, TG_MET);
	assert_true(r->has_deciding);
	assert_int_equal(r->deciding.date, D(2025, 12, 1));
	assert_float_equal(r->deciding.value, 52, 1e-9);
	assert_true(r->has_latest);
	assert_int_equal(r->latest.date, D(2026, 1, 10));
	assert_float_equal(r->latest.value, 44, 1e-9);
	/* One value per date, the highest seq, ascending. */
	assert_int_equal(r->nseries, 3);
	assert_int_equal(r->series[0].date, D(2025, 11, 1));
	assert_float_equal(r->series[0].value, 30, 1e-9);
	review_free(rv);

	/* The projection is the least-squares line at the due date. */
	rv = review(p, f, D(2025, 12, 1), 14, -1);
	assert_int_equal(rv->targets[0].state, TG_MET);
	review_free(rv);
	rv = review(p, f, D(2025, 11, 30), 14, -1);
	r = &rv->targets[0];
	/* One point: no projection, and less than a quarter left. */
	assert_int_equal(r->state, TG_AT_RISK);
	assert_false(r->has_projection);
	review_free(rv);
	facts_free(f);

	f = facts_new();
	t = &p->targets[0];
	t->has_baseline = true;
	t->baseline = 10;
	t->baseline_date.day = D(2025, 1, 1);
	fact(f, "T", FACT_VALUE, D(2025, 7, 1), 25);
	/* Baseline and one value: two points, 15 in 181 days; at due
	 * (183 days on) 25 + 15 * 183 / 181. */
	rv = review(p, f, D(2025, 7, 1), 14, -1);
	r = &rv->targets[0];
	assert_true(r->has_projection);
	assert_float_equal(r->projection, 25 + 15.0 * 183 / 181, 1e-6);
	assert_int_equal(r->state, TG_AT_RISK);
	review_free(rv);
	facts_free(f);
	plan_free(p);
}

static void
test_stages(void **state)
{
	const struct {
		const char *what;
		pw_day asof;
		double value;
		pw_day vdate;
		enum tg_state state;
		int stage_missed;
	} cases[] = {
		{ "stage date today: not passed", D(2025, 6, 30), 20,
		  D(2025, 6, 1), TG_ON_TRACK, -1 },
		{ "stage passed, not met", D(2025, 7, 1), 20, D(2025, 6, 1),
		  TG_AT_RISK, 0 },
		{ "stage passed, met exactly", D(2025, 7, 1), 30,
		  D(2025, 6, 30), TG_ON_TRACK, -1 },
		{ "stage met only after its date", D(2025, 7, 10), 35,
		  D(2025, 7, 2), TG_AT_RISK, 0 },
		{ "stage passed, nothing recorded", D(2025, 7, 1), NAN, 0,
		  TG_AT_RISK, 0 },
		{ "second stage passed, met: first forgiven", D(2025, 10, 1),
		  40, D(2025, 9, 30), TG_ON_TRACK, -1 },
	};

	(void)state;
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		struct plan *p = plan_begin(NONE, NONE);
		struct facts *f = facts_new();
		struct target *t = add_target(p, "T", DIR_GE, 50,
		    D(2026, 12, 31));
		struct review *rv;

		add_stage(t, D(2025, 6, 30), 30);
		add_stage(t, D(2025, 9, 30), 40);
		plan_index(p);
		if (!isnan(cases[i].value))
			fact(f, "T", FACT_VALUE, cases[i].vdate,
			    cases[i].value);
		rv = review(p, f, cases[i].asof, 14, -1);
		print_message("# %s\n", cases[i].what);
		assert_int_equal(rv->targets[0].state, cases[i].state);
		assert_int_equal(rv->targets[0].stage_missed,
		    cases[i].stage_missed);
		review_free(rv);
		facts_free(f);
		plan_free(p);
	}
}

static void
test_scale(void **state)
{
	static const char *const levels[] = { "差", "中", "良", "优" };
	struct plan *p = plan_begin(NONE, NONE);
	struct facts *f = facts_new();
	struct target *t = add_target(p, "S", DIR_GE, 2, D(2025, 12, 31));
	struct review *rv;
	const struct tg_result *r;

	(void)state;
	set_scale(t, levels, 4);
	plan_index(p);
	level(f, "S", D(2025, 3, 1), "中");
	level(f, "S", D(2025, 4, 1), "未知");
	rv = review(p, f, D(2025, 5, 1), 14, -1);
	r = &rv->targets[0];
	assert_int_equal(r->state, TG_ON_TRACK);
	assert_float_equal(r->latest.value, 1, 1e-9);
	assert_int_equal(r->ignored, 1);
	assert_int_equal(rv->ignored, 1);
	review_free(rv);
	level(f, "S", D(2025, 5, 1), "良");
	rv = review(p, f, D(2025, 5, 1), 14, -1);
	assert_int_equal(rv->targets[0].state, TG_MET);
	assert_float_equal(rv->targets[0].latest.value, 2, 1e-9);
	review_free(rv);
	facts_free(f);
	plan_free(p);
}

/* Stale: complete cadence periods with no value, from the first period
 * that begins on or after the target's start. */
static void
test_stale(void **state)
{
	const struct {
		const char *what;
		enum period cadence;
		pw_day plan_start;
		pw_day vdate;	/* NONE: no value */
		pw_day asof;
		int periods, stale;
		enum severity sev;
	} cases[] = {
	{ "first month not over", PERIOD_MONTH, D(2025, 1, 15), NONE,
	  D(2025, 2, 28), 0, 0, SEV_OK },
	{ "first whole month over: stale", PERIOD_MONTH, D(2025, 1, 15),
	  NONE, D(2025, 3, 1), 1, 1, SEV_WARNING },
	{ "two months over: critical", PERIOD_MONTH, D(2025, 1, 15), NONE,
	  D(2025, 4, 1), 2, 2, SEV_CRITICAL },
	{ "starting on the 1st counts that month", PERIOD_MONTH,
	  D(2025, 1, 1), NONE, D(2025, 2, 1), 1, 1, SEV_WARNING },
	{ "value in February, March over", PERIOD_MONTH, D(2025, 1, 15),
	  D(2025, 2, 10), D(2025, 4, 1), 1, 1, SEV_WARNING },
	{ "value in February, April over", PERIOD_MONTH, D(2025, 1, 15),
	  D(2025, 2, 10), D(2025, 5, 1), 2, 2, SEV_CRITICAL },
	{ "value in the current period is fresh", PERIOD_MONTH,
	  D(2025, 1, 15), D(2025, 4, 1), D(2025, 4, 30), 0, 0, SEV_OK },
	{ "value before the start", PERIOD_MONTH, D(2025, 1, 15),
	  D(2025, 1, 10), D(2025, 3, 1), 1, 1, SEV_WARNING },
	{ "quarters across the year end", PERIOD_QUARTER, D(2024, 7, 1),
	  D(2024, 8, 1), D(2025, 1, 1), 1, 1, SEV_WARNING },
	{ "quarters, value in Q4 fresh on 12-31", PERIOD_QUARTER,
	  D(2024, 7, 1), D(2024, 10, 1), D(2024, 12, 31), 0, 0, SEV_OK },
	{ "ISO weeks across the year end", PERIOD_WEEK, D(2024, 12, 1),
	  D(2024, 12, 25), D(2025, 1, 6), 1, 1, SEV_WARNING },
	{ "weeks, many missed", PERIOD_WEEK, D(2024, 12, 1),
	  D(2024, 12, 25), D(2025, 2, 3), 5, 2, SEV_CRITICAL },
	{ "years", PERIOD_YEAR, D(2023, 1, 1), D(2023, 6, 1),
	  D(2025, 1, 1), 1, 1, SEV_WARNING },
	{ "leap-year February", PERIOD_MONTH, D(2024, 2, 1), NONE,
	  D(2024, 2, 29), 0, 0, SEV_OK },
	{ "leap-year February over", PERIOD_MONTH, D(2024, 2, 1), NONE,
	  D(2024, 3, 1), 1, 1, SEV_WARNING },
	};

	(void)state;
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		struct plan *p = plan_begin(cases[i].plan_start, NONE);
		struct facts *f = facts_new();
		struct target *t = add_target(p, "T", DIR_GE, 50,
		    D(2026, 12, 31));
		struct review *rv;
		const struct tg_result *r;

		t->cadence = cases[i].cadence;
		plan_index(p);
		if (cases[i].vdate != NONE)
			fact(f, "T", FACT_VALUE, cases[i].vdate, 40);
		rv = review(p, f, cases[i].asof, 14, -1);
		print_message("# %s\n", cases[i].what);
		r = &rv->targets[0];
		assert_int_equal(r->stale_periods, cases[i].periods);
		assert_int_equal(r->stale, cases[i].stale);
		assert_int_equal(r->sev, cases[i].sev);
		assert_int_equal(rv->counts.stale, cases[i].stale > 0);
		review_free(rv);
		facts_free(f);
		plan_free(p);
	}
}

static void
test_stale_exemptions(void **state)
{
	struct plan *p = plan_begin(D(2024, 1, 1), NONE);
	struct facts *f = facts_new();
	struct target *t;
	struct review *rv;

	(void)state;
	add_target(p, "MET", DIR_GE, 50, D(2026, 12, 31))->cadence =
	    PERIOD_MONTH;
	add_target(p, "PAST", DIR_GE, 50, D(2024, 6, 30))->cadence =
	    PERIOD_MONTH;
	t = add_target(p, "BASE", DIR_GE, 50, D(2026, 12, 31));
	t->cadence = PERIOD_MONTH;
	plan_index(p);
	fact(f, "MET", FACT_VALUE, D(2024, 1, 5), 60);
	rv = review(p, f, D(2025, 1, 1), 14, -1);
	assert_int_equal(rv->targets[0].state, TG_MET);
	assert_int_equal(rv->targets[0].stale, 0);
	assert_int_equal(rv->targets[1].state, TG_MISSED);
	assert_int_equal(rv->targets[1].stale, 0);
	assert_int_equal(rv->targets[2].stale, 2);
	assert_int_equal(rv->targets[2].stale_periods, 12);
	review_free(rv);
	facts_free(f);
	plan_free(p);

	/* No phase, no plan start: the baseline date starts it. */
	p = plan_begin(NONE, NONE);
	f = facts_new();
	t = add_target(p, "T", DIR_GE, 50, D(2026, 12, 31));
	t->cadence = PERIOD_QUARTER;
	t->has_baseline = true;
	t->baseline = 20;
	t->baseline_date.day = D(2024, 12, 31);
	plan_index(p);
	rv = review(p, f, D(2025, 7, 1), 14, -1);
	assert_int_equal(rv->targets[0].stale_periods, 2);
	review_free(rv);
	facts_free(f);
	plan_free(p);
}

static void
test_target_pace(void **state)
{
	const struct {
		double baseline, target, value;
		enum direction dir;
		enum pace pace;
	} cases[] = {
		/* Halfway through the line from 0 to 100: 50 expected. */
		{ 0, 100, 41, DIR_GE, PACE_OK },
		{ 0, 100, 40, DIR_GE, PACE_BEHIND },
		{ 0, 100, 21, DIR_GE, PACE_BEHIND },
		{ 0, 100, 20, DIR_GE, PACE_FAR_BEHIND },
		{ 0, 100, 99.99, DIR_GE, PACE_OK },
		/* From 10 down to 5: 7.5 expected, 0.5 is a band. */
		{ 10, 5, 7.9, DIR_LE, PACE_OK },
		{ 10, 5, 8.0, DIR_LE, PACE_BEHIND },
		{ 10, 5, 9.0, DIR_LE, PACE_FAR_BEHIND },
	};

	(void)state;
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		struct plan *p = plan_begin(NONE, NONE);
		struct facts *f = facts_new();
		struct target *t = add_target(p, "T", cases[i].dir,
		    cases[i].target, D(2025, 12, 31));
		struct review *rv;

		t->has_baseline = true;
		t->baseline = cases[i].baseline;
		t->baseline_date.day = D(2025, 1, 1);
		plan_index(p);
		fact(f, "T", FACT_VALUE, D(2025, 7, 1), cases[i].value);
		/* 2025-07-02 is 182 of the line's 364 days. */
		rv = review(p, f, D(2025, 7, 2), 14, -1);
		assert_float_equal(rv->targets[0].expected,
		    (cases[i].baseline + cases[i].target) / 2, 1e-9);
		assert_int_equal(rv->targets[0].pace, cases[i].pace);
		if (cases[i].pace == PACE_FAR_BEHIND)
			assert_int_equal(rv->targets[0].sev, SEV_CRITICAL);
		review_free(rv);
		facts_free(f);
		plan_free(p);
	}
}

static void
test_phases(void **state)
{
	struct plan *p = plan_begin(D(2025, 1, 1), D(2025, 12, 31));
	struct facts *f = facts_new();
	struct review *rv;
	const struct phase_result *r;
	struct milestone *m;

	(void)state;
	int ph = add_phase(p, "P1", D(2025, 1, 1), D(2025, 6, 30), -1);
	m = add_ms(p, "A", ph, NONE, D(2025, 3, 31), -1, PERIOD_NONE);
	m->weight = 2;
	add_ms(p, "B", ph, NONE, D(2025, 6, 30), -1, PERIOD_NONE);
	/* Six monthly instances share a weight of 1. */
	add_ms(p, "R", ph, NONE, D(2025, 6, 30), -1, PERIOD_MONTH);
	int ph2 = add_phase(p, "P2", D(2025, 7, 1), D(2025, 12, 31), -1);
	add_ms(p, "C", ph2, NONE, D(2025, 12, 31), -1, PERIOD_NONE);
	plan_index(p);
	fact(f, "A", FACT_DONE, D(2025, 3, 1), 0);
	fact(f, "B", FACT_PROGRESS, D(2025, 3, 1), 40);
	fact(f, "R@2025-01", FACT_DONE, D(2025, 1, 31), 0);
	fact(f, "R@2025-02", FACT_DONE, D(2025, 2, 28), 0);
	fact(f, "R@2025-03", FACT_PROGRESS, D(2025, 3, 15), 50);

	rv = review(p, f, D(2025, 3, 31), 14, -1);
	r = &rv->phases[0];
	/* (2*100 + 40 + (100 + 100 + 50) / 6) / 4 */
	assert_float_equal(r->progress, (200 + 40 + 250.0 / 6) / 4, 1e-9);
	assert_false(r->overdue);
	assert_int_equal(r->open, 5);
	/* 90 of 181 days: 49.7% expected, 70.4% done. */
	assert_int_equal(r->pace, PACE_OK);
	assert_float_equal(rv->phases[1].progress, 0, 1e-9);
	assert_int_equal(rv->phases[1].pace, PACE_NONE);
	review_free(rv);

	rv = review(p, f, D(2025, 7, 3), 14, -1);
	r = &rv->phases[0];
	assert_true(r->overdue);
	assert_int_equal(r->days_overdue, 3);
	assert_int_equal(r->sev, SEV_CRITICAL);
	/* P2 has nothing recorded and 3 of 184 days gone. */
	assert_int_equal(rv->phases[1].pace, PACE_NONE);
	review_free(rv);

	rv = review(p, f, D(2025, 10, 1), 14, -1);
	assert_int_equal(rv->phases[1].pace, PACE_BEHIND);
	assert_int_equal(rv->phases[1].sev, SEV_WARNING);
	review_free(rv);
	facts_free(f);
	plan_free(p);
}

static void
test_departments(void **state)
{
	struct plan *p = plan_begin(D(2025, 1, 1), D(2025, 12, 31));
	struct facts *f = facts_new();
	struct review *rv;
	struct milestone *m;
	struct target *t;

	(void)state;
	int a = add_dept(p, "a"), b = add_dept(p, "b"), c = add_dept(p, "c"),
	    d = add_dept(p, "d");
	/* a: 1 of 2 on time; b: 1 of 2 on time but one overdue; c: 2 of 2;
	 * d: nothing due yet. */
	add_ms(p, "A1", -1, NONE, D(2025, 3, 1), a, PERIOD_NONE);
	add_ms(p, "A2", -1, NONE, D(2025, 3, 1), a, PERIOD_NONE);
	add_ms(p, "B1", -1, NONE, D(2025, 3, 1), b, PERIOD_NONE);
	m = add_ms(p, "B2", -1, NONE, D(2025, 3, 1), b, PERIOD_NONE);
	add_support(&m->support, &m->nsupport, d);
	add_ms(p, "C1", -1, NONE, D(2025, 3, 1), c, PERIOD_NONE);
	add_ms(p, "C2", -1, NONE, D(2025, 4, 1), c, PERIOD_NONE);
	add_ms(p, "D1", -1, NONE, D(2025, 12, 1), d, PERIOD_NONE);
	t = add_target(p, "T", DIR_GE, 50, D(2025, 3, 1));
	t->owner = d;
	add_support(&t->support, &t->nsupport, b);
	plan_index(p);
	fact(f, "A1", FACT_DONE, D(2025, 3, 1), 0);
	fact(f, "A2", FACT_DONE, D(2025, 3, 2), 0);
	fact(f, "B1", FACT_DONE, D(2025, 2, 1), 0);
	fact(f, "C1", FACT_DONE, D(2025, 2, 1), 0);
	fact(f, "C2", FACT_DONE, D(2025, 2, 1), 0);

	rv = review(p, f, D(2025, 5, 1), 14, -1);
	assert_int_equal(rv->depts[a].due_so_far, 2);
	assert_int_equal(rv->depts[a].on_time, 1);
	assert_float_equal(rv->depts[a].on_time_rate, 0.5, 1e-9);
	assert_int_equal(rv->depts[a].lead.late, 1);
	assert_int_equal(rv->depts[b].lead.overdue, 1);
	assert_int_equal(rv->depts[b].support.missed, 1);
	assert_int_equal(rv->depts[d].support.overdue, 1);
	assert_int_equal(rv->depts[d].lead.missed, 1);
	assert_float_equal(rv->depts[d].on_time_rate, -1, 1e-9);
	assert_float_equal(rv->depts[c].on_time_rate, 1, 1e-9);
	/* c (100%), a (50%, none overdue), b (50%, one overdue), d (none
	 * due). */
	assert_int_equal(rv->dept_rank[0], c);
	assert_int_equal(rv->dept_rank[1], a);
	assert_int_equal(rv->dept_rank[2], b);
	assert_int_equal(rv->dept_rank[3], d);
	assert_int_equal(rv->counts.done, 4);
	assert_int_equal(rv->counts.late, 1);
	assert_int_equal(rv->counts.overdue, 1);
	assert_int_equal(rv->counts.missed, 1);
	assert_int_equal(rv->nitems, 7);
	review_free(rv);

	/* --dept d: what d leads or supports. */
	rv = review(p, f, D(2025, 5, 1), 14, d);
	assert_int_equal(rv->dept, d);
	assert_int_equal(rv->nitems, 2);
	assert_string_equal(rv->items[0].name, "B2");
	assert_string_equal(rv->items[1].name, "D1");
	assert_int_equal(rv->counts.overdue, 1);
	assert_int_equal(rv->counts.missed, 1);
	assert_int_equal(rv->counts.done, 0);
	assert_true(rv->targets[0].in_scope);
	review_free(rv);
	rv = review(p, f, D(2025, 5, 1), 14, a);
	assert_int_equal(rv->nitems, 2);
	assert_false(rv->targets[0].in_scope);
	assert_int_equal(rv->counts.missed, 0);
	assert_int_equal(rv->worst, SEV_OK);
	review_free(rv);
	facts_free(f);
	plan_free(p);
}

static void
test_attention(void **state)
{
	struct plan *p = plan_begin(D(2025, 1, 1), D(2025, 12, 31));
	struct facts *f = facts_new();
	struct review *rv;
	struct attn_item *at;
	size_t n;

	(void)state;
	add_ms(p, "SOON", -1, NONE, D(2025, 5, 10), -1, PERIOD_NONE);
	add_ms(p, "OVER1", -1, NONE, D(2025, 4, 30), -1, PERIOD_NONE);
	add_ms(p, "OVER9", -1, NONE, D(2025, 4, 22), -1, PERIOD_NONE);
	add_ms(p, "FINE", -1, NONE, D(2025, 12, 1), -1, PERIOD_NONE);
	add_target(p, "MISS", DIR_GE, 50, D(2025, 4, 25));
	plan_index(p);
	rv = review(p, f, D(2025, 5, 1), 14, -1);
	assert_int_equal(rv->worst, SEV_CRITICAL);
	n = attention_list(rv, SEV_WARNING, &at);
	assert_int_equal(n, 4);
	assert_int_equal(at[0].item, ITEM_INSTANCE);
	assert_string_equal(rv->items[at[0].index].name, "OVER9");
	assert_int_equal(at[0].late_by, 9);
	assert_int_equal(at[1].item, ITEM_TARGET);
	assert_int_equal(at[1].late_by, 6);
	assert_string_equal(rv->items[at[2].index].name, "OVER1");
	assert_int_equal(at[3].sev, SEV_WARNING);
	assert_string_equal(rv->items[at[3].index].name, "SOON");
	free(at);
	n = attention_list(rv, SEV_CRITICAL, &at);
	assert_int_equal(n, 3);
	free(at);
	review_free(rv);
	facts_free(f);
	plan_free(p);
}

static void
test_names(void **state)
{
	(void)state;
	for (int s = 0; s < MS_NSTATES; s++) {
		assert_true(strlen(ms_state_key(s)) > 0);
		assert_true(strlen(ms_state_label(s)) > 0);
		assert_true(strlen(ms_state_symbol(s, true)) > 0);
		assert_true(strlen(ms_state_symbol(s, false)) > 0);
	}
	for (int s = 0; s < TG_NSTATES; s++) {
		assert_true(strlen(tg_state_key(s)) > 0);
		assert_true(strlen(tg_state_symbol(s, false)) > 0);
	}
	assert_string_equal(ms_state_key(MS_DUE_SOON), "due-soon");
	assert_string_equal(tg_state_key(TG_AT_RISK), "at-risk");
	assert_string_equal(pace_key(PACE_FAR_BEHIND), "far-behind");
	assert_string_equal(severity_key(SEV_CRITICAL), "CRITICAL");
	assert_int_equal(ms_state_tone(MS_OVERDUE), TONE_BAD);
	assert_int_equal(severity_tone(SEV_WARNING), TONE_WARN);
}

/* Issue 16.9: an instance due today and still open is not late in its
 * lead's on-time rate; done on its due date, or past due, it counts. */
static void
test_on_time_due_today(void **state)
{
	struct plan *p = plan_begin(D(2017, 1, 1), D(2018, 12, 31));
	struct facts *f = facts_new();
	const struct {
		pw_day	 asof;
		bool	 done;
		size_t	 due_so_far, on_time;
		double	 rate;
	} cases[] = {
		{ D(2017, 12, 31), false, 0, 0, -1 },
		{ D(2018, 1, 1), false, 1, 0, 0 },
		{ D(2017, 12, 31), true, 1, 1, 1 },
	};
	int a = add_dept(p, "a");

	(void)state;
	add_ms(p, "M", -1, NONE, D(2017, 12, 31), a, PERIOD_NONE);
	plan_index(p);
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		struct review *rv;

		if (cases[i].done && facts_get(f, "M") == NULL)
			fact(f, "M", FACT_DONE, D(2017, 12, 31), 0);
		rv = review(p, f, cases[i].asof, 14, -1);
		assert_int_equal(rv->depts[a].due_so_far, cases[i].due_so_far);
		assert_int_equal(rv->depts[a].on_time, cases[i].on_time);
		assert_float_equal(rv->depts[a].on_time_rate, cases[i].rate,
		    1e-9);
		review_free(rv);
	}
	facts_free(f);
	plan_free(p);
}

/*
 * Issue 16.13a: with no projection, less than one period of the cadence
 * left makes a target not met at risk.  Linxiang's fund (>= 1500 by
 * 2026-12-31, yearly: 1000, then 1200 a year later); and a month, a
 * quarter (back to a shorter month's last day), a week, and nothing
 * recorded, each due 2025-03-31 or 2025-05-31.
 */
static void
test_no_trend(void **state)
{
	struct plan *p = plan_begin(NONE, NONE);
	struct facts *f = facts_new();
	const struct {
		const char	*id;
		enum period	 cadence;
		double		 goal;
		pw_day		 due;
	} tg[] = {
		{ "FUND", PERIOD_YEAR, 1500, D(2026, 12, 31) },
		{ "M", PERIOD_MONTH, 10, D(2025, 3, 31) },
		{ "Q", PERIOD_QUARTER, 10, D(2025, 5, 31) },
		{ "W", PERIOD_WEEK, 10, D(2025, 3, 31) },
		{ "N", PERIOD_MONTH, 10, D(2025, 3, 31) },
	};
	/* The states of tg[] as of a date: + on track, ? no data, ! at risk
	 * with no projection, p at risk by its projection, - past due. */
	const struct {
		pw_day		 asof;
		const char	*states;
	} at[] = {
		{ D(2025, 2, 28), "++++?" },
		{ D(2025, 3, 1), "+!!+!" },
		{ D(2025, 3, 25), "+!!!!" },
		{ D(2025, 12, 31), "p----" },
		{ D(2026, 12, 7), "!----" },
	};

	(void)state;
	for (size_t i = 0; i < sizeof tg / sizeof tg[0]; i++)
		add_target(p, tg[i].id, DIR_GE, tg[i].goal,
		    tg[i].due)->cadence = tg[i].cadence;
	plan_index(p);
	fact(f, "FUND", FACT_VALUE, D(2024, 12, 31), 1000);
	fact(f, "FUND", FACT_VALUE, D(2025, 12, 31), 1200);
	fact(f, "M", FACT_VALUE, D(2025, 1, 15), 5);
	fact(f, "Q", FACT_VALUE, D(2025, 1, 15), 5);
	fact(f, "W", FACT_VALUE, D(2025, 1, 15), 5);
	for (size_t k = 0; k < sizeof at / sizeof at[0]; k++) {
		struct review *rv = review(p, f, at[k].asof, 14, -1);

		for (size_t i = 0; i < sizeof tg / sizeof tg[0]; i++) {
			const struct tg_result *r = &rv->targets[i];
			char c = at[k].states[i];

			print_message("# %s as of day %d\n", tg[i].id,
			    (int)at[k].asof);
			if (c == '-')
				continue;	/* past due */
			assert_int_equal(r->has_projection, c == 'p');
			assert_int_equal(r->state, c == '+' ? TG_ON_TRACK :
			    c == '?' ? TG_NO_DATA : TG_AT_RISK);
		}
		review_free(rv);
	}
	/* Met is met, whatever the time left. */
	fact(f, "FUND", FACT_VALUE, D(2026, 12, 1), 1500);
	struct review *rv = review(p, f, D(2026, 12, 7), 14, -1);
	assert_int_equal(rv->targets[0].state, TG_MET);
	review_free(rv);
	facts_free(f);
	plan_free(p);
}

/* Issue 16.10: one rounding of percentages, halves away from zero, the
 * same however a half was computed. */
static void
test_pct(void **state)
{
	const struct {
		double		 pct;
		const char	*text;
	} cases[] = {
		{ 74.5, "75" }, { 74.49, "74" }, { 0.745 * 100, "75" },
		{ 149.0 / 200 * 100, "75" }, { 0.5, "1" }, { 2.5, "3" },
		{ 99.5, "100" }, { 100, "100" }, { 0, "0" }, { 0.4, "0" },
		{ -0.4, "0" }, { -0.5, "-1" }, { NAN, "-" }, { INFINITY, "-" },
	};
	char s[PCT_LEN];

	(void)state;
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		assert_string_equal(pct_text(cases[i].pct, s), cases[i].text);
		if (isfinite(cases[i].pct))
			assert_float_equal(pct_round(cases[i].pct),
			    atof(cases[i].text), 0);
	}
	pct_text(1e300, s);	/* far out of range, still a string */
	assert_true(strlen(s) < PCT_LEN);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_milestone_states),
		cmocka_unit_test(test_pace_expected),
		cmocka_unit_test(test_fact_order),
		cmocka_unit_test(test_recurring),
		cmocka_unit_test(test_target_states),
		cmocka_unit_test(test_target_details),
		cmocka_unit_test(test_stages),
		cmocka_unit_test(test_scale),
		cmocka_unit_test(test_stale),
		cmocka_unit_test(test_stale_exemptions),
		cmocka_unit_test(test_target_pace),
		cmocka_unit_test(test_phases),
		cmocka_unit_test(test_departments),
		cmocka_unit_test(test_attention),
		cmocka_unit_test(test_names),
		cmocka_unit_test(test_on_time_due_today),
		cmocka_unit_test(test_no_trend),
		cmocka_unit_test(test_pct),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
