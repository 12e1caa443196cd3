/*
 * status.c: the status rules (planwatch-status(1), STATUS RULES).
 *
 * review_new() makes one pass over the milestones' instances and one over
 * the targets, looking each item's facts up by id, so its cost grows with
 * the plan and the facts and nothing else.  Every rule here is written down
 * in the manual; change both together.
 */
#include <limits.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model/status.h"
#include "util/buf.h"
#include "util/strpool.h"
#include "util/xalloc.h"

/* Values recorded longer ago than this do not shape the projection. */
#define PROJECTION_DAYS	365

/* Is fact a recorded after fact b: later date, or same date and seq? */
static bool
fact_after(const struct fact *a, const struct fact *b)
{
	return a->date > b->date || (a->date == b->date && a->seq > b->seq);
}

static double
clamp(double v, double lo, double hi)
{
	return v < lo ? lo : v > hi ? hi : v;
}

/*
 * The share of the window start..end (both days counted) that has elapsed
 * by the end of asof, in percent: 100/L on the first day of an L-day
 * window, 100 on its last, 0 before it.
 */
static double
window_share(pw_day start, pw_day end, pw_day asof)
{
	double len = (double)end - start + 1;
	double elapsed = (double)asof - start + 1;

	return 100.0 * clamp(elapsed, 0, len) / len;
}

/*
 * Pace of an open milestone instance or phase: progress against the share
 * of its window elapsed.  Only judged with some progress recorded; with
 * none, behind (never worse) once more than half the window is gone.  Past
 * the end it is overdue instead, and pace is not judged.
 */
static enum pace
judge_pace(const struct plan *p, pw_day start, pw_day end, pw_day asof,
    bool has_progress, double progress, double *expected)
{
	double lag;

	*expected = -1;
	if (start == DAY_NONE || end == DAY_NONE || end < start)
		return PACE_NONE;
	*expected = window_share(start, end, asof);
	if (asof > end)
		return PACE_NONE;
	if (!has_progress)
		return *expected > 50.0 ? PACE_BEHIND : PACE_NONE;
	lag = *expected - progress;
	if (lag >= p->pace_crit)
		return PACE_FAR_BEHIND;
	if (lag >= p->pace_warn)
		return PACE_BEHIND;
	return PACE_OK;
}

static enum severity
pace_severity(enum pace pace)
{
	return pace == PACE_FAR_BEHIND ? SEV_CRITICAL :
	    pace == PACE_BEHIND ? SEV_WARNING : SEV_OK;
}

static enum severity
sev_max(enum severity a, enum severity b)
{
	return a > b ? a : b;
}

static void
eval_instance(const struct facts *f, const struct plan *p, pw_day asof,
    int warn_days, struct ms_result *r)
{
	const struct fact_list *l = facts_get(f, r->name);
	const struct fact *prog = NULL, *state = NULL;
	pw_day start = r->in.start, due = r->in.due;

	for (size_t i = 0; l != NULL && i < l->n; i++) {
		const struct fact *x = &l->v[i];
		if (x->date > asof)
			continue;
		if (x->kind == FACT_PROGRESS) {
			if (prog == NULL || fact_after(x, prog))
				prog = x;
		} else if (x->kind == FACT_DONE || x->kind == FACT_REOPEN) {
			if (state == NULL || fact_after(x, state))
				state = x;
		}
	}
	r->has_progress = prog != NULL;
	r->progress = prog != NULL ? clamp(prog->value, 0, 100) : 0;
	r->done_date = DAY_NONE;
	r->days_overdue = r->days_left = 0;
	r->expected = -1;
	r->pace = PACE_NONE;
	r->sev = SEV_OK;

	if (state != NULL && state->kind == FACT_DONE) {
		r->done_date = state->date;
		r->progress = 100;
		if (due == DAY_NONE || state->date <= due)
			r->state = MS_DONE;
		else {
			r->state = MS_LATE;
			r->days_overdue = state->date - due;
		}
		return;
	}
	if (due != DAY_NONE && asof > due) {
		r->state = MS_OVERDUE;
		r->days_left = due - asof;
		r->days_overdue = asof - due;
		r->sev = SEV_CRITICAL;
	} else if (due != DAY_NONE && due - asof <= warn_days) {
		r->state = MS_DUE_SOON;
		r->days_left = due - asof;
		r->sev = SEV_WARNING;
	} else {
		if (due != DAY_NONE)
			r->days_left = due - asof;
		r->state = (start != DAY_NONE && asof >= start) ||
		    r->has_progress ? MS_ACTIVE : MS_PENDING;
	}
	r->pace = judge_pace(p, start, due, asof, r->has_progress,
	    r->progress, &r->expected);
	r->sev = sev_max(r->sev, pace_severity(r->pace));
}

