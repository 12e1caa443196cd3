/*
 * cmd_status.c: planwatch status: a one-screen summary for a terminal
 * (planwatch-status(1)): the plan, the as-of date, counts by status, the
 * overdue items, the targets missed or at risk, the phases and the
 * departments by on-time rate.
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
#include "model/plan.h"
#include "model/status.h"
#include "report/ansi.h"
#include "report/report.h"
#include "util/buf.h"
#include "util/i18n.h"
#include "util/text.h"
#include "util/xalloc.h"

/* How many rows each list shows without --all. */
#define SHOW_OVERDUE	8
#define SHOW_TARGETS	6
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

	buf_putc(&o->b, '\n');
	text_fit_buf(&o->b, heads[0], hw, ALIGN_LEFT);
	col = hw;
	for (size_t i = 0; i < sizeof ms / sizeof ms[0]; i++)
		count(o, &col, hw, ms_state_symbol(ms[i], o->utf8), msn[i],
		    ms_state_label(ms[i]), ms_state_tone(ms[i]));
	buf_putc(&o->b, '\n');
	text_fit_buf(&o->b, heads[1], hw, ALIGN_LEFT);
	col = hw;
	for (size_t i = 0; i < sizeof tg / sizeof tg[0]; i++)
		count(o, &col, hw, tg_state_symbol(tg[i], o->utf8), tgn[i],
		    tg_state_label(tg[i]), tg_state_tone(tg[i]));
	buf_putc(&o->b, '\n');
	if (c->behind + c->far_behind + c->stale == 0)
		return;
	buf_printf(&o->b, "%*s", hw, "");
	col = hw;
	count(o, &col, hw, "", c->behind, pace_label(PACE_BEHIND), TONE_WARN);
	count(o, &col, hw, "", c->far_behind, pace_label(PACE_FAR_BEHIND),
	    TONE_BAD);
	count(o, &col, hw, "", c->stale, _("stale"), TONE_WARN);
	buf_putc(&o->b, '\n');
}

static void
overdue(struct out *o)
{
	const struct review *rv = o->rv;
	const struct plan *p = rv->plan;
	struct attention *at;
	size_t n = review_attention(rv, SEV_CRITICAL, &at), shown = 0, k = 0;
	struct buf days = BUF_INIT;
	const char **ids, *fmt = NULL;
	int *leads, idw, dw, dayw, namew, fmt_days = 0;

	heading(o, _("Overdue, most overdue first"));
	ids = xcalloc(n + 1, sizeof *ids);
	leads = xcalloc(n + 1, sizeof *leads);
	for (size_t i = 0; i < n; i++) {
		if (at[i].kind != ITEM_INSTANCE ||
		    rv->items[at[i].index].state != MS_OVERDUE)
			continue;
		const struct ms_result *r = &rv->items[at[i].index];
		at[k++] = at[i];
		ids[k - 1] = r->name;
		leads[k - 1] = p->ms[r->in.ms].owner;
	}
	if (k == 0)
		buf_printf(&o->b, "  %s\n", _("nothing overdue"));
	idw = widest(ids, k, INT_MAX);
	dw = widest_lead(p, leads, k, 14);
	dayw = 9;
	/* The name takes what is left, at least ten columns: the department
	 * gives up room for it first. */
	namew = o->width - 2 - 5 - dayw - idw - dw - 6;
	if (namew < 10 && dw > 8) {
		int d = dw - 8 < 10 - namew ? dw - 8 : 10 - namew;
		dw -= d;
		namew += d;
	}
	namew = max_int(10, namew);
	for (size_t i = 0; i < k && (o->all || shown < SHOW_OVERDUE); i++) {
		const struct ms_result *r = &rv->items[at[i].index];
		/* Most overdue first: gettext asked again only when the
		 * count changes, not for each of thousands of rows. */
		if (fmt == NULL || fmt_days != r->days_overdue) {
			fmt = ngettext("%d day", "%d days",
			    (unsigned long)r->days_overdue);
			fmt_days = r->days_overdue;
		}
		buf_reset(&days);
		buf_printf(&days, fmt, r->days_overdue);
		buf_puts(&o->b, "  ");
		cell(o, ms_state_symbol(r->state, o->utf8), o->utf8 ? 2 : 4,
		    ALIGN_LEFT, TONE_BAD);
		buf_putc(&o->b, ' ');
		cell(o, buf_str(&days), dayw, ALIGN_RIGHT, TONE_BAD);
		buf_puts(&o->b, "  ");
		cell(o, r->name, idw, ALIGN_LEFT, TONE_NEUTRAL);
		buf_puts(&o->b, "  ");
		cell(o, plan_dept_label(p, leads[i]), dw, ALIGN_LEFT,
		    TONE_NEUTRAL);
		buf_puts(&o->b, "  ");
		text_fit_buf(&o->b, p->ms[r->in.ms].name, namew, ALIGN_LEFT);
		end_line(o);
		shown++;
	}
	more(o, k - shown);
	buf_release(&days);
	free(ids);
	free(leads);
	free(at);
}

