/*
 * cmd_status.c: planwatch status: a one-screen summary for a terminal
 * (planwatch-status(1)): the plan, the as-of date, counts by status, what
 * needs attention (the attention list, model/attention.h, in the words of
 * report/reason.h), those items with no lead, with --since what changed
 * since an earlier date, the phases and the departments by on-time rate.
 *
 * Every status comes with its symbol; colour only doubles it.  Names are
 * fitted to their columns in display columns (Chinese is two wide).
 */
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include "cli/cli.h"
#include "model/attention.h"
#include "model/plan.h"
#include "model/status.h"
#include "report/ansi.h"
#include "report/reason.h"
#include "report/report.h"
#include "report/words.h"
#include "session/session.h"
#include "util/buf.h"
#include "util/i18n.h"
#include "util/text.h"
#include "util/xalloc.h"

/* How many rows each list shows without --all. */
#define SHOW_ATTENTION	10
#define SHOW_NO_LEAD	5
#define SHOW_SINCE	5
#define SHOW_PHASES	8
#define SHOW_DEPTS	5
#define BAR_CELLS	10

struct out {
	struct buf	 b;
	struct buf	 fit;	/* cell()'s, kept from cell to cell */
	const struct review *rv;
	bool		 color, utf8, all;
	int		 width;
};

/* The terminal's width; else $COLUMNS; else 80 (40..200). */
static int
screen_width(void)
{
	struct winsize ws;
	const char *env = getenv("COLUMNS");
	char *end;
	long n = 80;

	if (isatty(STDOUT_FILENO) && ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) ==
	    0 && ws.ws_col > 0)
		n = ws.ws_col;
	else if (env != NULL && *env >= '0' && *env <= '9') {
		n = strtol(env, &end, 10);
		if (*end != '\0')
			n = 80;
	}
	return n < 40 ? 40 : n > 200 ? 200 : (int)n;
}

/* Append s fitted to width columns, coloured by tone. */
static void
cell(struct out *o, const char *s, int width, enum text_align align,
    enum tone tone)
{
	buf_reset(&o->fit);
	text_fit_buf(&o->fit, s, width, align);
	ansi_put(&o->b, tone, o->color, buf_str(&o->fit));
}

/* End a line whose last column was padded. */
static void
end_line(struct out *o)
{
	while (o->b.len > 0 && o->b.s[o->b.len - 1] == ' ')
		o->b.s[--o->b.len] = '\0';
	buf_putc(&o->b, '\n');
}

static int
max_int(int a, int b)
{
	return a > b ? a : b;
}

/* The widest of the strings (display columns), at most cap (an id column
 * passes INT_MAX: an id is never cut, the name is). */
static int
widest(const char *const *v, size_t n, int cap)
{
	int w = 0;

	for (size_t i = 0; i < n; i++)
		w = max_int(w, text_width(v[i]));
	return w < cap ? w : cap;
}

/*
 * The widest label (display columns) of the departments lead[0..n-1], -1
 * for none, at most cap: each department measured once however many of
 * the thousands of items it leads.
 */
static int
widest_lead(const struct plan *p, const int *lead, size_t n, int cap)
{
	bool *seen = xcalloc(p->ndepts + 1, sizeof *seen);
	int w = 0;

	for (size_t i = 0; i < n; i++) {
		/* Slot 0 for every lead plan_dept_label shows as "-". */
		size_t k = lead[i] >= 0 && (size_t)lead[i] < p->ndepts ?
		    (size_t)lead[i] + 1 : 0;
		if (seen[k])
			continue;
		seen[k] = true;
		w = max_int(w, text_width(plan_dept_label(p, lead[i])));
	}
	free(seen);
	return w < cap ? w : cap;
}

static void
heading(struct out *o, const char *title)
{
	buf_printf(&o->b, "\n%s\n", title);
}

static void
more(struct out *o, size_t n)
{
	if (n == 0)
		return;
	buf_puts(&o->b, "  ");
	buf_printf(&o->b, _("%s and %zu more (--all shows them)"),
	    text_ellipsis(), n);
	buf_putc(&o->b, '\n');
}

