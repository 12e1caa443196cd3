/*
 * rollup.c: the roll-up of several plans (rollup.h): what each plan's
 * review says, kept in copies, the departments summed across the plans
 * and ranked, and the roll-up as a document (text, Markdown, HTML, a
 * workbook) or as CSV and JSON.
 */
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "model/plan.h"
#include "report/reason.h"
#include "report/rollup.h"
#include "report/words.h"
#include "util/buf.h"
#include "util/i18n.h"
#include "util/xalloc.h"

void
rollup_init(struct rollup *ru, pw_day asof, size_t keep)
{
	memset(ru, 0, sizeof *ru);
	ru->asof = asof;
	ru->keep = keep;
}

void
rollup_release(struct rollup *ru)
{
	for (size_t i = 0; i < ru->nplans; i++) {
		struct rollup_plan *p = &ru->plans[i];

		for (size_t k = 0; k < p->nitems; k++) {
			struct rollup_item *it = &p->items[k];

			free(it->id);
			free(it->name);
			free(it->lead_id);
			free(it->lead);
			free(it->why);
		}
		free(p->items);
		free(p->id);
		free(p->title);
	}
	free(ru->plans);
	for (size_t i = 0; i < ru->ndepts; i++) {
		free(ru->depts[i].id);
		free(ru->depts[i].name);
		free(ru->depts[i].label);
	}
	free(ru->depts);
	memset(ru, 0, sizeof *ru);
}

static double
rate_of(size_t on_time, size_t due)
{
	return due > 0 ? (double)on_time / due : -1;
}

/* The roll-up's department of this id, added (named as p names it) when
 * no plan before had it. */
static struct rollup_dept *
dept_of(struct rollup *ru, const struct plan *p, size_t d)
{
	struct rollup_dept *x;

	for (size_t i = 0; i < ru->ndepts; i++)
		if (strcmp(ru->depts[i].id, p->depts[d].id) == 0)
			return &ru->depts[i];
	ru->depts = xreallocarray(ru->depts, ru->ndepts + 1,
	    sizeof *ru->depts);
	x = &ru->depts[ru->ndepts++];
	memset(x, 0, sizeof *x);
	x->id = xstrdup(p->depts[d].id);
	x->name = xstrdup(p->depts[d].name);
	x->label = xstrdup(plan_dept_label(p, (int)d));
	return x;
}

static void
keep_item(struct rollup_item *it, const struct review *rv,
    const struct attn_item *a, struct reason_cache *rc)
{
	const struct plan *p = rv->plan;
	struct buf why = BUF_INIT;

	it->kind = a->kind;
	it->sev = a->sev;
	it->target = a->item == ITEM_TARGET;
	it->id = xstrdup(a->id);
	it->name = xstrdup(it->target ? p->targets[a->index].name :
	    p->ms[rv->items[a->index].in.ms].name);
	it->lead_id = xstrdup(a->lead >= 0 ? p->depts[a->lead].id : "");
	it->lead = xstrdup(plan_dept_label(p, a->lead));
	attn_reason(&why, rv, a, rc);
	it->why = buf_detach(&why);
	it->due = a->due;
	it->late_by = a->late_by;
}

void
rollup_add(struct rollup *ru, const struct review *rv,
    const struct attn_item *at, size_t nat)
{
	const struct plan *p = rv->plan;
	struct reason_cache rc = { 0 };
	struct rollup_plan *x;

	ru->plans = xreallocarray(ru->plans, ru->nplans + 1,
	    sizeof *ru->plans);
	x = &ru->plans[ru->nplans++];
	memset(x, 0, sizeof *x);
	x->id = xstrdup(p->id);
	x->title = xstrdup(p->title != NULL ? p->title : p->id);
	x->warn_days = rv->warn_days;
	x->counts = rv->counts;
	x->worst = rv->worst;
	x->nattn = nat;
	if (rv->worst > ru->worst)
		ru->worst = rv->worst;
	for (size_t i = 0; i < rv->ndepts; i++) {
		const struct dept_result *d = &rv->depts[i];
		struct rollup_dept *y = dept_of(ru, p, i);

		x->due_so_far += d->due_so_far;
		x->on_time += d->on_time;
		y->plans++;
		y->due_so_far += d->due_so_far;
		y->on_time += d->on_time;
		y->overdue += d->lead.overdue;
		y->due_soon += d->lead.due_soon;
	}
	x->on_time_rate = rate_of(x->on_time, x->due_so_far);
	x->nitems = nat < ru->keep ? nat : ru->keep;
	x->items = xcalloc(x->nitems + 1, sizeof *x->items);
	for (size_t i = 0; i < x->nitems; i++)
		keep_item(&x->items[i], rv, &at[i], &rc);
}