/* "41.2 of >= 50 by 2025-12-31": the value that counts and the target,
 * in the format fmt (translated once for all the targets). */
static char *
target_value(const struct review *rv, size_t i, const char *fmt)
{
	const struct target *t = &rv->plan->targets[i];
	const struct tg_result *r = &rv->targets[i];
	const struct point *pt = r->has_deciding ? &r->deciding :
	    r->has_latest ? &r->latest : NULL;
	struct buf b = BUF_INIT;
	char v[32], goal[32], day[11];
	const char *vs = v, *gs = goal;

	/* ISO even in Chinese: the one-screen summary has no room for
	 * 2025年12月31日 beside the id, the value and the name. */
	date_iso(t->due.day, day);
	if (t->nscale > 0) {
		gs = t->scale[(size_t)t->target];
		vs = pt != NULL ? t->scale[(size_t)pt->value] : "-";
	} else {
		report_num(t->target, goal);
		if (pt != NULL)
			report_num(pt->value, v);
		else
			vs = "-";
	}
	buf_printf(&b, fmt, vs, direction_symbol(t->dir), gs, day);
	return buf_detach(&b);
}

static void
targets(struct out *o)
{
	const struct review *rv = o->rv;
	const struct plan *p = rv->plan;
	size_t *idx = xcalloc(rv->ntargets + 1, sizeof *idx), k = 0;
	char **vals;
	const char **ids, **labels, *fmt = _("%s of %s %s by %s");
	/* Translated once, not once a target. */
	const char *label[2] = { tg_state_label(TG_MISSED),
	    tg_state_label(TG_AT_RISK) };
	int *leads, idw, dw, vw, lw, namew;
	size_t shown = 0;

	/* Missed first, then at risk, each in plan order. */
	for (int pass = 0; pass < 2; pass++)
		for (size_t i = 0; i < rv->ntargets; i++)
			if (rv->targets[i].in_scope && rv->targets[i].state ==
			    (pass == 0 ? TG_MISSED : TG_AT_RISK))
				idx[k++] = i;
	heading(o, _("Targets missed or at risk"));
	if (k == 0)
		buf_printf(&o->b, "  %s\n", _("none"));
	vals = xcalloc(k + 1, sizeof *vals);
	ids = xcalloc(k + 1, sizeof *ids);
	leads = xcalloc(k + 1, sizeof *leads);
	labels = xcalloc(k + 1, sizeof *labels);
	for (size_t i = 0; i < k; i++) {
		vals[i] = target_value(rv, idx[i], fmt);
		ids[i] = p->targets[idx[i]].id;
		leads[i] = p->targets[idx[i]].owner;
		labels[i] = label[rv->targets[idx[i]].state != TG_MISSED];
	}
	idw = widest(ids, k, INT_MAX);
	dw = widest_lead(p, leads, k, 14);
	vw = widest((const char *const *)vals, k, 36);
	lw = widest(labels, k, 12);
	/* The name takes what is left, at least ten columns: the department,
	 * then the value give up room for it (cut with an ellipsis); the id
	 * never does. */
	namew = o->width - 2 - 5 - lw - idw - vw - dw - 8;
	int *give[] = { &dw, &vw }, least[] = { 8, 20 };
	for (size_t g = 0; g < 2 && namew < 10; g++) {
		int d = *give[g] - least[g];
		if (d > 10 - namew)
			d = 10 - namew;
		if (d > 0) {
			*give[g] -= d;
			namew += d;
		}
	}
	namew = max_int(10, namew);
	for (size_t i = 0; i < k && (o->all || shown < SHOW_TARGETS); i++) {
		const struct tg_result *r = &rv->targets[idx[i]];
		enum tone tone = tg_state_tone(r->state);
		buf_puts(&o->b, "  ");
		cell(o, tg_state_symbol(r->state, o->utf8), o->utf8 ? 2 : 4,
		    ALIGN_LEFT, tone);
		buf_putc(&o->b, ' ');
		cell(o, labels[i], lw, ALIGN_LEFT, tone);
		buf_puts(&o->b, "  ");
		cell(o, ids[i], idw, ALIGN_LEFT, TONE_NEUTRAL);
		buf_puts(&o->b, "  ");
		cell(o, vals[i], vw, ALIGN_LEFT, TONE_NEUTRAL);
		buf_puts(&o->b, "  ");
		cell(o, plan_dept_label(p, leads[i]), dw, ALIGN_LEFT,
		    TONE_NEUTRAL);
		buf_puts(&o->b, "  ");
		text_fit_buf(&o->b, p->targets[idx[i]].name, namew,
		    ALIGN_LEFT);
		end_line(o);
		shown++;
	}
	more(o, k - shown);
	for (size_t i = 0; i < k; i++)
		free(vals[i]);
	free(vals);
	free(ids);
	free(leads);
	free(labels);
	free(idx);
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
	heading(o, _("Phases"));
	names = xcalloc(rv->nphases, sizeof *names);
	for (size_t i = 0; i < rv->nphases; i++)
		if (rv->phases[i].in_scope)
			names[n++] = p->phases[i].name;
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
	for (size_t k = 0; k < n && (o->all || shown < SHOW_DEPTS); k++) {
		const struct dept_result *d = &rv->depts[rv->dept_rank[k]];
		char rate[32];
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

enum { OPT_DEPT = OPT_COMMON_LAST, OPT_WARN_DAYS, OPT_ALL };

int
cmd_status(struct cli *cli, int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "dept", required_argument, NULL, OPT_DEPT },
		{ "warn-days", required_argument, NULL, OPT_WARN_DAYS },
		{ "all", no_argument, NULL, OPT_ALL },
		COMMON_LONGOPTS
	};
	struct review_args ra = { .warn_days = -1, .print_diags = true };
	struct review_ctx ctx;
	struct out o = { .b = BUF_INIT, .fit = BUF_INIT };
	char *err, *end;
	long n;
	int c, rc;

	while ((c = getopt_long(argc, argv, COMMON_SHORTOPTS, longopts,
	    NULL)) != -1) {
		switch (c) {
		case OPT_DEPT:
			ra.dept = optarg;
			continue;
		case OPT_WARN_DAYS:
			n = strtol(optarg, &end, 10);
			if (*optarg < '0' || *optarg > '9' || *end != '\0' ||
			    n > 3650) {
				cli_usage_error(cli, _("invalid value '%s' for "
				    "--warn-days: expected 0..3650"), optarg);
				return cli->cmd->usage_status;
			}
			ra.warn_days = (int)n;
			continue;
		case OPT_ALL:
			o.all = true;
			continue;
		}
		if ((rc = cli_common_option(cli, c, optarg)) != 0)
			return rc > 0 ? EXIT_OK : cli->cmd->usage_status;
	}
	if (optind < argc) {
		cli_usage_error(cli, _("unexpected argument '%s'"),
		    argv[optind]);
		return cli->cmd->usage_status;
	}
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
	header(&o);
	counts(&o);
	overdue(&o);
	targets(&o);
	phases(&o);
	departments(&o);
	fwrite(buf_str(&o.b), 1, o.b.len, stdout);
	rc = fflush(stdout) != 0 || ferror(stdout) ? EXIT_ERROR : EXIT_OK;
	if (rc != EXIT_OK)
		cli_error(_("cannot write the output"));
	buf_release(&o.b);
	buf_release(&o.fit);
	cli_review_release(&ctx);
	return rc;
}