static bool
dept_involved(int dept, int owner, const int *support, size_t nsupport)
{
	if (owner == dept)
		return true;
	for (size_t i = 0; i < nsupport; i++)
		if (support[i] == dept)
			return true;
	return false;
}

static void
count_pace(struct counts *c, enum pace pace)
{
	if (pace == PACE_BEHIND)
		c->behind++;
	else if (pace == PACE_FAR_BEHIND)
		c->far_behind++;
}

static void
count_instance(struct counts *c, const struct ms_result *r)
{
	switch (r->state) {
	case MS_PENDING:
		c->pending++;
		break;
	case MS_ACTIVE:
		c->active++;
		break;
	case MS_DUE_SOON:
		c->due_soon++;
		break;
	case MS_OVERDUE:
		c->overdue++;
		break;
	case MS_DONE:
		c->done++;
		break;
	case MS_LATE:
		c->late++;
		break;
	default:
		break;
	}
	count_pace(c, r->pace);
}

static void
count_target(struct counts *c, const struct tg_result *r)
{
	switch (r->state) {
	case TG_NO_DATA:
		c->no_data++;
		break;
	case TG_ON_TRACK:
		c->on_track++;
		break;
	case TG_AT_RISK:
		c->at_risk++;
		break;
	case TG_MET:
		c->met++;
		break;
	case TG_MISSED:
		c->missed++;
		break;
	default:
		break;
	}
	count_pace(c, r->pace);
	if (r->stale > 0)
		c->stale++;
}

/* A recorded value with its order, before superseded ones are dropped. */
struct raw_point {
	pw_day		 date;
	long long	 seq;
	double		 value;
};

static int
raw_cmp(const void *a, const void *b)
{
	const struct raw_point *x = a, *y = b;

	if (x->date != y->date)
		return x->date < y->date ? -1 : 1;
	return x->seq < y->seq ? -1 : x->seq > y->seq;
}

static int
scale_index(const struct target *t, const char *level)
{
	for (size_t i = 0; level != NULL && i < t->nscale; i++)
		if (strcmp(t->scale[i], level) == 0)
			return (int)i;
	return -1;
}

/*
 * The target's values as of asof: one per date (highest seq), ascending.
 * Values not counting (a level not in the scale) are counted as ignored
 * from the list's since date on; before it, the store counted them.
 */
static void
build_series(const struct target *t, const struct fact_list *l, pw_day asof,
    struct tg_result *r)
{
	struct raw_point *raw;
	size_t n = 0, out = 0;
	bool sorted = true;