/* One status count, coloured when non-zero, flowed within the width:
 * *col is the column reached, indent where a continued line starts. */
static void
count(struct out *o, int *col, int indent, const char *sym, size_t n,
    const char *label, enum tone tone)
{
	char *s = *sym ? xasprintf("%s %zu %s", sym, n, label) :
	    xasprintf("%zu %s", n, label);
	int w = text_width(s) + 2;

	if (*col + w > o->width && *col > indent) {
		buf_printf(&o->b, "\n%*s", indent, "");
		*col = indent;
	}
	buf_puts(&o->b, "  ");
	ansi_put(&o->b, n > 0 ? tone : TONE_NEUTRAL, o->color, s);
	*col += w;
	free(s);
}

static void
counts(struct out *o)
{
	const struct counts *c = &o->rv->counts;
	static const enum ms_state ms[] = { MS_OVERDUE, MS_DUE_SOON,
	    MS_ACTIVE, MS_PENDING, MS_DONE, MS_LATE };
	static const enum tg_state tg[] = { TG_MISSED, TG_AT_RISK,
	    TG_ON_TRACK, TG_MET, TG_NO_DATA };
	const size_t msn[] = { c->overdue, c->due_soon, c->active,
	    c->pending, c->done, c->late };
	const size_t tgn[] = { c->missed, c->at_risk, c->on_track, c->met,
	    c->no_data };
	const char *heads[] = { _("Milestones"), _("Targets") };
	int hw = widest(heads, 2, 20), col;
	/* Pace by kind of item: struct counts adds milestones and targets
	 * up. */
	size_t ms_pace[2] = { 0 }, tg_pace[3] = { 0 };
	static const enum attn_kind pk[] = { ATTN_FAR_BEHIND, ATTN_BEHIND,
	    ATTN_STALE };
	static const enum tone pt[] = { TONE_BAD, TONE_WARN, TONE_WARN };

	for (size_t i = 0; i < o->rv->nitems; i++) {
		ms_pace[0] += o->rv->items[i].pace == PACE_FAR_BEHIND;
		ms_pace[1] += o->rv->items[i].pace == PACE_BEHIND;
	}
	for (size_t i = 0; i < o->rv->ntargets; i++) {
		const struct tg_result *r = &o->rv->targets[i];
		if (!r->in_scope)
			continue;
		tg_pace[0] += r->pace == PACE_FAR_BEHIND;
		tg_pace[1] += r->pace == PACE_BEHIND;
		tg_pace[2] += r->stale > 0;
	}

	buf_putc(&o->b, '\n');
	text_fit_buf(&o->b, heads[0], hw, ALIGN_LEFT);
	col = hw;
	for (size_t i = 0; i < sizeof ms / sizeof ms[0]; i++)
		count(o, &col, hw, ms_state_symbol(ms[i], o->utf8), msn[i],
		    ms_state_label(ms[i]), ms_state_tone(ms[i]));
	for (size_t i = 0; i < 2 && ms_pace[0] + ms_pace[1] > 0; i++)
		count(o, &col, hw, attn_kind_symbol(pk[i], o->utf8),
		    ms_pace[i], attn_kind_label(pk[i]), pt[i]);
	buf_putc(&o->b, '\n');
	text_fit_buf(&o->b, heads[1], hw, ALIGN_LEFT);
	col = hw;
	for (size_t i = 0; i < sizeof tg / sizeof tg[0]; i++)
		count(o, &col, hw, tg_state_symbol(tg[i], o->utf8), tgn[i],
		    tg_state_label(tg[i]), tg_state_tone(tg[i]));
	for (size_t i = 0; i < 3 && tg_pace[0] + tg_pace[1] + tg_pace[2] > 0;
	    i++)
		count(o, &col, hw, attn_kind_symbol(pk[i], o->utf8),
		    tg_pace[i], attn_kind_label(pk[i]), pt[i]);
	buf_putc(&o->b, '\n');
}

/* What one row of an item shows. */
struct row {
	const struct attn_item *a;
	enum tone	 tone;
	const char	*weeks;		/* or NULL */
	char		*text;		/* safe: why, then the name */
};

