/*
 * report.c: the weekly report computed once from a review: its header and
 * its sections in the order a meeting goes through them.  The renderers
 * (report_text.c, report_md.c, report_html.c) only lay out what is here;
 * report_csv.c and report_json.c read the review directly.
 */
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model/attention.h"
#include "report/reason.h"
#include "report/report.h"
#include "report/words.h"
#include "util/buf.h"
#include "util/i18n.h"
#include "util/xalloc.h"

int
report_format_parse(const char *s, enum report_format *f)
{
	static const char *const names[] = { "text", "md", "html", "csv",
	    "json" };

	for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
		if (strcmp(s, names[i]) == 0) {
			*f = (enum report_format)i;
			return 0;
		}
	if (strcmp(s, "markdown") == 0) {
		*f = REPORT_MD;
		return 0;
	}
	return -1;
}

static struct rsection *
add_section(struct report *r, const char *key, const char *title,
    const char *empty, const struct rcol *cols, size_t ncols, int flex)
{
	struct rsection *s;

	r->sections = xreallocarray(r->sections, r->nsections + 1,
	    sizeof *r->sections);
	s = &r->sections[r->nsections++];
	memset(s, 0, sizeof *s);
	s->key = key;
	s->title = xstrdup(title);
	s->empty = xstrdup(empty);
	rtable_init(&s->table, cols, ncols, flex);
	return s;
}

void
rtable_init(struct rtable *t, const struct rcol *cols, size_t ncols,
    int flex)
{
	memset(t, 0, sizeof *t);
	t->ncols = ncols;
	t->heads = xcalloc(ncols, sizeof *t->heads);
	t->align = xcalloc(ncols, sizeof *t->align);
	t->maxw = xcalloc(ncols, sizeof *t->maxw);
	t->flex = flex;
	t->wrap = -1;
	for (size_t i = 0; i < ncols; i++) {
		t->heads[i] = cols[i].head;
		t->align[i] = cols[i].align;
		t->maxw[i] = cols[i].maxw;
	}
}

void
rtable_release(struct rtable *t)
{
	for (size_t j = 0; j < t->nrows; j++) {
		struct rrow *row = &t->rows[j];
		size_t n = row->group ? 1 : t->ncols;

		for (size_t c = 0; c < n; c++)
			free(row->cells[c].text);
		free(row->cells);
	}
	free(t->rows);
	free(t->heads);
	free(t->align);
	free(t->maxw);
	memset(t, 0, sizeof *t);
}

struct rrow *
rtable_row(struct rtable *t, bool group)
{
	struct rrow *row;

	if (t->nrows == t->cap) {
		t->cap = t->cap ? t->cap * 2 : 16;
		t->rows = xreallocarray(t->rows, t->cap, sizeof *t->rows);
	}
	row = &t->rows[t->nrows++];
	row->group = group;
	row->cells = xcalloc(group ? 1 : t->ncols, sizeof *row->cells);
	return row;
}

static struct rrow *
add_row(struct rsection *s, bool group)
{
	return rtable_row(&s->table, group);
}

void
rcell(struct rrow *row, size_t col, enum tone tone, const char *fmt, ...)
{
	struct buf b = BUF_INIT;
	va_list ap;

	va_start(ap, fmt);
	buf_vprintf(&b, fmt, ap);
	va_end(ap);
	row->cells[col].text = buf_detach(&b);
	row->cells[col].tone = tone;
}

static void
add_field(struct report *r, const char *label, char *value)
{
	r->fields = xreallocarray(r->fields, r->nfields + 1,
	    sizeof *r->fields);
	r->fields[r->nfields].label = label;
	r->fields[r->nfields].value = value;
	r->nfields++;
}

static const char *
ms_name(const struct review *rv, const struct ms_result *it)
{
	return rv->plan->ms[it->in.ms].name;
}

static void
status_cell(const struct report *r, struct rrow *row, size_t col,
    enum ms_state st)
{
	rcell(row, col, ms_state_tone(st), "%s %s",
	    ms_state_symbol(st, r->utf8), ms_state_label(st));
}

