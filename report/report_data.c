/*
 * report_data.c: the report for machines: CSV and JSON of every milestone
 * instance and target with its status as of the date.  Field names and
 * status keywords are never translated; departments are given by id.
 */
#include <locale.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>

#include "model/attention.h"
#include "report/reason.h"
#include "report/report.h"
#include "util/buf.h"
#include "util/xalloc.h"

/*
 * The reasons in CSV and JSON stay English under any LANG, as check's JSON
 * does, so that a program reads the same bytes: LC_MESSAGES is C while
 * they are written (returns the locale to give back).
 */
static char *
machine_words(void)
{
	char *was = xstrdup(setlocale(LC_MESSAGES, NULL));

	setlocale(LC_MESSAGES, "C");
	return was;
}

static void
words_back(char *was)
{
	setlocale(LC_MESSAGES, was);
	free(was);
}

static const char *
dept_id(const struct plan *p, int d)
{
	return d >= 0 && (size_t)d < p->ndepts ? p->depts[d].id : "";
}

/* "lead,lead_name,support,support_names": ids for machines, names for the
 * people who open the file in a spreadsheet; supports joined by ';'. */
static void
csv_depts(struct buf *b, const struct plan *p, int lead, const int *support,
    size_t nsupport)
{
	struct buf ids = BUF_INIT, names = BUF_INIT;

	esc_csv(b, dept_id(p, lead));
	buf_putc(b, ',');
	esc_csv(b, lead >= 0 && (size_t)lead < p->ndepts ?
	    p->depts[lead].name : "");
	for (size_t k = 0; k < nsupport; k++) {
		buf_puts(&ids, k ? ";" : "");
		buf_puts(&ids, dept_id(p, support[k]));
		buf_puts(&names, k ? ";" : "");
		buf_puts(&names, p->depts[support[k]].name);
	}
	buf_putc(b, ',');
	esc_csv(b, buf_str(&ids));
	buf_putc(b, ',');
	esc_csv(b, buf_str(&names));
	buf_release(&ids);
	buf_release(&names);
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
    "type,id,milestone,name,phase,lead,lead_name,support,support_names,"
    "start,due,status,"
    "days_overdue,days_left,progress,done,latest,latest_date,goal,"
    "direction,unit,pace,attention,kinds,severity,reason,change,weeks\r\n";

/* Where each instance (at i) and each target (at nitems + i) is on the
 * attention list: its index + 1, or 0.  Allocated. */
static size_t *
attn_places(const struct report *r)
{
	const struct review *rv = r->rv;
	size_t *at = xcalloc(rv->nitems + rv->ntargets + 1, sizeof *at);

	for (size_t i = 0; i < r->nat; i++)
		at[(r->at[i].item == ITEM_TARGET ? rv->nitems : 0) +
		    r->at[i].index] = i + 1;
	return at;
}

/* The index in rv (the report's review) of the item a of the review as
 * of another date (the week-over-week section's), or -1. */
static ssize_t
item_in(const struct report *r, const struct review *other,
    const struct attn_item *a)
{
	const struct review *rv = r->rv;
	const struct ms_result *x;

	if (a->item == ITEM_TARGET)
		return (ssize_t)a->index;
	x = &other->items[a->index];
	for (size_t k = 0; k < r->spans[x->in.ms].n; k++) {
		size_t i = r->spans[x->in.ms].first + k;

		if (rv->items[i].in.period == x->in.period)
			return (ssize_t)i;
	}
	return -1;
}

/* Where each instance (at i) and each target (at nitems + i) is in the
 * week-over-week comparison: its index + 1, or 0.  Allocated. */
static size_t *
diff_places(const struct report *r)
{
	const struct review *rv = r->rv;
	size_t *at = xcalloc(rv->nitems + rv->ntargets + 1, sizeof *at);

	for (size_t i = 0; i < r->ndiff; i++) {
		const struct attn_diff *d = &r->diff[i];
		const struct attn_item *a = d->now != NULL ? d->now : d->then;
		ssize_t k = d->now != NULL ? (ssize_t)a->index :
		    item_in(r, r->since, a);

		if (k >= 0)
			at[(a->item == ITEM_TARGET ? rv->nitems : 0) +
			    (size_t)k] = i + 1;
	}
	return at;
}

/* The kinds of a, joined by sep. */
static void
put_kinds(struct buf *b, const struct attn_item *a, const char *sep,
    bool quote)
{
	for (int k = 0, n = 0; k < ATTN_NKINDS; k++)
		if (a->kinds & (1u << k))
			buf_printf(b, "%s%s%s%s", n++ ? sep : "",
			    quote ? "\"" : "", attn_kind_key((enum attn_kind)k),
			    quote ? "\"" : "");
}

/* ",attention,kinds,severity,reason" of a CSV row, empty when place is
 * 0, and the row's end. */
static void
csv_attn(struct buf *b, const struct report *r, size_t place,
    struct buf *why, struct reason_cache *rc)
{
	const struct attn_item *a;

	if (place == 0)
		buf_puts(b, ",,,,");
	else {
		a = &r->at[place - 1];
		buf_printf(b, ",%s,", attn_kind_key(a->kind));
		put_kinds(b, a, ";", false);
		buf_printf(b, ",%s,", severity_key(a->sev));
		buf_reset(why);
		attn_reason(why, r->rv, a, rc);
		esc_csv(b, buf_str(why));
	}
}

/* ",change,weeks" of a CSV row and the row's end. */
static void
csv_change(struct buf *b, const struct report *r, size_t place)
{
	const struct attn_diff *d;

	if (place == 0) {
		buf_puts(b, ",,\r\n");
		return;
	}
	d = &r->diff[place - 1];
	buf_printf(b, ",%s,%d\r\n", d->what == ATTN_NEW ? "new" :
	    d->what == ATTN_RESOLVED ? "resolved" : d->worse ? "worse" :
	    "still", d->weeks);
}

void
report_csv(const struct report *r, struct rsink *o)
{
	struct buf *b = o->b;
	const struct review *rv = r->rv;
	const struct plan *p = r->plan;
	char a[11], d[11], n1[32], n2[32];
	size_t *place = attn_places(r), *change = diff_places(r);
	struct reason_cache rc = { 0 };
	struct buf why = BUF_INIT;
	char *words = machine_words();

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
		csv_depts(b, p, report_item_lead(p, it), m->support,
		    m->nsupport);
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
		buf_printf(b, ",%s,,,,,,%s", a, pace_key(it->pace));
		csv_attn(b, r, place[i], &why, &rc);
		csv_change(b, r, change[i]);
		rsink_mark(o);
	}
	for (size_t i = 0; i < rv->ntargets; i++) {
		const struct tg_result *tr = &rv->targets[i];
		const struct target *t = &p->targets[tr->target];

		if (!tr->in_scope)
			continue;
		buf_puts(b, "target,");
		esc_csv(b, t->id);
		buf_puts(b, ",,");
		esc_csv(b, t->name);
		buf_putc(b, ',');
		esc_csv(b, phase_id(p, t->phase));
		buf_putc(b, ',');
		csv_depts(b, p, t->owner, t->support, t->nsupport);
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
		buf_printf(b, ",%s", pace_key(tr->pace));
		csv_attn(b, r, place[rv->nitems + i], &why, &rc);
		csv_change(b, r, change[rv->nitems + i]);
		rsink_mark(o);
	}
	buf_release(&why);
	free(change);
	free(place);
	words_back(words);
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

void
report_json_counts(struct buf *b, const struct counts *c)
{
	jcounts(b, c);
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
	for (size_t i = 0, n = 0; i < rv->ntargets; i++) {
		const struct tg_result *tr = &rv->targets[i];
		const struct target *t = &p->targets[tr->target];
		bool f = true;

		if (!tr->in_scope)
			continue;
		buf_puts(b, n++ ? ",\n{" : "\n{");
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

/*
 * The attention list, worst first: each item with its kind, every kind it
 * has, its severity and level, lead and supporting departments, due date
 * and the reason in words.
 */
static void
json_attention(struct rsink *o, const struct report *r)
{
	const struct review *rv = r->rv;
	const struct plan *p = r->plan;
	struct buf *b = o->b, why = BUF_INIT;
	struct reason_cache rc = { 0 };
	char *words = machine_words();

	buf_puts(b, ",\n\"attention\":[");
	for (size_t i = 0; i < r->nat; i++) {
		const struct attn_item *a = &r->at[i];
		bool f = true;

		buf_puts(b, i ? ",\n{" : "\n{");
		jstr(b, "id", a->id, &f);
		jstr(b, "item", a->item == ITEM_INSTANCE ? "instance" : "target",
		    &f);
		jstr(b, "name", a->item == ITEM_INSTANCE ?
		    p->ms[rv->items[a->index].in.ms].name :
		    p->targets[a->index].name, &f);
		jstr(b, "kind", attn_kind_key(a->kind), &f);
		jkey(b, "kinds", &f);
		buf_putc(b, '[');
		put_kinds(b, a, ",", true);
		buf_putc(b, ']');
		jstr(b, "severity", severity_key(a->sev), &f);
		jstr(b, "level", attn_level_key(attn_kind_level(a->kind)), &f);
		jstr(b, "lead", a->lead >= 0 ? dept_id(p, a->lead) : NULL, &f);
		jdepts(b, "support", p, a->support, a->nsupport, &f);
		jdate(b, "due", a->due, &f);
		jkey(b, "days_past_due", &f);
		if (a->due != DAY_NONE)
			buf_printf(b, "%d", a->late_by);
		else
			buf_puts(b, "null");
		buf_reset(&why);
		attn_reason(&why, rv, a, &rc);
		jstr(b, "reason", buf_str(&why), &f);
		buf_putc(b, '}');
		rsink_mark(o);
	}
	buf_puts(b, "]");
	buf_release(&why);
	words_back(words);
}

/* Week over week: every item on either list, with how it changed. */
static void
json_since(struct rsink *o, const struct report *r)
{
	static const char *const change[] = { [ATTN_NEW] = "new",
	    [ATTN_STILL] = "still", [ATTN_RESOLVED] = "resolved" };
	struct buf *b = o->b;
	bool f = true;

	buf_puts(b, ",\n\"since\":");
	if (r->since == NULL) {
		buf_puts(b, "null");
		return;
	}
	buf_putc(b, '{');
	jdate(b, "date", r->since->asof, &f);
	jkey(b, "changes", &f);
	buf_putc(b, '[');
	for (size_t i = 0; i < r->ndiff; i++) {
		const struct attn_diff *d = &r->diff[i];
		const struct attn_item *a = d->now != NULL ? d->now : d->then;
		bool g = true;

		buf_puts(b, i ? ",\n{" : "\n{");
		jstr(b, "id", a->id, &g);
		jstr(b, "item", a->item == ITEM_INSTANCE ? "instance" : "target",
		    &g);
		jstr(b, "change", change[d->what], &g);
		jkey(b, "worse", &g);
		buf_puts(b, d->worse ? "true" : "false");
		jstr(b, "kind", d->now != NULL ? attn_kind_key(d->now->kind) :
		    NULL, &g);
		jstr(b, "was", d->then != NULL ? attn_kind_key(d->then->kind) :
		    NULL, &g);
		jkey(b, "weeks", &g);
		buf_printf(b, "%d}", d->weeks);
		rsink_mark(o);
	}
	buf_puts(b, "]}");
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
	jstr(b, "dept", rv->dept >= 0 ? dept_id(p, rv->dept) : NULL, &f);
	jstr(b, "generated", r->made, &f);
	jkey(b, "warn_days", &f);
	buf_printf(b, "%d", rv->warn_days);
	jkey(b, "counts", &f);
	jcounts(b, &rv->counts);
	json_attention(o, r);
	json_since(o, r);
	json_items(o, rv);
	json_targets(o, rv);
	buf_puts(b, ",\n\"phases\":[");
	for (size_t i = 0, n = 0; i < rv->nphases; i++) {
		const struct phase_result *pr = &rv->phases[i];
		const struct phase *ph = &p->phases[pr->phase];
		bool g = true;

		if (!pr->in_scope)
			continue;
		buf_puts(b, n++ ? ",\n{" : "\n{");
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
	for (size_t i = 0, n = 0; i < rv->ndepts; i++) {
		const struct dept_result *d = &rv->depts[rv->dept_rank[i]];
		bool g = true;

		/* One department's report: its own, at its rank. */
		if (rv->dept >= 0 && d->dept != rv->dept)
			continue;
		buf_puts(b, n++ ? ",\n{" : "\n{");
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