void
rollup_rank(struct rollup *ru)
{
	struct dept_key *keys = xcalloc(ru->ndepts + 1, sizeof *keys);
	struct rollup_dept *v = xcalloc(ru->ndepts + 1, sizeof *v);

	for (size_t i = 0; i < ru->ndepts; i++) {
		struct rollup_dept *d = &ru->depts[i];

		d->on_time_rate = rate_of(d->on_time, d->due_so_far);
		keys[i] = (struct dept_key){ d->on_time_rate, d->overdue,
		    d->id, i };
	}
	dept_keys_sort(keys, ru->ndepts);
	for (size_t i = 0; i < ru->ndepts; i++)
		v[i] = ru->depts[keys[i].index];
	free(ru->depts);
	ru->depts = v;
	free(keys);
}

/* The document. */

static enum tone
rate_tone(double rate)
{
	if (rate < 0)
		return TONE_NEUTRAL;
	return rate >= 0.8 ? TONE_GOOD : rate >= 0.5 ? TONE_WARN : TONE_BAD;
}

static void
rate_cell(struct rrow *row, size_t col, double rate)
{
	if (rate >= 0)
		rcell(row, col, rate_tone(rate), "%.0f%%",
		    pct_round(rate * 100));
	else
		rcell(row, col, TONE_NEUTRAL, "-");
}

static void
count_cell(struct rrow *row, size_t col, size_t n, enum tone tone)
{
	rcell(row, col, n > 0 ? tone : TONE_NEUTRAL, "%zu", n);
}

/* One row per plan: what needs chasing, counted (CSV and JSON have every
 * count). */
static void
plans_section(struct report *r, const struct rollup *ru)
{
	struct rcol cols[] = {
		{ _("ID"), ALIGN_LEFT, RCOL_WHOLE },
		{ _("Plan"), ALIGN_LEFT, 40 },
		{ _("Overdue"), ALIGN_RIGHT, 8 },
		{ _("Missed"), ALIGN_RIGHT, 8 },
		{ _("At risk"), ALIGN_RIGHT, 8 },
		{ _("On time"), ALIGN_RIGHT, 8 },
		{ _("Listed"), ALIGN_RIGHT, 8 },
	};
	struct rsection *s;

	s = report_add_section(r, "summary", _("Plans"), "", cols,
	    sizeof cols / sizeof cols[0], 1);
	for (size_t i = 0; i < ru->nplans; i++) {
		const struct rollup_plan *p = &ru->plans[i];
		struct rrow *row = rtable_row(&s->table, false);

		rcell(row, 0, TONE_NEUTRAL, "%s", p->id);
		rcell(row, 1, TONE_NEUTRAL, "%s", p->title);
		count_cell(row, 2, p->counts.overdue, TONE_BAD);
		count_cell(row, 3, p->counts.missed, TONE_BAD);
		count_cell(row, 4, p->counts.at_risk, TONE_WARN);
		rate_cell(row, 5, p->on_time_rate);
		count_cell(row, 6, p->nattn, severity_tone(p->worst));
	}
}

static enum tone
kind_tone(enum attn_kind k)
{
	enum attn_level l = attn_kind_level(k);

	return l == ATTN_RED ? TONE_BAD : l == ATTN_YELLOW ? TONE_WARN :
	    TONE_INFO;
}

/* Under each plan with any, its worst items in its list's order. */
static void
worst_section(struct report *r, const struct rollup *ru)
{
	struct rcol cols[] = {
		{ _("ID"), ALIGN_LEFT, RCOL_WHOLE },
		{ _("Kind"), ALIGN_LEFT, 16 },
		{ _("Lead"), ALIGN_LEFT, 14 },
		{ _("Item"), ALIGN_LEFT, 60 },
		{ _("Reason"), ALIGN_LEFT, 72 },
	};
	struct rsection *s;
	char *title;

	if (ru->keep == SIZE_MAX)
		title = xstrdup(_("Needs attention, by plan"));
	else
		title = xasprintf(ngettext("Worst item of each plan",
		    "Worst %zu items of each plan", (unsigned long)ru->keep),
		    ru->keep);
	s = report_add_section(r, "worst", title,
	    _("Nothing needs attention."), cols, sizeof cols / sizeof cols[0],
	    3);
	free(title);
	s->table.wrap = 4;
	for (size_t i = 0; i < ru->nplans; i++) {
		const struct rollup_plan *p = &ru->plans[i];
		struct rrow *row;

		if (p->nitems == 0)
			continue;
		row = rtable_row(&s->table, true);
		/* TRANSLATORS: a plan's id, then its title. */
		rcell(row, 0, TONE_NEUTRAL, _("%s: %s"), p->id, p->title);
		for (size_t k = 0; k < p->nitems; k++) {
			const struct rollup_item *it = &p->items[k];

			row = rtable_row(&s->table, false);
			rcell(row, 0, TONE_NEUTRAL, "%s", it->id);
			rcell(row, 1, kind_tone(it->kind), "%s",
			    attn_kind_label(it->kind));
			rcell(row, 2, TONE_NEUTRAL, "%s", it->lead);
			rcell(row, 3, TONE_NEUTRAL, "%s", it->name);
			rcell(row, 4, TONE_NEUTRAL, "%s", it->why);
		}
	}
}