static void
summary(struct report *r)
{
	static const struct rcol cols[] = {
		{ N_("Milestones"), ALIGN_LEFT, 24 },
		{ N_("Count"), ALIGN_RIGHT, 6 },
		{ N_("Targets"), ALIGN_LEFT, 24 },
		{ N_("Count"), ALIGN_RIGHT, 6 },
	};
	static const enum ms_state ms[] = { MS_OVERDUE, MS_DUE_SOON,
	    MS_ACTIVE, MS_PENDING, MS_DONE, MS_LATE };
	static const enum tg_state tg[] = { TG_MISSED, TG_AT_RISK,
	    TG_ON_TRACK, TG_MET, TG_NO_DATA };
	const struct counts *c = &r->rv->counts;
	size_t msn[MS_NSTATES], tgn[TG_NSTATES];
	struct rcol tr[4];
	struct rsection *s;

	for (size_t i = 0; i < 4; i++) {
		tr[i] = cols[i];
		tr[i].head = _(cols[i].head);
	}
	s = add_section(r, "summary", _("Summary"), "", tr, 4, 0);
	msn[MS_PENDING] = c->pending;
	msn[MS_ACTIVE] = c->active;
	msn[MS_DUE_SOON] = c->due_soon;
	msn[MS_OVERDUE] = c->overdue;
	msn[MS_DONE] = c->done;
	msn[MS_LATE] = c->late;
	tgn[TG_NO_DATA] = c->no_data;
	tgn[TG_ON_TRACK] = c->on_track;
	tgn[TG_AT_RISK] = c->at_risk;
	tgn[TG_MET] = c->met;
	tgn[TG_MISSED] = c->missed;
	for (size_t i = 0; i < 6; i++) {
		struct rrow *row = add_row(s, false);

		status_cell(r, row, 0, ms[i]);
		rcell(row, 1, msn[ms[i]] ? ms_state_tone(ms[i]) : TONE_NEUTRAL,
		    "%zu", msn[ms[i]]);
		if (i < 5) {
			rcell(row, 2, tg_state_tone(tg[i]), "%s %s",
			    tg_state_symbol(tg[i], r->utf8),
			    tg_state_label(tg[i]));
			rcell(row, 3, tgn[tg[i]] ? tg_state_tone(tg[i]) :
			    TONE_NEUTRAL, "%zu", tgn[tg[i]]);
		} else {
			rcell(row, 2, TONE_WARN, "%s", _("Without recent value"));
			rcell(row, 3, c->stale ? TONE_WARN : TONE_NEUTRAL, "%zu",
			    c->stale);
		}
	}
}

static enum tone
level_tone(enum attn_level l)
{
	return l == ATTN_RED ? TONE_BAD : l == ATTN_YELLOW ? TONE_WARN :
	    TONE_INFO;
}

/* Only not reported on time: two or more such targets of one lead and
 * cadence are told as one row ("12 targets not reported for 2+ quarters");
 * their ids are in the CSV and JSON. */
static bool
stale_only(const struct attn_item *a)
{
	return a->item == ITEM_TARGET && a->kinds == 1u << ATTN_STALE;
}

static enum period
cadence(const struct review *rv, const struct attn_item *a)
{
	return rv->plan->targets[a->index].cadence;
}

/* "12 targets not reported for 2+ quarters", in the targets' own
 * periods. */
static void
stale_words(struct buf *b, enum period every, size_t n, int least)
{
	unsigned long k = (unsigned long)n;

	switch (every) {
	case PERIOD_WEEK:
		buf_printf(b, ngettext("%zu target not reported for %d+ weeks",
		    "%zu targets not reported for %d+ weeks", k), n, least);
		break;
	case PERIOD_MONTH:
		buf_printf(b, ngettext("%zu target not reported for %d+ months",
		    "%zu targets not reported for %d+ months", k), n, least);
		break;
	case PERIOD_YEAR:
		buf_printf(b, ngettext("%zu target not reported for %d+ years",
		    "%zu targets not reported for %d+ years", k), n, least);
		break;
	default:
		buf_printf(b, ngettext("%zu target not reported for %d+ "
		    "quarters", "%zu targets not reported for %d+ quarters", k),
		    n, least);
		break;
	}
}

/* A row of the attention table: a's id, kind, name and reason. */
static void
attn_row(struct report *r, struct rsection *s, const struct attn_item *a,
    struct reason_cache *rc)
{
	const struct review *rv = r->rv;
	struct rrow *row = add_row(s, false);
	struct buf b = BUF_INIT;