	r->series = NULL;
	r->nseries = 0;
	if (l == NULL)
		return;
	r->ignored = l->skipped;
	if (l->n == 0)
		return;
	raw = xreallocarray(NULL, l->n, sizeof *raw);
	for (size_t i = 0; i < l->n; i++) {
		const struct fact *x = &l->v[i];
		double v = x->value;
		if (x->kind != FACT_VALUE || x->date > asof)
			continue;
		if (t->nscale > 0) {
			int k = scale_index(t, x->level);
			if (k < 0) {
				if (x->date >= l->since)
					r->ignored++;
				continue;
			}
			v = k;
		}
		raw[n] = (struct raw_point){ x->date, x->seq, v };
		if (n > 0 && raw_cmp(&raw[n - 1], &raw[n]) > 0)
			sorted = false;
		n++;
	}
	if (!sorted)
		qsort(raw, n, sizeof *raw, raw_cmp);
	if (n > 0)
		r->series = xreallocarray(NULL, n, sizeof *r->series);
	for (size_t i = 0; i < n; i++) {
		if (i + 1 < n && raw[i + 1].date == raw[i].date)
			continue;	/* superseded on the same date */
		r->series[out].date = raw[i].date;
		r->series[out].value = raw[i].value;
		out++;
	}
	r->nseries = out;
	free(raw);
}

/* Keep only the values from since on in the series: older ones were
 * loaded for the rules alone and would show as a gap in a chart. */
static void
trim_series(struct tg_result *r, pw_day since)
{
	size_t first = 0;

	while (first < r->nseries && r->series[first].date < since)
		first++;
	if (first == 0)
		return;
	r->nseries -= first;
	memmove(r->series, r->series + first, r->nseries *
	    sizeof *r->series);
}

/* The last point on or before day, or NULL. */
static const struct point *
point_at(const struct tg_result *r, pw_day day)
{
	size_t lo = 0, hi = r->nseries;

	/* First index with date > day. */
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (r->series[mid].date <= day)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo > 0 ? &r->series[lo - 1] : NULL;
}

/* A number for each calendar period, consecutive periods differing by 1. */
static long
period_index(enum period p, pw_day day)
{
	int y, m, d;

	if (p == PERIOD_WEEK)
		return ((long)period_start(PERIOD_WEEK, day) + 3) / 7;
	date_to_ymd(day, &y, &m, &d);
	switch (p) {
	case PERIOD_MONTH:
		return y * 12L + m - 1;
	case PERIOD_QUARTER:
		return y * 4L + (m - 1) / 3;
	case PERIOD_YEAR:
		return y;
	default:
		return day;
	}
}

/*
 * Complete periods (ended before asof) with no value: counted from the first
 * period that begins on or after the target's start, and after the period
 * holding the latest value.
 */
static int
stale_periods(const struct plan *p, const struct target *t,
    const struct tg_result *r, pw_day asof)
{
	pw_day start = plan_target_start(p, t), begin;
	long n;

	if (start == DAY_NONE || t->cadence == PERIOD_NONE)
		return 0;
	begin = period_start(t->cadence, start);
	if (begin < start)
		begin = period_next(t->cadence, start);
	if (r->has_latest && period_next(t->cadence, r->latest.date) > begin)
		begin = period_next(t->cadence, r->latest.date);
	if (begin > asof)
		return 0;
	n = period_index(t->cadence, asof) - period_index(t->cadence, begin);
	return n < 0 ? 0 : n > INT_MAX ? INT_MAX : (int)n;
}

/*
 * Least-squares line through the values dated within PROJECTION_DAYS up to
 * asof, and the baseline when it is dated within them; its value at due.
 */
static bool
project(const struct target *t, const struct tg_result *r, pw_day asof,
    double *out)
{
	double sx = 0, sy = 0, sxx = 0, sxy = 0, n = 0, mx, my, vxx, vxy;
	pw_day from = asof - PROJECTION_DAYS;
	bool base = t->has_baseline && t->baseline_date.day != DAY_NONE &&
	    t->baseline_date.day >= from && t->baseline_date.day <= asof;

	for (size_t i = r->nseries; i-- > 0 && r->series[i].date >= from;) {
		double x = r->series[i].date - asof, y = r->series[i].value;
		if (base && r->series[i].date == t->baseline_date.day)
			base = false;	/* a recorded value replaces it */
		sx += x, sy += y, sxx += x * x, sxy += x * y, n++;
	}
	if (base) {
		double x = t->baseline_date.day - asof, y = t->baseline;
		sx += x, sy += y, sxx += x * x, sxy += x * y, n++;
	}
	if (n < 2)
		return false;
	mx = sx / n;
	my = sy / n;
	vxx = sxx - n * mx * mx;
	vxy = sxy - n * mx * my;
	if (vxx < 1e-9)
		return false;	/* all on one day: no trend */
	*out = my + vxy / vxx * ((double)(t->due.day - asof) - mx);
	return true;
}