static void
ranking_section(struct report *r, const struct rollup *ru)
{
	struct rcol cols[] = {
		{ "#", ALIGN_RIGHT, 3 },
		{ _("ID"), ALIGN_LEFT, RCOL_WHOLE },
		{ _("Department"), ALIGN_LEFT, 40 },
		{ _("Plans"), ALIGN_RIGHT, 6 },
		{ _("Due so far"), ALIGN_RIGHT, 10 },
		{ _("On time"), ALIGN_RIGHT, 8 },
		{ _("Rate"), ALIGN_RIGHT, 6 },
		{ _("Overdue"), ALIGN_RIGHT, 8 },
	};
	struct rsection *s;

	s = report_add_section(r, "ranking", _("Department ranking across "
	    "plans"), _("The plans have no departments."), cols,
	    sizeof cols / sizeof cols[0], 2);
	for (size_t i = 0; i < ru->ndepts; i++) {
		const struct rollup_dept *d = &ru->depts[i];
		struct rrow *row = rtable_row(&s->table, false);

		rcell(row, 0, TONE_NEUTRAL, "%zu", i + 1);
		rcell(row, 1, TONE_NEUTRAL, "%s", d->id);
		rcell(row, 2, TONE_NEUTRAL, "%s", d->label);
		rcell(row, 3, TONE_NEUTRAL, "%zu", d->plans);
		rcell(row, 4, TONE_NEUTRAL, "%zu", d->due_so_far);
		rcell(row, 5, TONE_NEUTRAL, "%zu", d->on_time);
		rate_cell(row, 6, d->on_time_rate);
		count_cell(row, 7, d->overdue, TONE_BAD);
	}
}

struct report *
rollup_report(const struct rollup *ru, const struct report_opts *o)
{
	struct report *r = xcalloc(1, sizeof *r);
	char day[32];

	r->title = xasprintf(ngettext("Roll-up of %zu plan",
	    "Roll-up of %zu plans", (unsigned long)ru->nplans), ru->nplans);
	r->utf8 = o->utf8;
	r->color = o->color;
	r->made = o->made != NULL ? xstrdup(o->made) : NULL;
	date_human(ru->asof, day);
	report_add_field(r, _("As of"), xstrdup(day));
	report_add_field(r, _("State"), xstrdup(severity_key(ru->worst)));
	if (r->made != NULL)
		report_add_field(r, _("Made"), xstrdup(r->made));
	plans_section(r, ru);
	worst_section(r, ru);
	ranking_section(r, ru);
	return r;
}

/* For machines. */

static void
iso_or_empty(struct buf *b, pw_day d)
{
	char s[11];

	if (d != DAY_NONE) {
		date_iso(d, s);
		buf_puts(b, s);
	}
}

static void
csv_rate(struct buf *b, double rate)
{
	char s[32];

	if (rate >= 0) {
		report_num(rate, s);
		buf_puts(b, s);
	}
}

static const char *const csv_head = "type,rank,id,name,plans,"
    "overdue,due_soon,active,pending,done,late,missed,at_risk,on_track,met,"
    "no_data,stale,due_so_far,on_time,on_time_rate,attention,severity,"
    "worst\r\n";