	rcell(row, 0, TONE_NEUTRAL, "%s", a->id);
	rcell(row, 1, level_tone(attn_kind_level(a->kind)), "%s",
	    attn_kind_label(a->kind));
	rcell(row, 2, TONE_NEUTRAL, "%s", a->item == ITEM_INSTANCE ?
	    ms_name(rv, &rv->items[a->index]) :
	    rv->plan->targets[a->index].name);
	attn_reason(&b, rv, a, rc);
	row->cells[3].text = buf_detach(&b);
}

/* The rows of one lead's items v[g[0..n)]: a stale group (two or more
 * stale-only targets of one cadence) as one row where its worst is. */
static void
attn_group(struct report *r, struct rsection *s, const struct attn_item *v,
    const size_t *g, size_t n, struct reason_cache *rc)
{
	const struct review *rv = r->rv;
	size_t count[PERIOD_YEAR + 1] = { 0 };
	int least[PERIOD_YEAR + 1];
	bool told[PERIOD_YEAR + 1] = { false };

	for (size_t i = 0; i < n; i++) {
		const struct attn_item *a = &v[g[i]];
		int sp;

		if (!stale_only(a))
			continue;
		sp = rv->targets[a->index].stale_periods;
		if (count[cadence(rv, a)]++ == 0 || sp < least[cadence(rv, a)])
			least[cadence(rv, a)] = sp;
	}
	for (size_t i = 0; i < n; i++) {
		const struct attn_item *a = &v[g[i]];
		enum period c;
		struct rrow *row;
		struct buf b = BUF_INIT;

		if (!stale_only(a) || count[c = cadence(rv, a)] < 2) {
			attn_row(r, s, a, rc);
			continue;
		}
		if (told[c])
			continue;
		told[c] = true;
		row = add_row(s, false);
		rcell(row, 0, TONE_NEUTRAL, "%s", "");
		rcell(row, 1, level_tone(attn_kind_level(a->kind)), "%s",
		    attn_kind_label(a->kind));
		stale_words(&b, c, count[c], least[c]);
		row->cells[2].text = buf_detach(&b);
		row->cells[2].tone = TONE_NEUTRAL;
		rcell(row, 3, TONE_NEUTRAL, "%s", "");
	}
}

/*
 * The attention list (model/attention.h) grouped by lead department: the
 * department of the worst item first, each item with its kind and the
 * reason in numbers; items with no lead under a heading of their own.
 * For one department's report, its own items first.
 */
static void
attention(struct report *r)
{
	const struct plan *p = r->plan;
	struct rcol cols[] = {
		{ _("ID"), ALIGN_LEFT, RCOL_WHOLE },
		{ _("Kind"), ALIGN_LEFT, 16 },
		{ _("Item"), ALIGN_LEFT, 60 },
		{ _("Reason"), ALIGN_LEFT, 72 },
	};
	const struct attn_item *v = r->at;
	size_t n = r->nat, *order = xcalloc(n + 1, sizeof *order);
	/* Each lead's place (at lead + 1, for "no lead"): in the order of
	 * its worst item. */
	size_t *rank = xcalloc(p->ndepts + 2, sizeof *rank), nrank = 0;
	size_t *start = xcalloc(p->ndepts + 3, sizeof *start);
	struct reason_cache rc = { 0 };
	struct rsection *s;

	s = add_section(r, "attention", _("Needs attention, by lead "
	    "department"), _("Nothing needs attention."), cols, 4, 2);
	s->table.wrap = 3;
	if (r->rv->dept >= 0)
		rank[r->rv->dept + 1] = ++nrank;
	for (size_t i = 0; i < n; i++)
		if (rank[v[i].lead + 1] == 0)
			rank[v[i].lead + 1] = ++nrank;
	/* A stable counting sort by the lead's place keeps list order. */
	for (size_t i = 0; i < n; i++)
		start[rank[v[i].lead + 1]]++;
	for (size_t g = 1, sum = 0; g <= nrank + 1; g++) {
		size_t c = start[g];

		start[g] = sum;
		sum += c;
	}
	for (size_t i = 0; i < n; i++)
		order[start[rank[v[i].lead + 1]]++] = i;
	for (size_t i = 0, e; i < n; i = e) {
		int lead = v[order[i]].lead;
		struct rrow *row = add_row(s, true);

		rcell(row, 0, TONE_NEUTRAL, "%s", lead >= 0 ?
		    p->depts[lead].name : _("No lead department"));
		for (e = i; e < n && v[order[e]].lead == lead; e++)
			;
		attn_group(r, s, v, order + i, e - i, &rc);
	}
	free(start);
	free(rank);
	free(order);
}