/* Does the projection reach the target?  For "=", it must get to the
 * target from the side the latest value is on. */
static bool
projection_meets(const struct target *t, double from, double proj)
{
	if (t->dir != DIR_EQ)
		return direction_meets(t->dir, proj, t->target);
	if (from < t->target)
		return proj >= t->target - 1e-9;
	return proj <= t->target + 1e-9;
}

/* Target pace: the latest value against the line from the baseline (at
 * its date, else the target's start) to the target at its due date. */
static void
target_pace(const struct plan *p, const struct target *t,
    struct tg_result *r, pw_day asof)
{
	pw_day from = t->baseline_date.day;
	double dist = t->target - t->baseline, share, lag;

	r->expected = NAN;
	r->pace = PACE_NONE;
	if (!t->has_baseline || !r->has_latest || fabs(dist) < 1e-12)
		return;
	if (from == DAY_NONE)
		from = plan_target_start(p, t);
	if (from == DAY_NONE || t->due.day <= from)
		return;
	share = clamp((double)(asof - from) / (t->due.day - from), 0, 1);
	r->expected = t->baseline + dist * share;
	if (r->state == TG_MET) {
		r->pace = PACE_OK;
		return;
	}
	lag = (r->expected - r->latest.value) * 100.0 / dist;
	r->pace = lag >= p->pace_crit ? PACE_FAR_BEHIND :
	    lag >= p->pace_warn ? PACE_BEHIND : PACE_OK;
}

/* The day one period of cadence c before day: the same day a month, a
 * quarter or a year earlier (the month's last when that is shorter), or a
 * week earlier. */
static pw_day
period_before(enum period c, pw_day day)
{
	int y, m, d, back;

	if (c == PERIOD_WEEK)
		return day - 7;
	back = c == PERIOD_MONTH ? 1 : c == PERIOD_YEAR ? 12 : 3;
	date_to_ymd(day, &y, &m, &d);
	m -= back;
	if (m < 1) {
		m += 12;
		y--;
	}
	if (d > date_days_in_month(y, m))
		d = date_days_in_month(y, m);
	return date_from_ymd(y, m, d);
}

/* The one passed stage the rules judge: the latest whose date has passed,
 * or -1. */
static int
passed_stage(const struct target *t, pw_day asof)
{
	for (size_t k = t->nstages; k-- > 0;) {
		pw_day d = t->stages[k].due.day;
		if (d != DAY_NONE && d < asof)
			return (int)k;
	}
	return -1;
}

static void
target_rules(const struct plan *p, const struct target *t, pw_day asof,
    struct tg_result *r)
{
	const struct point *pt;
	pw_day due = t->due.day;
	int k;

	if ((r->has_latest = r->nseries > 0))
		r->latest = r->series[r->nseries - 1];