/* The name of the item a of rv. */
static const char *
item_name(const struct review *rv, const struct attn_item *a)
{
	const struct plan *p = rv->plan;

	return a->item == ITEM_INSTANCE ? p->ms[rv->items[a->index].in.ms].name :
	    p->targets[a->index].name;
}

/* "why: name", made safe. */
static char *
row_text(const struct review *rv, const struct attn_item *a,
    struct reason_cache *rc)
{
	struct buf b = BUF_INIT;

	attn_reason(&b, rv, a, rc);
	/* TRANSLATORS: between why an item is listed and its name. */
	buf_puts(&b, _(": "));
	text_safe_buf(&b, item_name(rv, a));
	return buf_detach(&b);
}

/*
 * What changed, in short (the reasons are in "Needs attention"): "kind:
 * name" for an item new or still on the list (then NULL); "was kind: name"
 * for one resolved (now NULL); "kind, was kind: name" for one worse, or
 * both reasons when its kind is the same (not reported for longer).
 */
static char *
change_text(const struct review *rv, const struct attn_item *now,
    const struct review *rs, const struct attn_item *then)
{
	struct buf b = BUF_INIT, x = BUF_INIT, y = BUF_INIT;

	if (now == NULL)
		buf_printf(&b, _("was %s"), attn_kind_label(then->kind));
	else if (then == NULL)
		buf_puts(&b, attn_kind_label(now->kind));
	else if (now->kind != then->kind)
		buf_printf(&b, _("%s, was %s"), attn_kind_label(now->kind),
		    attn_kind_label(then->kind));
	else {
		attn_reason(&x, rv, now, NULL);
		attn_reason(&y, rs, then, NULL);
		buf_printf(&b, _("%s, was %s"), buf_str(&x), buf_str(&y));
	}
	buf_puts(&b, _(": "));
	text_safe_buf(&b, now != NULL ? item_name(rv, now) :
	    item_name(rs, then));
	buf_release(&x);
	buf_release(&y);
	return buf_detach(&b);
}

/*
 * Append the safe text s in width columns from column col: on one line
 * when it fits, else on two, broken after a space when there is one in
 * the second half of the first, the second cut with an ellipsis.
 */
static void
wrapped(struct out *o, const char *s, int col, int width)
{
	size_t n, cut;

	if (text_width(s) <= width) {
		buf_puts(&o->b, s);
		return;
	}
	n = cut = text_wrap(s, width);
	while (cut > n / 2 && s[cut - 1] != ' ')
		cut--;
	if (cut <= n / 2)
		cut = n;
	buf_add(&o->b, s, cut);
	end_line(o);
	buf_printf(&o->b, "%*s", col, "");
	while (s[cut] == ' ')
		cut++;
	text_fit_buf(&o->b, s + cut, width, ALIGN_LEFT);
}

/* "… N more; --all shows every item". */
static void
more_items(struct out *o, size_t n, int indent)
{
	if (n == 0)
		return;
	buf_printf(&o->b, "%*s", indent, "");
	buf_printf(&o->b, _("%s %zu more; --all shows every item"),
	    text_ellipsis(), n);
	buf_putc(&o->b, '\n');
}

/*
 * The first rows of v (every one with --all, else at most limit): the
 * kind's symbol, the weeks when a row has them, the id (never cut), the
 * lead department when lead, then why and the name in the rest of the
 * line (on two lines when wrap says so, else cut); indented so many
 * columns.
 */