/* "on the list for 3 weeks" (nothing for 0: on the earlier date's list
 * only). */
static void
weeks_words(struct buf *b, int weeks)
{
	if (weeks >= ATTN_WEEKS_MAX)
		buf_printf(b, _("on the list for %d+ weeks"), weeks);
	else if (weeks > 0)
		buf_printf(b, ngettext("on the list for %d week",
		    "on the list for %d weeks", (unsigned long)weeks), weeks);
}

/* A row of the week-over-week table. */
static void
since_row(struct report *r, struct rsection *s, const struct attn_diff *d,
    struct reason_cache *rc)
{
	const struct attn_item *a = d->now != NULL ? d->now : d->then;
	const struct review *rv = d->now != NULL ? r->rv : r->since;
	struct rrow *row = add_row(s, false);
	struct buf b = BUF_INIT;

	rcell(row, 0, TONE_NEUTRAL, "%s", a->id);
	rcell(row, 1, d->what == ATTN_RESOLVED ? TONE_GOOD :
	    level_tone(attn_kind_level(a->kind)), "%s",
	    attn_kind_label(a->kind));
	rcell(row, 2, TONE_NEUTRAL, "%s", a->item == ITEM_INSTANCE ?
	    ms_name(rv, &rv->items[a->index]) :
	    r->plan->targets[a->index].name);
	switch (d->what) {
	case ATTN_NEW:
		attn_reason(&b, rv, a, rc);
		break;
	case ATTN_STILL:
		if (d->worse) {
			buf_printf(&b, _("was %s"),
			    attn_kind_label(d->then->kind));
			if (d->weeks > 0)
				buf_puts(&b, _("; "));
		}
		weeks_words(&b, d->weeks);
		break;
	case ATTN_RESOLVED:
		/* Why it was on the list, as of the earlier date. */
		attn_reason(&b, rv, a, NULL);
		break;
	}
	row->cells[3].text = buf_detach(&b);
}

/*
 * Week over week (planwatch-report(1)): the attention list as of the date
 * against the list as of o->since: what is newly on it, what got worse,
 * what is still on it and for how many weeks, what left it.
 */
static void
since_section(struct report *r, const struct report_opts *o)
{
	static const struct {
		enum attn_change what;
		bool		 worse;
		const char	*head;
	} groups[] = {
		{ ATTN_NEW, false, N_("Newly on the list") },
		{ ATTN_STILL, true, N_("Worse") },
		{ ATTN_STILL, false, N_("Still on the list") },
		{ ATTN_RESOLVED, false, N_("Resolved: off the list") },
	};
	const struct review *rv = r->rv;
	struct rcol cols[] = {
		{ _("ID"), ALIGN_LEFT, RCOL_WHOLE },
		{ _("Kind"), ALIGN_LEFT, 16 },
		{ _("Item"), ALIGN_LEFT, 60 },
		{ _("Change"), ALIGN_LEFT, 72 },
	};
	struct review_opts ro = { .asof = rv->asof, .warn_days =
	    rv->warn_days, .dept = rv->dept };
	struct reason_cache rc = { 0 };
	struct rsection *s;
	char day[32], *title;

	if (o->since == NULL)
		return;
	r->since = o->since;
	r->nthen = attention_list(o->since, SEV_WARNING, &r->then);
	r->ndiff = attn_compare(r->at, r->nat, r->then, r->nthen, &r->diff);
	if (o->history != NULL)
		attn_weeks(r->plan, o->history, &ro, SEV_WARNING, r->diff,
		    r->ndiff);
	date_human(o->since->asof, day);
	title = xasprintf(_("Week over week, since %s"), day);
	s = add_section(r, "since", title, _("Nothing needed attention on "
	    "either date."), cols, 4, 2);
	free(title);
	s->table.wrap = 3;
	for (size_t g = 0; g < sizeof groups / sizeof groups[0]; g++) {
		size_t n = 0;

		for (size_t i = 0; i < r->ndiff; i++)
			n += r->diff[i].what == groups[g].what &&
			    r->diff[i].worse == groups[g].worse;
		if (n == 0)
			continue;
		rcell(add_row(s, true), 0, TONE_NEUTRAL, _("%s (%zu)"),
		    _(groups[g].head), n);
		for (size_t i = 0; i < r->ndiff; i++)
			if (r->diff[i].what == groups[g].what &&
			    r->diff[i].worse == groups[g].worse)
				since_row(r, s, &r->diff[i], &rc);
	}
}