	if (due != DAY_NONE && asof > due) {
		if ((pt = point_at(r, due)) != NULL) {
			r->has_deciding = true;
			r->deciding = *pt;
		}
		r->state = r->has_deciding && direction_meets(t->dir,
		    r->deciding.value, t->target) ? TG_MET : TG_MISSED;
		r->sev = r->state == TG_MISSED ? SEV_CRITICAL : SEV_OK;
		return;
	}
	if (r->has_latest && direction_meets(t->dir, r->latest.value,
	    t->target)) {
		r->state = TG_MET;
		target_pace(p, t, r, asof);
		return;
	}
	/* The latest stage whose date has passed decides. */
	if ((k = passed_stage(t, asof)) >= 0) {
		const struct stage *s = &t->stages[k];
		pt = point_at(r, s->due.day);
		if (pt == NULL || !direction_meets(t->dir, pt->value,
		    s->target))
			r->stage_missed = k;
	}
	if (due != DAY_NONE)
		r->has_projection = project(t, r, asof, &r->projection);
	/* Without a projection (too few values in its year), less than one
	 * period of the cadence left is too little for the next value to
	 * make up the distance: at risk rather than on track. */
	if (r->stage_missed >= 0 || (r->has_projection &&
	    !projection_meets(t, r->has_latest ? r->latest.value :
	    t->baseline, r->projection)) || (due != DAY_NONE &&
	    !r->has_projection && asof > period_before(t->cadence, due)))
		r->state = TG_AT_RISK;
	else
		r->state = r->has_latest ? TG_ON_TRACK : TG_NO_DATA;
	r->sev = r->state == TG_AT_RISK ? SEV_WARNING : SEV_OK;
	r->stale_periods = stale_periods(p, t, r, asof);
	r->stale = r->stale_periods >= 2 ? 2 : r->stale_periods;
	if (r->stale > 0)
		r->sev = sev_max(r->sev, r->stale == 2 ? SEV_CRITICAL :
		    SEV_WARNING);
	target_pace(p, t, r, asof);
	r->sev = sev_max(r->sev, pace_severity(r->pace));
}

static void
eval_target(const struct plan *p, const struct facts *f, int ti,
    pw_day asof, struct tg_result *r)
{
	const struct target *t = &p->targets[ti];
	const struct fact_list *l = facts_get(f, t->id);

	r->target = ti;
	r->stage_missed = -1;
	r->expected = NAN;
	build_series(t, l, asof, r);
	target_rules(p, t, asof, r);
	if (l != NULL)
		trim_series(r, l->since);
}

/* Per-phase sums while the instances go by. */
struct phase_acc {
	double		 wsum, psum;
	bool		 any_progress;
};

static void
finish_phases(struct review *rv, const struct phase_acc *acc,
    const bool *ms_scope)
{
	const struct plan *p = rv->plan;

	for (size_t i = 0; i < p->nphases; i++) {
		const struct phase *ph = &p->phases[i];
		struct phase_result *r = &rv->phases[i];

		r->phase = (int)i;
		r->progress = acc[i].wsum > 0 ? acc[i].psum / acc[i].wsum : 0;
		r->expected = -1;
		if (ph->end.day != DAY_NONE && rv->asof > ph->end.day &&
		    r->open > 0) {
			r->overdue = true;
			r->days_overdue = rv->asof - ph->end.day;
		}
		if (ph->ms_count > 0)
			r->pace = judge_pace(p, ph->start.day, ph->end.day,
			    rv->asof, acc[i].any_progress, r->progress,
			    &r->expected);
		if (r->open == 0 && r->pace != PACE_NONE)
			r->pace = PACE_OK;
		r->sev = r->overdue ? SEV_CRITICAL : pace_severity(r->pace);
		r->in_scope = rv->dept < 0 || ph->owner == rv->dept;
		for (size_t k = 0; !r->in_scope && k < ph->ms_count; k++)
			r->in_scope = ms_scope[ph->ms_first + k];
	}
}

static void
account_dept(struct review *rv, const struct milestone *m,
    const struct ms_result *r)
{
	if (m->owner >= 0) {
		struct dept_result *d = &rv->depts[m->owner];
		count_instance(&d->lead, r);
		/* Due so far: past its due date, or due today and done; one
		 * due today and still open is not late yet. */
		if (r->in.due != DAY_NONE && (r->in.due < rv->asof ||
		    (r->in.due == rv->asof && r->done_date != DAY_NONE))) {
			d->due_so_far++;
			if (r->state == MS_DONE)
				d->on_time++;
		}
	}
	for (size_t k = 0; k < m->nsupport; k++)
		count_instance(&rv->depts[m->support[k]].support, r);
}