static void
put_rows(struct out *o, const struct row *v, size_t n, size_t limit,
    bool lead, int indent, bool wrap)
{
	const struct plan *p = o->rv->plan;
	size_t shown = o->all || n < limit ? n : limit;
	const char **ids = xcalloc(shown + 1, sizeof *ids);
	const char **weeks = xcalloc(shown + 1, sizeof *weeks);
	int *leads = xcalloc(shown + 1, sizeof *leads);
	int symw = o->utf8 ? 2 : 4, idw, ww, dw, col, textw;

	for (size_t i = 0; i < shown; i++) {
		ids[i] = v[i].a->id;
		weeks[i] = v[i].weeks != NULL ? v[i].weeks : "";
		leads[i] = v[i].a->lead;
	}
	idw = widest(ids, shown, INT_MAX);
	ww = widest(weeks, shown, 20);
	dw = lead ? widest_lead(p, leads, shown, 14) : 0;
	/* Why and the name take what is left, at least 24 columns: the
	 * department gives up room for them first. */
	col = indent + symw + 1 + (ww > 0 ? ww + 2 : 0) + idw + 2 +
	    (lead ? dw + 2 : 0);
	if (lead && o->width - col < 24 && dw > 8) {
		int d = dw - 8 < 24 - (o->width - col) ? dw - 8 :
		    24 - (o->width - col);
		dw -= d;
		col -= d;
	}
	textw = max_int(24, o->width - col);
	for (size_t i = 0; i < shown; i++) {
		buf_printf(&o->b, "%*s", indent, "");
		cell(o, attn_kind_symbol(v[i].a->kind, o->utf8), symw,
		    ALIGN_LEFT, v[i].tone);
		buf_putc(&o->b, ' ');
		if (ww > 0) {
			cell(o, weeks[i], ww, ALIGN_RIGHT, TONE_NEUTRAL);
			buf_puts(&o->b, "  ");
		}
		cell(o, ids[i], idw, ALIGN_LEFT, TONE_NEUTRAL);
		buf_puts(&o->b, "  ");
		if (lead) {
			cell(o, plan_dept_label(p, leads[i]), dw, ALIGN_LEFT,
			    TONE_NEUTRAL);
			buf_puts(&o->b, "  ");
		}
		if (wrap)
			wrapped(o, v[i].text, col, textw);
		else
			text_fit_buf(&o->b, v[i].text, textw, ALIGN_LEFT);
		end_line(o);
	}
	more_items(o, n - shown, indent);
	free(ids);
	free(weeks);
	free(leads);
}

static void
free_rows(struct row *v, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(v[i].text);
	free(v);
}

/* The list as of the date, worst first; items with no lead under their own
 * heading, for the office to give them one. */
static void
attention(struct out *o, const struct attn_item *at, size_t nat)
{
	struct reason_cache rc = { 0 };
	struct row *led = xcalloc(nat + 1, sizeof *led);
	struct row *none = xcalloc(nat + 1, sizeof *none);
	size_t nled = 0, nnone = 0;

	for (size_t i = 0; i < nat; i++) {
		struct row r = { &at[i], severity_tone(at[i].sev), NULL,
		    row_text(o->rv, &at[i], &rc) };
		if (at[i].lead >= 0)
			led[nled++] = r;
		else
			none[nnone++] = r;
	}
	buf_putc(&o->b, '\n');
	buf_printf(&o->b, ngettext("Needs attention: %zu item, worst first",
	    "Needs attention: %zu items, worst first", (unsigned long)nled),
	    nled);
	buf_putc(&o->b, '\n');
	if (nled == 0)
		buf_printf(&o->b, "  %s\n", _("nothing needs attention"));
	put_rows(o, led, nled, SHOW_ATTENTION, true, 2, true);
	if (nnone > 0) {
		buf_putc(&o->b, '\n');
		buf_printf(&o->b, ngettext("No lead department: %zu item, to "
		    "be given one", "No lead department: %zu items, to be "
		    "given one", (unsigned long)nnone), nnone);
		buf_putc(&o->b, '\n');
		put_rows(o, none, nnone, SHOW_NO_LEAD, false, 2, true);
	}
	free_rows(led, nled);
	free_rows(none, nnone);
}

/* "3 weeks", "52+ weeks": how long an item still on the list has been. */
static char *
weeks_text(int w)
{
	if (w >= ATTN_WEEKS_MAX)
		return xasprintf(_("%d+ weeks"), w);
	return xasprintf(ngettext("%d week", "%d weeks", (unsigned long)w), w);
}

/* Still on the list: longest on it first, then worst first. */
static int
still_cmp(const void *a, const void *b)
{
	const struct attn_diff *x = *(const struct attn_diff *const *)a;
	const struct attn_diff *y = *(const struct attn_diff *const *)b;

	if (x->weeks != y->weeks)
		return x->weeks > y->weeks ? -1 : 1;
	return x->now < y->now ? -1 : x->now > y->now;
}

