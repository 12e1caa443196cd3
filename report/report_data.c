/*
 * report_data.c: the report for machines: CSV and JSON of every milestone
 * instance and target with its status as of the date.  Field names and
 * status keywords are never translated; departments are given by id.
 */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "report/report.h"
#include "util/buf.h"

static const char *
dept_id(const struct plan *p, int d)
{
	return d >= 0 && (size_t)d < p->ndepts ? p->depts[d].id : "";
}

static const char *
phase_id(const struct plan *p, int ph)
{
	return ph >= 0 && (size_t)ph < p->nphases ? p->phases[ph].id : "";
}

/* A target value as recorded: the level name of a scale, else the number. */
static void
value_str(const struct target *t, double v, char out[static 32])
{
	if (t->nscale > 0) {
		long i = lround(v);
		snprintf(out, 32, "%.31s", i >= 0 && (size_t)i < t->nscale ?
		    t->scale[i] : "");
	} else
		report_num(v, out);
}

static void
iso(pw_day d, char out[static 11])
{
	if (d == DAY_NONE)
		out[0] = '\0';
	else
		date_iso(d, out);
}

static const char *const csv_head =
    "type,id,milestone,name,phase,lead,support,start,due,status,"
    "days_overdue,days_left,progress,done,latest,latest_date,goal,"
    "direction,unit,pace\r\n";

void
report_csv(const struct report *r, struct rsink *o)
{
	struct buf *b = o->b;
	const struct review *rv = r->rv;
	const struct plan *p = r->plan;
	char a[11], d[11], n1[32], n2[32];

	buf_puts(b, csv_head);
	for (size_t i = 0; i < rv->nitems; i++) {
		const struct ms_result *it = &rv->items[i];
		const struct milestone *m = &p->ms[it->in.ms];

		buf_puts(b, it->in.period == DAY_NONE ? "milestone," :
		    "instance,");
		esc_csv(b, it->name);
		buf_putc(b, ',');
		esc_csv(b, m->id);
		buf_putc(b, ',');
		esc_csv(b, m->name);
		buf_putc(b, ',');
		esc_csv(b, phase_id(p, m->phase));
		buf_putc(b, ',');
		esc_csv(b, dept_id(p, report_item_lead(p, it)));
		buf_putc(b, ',');
		for (size_t k = 0; k < m->nsupport; k++) {
			buf_puts(b, k ? ";" : "");
			buf_puts(b, dept_id(p, m->support[k]));
		}
		iso(it->in.start, a);
		iso(it->in.due, d);
		buf_printf(b, ",%s,%s,%s,", a, d, ms_state_key(it->state));
		if (it->days_overdue > 0)
			buf_printf(b, "%d", it->days_overdue);
		buf_putc(b, ',');
		if (it->done_date == DAY_NONE)
			buf_printf(b, "%d", it->days_left);
		buf_putc(b, ',');
		if (it->has_progress) {
			report_num(it->progress, n1);
			buf_puts(b, n1);
		}
		iso(it->done_date, a);
		buf_printf(b, ",%s,,,,,,%s\r\n", a, pace_key(it->pace));
		rsink_mark(o);
	}
	for (size_t i = 0; i < rv->ntargets; i++) {
		const struct tg_result *tr = &rv->targets[i];
		const struct target *t = &p->targets[tr->target];

		buf_puts(b, "target,");
		esc_csv(b, t->id);
		buf_puts(b, ",,");
		esc_csv(b, t->name);
		buf_putc(b, ',');
		esc_csv(b, phase_id(p, t->phase));
		buf_putc(b, ',');
		esc_csv(b, dept_id(p, t->owner));
		buf_putc(b, ',');
		for (size_t k = 0; k < t->nsupport; k++) {
			buf_puts(b, k ? ";" : "");
			buf_puts(b, dept_id(p, t->support[k]));
		}
		iso(plan_target_start(p, t), a);
		iso(t->due.day, d);
		buf_printf(b, ",%s,%s,%s,,,,,", a, d, tg_state_key(tr->state));
		if (tr->has_latest) {
			value_str(t, tr->latest.value, n1);
			esc_csv(b, n1);
			iso(tr->latest.date, a);
			buf_printf(b, ",%s,", a);
		} else
			buf_puts(b, ",,");
		value_str(t, t->target, n2);
		esc_csv(b, n2);
		buf_printf(b, ",%s,", direction_symbol(t->dir));
		esc_csv(b, t->unit != NULL ? t->unit : "");
		buf_printf(b, ",%s\r\n", pace_key(tr->pace));
		rsink_mark(o);
	}
}

static void
jkey(struct buf *b, const char *k, bool *first)
{
	buf_puts(b, *first ? "" : ",");
	*first = false;
	buf_printf(b, "\"%s\":", k);
}

static void
jstr(struct buf *b, const char *k, const char *v, bool *first)
{
	jkey(b, k, first);
	if (v == NULL)
		buf_puts(b, "null");
	else
		esc_json(b, v);
}