/* The id of instance in of m: the plan's for a milestone that does not
 * recur, else M@PERIOD made in b (the review keeps a copy of the ones it
 * keeps: a plan of 10,000 milestones has tens of thousands). */
static const char *
instance_name(const struct milestone *m, const struct instance *in,
    struct buf *b)
{
	char label[16];

	if (in->period == DAY_NONE)
		return m->id;
	period_label(m->every, in->period, label);
	buf_reset(b);
	buf_puts(b, m->id);
	buf_putc(b, '@');
	buf_puts(b, label);
	return buf_str(b);
}

static void
review_milestones(struct review *rv, const struct facts *f,
    const bool *ms_only, struct phase_acc *acc, bool *ms_scope)
{
	const struct plan *p = rv->plan;
	struct instance *iv = NULL;
	struct buf name = BUF_INIT;
	size_t ni, icap = 0, cap = 0;

	for (size_t mi = 0; mi < p->nms; mi++) {
		const struct milestone *m = &p->ms[mi];
		bool scope = rv->dept < 0 || dept_involved(rv->dept,
		    m->owner, m->support, m->nsupport);

		if (ms_only != NULL && !ms_only[mi])
			continue;
		ms_scope[mi] = scope;
		ni = 0;
		plan_instances(p, (int)mi, &iv, &ni, &icap);
		for (size_t k = 0; k < ni; k++) {
			struct ms_result r = { .in = iv[k] };
			r.name = instance_name(m, &iv[k], &name);
			eval_instance(f, p, rv->asof, rv->warn_days, &r);
			if (m->phase >= 0) {
				struct phase_acc *a = &acc[m->phase];
				double w = m->weight / (double)ni;
				a->wsum += w;
				a->psum += w * r.progress;
				if (r.has_progress || r.done_date != DAY_NONE)
					a->any_progress = true;
				if (r.done_date == DAY_NONE)
					rv->phases[m->phase].open++;
			}
			/* An instance exists from the start of its period. */
			if (iv[k].period != DAY_NONE &&
			    iv[k].period > rv->asof)
				continue;
			account_dept(rv, m, &r);
			if (!scope)
				continue;
			if (r.name != m->id)
				r.name = strpool_ndup(&rv->names, name.s,
				    name.len);
			count_instance(&rv->counts, &r);
			rv->worst = sev_max(rv->worst, r.sev);
			if (rv->nitems == cap) {
				cap = cap ? cap * 2 : 64;
				rv->items = xreallocarray(rv->items, cap,
				    sizeof *rv->items);
			}
			rv->items[rv->nitems++] = r;
		}
	}
	free(iv);
	buf_release(&name);
}

static void
review_targets(struct review *rv, const struct facts *f,
    const bool *tg_only)
{
	const struct plan *p = rv->plan;

	for (size_t i = 0; i < p->ntargets; i++) {
		const struct target *t = &p->targets[i];
		struct tg_result *r = &rv->targets[i];

		if (tg_only != NULL && !tg_only[i])
			continue;
		eval_target(p, f, (int)i, rv->asof, r);
		rv->ignored += r->ignored;
		if (t->owner >= 0)
			count_target(&rv->depts[t->owner].lead, r);
		for (size_t k = 0; k < t->nsupport; k++)
			count_target(&rv->depts[t->support[k]].support, r);
		r->in_scope = rv->dept < 0 || dept_involved(rv->dept,
		    t->owner, t->support, t->nsupport);
		if (!r->in_scope)
			continue;
		count_target(&rv->counts, r);
		rv->worst = sev_max(rv->worst, r->sev);
	}
}

/* Best on-time rate first, then fewer overdue, then id; departments with
 * nothing due yet after every department with a rate. */
static int
dept_cmp(const void *a, const void *b)
{
	const struct dept_key *x = a, *y = b;

	if ((x->rate < 0) != (y->rate < 0))
		return x->rate < 0 ? 1 : -1;
	if (x->rate != y->rate)
		return x->rate > y->rate ? -1 : 1;
	if (x->overdue != y->overdue)
		return x->overdue < y->overdue ? -1 : 1;
	return strcmp(x->id, y->id);
}