/* One part of the week over week: its title and its rows. */
static void
since_part(struct out *o, const char *title, struct row *v, size_t n)
{
	if (n == 0)
		return;
	buf_printf(&o->b, "  %s\n", title);
	put_rows(o, v, n, SHOW_SINCE, true, 4, false);
}

/*
 * Week over week: the list as of the date (o->rv) against the list as of
 * since (rs, from the same facts): what is new on it, worse, resolved,
 * and still on it with its weeks.
 */
static void
since(struct out *o, const struct review *rs, const struct facts *f,
    const struct attn_item *at, size_t nat)
{
	const struct review *rv = o->rv;
	struct review_opts ro = { .asof = rv->asof, .warn_days =
	    rv->warn_days, .dept = rv->dept };
	struct attn_item *then;
	struct attn_diff *d, **still;
	struct row *part[4];
	size_t nthen, nd, npart[4] = { 0 }, nstill = 0;
	char day[32], **weeks;
	enum { NEW, WORSE, RESOLVED, STILL };

	nthen = attention_list(rs, SEV_WARNING, &then);
	nd = attn_compare(at, nat, then, nthen, &d);
	attn_weeks(rv->plan, f, &ro, SEV_WARNING, d, nd);
	still = xcalloc(nd + 1, sizeof *still);
	weeks = xcalloc(nd + 1, sizeof *weeks);
	for (size_t i = 0; i < 4; i++)
		part[i] = xcalloc(nd + 1, sizeof *part[i]);
	for (size_t i = 0; i < nd; i++)
		if (d[i].what == ATTN_STILL && !d[i].worse)
			still[nstill++] = &d[i];
	qsort(still, nstill, sizeof *still, still_cmp);
	for (size_t i = 0; i < nd; i++) {
		struct attn_diff *x = &d[i];
		struct row r = { x->now, TONE_NEUTRAL, NULL,
		    change_text(rv, x->now, rs, x->then) };

		if (x->what == ATTN_RESOLVED) {
			r.a = x->then;
			part[RESOLVED][npart[RESOLVED]++] = r;
			continue;
		}
		r.tone = severity_tone(x->now->sev);
		if (x->what == ATTN_NEW)
			part[NEW][npart[NEW]++] = r;
		else if (x->worse) {
			r.weeks = weeks[i] = weeks_text(x->weeks);
			part[WORSE][npart[WORSE]++] = r;
		} else
			free(r.text);
	}
	for (size_t i = 0; i < nstill; i++) {
		struct attn_diff *x = still[i];
		size_t k = (size_t)(x - d);
		weeks[k] = weeks_text(x->weeks);
		part[STILL][npart[STILL]++] = (struct row){ x->now,
		    severity_tone(x->now->sev), weeks[k], change_text(rv,
		    x->now, rs, NULL) };
	}
	date_human(rs->asof, day);
	buf_putc(&o->b, '\n');
	buf_printf(&o->b, _("Since %s: %zu new, %zu resolved, %zu still on "
	    "the list, %zu of them worse"), day, npart[NEW], npart[RESOLVED],
	    npart[STILL] + npart[WORSE], npart[WORSE]);
	buf_putc(&o->b, '\n');
	since_part(o, _("Newly on the list"), part[NEW], npart[NEW]);
	since_part(o, _("Worse"), part[WORSE], npart[WORSE]);
	since_part(o, _("Resolved: off the list"), part[RESOLVED],
	    npart[RESOLVED]);
	since_part(o, _("Still on the list"), part[STILL],
	    npart[STILL]);
	for (size_t i = 0; i < 4; i++)
		free_rows(part[i], npart[i]);
	for (size_t i = 0; i < nd; i++)
		free(weeks[i]);
	free(weeks);
	free(still);
	free(d);
	free(then);
}

