/*
 * plan_check.c: what every loaded plan holds, checked.
 *
 * The loader (config/load.c) refuses a plan file that breaks any of these
 * rules, and the front ends rely on them: ids print as they are, names are
 * shown on terminals, a scale's level indexes its levels, a phase's
 * milestones are a run of the array, the instances are few enough to
 * expand.  A plan that comes from anywhere else
 * (the plan cache's image) must pass plan_check before it is used.  The
 * loader's tests and its fuzz harness hold the loader to these rules.
 */
#include <math.h>
#include <stdbool.h>
#include <string.h>

#include "model/plan.h"
#include "util/text.h"

bool
plan_valid_id(const char *s, size_t n)
{
	if (n == 0 || n > ID_MAX)
		return false;
	for (size_t i = 0; i < n; i++) {
		char c = s[i];
		if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
		    (c >= '0' && c <= '9') || c == '.' || c == '_' || c == '-'))
			return false;
	}
	return true;
}

static bool
id_ok(const char *s)
{
	return s != NULL && plan_valid_id(s, strlen(s));
}

/* Text as the loader lets it through (text_plain); NULL only where
 * optional. */
static bool
text_ok(const char *s, bool optional)
{
	if (s == NULL)
		return optional;
	return text_plain(s, strlen(s));
}

static bool
dept_ok(const struct plan *p, int d, bool none)
{
	return d >= (none ? -1 : 0) && (d < 0 || (size_t)d < p->ndepts);
}

static bool
depts_ok(const struct plan *p, const int *v, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (!dept_ok(p, v[i], false))
			return false;
	return true;
}

/* An item's id finds that very item. */
static bool
found(const struct plan *p, const char *id, enum item_kind kind, size_t i)
{
	struct item_ref r = plan_find(p, id);

	return r.kind == kind && r.index == (int)i;
}

/* A day of the years dates are read in; DAY_NONE only where optional. */
static bool
date_ok(struct pdate d, bool optional)
{
	static pw_day min = DAY_NONE, max;

	if (min == DAY_NONE) {
		min = date_from_ymd(DATE_YEAR_MIN, 1, 1);
		max = date_from_ymd(DATE_YEAR_MAX, 12, 31);
	}
	if (d.day == DAY_NONE)
		return optional;
	return d.day >= min && d.day <= max && d.prec >= PREC_DAY &&
	    d.prec <= PREC_YEAR;
}

static bool
ordered(struct pdate a, struct pdate b)
{
	return a.day == DAY_NONE || b.day == DAY_NONE || a.day <= b.day;
}

static bool
level_ok(const struct target *t, double v)
{
	return t->nscale == 0 ||
	    (v >= 0 && v < (double)t->nscale && v == floor(v));
}

static bool
target_ok(const struct plan *p, const struct target *t)
{
	if (!id_ok(t->id) || !text_ok(t->name, false) ||
	    !text_ok(t->unit, true) || !text_ok(t->note, true) ||
	    !date_ok(t->due, false) || !date_ok(t->baseline_date, true) ||
	    !isfinite(t->target) ||
	    !level_ok(t, t->target) || !isfinite(t->baseline) ||
	    (t->has_baseline && !level_ok(t, t->baseline)) ||
	    !dept_ok(p, t->owner, true) ||
	    !depts_ok(p, t->support, t->nsupport) ||
	    t->phase < -1 || (t->phase >= 0 && (size_t)t->phase >= p->nphases))
		return false;
	for (size_t k = 0; k < t->nstages; k++) {
		const struct stage *s = &t->stages[k];
		if (!date_ok(s->due, false) || s->due.day >= t->due.day ||
		    (k > 0 && s->due.day <= s[-1].due.day) ||
		    !isfinite(s->target) || !level_ok(t, s->target))
			return false;
	}
	for (size_t k = 0; k < t->nscale; k++)
		if (!text_ok(t->scale[k], false))
			return false;
	return true;
}

static bool
ms_ok(const struct plan *p, const struct milestone *m)
{
	return id_ok(m->id) && text_ok(m->name, false) &&
	    text_ok(m->note, true) && date_ok(m->due, false) &&
	    date_ok(m->start, true) && ordered(m->start, m->due) &&
	    dept_ok(p, m->owner, true) &&
	    depts_ok(p, m->support, m->nsupport) && isfinite(m->weight) && m->weight > 0 &&
	    (m->every == PERIOD_NONE || plan_ms_start(p, m) != DAY_NONE);
}

int
plan_check(const struct plan *p)
{
	size_t j = 0;

	/* The plan's id may be the file's name, any bytes: it is shown
	 * escaped. */
	if (!text_ok(p->title, false) || p->id == NULL ||
	    !text_ok(p->document, true) || !text_ok(p->issuer, true) ||
	    !text_ok(p->contact, true) || !text_ok(p->phone, true) ||
	    !date_ok(p->issued, true) || !date_ok(p->start, true) ||
	    !date_ok(p->end, true) || !ordered(p->start, p->end) ||
	    p->warn_days < 0 || p->warn_days > WARN_DAYS_MAX ||
	    !(p->pace_warn > 0 && p->pace_warn <= p->pace_crit &&
	    p->pace_crit <= 100))
		return -1;
	for (size_t i = 0; i < p->ndepts; i++) {
		const struct department *d = &p->depts[i];
		if (!id_ok(d->id) || !text_ok(d->name, false) ||
		    !text_ok(d->short_name, true) ||
		    plan_find_dept(p, d->id) != (int)i)
			return -1;
	}
	/* The milestones by phase, each phase's a run in phase order, the
	 * plan-level ones last. */
	for (size_t i = 0; i < p->nphases; i++) {
		const struct phase *ph = &p->phases[i];
		if (!id_ok(ph->id) || !text_ok(ph->name, false) ||
		    !text_ok(ph->note, true) || !date_ok(ph->end, false) ||
		    !date_ok(ph->start, true) ||
		    !ordered(ph->start, ph->end) ||
		    !dept_ok(p, ph->owner, true) || ph->ms_first != j ||
		    ph->ms_count > p->nms - j)
			return -1;
		for (; j < ph->ms_first + ph->ms_count; j++)
			if (p->ms[j].phase != (int)i)
				return -1;
	}
	for (; j < p->nms; j++)
		if (p->ms[j].phase != -1)
			return -1;
	size_t ninstances = 0;
	for (size_t i = 0; i < p->nms; i++) {
		if (!ms_ok(p, &p->ms[i]))
			return -1;
		ninstances += plan_ms_ninstances(p, (int)i);
	}
	if (ninstances > PLAN_INSTANCES_MAX)
		return -1;
	for (size_t i = 0; i < p->ntargets; i++)
		if (!target_ok(p, &p->targets[i]))
			return -1;
	/* Item ids are unique across kinds. */
	for (size_t i = 0; i < p->nphases; i++)
		if (!found(p, p->phases[i].id, ITEM_PHASE, i))
			return -1;
	for (size_t i = 0; i < p->nms; i++)
		if (!found(p, p->ms[i].id, ITEM_MILESTONE, i))
			return -1;
	for (size_t i = 0; i < p->ntargets; i++)
		if (!found(p, p->targets[i].id, ITEM_TARGET, i))
			return -1;
	return 0;
}