static void
done_week(struct report *r)
{
	const struct review *rv = r->rv;
	struct rcol cols[] = {
		{ _("ID"), ALIGN_LEFT, RCOL_WHOLE },
		{ _("Item"), ALIGN_LEFT, 60 },
		{ _("Lead"), ALIGN_LEFT, 14 },
		{ _("Completed"), ALIGN_LEFT, 18 },
		{ _("Status"), ALIGN_LEFT, 16 },
	};
	struct rsection *s;
	char date[32];

	s = add_section(r, "completed", _("Completed this week"),
	    _("Nothing was completed this week."), cols, 5, 1);
	for (size_t i = 0; i < rv->nitems; i++) {
		const struct ms_result *it = &rv->items[i];
		struct rrow *row;

		if (it->done_date == DAY_NONE || it->done_date < r->week_start ||
		    it->done_date > r->week_end)
			continue;
		row = add_row(s, false);
		rcell(row, 0, TONE_NEUTRAL, "%s", it->name);
		rcell(row, 1, TONE_NEUTRAL, "%s", ms_name(rv, it));
		rcell(row, 2, TONE_NEUTRAL, "%s", plan_dept_label(rv->plan,
		    report_item_lead(rv->plan, it)));
		date_human(it->done_date, date);
		rcell(row, 3, TONE_NEUTRAL, "%s", date);
		status_cell(r, row, 4, it->state);
	}
}

void
report_tg_value(const struct target *t, double v, char *out, size_t len)
{
	char num[32];

	if (t->nscale > 0) {
		long i = lround(v);
		snprintf(out, len, "%s", i >= 0 && (size_t)i < t->nscale ?
		    t->scale[i] : "?");
		return;
	}
	report_num(v, num);
	snprintf(out, len, "%s%s%s", num, t->unit != NULL &&
	    strcmp(t->unit, "%") != 0 ? " " : "",
	    t->unit != NULL ? t->unit : "");
}

static void
targets(struct report *r)
{
	const struct review *rv = r->rv;
	struct rcol cols[] = {
		{ _("ID"), ALIGN_LEFT, RCOL_WHOLE },
		{ _("Target"), ALIGN_LEFT, 60 },
		{ _("Latest"), ALIGN_RIGHT, 16 },
		{ _("As of"), ALIGN_LEFT, 18 },
		{ _("Goal"), ALIGN_RIGHT, 18 },
		{ _("Status"), ALIGN_LEFT, 14 },
		{ _("Trend"), ALIGN_LEFT, 8 },
	};
	struct rsection *s;

	s = add_section(r, "targets", _("Targets"),
	    _("The plan has no targets."), cols, 7, 1);
	s->chart = RCHART_TARGETS;
	for (size_t i = 0; i < rv->ntargets; i++) {
		const struct tg_result *tr = &rv->targets[i];
		const struct target *t = &rv->plan->targets[tr->target];
		struct rrow *row;
		char v[256], date[32];
		struct buf spark = BUF_INIT;

		if (!tr->in_scope)
			continue;
		row = add_row(s, false);
		rcell(row, 0, TONE_NEUTRAL, "%s", t->id);
		rcell(row, 1, TONE_NEUTRAL, "%s", t->name);
		if (tr->has_latest) {
			report_tg_value(t, tr->latest.value, v, sizeof v);
			rcell(row, 2, TONE_NEUTRAL, "%s", v);
			date_human(tr->latest.date, date);
			rcell(row, 3, tr->stale ? TONE_WARN : TONE_NEUTRAL, "%s",
			    date);
		} else {
			rcell(row, 2, TONE_NEUTRAL, "-");
			rcell(row, 3, TONE_NEUTRAL, "-");
		}
		report_tg_value(t, t->target, v, sizeof v);
		rcell(row, 4, TONE_NEUTRAL, "%s %s", direction_symbol(t->dir), v);
		rcell(row, 5, tg_state_tone(tr->state), "%s %s",
		    tg_state_symbol(tr->state, r->utf8),
		    tg_state_label(tr->state));
		report_spark(&spark, tr->series, tr->nseries, REPORT_SPARK,
		    r->utf8);
		row->cells[6].text = buf_detach(&spark);
		row->cells[6].tone = TONE_NEUTRAL;
	}
}