static void
bar(struct out *o, double pct, enum tone tone)
{
	int full = (int)(pct / 100.0 * BAR_CELLS + 0.5);
	struct buf b = BUF_INIT;

	for (int i = 0; i < BAR_CELLS; i++)
		buf_puts(&b, i < full ? (o->utf8 ? "█" : "#") :
		    (o->utf8 ? "░" : "."));
	ansi_put(&o->b, tone, o->color, buf_str(&b));
	buf_release(&b);
}

static void
phases(struct out *o)
{
	const struct review *rv = o->rv;
	const struct plan *p = rv->plan;
	size_t shown = 0, n = 0;
	const char **names;
	int nw;

	if (rv->nphases == 0)
		return;
	names = xcalloc(rv->nphases, sizeof *names);
	for (size_t i = 0; i < rv->nphases; i++)
		if (rv->phases[i].in_scope)
			names[n++] = p->phases[i].name;
	if (n == 0) {
		free(names);
		return;
	}
	heading(o, _("Phases"));
	nw = widest(names, n, max_int(16, o->width - 2 - BAR_CELLS - 40));
	for (size_t i = 0; i < rv->nphases; i++) {
		const struct phase_result *r = &rv->phases[i];
		char pct[32], exp[32];
		if (!r->in_scope || (!o->all && shown == SHOW_PHASES))
			continue;
		buf_puts(&o->b, "  ");
		text_fit_buf(&o->b, p->phases[i].name, nw, ALIGN_LEFT);
		buf_puts(&o->b, "  ");
		bar(o, r->progress, severity_tone(r->sev));
		pct_text(r->progress, pct);
		buf_printf(&o->b, " %4s%%", pct);
		if (r->expected >= 0) {
			pct_text(r->expected, exp);
			buf_printf(&o->b, "  ");
			buf_printf(&o->b, _("%s%% expected"), exp);
		}
		if (r->overdue) {
			char *s = xasprintf(ngettext("%d day overdue",
			    "%d days overdue", (unsigned long)r->days_overdue),
			    r->days_overdue);
			buf_puts(&o->b, "  ");
			ansi_put(&o->b, TONE_BAD, o->color, s);
			free(s);
		} else if (r->pace == PACE_BEHIND ||
		    r->pace == PACE_FAR_BEHIND) {
			buf_puts(&o->b, "  ");
			ansi_put(&o->b, severity_tone(r->sev), o->color,
			    pace_label(r->pace));
		}
		buf_putc(&o->b, '\n');
		shown++;
	}
	more(o, n - shown);
	free(names);
}

static void
departments(struct out *o)
{
	const struct review *rv = o->rv;
	const struct plan *p = rv->plan;
	const char **names;
	size_t shown = 0, n = rv->ndepts;
	int nw;

	if (n == 0)
		return;
	heading(o, _("Departments by on-time rate"));
	names = xcalloc(n, sizeof *names);
	for (size_t i = 0; i < n; i++)
		names[i] = plan_dept_label(p, (int)i);
	nw = widest(names, n, 20);
	for (size_t k = 0; k < n && (o->all || rv->dept >= 0 ||
	    shown < SHOW_DEPTS); k++) {
		const struct dept_result *d = &rv->depts[rv->dept_rank[k]];
		char rate[32];
		/* --dept: its own line, at its place among them all. */
		if (rv->dept >= 0 && d->dept != rv->dept)
			continue;
		buf_printf(&o->b, "  %2zu. ", k + 1);
		text_fit_buf(&o->b, names[d->dept], nw, ALIGN_LEFT);
		if (d->on_time_rate >= 0) {
			pct_text(d->on_time_rate * 100, rate);
			buf_printf(&o->b, "  %4s%%  ", rate);
			buf_printf(&o->b, _("%zu of %zu on time"), d->on_time,
			    d->due_so_far);
		} else
			buf_printf(&o->b, "     -   %s", _("nothing due yet"));
		if (d->lead.overdue > 0) {
			char *s = xasprintf(_("%zu overdue"), d->lead.overdue);
			/* TRANSLATORS: between the parts of a list in a
			 * sentence. */
			buf_puts(&o->b, _(", "));
			ansi_put(&o->b, TONE_BAD, o->color, s);
			free(s);
		}
		buf_putc(&o->b, '\n');
		shown++;
	}
	if (rv->dept < 0)
		more(o, n - shown);
	free(names);
}