static void
jdate(struct buf *b, const char *k, pw_day d, bool *first)
{
	char s[11];

	jkey(b, k, first);
	if (d == DAY_NONE)
		buf_puts(b, "null");
	else {
		date_iso(d, s);
		buf_printf(b, "\"%s\"", s);
	}
}

static void
jnum(struct buf *b, const char *k, double v, bool *first)
{
	char s[32];

	jkey(b, k, first);
	if (!isfinite(v))
		buf_puts(b, "null");
	else {
		report_num(v, s);
		buf_puts(b, s);
	}
}

static void
jdepts(struct buf *b, const char *k, const struct plan *p, const int *v,
    size_t n, bool *first)
{
	jkey(b, k, first);
	buf_putc(b, '[');
	for (size_t i = 0; i < n; i++) {
		buf_puts(b, i ? "," : "");
		esc_json(b, dept_id(p, v[i]));
	}
	buf_putc(b, ']');
}

static void
jcounts(struct buf *b, const struct counts *c)
{
	buf_printf(b, "{\"pending\":%zu,\"active\":%zu,\"due_soon\":%zu,"
	    "\"overdue\":%zu,\"done\":%zu,\"late\":%zu,\"behind\":%zu,"
	    "\"far_behind\":%zu,\"no_data\":%zu,\"on_track\":%zu,"
	    "\"at_risk\":%zu,\"met\":%zu,\"missed\":%zu,\"stale\":%zu}",
	    c->pending, c->active, c->due_soon, c->overdue, c->done, c->late,
	    c->behind, c->far_behind, c->no_data, c->on_track, c->at_risk,
	    c->met, c->missed, c->stale);
}

/* A target value: a level name string, or a number. */
static void
jvalue(struct buf *b, const char *k, const struct target *t, double v,
    bool *first)
{
	char s[32];

	if (t->nscale == 0) {
		jnum(b, k, v, first);
		return;
	}
	value_str(t, v, s);
	jstr(b, k, s, first);
}

static void
json_items(struct rsink *o, const struct review *rv)
{
	const struct plan *p = rv->plan;
	struct buf *b = o->b;

	buf_puts(b, ",\n\"milestones\":[");
	for (size_t i = 0; i < rv->nitems; i++) {
		const struct ms_result *it = &rv->items[i];
		const struct milestone *m = &p->ms[it->in.ms];
		int lead = report_item_lead(p, it);
		bool f = true;

		buf_puts(b, i ? ",\n{" : "\n{");
		jstr(b, "id", it->name, &f);
		jstr(b, "milestone", m->id, &f);
		jstr(b, "name", m->name, &f);
		jstr(b, "phase", m->phase >= 0 ? phase_id(p, m->phase) : NULL,
		    &f);
		jstr(b, "lead", lead >= 0 ? dept_id(p, lead) : NULL, &f);
		jdepts(b, "support", p, m->support, m->nsupport, &f);
		jstr(b, "every", it->in.period != DAY_NONE ?
		    period_name(m->every) : NULL, &f);
		jdate(b, "start", it->in.start, &f);
		jdate(b, "due", it->in.due, &f);
		jstr(b, "status", ms_state_key(it->state), &f);
		jkey(b, "days_overdue", &f);
		buf_printf(b, "%d", it->days_overdue);
		jkey(b, "days_left", &f);
		if (it->done_date == DAY_NONE)
			buf_printf(b, "%d", it->days_left);
		else
			buf_puts(b, "null");
		jnum(b, "progress", it->has_progress ? it->progress : NAN, &f);
		jdate(b, "done", it->done_date, &f);
		jnum(b, "expected", it->expected >= 0 ? it->expected : NAN, &f);
		jstr(b, "pace", pace_key(it->pace), &f);
		buf_putc(b, '}');
		rsink_mark(o);
	}
	buf_puts(b, "]");
}