static void
phases(struct report *r)
{
	const struct review *rv = r->rv;
	struct rcol cols[] = {
		{ _("ID"), ALIGN_LEFT, RCOL_WHOLE },
		{ _("Phase"), ALIGN_LEFT, 60 },
		{ _("Ends"), ALIGN_LEFT, 18 },
		{ _("Progress"), ALIGN_RIGHT, 8 },
		{ _("Expected"), ALIGN_RIGHT, 8 },
		{ _("Status"), ALIGN_LEFT, 22 },
	};
	struct rsection *s;
	char date[32];

	s = add_section(r, "phases", _("Phases"), _("The plan has no "
	    "phases."), cols, 6, 1);
	s->chart = RCHART_GANTT;
	for (size_t i = 0; i < rv->nphases; i++) {
		const struct phase_result *pr = &rv->phases[i];
		const struct phase *ph = &rv->plan->phases[pr->phase];
		struct rrow *row;

		if (!pr->in_scope)
			continue;
		row = add_row(s, false);
		rcell(row, 0, TONE_NEUTRAL, "%s", ph->id);
		rcell(row, 1, TONE_NEUTRAL, "%s", ph->name);
		date_human(ph->end.day, date);
		rcell(row, 2, TONE_NEUTRAL, "%s", date);
		rcell(row, 3, TONE_NEUTRAL, "%.0f%%", pct_round(pr->progress));
		if (pr->expected >= 0)
			rcell(row, 4, TONE_NEUTRAL, "%.0f%%",
			    pct_round(pr->expected));
		else
			rcell(row, 4, TONE_NEUTRAL, "-");
		if (pr->overdue)
			rcell(row, 5, TONE_BAD, _("%s, %d days"),
			    ms_state_label(MS_OVERDUE), pr->days_overdue);
		else if (pr->open == 0)
			rcell(row, 5, TONE_GOOD, "%s", ms_state_label(MS_DONE));
		else
			rcell(row, 5, severity_tone(pr->sev), "%s",
			    pr->pace == PACE_NONE ? "-" : pace_label(pr->pace));
	}
}

/* Whether a recorded item is in the review's scope (one department's
 * report: what it leads or supports). */
static bool
in_scope(const struct review *rv, struct item_ref ref)
{
	const struct plan *p = rv->plan;
	bool led;

	if (rv->dept < 0)
		return true;
	if (ref.kind == ITEM_TARGET)
		return rv->targets[ref.index].in_scope;
	if (ref.kind == ITEM_MILESTONE || ref.kind == ITEM_INSTANCE) {
		const struct milestone *m = &p->ms[ref.index];
		struct attn_item a = { .lead = m->owner, .support = m->support,
		    .nsupport = m->nsupport };

		return attn_involves(&a, rv->dept, &led);
	}
	return false;
}

static void
recorded(struct report *r, const struct report_opts *o)
{
	const struct plan *p = r->plan;
	struct rcol cols[] = {
		{ _("As of"), ALIGN_LEFT, 18 },
		{ _("Item"), ALIGN_LEFT, RCOL_WHOLE },
		{ _("Value"), ALIGN_RIGHT, 16 },
		{ _("By"), ALIGN_LEFT, 12 },
		{ _("Note"), ALIGN_LEFT, 40 },
	};
	struct rsection *s;
	char date[32], v[256];

	s = add_section(r, "recorded", _("Recorded this week"),
	    _("Nothing was recorded for this week."), cols, 5, 4);
	for (size_t i = 0; i < o->nrecords; i++) {
		const struct report_record *rec = &o->records[i];
		struct item_ref ref = plan_find(p, rec->item);
		struct rrow *row;

		if (!in_scope(r->rv, ref))
			continue;
		row = add_row(s, false);
		date_human(rec->date, date);
		rcell(row, 0, TONE_NEUTRAL, "%s", date);
		rcell(row, 1, TONE_NEUTRAL, "%s", rec->item);
		switch (rec->kind) {
		case FACT_VALUE:
			if (rec->level != NULL)
				snprintf(v, sizeof v, "%s", rec->level);
			else if (ref.kind == ITEM_TARGET)
				report_tg_value(&p->targets[ref.index], rec->value, v,
				    sizeof v);
			else
				report_num(rec->value, v);
			break;
		case FACT_PROGRESS:
			snprintf(v, sizeof v, "%.0f%%", pct_round(rec->value));
			break;
		case FACT_DONE:
			snprintf(v, sizeof v, "%s", ms_state_label(MS_DONE));
			break;
		case FACT_REOPEN:
			snprintf(v, sizeof v, "%s", _("reopened"));
			break;
		case FACT_VOID:	/* never a current record */
			break;
		}
		rcell(row, 2, TONE_NEUTRAL, "%s", v);
		rcell(row, 3, TONE_NEUTRAL, "%s", rec->by ? rec->by : "-");
		rcell(row, 4, TONE_NEUTRAL, "%s", rec->note ? rec->note : "");
	}
}