void
rollup_csv(const struct rollup *ru, struct rsink *o)
{
	struct buf *b = o->b;

	buf_puts(b, csv_head);
	for (size_t i = 0; i < ru->nplans; i++) {
		const struct rollup_plan *p = &ru->plans[i];
		const struct counts *c = &p->counts;
		struct buf ids = BUF_INIT;

		buf_puts(b, "plan,,");
		esc_csv(b, p->id);
		buf_putc(b, ',');
		esc_csv(b, p->title);
		buf_printf(b, ",,%zu,%zu,%zu,%zu,%zu,%zu,%zu,%zu,%zu,%zu,%zu,%zu,"
		    "%zu,%zu,", c->overdue, c->due_soon, c->active, c->pending,
		    c->done, c->late, c->missed, c->at_risk, c->on_track,
		    c->met, c->no_data, c->stale, p->due_so_far, p->on_time);
		csv_rate(b, p->on_time_rate);
		buf_printf(b, ",%zu,%s,", p->nattn, severity_key(p->worst));
		for (size_t k = 0; k < p->nitems; k++) {
			buf_puts(&ids, k ? ";" : "");
			buf_puts(&ids, p->items[k].id);
		}
		esc_csv(b, buf_str(&ids));
		buf_release(&ids);
		buf_puts(b, "\r\n");
		rsink_mark(o);
	}
	for (size_t i = 0; i < ru->ndepts; i++) {
		const struct rollup_dept *d = &ru->depts[i];

		buf_printf(b, "department,%zu,", i + 1);
		esc_csv(b, d->id);
		buf_putc(b, ',');
		esc_csv(b, d->name);
		buf_printf(b, ",%zu,%zu,%zu,,,,,,,,,,,%zu,%zu,", d->plans,
		    d->overdue, d->due_soon, d->due_so_far, d->on_time);
		csv_rate(b, d->on_time_rate);
		buf_puts(b, ",,,\r\n");
		rsink_mark(o);
	}
}

static void
json_rate(struct buf *b, double rate)
{
	char s[32];

	if (rate < 0)
		buf_puts(b, "null");
	else {
		report_num(rate, s);
		buf_puts(b, s);
	}
}

static void
json_day(struct buf *b, pw_day d)
{
	if (d == DAY_NONE)
		buf_puts(b, "null");
	else {
		buf_putc(b, '"');
		iso_or_empty(b, d);
		buf_putc(b, '"');
	}
}

static void
json_item(struct buf *b, const struct rollup_item *it)
{
	buf_puts(b, "{\"id\":");
	esc_json(b, it->id);
	buf_printf(b, ",\"item\":\"%s\",\"kind\":\"%s\",\"severity\":\"%s\","
	    "\"lead\":", it->target ? "target" : "instance",
	    attn_kind_key(it->kind), severity_key(it->sev));
	if (*it->lead_id != '\0')
		esc_json(b, it->lead_id);
	else
		buf_puts(b, "null");
	buf_puts(b, ",\"due\":");
	json_day(b, it->due);
	buf_printf(b, ",\"days_overdue\":%d}", it->due != DAY_NONE &&
	    it->late_by > 0 ? it->late_by : 0);
}

void
rollup_json(const struct rollup *ru, const char *made, struct rsink *o)
{
	struct buf *b = o->b;

	buf_puts(b, "{\"asof\":");
	json_day(b, ru->asof);
	buf_puts(b, ",\"generated\":");
	if (made != NULL)
		esc_json(b, made);
	else
		buf_puts(b, "null");
	buf_printf(b, ",\"severity\":\"%s\",\n\"plans\":[",
	    severity_key(ru->worst));
	for (size_t i = 0; i < ru->nplans; i++) {
		const struct rollup_plan *p = &ru->plans[i];

		buf_puts(b, i ? ",\n{\"id\":" : "\n{\"id\":");
		esc_json(b, p->id);
		buf_puts(b, ",\"title\":");
		esc_json(b, p->title);
		buf_printf(b, ",\"warn_days\":%d,\"severity\":\"%s\","
		    "\"counts\":", p->warn_days, severity_key(p->worst));
		report_json_counts(b, &p->counts);
		buf_printf(b, ",\"due_so_far\":%zu,\"on_time\":%zu,"
		    "\"on_time_rate\":", p->due_so_far, p->on_time);
		json_rate(b, p->on_time_rate);
		buf_printf(b, ",\"attention\":%zu,\"worst\":[", p->nattn);
		for (size_t k = 0; k < p->nitems; k++) {
			buf_puts(b, k ? "," : "");
			json_item(b, &p->items[k]);
		}
		buf_puts(b, "]}");
		rsink_mark(o);
	}
	buf_puts(b, "],\n\"departments\":[");
	for (size_t i = 0; i < ru->ndepts; i++) {
		const struct rollup_dept *d = &ru->depts[i];

		buf_printf(b, "%s{\"rank\":%zu,\"id\":", i ? ",\n" : "\n",
		    i + 1);
		esc_json(b, d->id);
		buf_puts(b, ",\"name\":");
		esc_json(b, d->name);
		buf_printf(b, ",\"plans\":%zu,\"due_so_far\":%zu,"
		    "\"on_time\":%zu,\"on_time_rate\":", d->plans,
		    d->due_so_far, d->on_time);
		json_rate(b, d->on_time_rate);
		buf_printf(b, ",\"overdue\":%zu,\"due_soon\":%zu}", d->overdue,
		    d->due_soon);
		rsink_mark(o);
	}
	buf_puts(b, "]}\n");
}