static void
header(struct out *o)
{
	const struct review *rv = o->rv;
	const struct plan *p = rv->plan;
	char day[32];

	text_fit_buf(&o->b, p->title != NULL ? p->title : p->id, o->width,
	    ALIGN_LEFT);
	end_line(o);
	date_human(rv->asof, day);
	buf_printf(&o->b, _("as of %s, due soon within %d days"), day,
	    rv->warn_days);
	if (rv->dept >= 0) {
		char *d = text_safe(plan_dept_label(p, rv->dept));
		buf_puts(&o->b, "; ");
		buf_printf(&o->b, _("only what %s leads or supports"), d);
		free(d);
	}
	buf_puts(&o->b, "  ");
	ansi_put(&o->b, severity_tone(rv->worst), o->color,
	    severity_key(rv->worst));
	buf_putc(&o->b, '\n');
	if (rv->ignored > 0) {
		buf_printf(&o->b, ngettext("note: %zu recorded level is not in "
		    "its target's scale and was ignored", "note: %zu recorded "
		    "levels are not in their targets' scales and were ignored",
		    (unsigned long)rv->ignored), rv->ignored);
		buf_putc(&o->b, '\n');
	}
}


int
cmd_status(struct cli *cli, const struct cmd_args *a)
{
	const char *warn = cmd_args_get(a, "warn-days");
	struct review_args ra = { .warn_days = -1, .print_diags = true,
	    .dept = cmd_args_get(a, "dept") };
	struct review_ctx ctx;
	struct out o = { .b = BUF_INIT, .fit = BUF_INIT,
	    .all = cmd_args_flag(a, "all") };
	struct review *rs = NULL;
	const struct attn_item *at;
	pw_day since_day = cmd_args_day(a, "since");
	char *err, *end;
	size_t nat;
	long n;
	int rc;

	if (warn != NULL) {
		n = strtol(warn, &end, 10);
		if (*warn < '0' || *warn > '9' || *end != '\0' || n > 3650) {
			cli_usage_error(cli, _("invalid value '%s' for "
			    "--warn-days: expected 0..3650"), warn);
			return cli->cmd->usage_status;
		}
		ra.warn_days = (int)n;
	}
	if (since_day != DAY_NONE && since_day >= cli->today) {
		cli_usage_error(cli, "%s",
		    _("--since must be before the as-of date"));
		return cli->cmd->usage_status;
	}
	if (cli_rollup_wanted(cli)) {
		struct rollup_args ru = { .warn_days = ra.warn_days,
		    .all = o.all };
		return cli_rollup(cli, a, &ru);
	}
	/* The list as of an earlier date, and the weeks back from this
	 * one, are reviews of the whole history up to this date. */
	ra.history = since_day != DAY_NONE;
	if (cli_review_open(cli, &ra, &ctx, &err) != 0) {
		if (err != NULL)
			cli_error("%s", err);
		free(err);
		cli_review_release(&ctx);
		return EXIT_ERROR;
	}
	o.rv = ctx.rv;
	o.color = cli_use_color(cli, stdout);
	o.utf8 = text_utf8_locale();
	o.width = screen_width();
	nat = session_attention(ctx.session, &at);
	header(&o);
	counts(&o);
	attention(&o, at, nat);
	if (since_day != DAY_NONE) {
		struct review_opts so = { .asof = since_day, .warn_days =
		    ctx.rv->warn_days, .dept = ctx.rv->dept };
		rs = review_new(ctx.plan, ctx.facts, &so);
		since(&o, rs, ctx.facts, at, nat);
	}
	phases(&o);
	departments(&o);
	fwrite(buf_str(&o.b), 1, o.b.len, stdout);
	rc = fflush(stdout) != 0 || ferror(stdout) ? EXIT_ERROR : EXIT_OK;
	if (rc != EXIT_OK)
		cli_error(_("cannot write the output"));
	buf_release(&o.b);
	buf_release(&o.fit);
	review_free(rs);
	cli_review_release(&ctx);
	return rc;
}