static void
ranking(struct report *r)
{
	const struct review *rv = r->rv;
	struct rcol cols[] = {
		{ "#", ALIGN_RIGHT, 3 },
		{ _("Department"), ALIGN_LEFT, 40 },
		{ _("Due so far"), ALIGN_RIGHT, 10 },
		{ _("On time"), ALIGN_RIGHT, 8 },
		{ _("Rate"), ALIGN_RIGHT, 6 },
		{ _("Overdue"), ALIGN_RIGHT, 8 },
		{ _("Due soon"), ALIGN_RIGHT, 8 },
	};
	struct rsection *s;

	s = add_section(r, "ranking", _("Department ranking"),
	    _("The plan has no departments."), cols, 7, 1);
	for (size_t i = 0; i < rv->ndepts; i++) {
		const struct dept_result *d = &rv->depts[rv->dept_rank[i]];
		struct rrow *row;

		/* One department's report: its own line, at its rank. */
		if (rv->dept >= 0 && d->dept != rv->dept)
			continue;
		row = add_row(s, false);
		rcell(row, 0, TONE_NEUTRAL, "%zu", i + 1);
		rcell(row, 1, TONE_NEUTRAL, "%s", plan_dept_label(rv->plan,
		    d->dept));
		rcell(row, 2, TONE_NEUTRAL, "%zu", d->due_so_far);
		rcell(row, 3, TONE_NEUTRAL, "%zu", d->on_time);
		if (d->on_time_rate >= 0)
			rcell(row, 4, d->on_time_rate >= 0.8 ? TONE_GOOD :
			    d->on_time_rate >= 0.5 ? TONE_WARN : TONE_BAD,
			    "%.0f%%", pct_round(d->on_time_rate * 100));
		else
			rcell(row, 4, TONE_NEUTRAL, "-");
		rcell(row, 5, d->lead.overdue ? TONE_BAD : TONE_NEUTRAL, "%zu",
		    d->lead.overdue);
		rcell(row, 6, d->lead.due_soon ? TONE_WARN : TONE_NEUTRAL, "%zu",
		    d->lead.due_soon);
	}
}

/*
 * What the HTML charts show.  A printed report is read in a meeting: every
 * chart of a county's plan fits a few pages, but a province's 10,000
 * milestones and 2,000 targets would take hundreds.  So beyond
 * GANTT_ROWS rows the Gantt chart keeps every phase and only the
 * GANTT_MS milestones that most need attention, and beyond CHARTS targets
 * with values only the CHARTS that most need attention are charted, worst
 * first (the attention list's order); the tables still list every target,
 * and the CSV and JSON formats every instance.  (planwatch-report(1),
 * "Charts of a large plan".)
 */
#define GANTT_ROWS	120	/* phases and milestones: 3 pages */
#define GANTT_MS	80
#define CHARTS		60	/* 5 pages of charts: a county's every
				   target (examples/sanya.yaml has 57) */