void
dept_keys_sort(struct dept_key *v, size_t n)
{
	if (n > 0)
		qsort(v, n, sizeof *v, dept_cmp);
}

static void
rank_depts(struct review *rv)
{
	const struct plan *p = rv->plan;
	struct dept_key *keys;

	if (p->ndepts == 0)
		return;
	keys = xreallocarray(NULL, p->ndepts, sizeof *keys);
	for (size_t i = 0; i < p->ndepts; i++) {
		struct dept_result *d = &rv->depts[i];
		d->dept = (int)i;
		d->on_time_rate = d->due_so_far > 0 ?
		    (double)d->on_time / d->due_so_far : -1;
		keys[i] = (struct dept_key){ d->on_time_rate, d->lead.overdue,
		    p->depts[i].id, i };
	}
	dept_keys_sort(keys, p->ndepts);
	rv->dept_rank = xreallocarray(NULL, p->ndepts, sizeof *rv->dept_rank);
	for (size_t i = 0; i < p->ndepts; i++)
		rv->dept_rank[i] = keys[i].index;
	free(keys);
}

/* The year's values of a target not yet due: for its projection, unless
 * the latest value meets the target already. */
/*
 * What the rules above read of each target as of asof: the values of the
 * projection's year (and the recent latest for charts), and the latest on
 * or before asof, the due date once passed, and the stage that decides.
 */
void
review_query_init(const struct plan *p, pw_day asof, size_t recent,
    struct facts_query *q)
{
	memset(q, 0, sizeof *q);
	q->asof = asof;
	q->since = asof - PROJECTION_DAYS;
	q->recent = recent;
	q->nwants = p->ntargets;
	q->wants = xcalloc(p->ntargets + 1, sizeof *q->wants);
	q->days = xcalloc(3 * p->ntargets + 1, sizeof *q->days);
	for (size_t i = 0; i < p->ntargets; i++) {
		const struct target *t = &p->targets[i];
		struct value_want *w = &q->wants[i];
		pw_day *at = &q->days[3 * i];
		int k;

		w->item = t->id;
		/* target_rules projects only before a due date. */
		w->year = t->due.day != DAY_NONE && asof <= t->due.day ?
		    YEAR_UNLESS_MET : YEAR_NEVER;
		w->year_dir = t->dir;
		w->year_target = t->target;
		w->at = at;
		at[w->nat++] = asof;
		if (t->due.day != DAY_NONE && t->due.day < asof)
			at[w->nat++] = t->due.day;
		if ((k = passed_stage(t, asof)) >= 0)
			at[w->nat++] = t->stages[k].due.day;
		if (t->nscale > 0) {
			w->levels = t->scale;
			w->nlevels = t->nscale;
		}
	}
}

void
review_query_release(struct facts_query *q)
{
	free(q->wants);
	free(q->days);
	memset(q, 0, sizeof *q);
}

struct review *
review_new(const struct plan *p, const struct facts *f,
    const struct review_opts *o)
{
	struct review *rv = xcalloc(1, sizeof *rv);
	struct phase_acc *acc;
	bool *ms_scope;

	rv->plan = p;
	rv->asof = o->asof;
	rv->warn_days = o->warn_days >= 0 ? o->warn_days : p->warn_days;
	rv->dept = o->dept >= 0 && (size_t)o->dept < p->ndepts ? o->dept : -1;
	rv->ntargets = p->ntargets;
	rv->targets = xcalloc(p->ntargets + 1, sizeof *rv->targets);
	rv->nphases = p->nphases;
	rv->phases = xcalloc(p->nphases + 1, sizeof *rv->phases);
	rv->ndepts = p->ndepts;
	rv->depts = xcalloc(p->ndepts + 1, sizeof *rv->depts);
	acc = xcalloc(p->nphases + 1, sizeof *acc);
	ms_scope = xcalloc(p->nms + 1, sizeof *ms_scope);

	review_milestones(rv, f, o->ms_only, acc, ms_scope);
	finish_phases(rv, acc, ms_scope);
	review_targets(rv, f, o->tg_only);
	rank_depts(rv);
	free(acc);
	free(ms_scope);
	return rv;
}