static void
json_targets(struct rsink *o, const struct review *rv)
{
	const struct plan *p = rv->plan;
	struct buf *b = o->b;

	buf_puts(b, ",\n\"targets\":[");
	for (size_t i = 0; i < rv->ntargets; i++) {
		const struct tg_result *tr = &rv->targets[i];
		const struct target *t = &p->targets[tr->target];
		bool f = true;

		buf_puts(b, i ? ",\n{" : "\n{");
		jstr(b, "id", t->id, &f);
		jstr(b, "name", t->name, &f);
		jstr(b, "unit", t->unit, &f);
		jstr(b, "phase", t->phase >= 0 ? phase_id(p, t->phase) : NULL,
		    &f);
		jstr(b, "lead", t->owner >= 0 ? dept_id(p, t->owner) : NULL, &f);
		jdepts(b, "support", p, t->support, t->nsupport, &f);
		jstr(b, "direction", direction_symbol(t->dir), &f);
		jvalue(b, "goal", t, t->target, &f);
		jdate(b, "due", t->due.day, &f);
		jstr(b, "status", tg_state_key(tr->state), &f);
		jkey(b, "latest", &f);
		if (tr->has_latest) {
			bool g = true;
			buf_putc(b, '{');
			jdate(b, "date", tr->latest.date, &g);
			jvalue(b, "value", t, tr->latest.value, &g);
			buf_putc(b, '}');
		} else
			buf_puts(b, "null");
		jnum(b, "projection", tr->has_projection ? tr->projection :
		    NAN, &f);
		jstr(b, "pace", pace_key(tr->pace), &f);
		jkey(b, "stale", &f);
		buf_puts(b, tr->stale ? "true" : "false");
		jkey(b, "stages", &f);
		buf_putc(b, '[');
		for (size_t k = 0; k < t->nstages; k++) {
			bool g = true;
			buf_puts(b, k ? ",{" : "{");
			jdate(b, "due", t->stages[k].due.day, &g);
			jvalue(b, "goal", t, t->stages[k].target, &g);
			jkey(b, "missed", &g);
			buf_puts(b, tr->stage_missed == (int)k ? "true" :
			    "false");
			buf_putc(b, '}');
		}
		buf_puts(b, "]");
		jkey(b, "series", &f);
		buf_putc(b, '[');
		for (size_t k = 0; k < tr->nseries; k++) {
			bool g = true;
			buf_puts(b, k ? ",{" : "{");
			jdate(b, "date", tr->series[k].date, &g);
			jvalue(b, "value", t, tr->series[k].value, &g);
			buf_putc(b, '}');
		}
		buf_puts(b, "]}");
		rsink_mark(o);
	}
	buf_puts(b, "]");
}

void
report_json(const struct report *r, struct rsink *o)
{
	struct buf *b = o->b;
	const struct review *rv = r->rv;
	const struct plan *p = r->plan;
	bool f = true;
	char wk[16];

	buf_puts(b, "{\"plan\":{");
	jstr(b, "id", p->id, &f);
	jstr(b, "title", p->title, &f);
	jstr(b, "document", p->document, &f);
	jstr(b, "issuer", p->issuer, &f);
	buf_puts(b, "},\n");
	f = true;
	jdate(b, "asof", rv->asof, &f);
	snprintf(wk, sizeof wk, "%d-W%02d", r->week_year, r->week_no);
	jkey(b, "week", &f);
	buf_printf(b, "{\"id\":\"%s\",\"start\":", wk);
	date_iso(r->week_start, wk);
	buf_printf(b, "\"%s\",\"end\":", wk);
	date_iso(r->week_end, wk);
	buf_printf(b, "\"%s\"}", wk);
	jstr(b, "generated", r->made, &f);
	jkey(b, "warn_days", &f);
	buf_printf(b, "%d", rv->warn_days);
	jkey(b, "counts", &f);
	jcounts(b, &rv->counts);
	json_items(o, rv);
	json_targets(o, rv);
	buf_puts(b, ",\n\"phases\":[");
	for (size_t i = 0; i < rv->nphases; i++) {
		const struct phase_result *pr = &rv->phases[i];
		const struct phase *ph = &p->phases[pr->phase];
		bool g = true;

		buf_puts(b, i ? ",\n{" : "\n{");
		jstr(b, "id", ph->id, &g);
		jstr(b, "name", ph->name, &g);
		jdate(b, "start", ph->start.day, &g);
		jdate(b, "end", ph->end.day, &g);
		jnum(b, "progress", pr->progress, &g);
		jnum(b, "expected", pr->expected >= 0 ? pr->expected : NAN, &g);
		jstr(b, "pace", pace_key(pr->pace), &g);
		jkey(b, "overdue", &g);
		buf_puts(b, pr->overdue ? "true" : "false");
		jkey(b, "days_overdue", &g);
		buf_printf(b, "%d,\"open\":%zu}", pr->days_overdue, pr->open);
	}
	buf_puts(b, "],\n\"departments\":[");
	for (size_t i = 0; i < rv->ndepts; i++) {
		const struct dept_result *d = &rv->depts[rv->dept_rank[i]];
		bool g = true;

		buf_puts(b, i ? ",\n{" : "\n{");
		jkey(b, "rank", &g);
		buf_printf(b, "%zu", i + 1);
		jstr(b, "id", p->depts[d->dept].id, &g);
		jstr(b, "name", p->depts[d->dept].name, &g);
		jkey(b, "due_so_far", &g);
		buf_printf(b, "%zu,\"on_time\":%zu", d->due_so_far, d->on_time);
		jnum(b, "on_time_rate", d->on_time_rate >= 0 ?
		    d->on_time_rate : NAN, &g);
		jkey(b, "lead", &g);
		jcounts(b, &d->lead);
		jkey(b, "support", &g);
		jcounts(b, &d->support);
		buf_putc(b, '}');
	}
	buf_puts(b, "]}\n");
}