static void
choose_charts(struct report *r)
{
	const struct review *rv = r->rv;
	const struct plan *p = r->plan;
	const struct attn_item *at = r->at;
	size_t nat = r->nat, with = 0;

	for (size_t i = 0; i < rv->ntargets; i++)
		with += rv->targets[i].in_scope && rv->targets[i].nseries > 0;
	r->charts = xcalloc(with + 1, sizeof *r->charts);
	if (with <= CHARTS) {
		for (size_t i = 0; i < rv->ntargets; i++)
			if (rv->targets[i].in_scope &&
			    rv->targets[i].nseries > 0)
				r->charts[r->ncharts++] = i;
	} else {
		for (size_t i = 0; i < nat; i++) {
			const struct tg_result *tr = &rv->targets[at[i].index];

			if (at[i].item != ITEM_TARGET || tr->nseries == 0)
				continue;
			if (r->ncharts < CHARTS)
				r->charts[r->ncharts++] = at[i].index;
			else
				r->charts_left_attn++;
		}
		r->charts_left = with - r->ncharts;
	}
	if (p->nphases + p->nms > GANTT_ROWS) {
		size_t shown = 0;

		r->ms_shown = xcalloc(p->nms + 1, sizeof *r->ms_shown);
		for (size_t i = 0; i < nat && shown < GANTT_MS; i++) {
			int m;

			if (at[i].item != ITEM_INSTANCE)
				continue;
			m = rv->items[at[i].index].in.ms;
			if (!r->ms_shown[m]) {
				r->ms_shown[m] = true;
				shown++;
			}
		}
	}
}

struct report *
report_new(const struct review *rv, const struct report_opts *o)
{
	struct report *r = xcalloc(1, sizeof *r);
	pw_day wd = o->week != DAY_NONE ? o->week : rv->asof;
	char a[32], b[32], w[32];

	r->rv = rv;
	r->charts_rv = rv;
	r->plan = rv->plan;
	r->title = xstrdup(rv->plan->title);
	r->utf8 = o->utf8;
	r->color = o->color;
	r->made = o->made != NULL ? xstrdup(o->made) : NULL;
	r->spans = report_ms_spans(rv);
	r->week_start = period_start(PERIOD_WEEK, wd);
	r->week_end = period_end(PERIOD_WEEK, wd);
	date_iso_week(wd, &r->week_year, &r->week_no);

	if (r->plan->document != NULL)
		add_field(r, _("Document"), xstrdup(r->plan->document));
	if (r->plan->issuer != NULL)
		add_field(r, _("Issued by"), xstrdup(r->plan->issuer));
	date_week_human(r->week_year, r->week_no, w);
	date_human(r->week_start, a);
	date_human(r->week_end, b);
	/* TRANSLATORS: the week, then its first day, a dash and its last
	 * day. */
	add_field(r, _("Week"), xasprintf(_("%s, %s %s %s"), w, a,
	    r->utf8 ? "–" : "-", b));
	date_human(rv->asof, a);
	add_field(r, _("As of"), xstrdup(a));
	if (rv->dept >= 0)
		add_field(r, _("Department"), xstrdup(plan_dept_label(r->plan,
		    rv->dept)));
	if (r->made != NULL)
		add_field(r, _("Made"), xstrdup(r->made));
	r->nat = attention_list(rv, SEV_WARNING, &r->at);

	summary(r);
	attention(r);
	since_section(r, o);
	done_week(r);
	targets(r);
	phases(r);
	recorded(r, o);
	ranking(r);
	choose_charts(r);
	return r;
}

void
report_free(struct report *r)
{
	if (r == NULL)
		return;
	for (size_t i = 0; i < r->nfields; i++)
		free(r->fields[i].value);
	free(r->fields);
	for (size_t i = 0; i < r->nsections; i++) {
		struct rsection *s = &r->sections[i];

		rtable_release(&s->table);
		free(s->title);
		free(s->empty);
	}
	free(r->sections);
	free(r->spans);
	free(r->ms_shown);
	free(r->charts);
	free(r->at);
	free(r->then);
	free(r->diff);
	free(r->made);
	free(r->title);
	free(r);
}

struct rsection *
report_add_section(struct report *r, const char *key, const char *title,
    const char *empty, const struct rcol *cols, size_t ncols, int flex)
{
	return add_section(r, key, title, empty, cols, ncols, flex);
}

void
report_add_field(struct report *r, const char *label, char *value)
{
	add_field(r, label, value);
}

void
report_write(const struct report *r, enum report_format f, struct buf *out)
{
	struct rsink s = { .b = out };

	report_write_sink(r, f, &s);
}

void
report_write_sink(const struct report *r, enum report_format f,
    struct rsink *s)
{
	switch (f) {
	case REPORT_TEXT:
		report_text(r, s);
		break;
	case REPORT_MD:
		report_md(r, s);
		break;
	case REPORT_HTML:
		report_html(r, s);
		break;
	case REPORT_CSV:
		report_csv(r, s);
		break;
	case REPORT_JSON:
		report_json(r, s);
		break;
	}
}