void
review_free(struct review *rv)
{
	if (rv == NULL)
		return;
	strpool_free(rv->names);
	free(rv->items);
	for (size_t i = 0; i < rv->ntargets; i++)
		free(rv->targets[i].series);
	free(rv->targets);
	free(rv->phases);
	free(rv->depts);
	free(rv->dept_rank);
	free(rv);
}

/* Names, symbols and tones of each status; the words for people are the
 * edge's (report/words.c). */
static const struct {
	const char	*key, *utf8, *ascii;
	enum tone	 tone;
} ms_states[MS_NSTATES] = {
	[MS_PENDING] = { "pending", "○", "[ ]", TONE_NEUTRAL },
	[MS_ACTIVE] = { "active", "▸", "[>]", TONE_INFO },
	[MS_DUE_SOON] = { "due-soon", "◷", "[~]", TONE_WARN },
	[MS_OVERDUE] = { "overdue", "✖", "[!]", TONE_BAD },
	[MS_DONE] = { "done", "✔", "[+]", TONE_GOOD },
	[MS_LATE] = { "late", "✔!", "[+!]", TONE_WARN },
}, tg_states[TG_NSTATES] = {
	[TG_NO_DATA] = { "no-data", "?", "[?]", TONE_NEUTRAL },
	[TG_ON_TRACK] = { "on-track", "↗", "[>]", TONE_INFO },
	[TG_AT_RISK] = { "at-risk", "▲", "[^]", TONE_WARN },
	[TG_MET] = { "met", "✔", "[+]", TONE_GOOD },
	[TG_MISSED] = { "missed", "✖", "[!]", TONE_BAD },
};

static const char *const pace_keys[] = {
	[PACE_NONE] = "none", [PACE_OK] = "on-pace", [PACE_BEHIND] = "behind",
	[PACE_FAR_BEHIND] = "far-behind",
};

const char *
ms_state_key(enum ms_state s)
{
	return ms_states[s].key;
}

const char *
tg_state_key(enum tg_state s)
{
	return tg_states[s].key;
}

const char *
pace_key(enum pace p)
{
	return pace_keys[p];
}

const char *
ms_state_symbol(enum ms_state s, bool utf8)
{
	return utf8 ? ms_states[s].utf8 : ms_states[s].ascii;
}

const char *
tg_state_symbol(enum tg_state s, bool utf8)
{
	return utf8 ? tg_states[s].utf8 : tg_states[s].ascii;
}

enum tone
ms_state_tone(enum ms_state s)
{
	return ms_states[s].tone;
}

enum tone
tg_state_tone(enum tg_state s)
{
	return tg_states[s].tone;
}

enum tone
severity_tone(enum severity s)
{
	return s == SEV_CRITICAL ? TONE_BAD : s == SEV_WARNING ? TONE_WARN :
	    TONE_GOOD;
}

const char *
severity_key(enum severity s)
{
	return s == SEV_CRITICAL ? "CRITICAL" : s == SEV_WARNING ? "WARNING" :
	    "OK";
}

double
pct_round(double pct)
{
	double r;

	/* A hair away from zero first, so that a half computed as
	 * 0.745 * 100 = 74.49999999999999 rounds as 74.5 does. */
	r = round(pct + copysign(1e-9, pct));
	return r == 0 ? 0 : r;	/* never "-0" */
}

const char *
pct_text(double pct, char out[static PCT_LEN])
{
	if (!isfinite(pct))
		strcpy(out, "-");
	else
		snprintf(out, PCT_LEN, "%.0f", pct_round(pct));
	return out;
}
