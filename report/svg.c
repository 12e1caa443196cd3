/*
 * svg.c: the inline SVG charts of the HTML report: a Gantt chart of the
 * phases and milestones with the as-of date marked, and a small line chart
 * per target with its target line and stages.  Coordinates are in a fixed
 * viewBox; the page scales it to the column width (186 mm on A4), so the
 * sizes below are chosen for what prints: 10 units of the Gantt's 600 are
 * 8.8 pt, 10 of a target chart's 300 in its half column 8.6 pt.
 *
 * Colour is never the only signal: each milestone state has a fill
 * pattern and an end mark of its own (the marks are the shapes of the
 * state symbols of the tables: ✔ ✔! ✖ ◷ ▸ ○), and a legend names them.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "report/report.h"
#include "report/svg.h"
#include "report/words.h"
#include "util/buf.h"
#include "util/i18n.h"
#include "util/text.h"
#include "util/xalloc.h"

#define GW	600	/* Gantt width */
#define GLABEL	262	/* label column */
#define GLINE	12	/* a line of a label */
#define GTOP	32	/* axis: year or month ticks, the as-of label */
#define GWRAP	44	/* columns of a label line */
#define GLINES	4	/* lines of a label at most */
#define GINDENT	12	/* a milestone's label under its group's */
#define GMARK	9	/* end marks closer than this are thinned */
#define GPAGE	760	/* a chunk's height at most, so that each fits a page */

const char *
svg_tone_colour(enum tone t)
{
	switch (t) {
	case TONE_GOOD:
		return "#2e7d32";
	case TONE_INFO:
		return "#1565c0";
	case TONE_WARN:
		return "#e08a00";
	case TONE_BAD:
		return "#c62828";
	default:
		return "#9e9e9e";
	}
}

/* A label cut to width columns, then HTML-escaped. */
static void
label(struct buf *b, const char *s, int width)
{
	char *fit = text_fit(s, width, ALIGN_LEFT);
	size_t n = strlen(fit);

	while (n > 0 && fit[n - 1] == ' ')
		fit[--n] = '\0';
	esc_html(b, fit);
	free(fit);
}

struct span {
	pw_day	lo, hi;
};

static void
widen(struct span *s, pw_day d)
{
	if (d == DAY_NONE)
		return;
	if (s->lo == DAY_NONE || d < s->lo)
		s->lo = d;
	if (s->hi == DAY_NONE || d > s->hi)
		s->hi = d;
}

static double
gx(const struct span *s, pw_day d)
{
	return GLABEL + (double)(d - s->lo) / (double)(s->hi - s->lo + 1) *
	    (GW - GLABEL - 8);
}

/* Year (or, for short plans, month) ticks along the top. */
static void
axis(struct buf *b, const struct span *s, double height)
{
	int y0, y1, m, d;
	bool months = s->hi - s->lo < 550;

	date_to_ymd(s->lo, &y0, &m, &d);
	date_to_ymd(s->hi, &y1, &m, &d);
	for (int y = y0; y <= y1 + 1; y++)
		for (int mo = 1; mo <= 12; mo += months ? 1 : 12) {
			pw_day t = date_from_ymd(y, mo, 1);
			double x;

			if (t < s->lo || t > s->hi)
				continue;
			x = gx(s, t);
			buf_printf(b, "<line x1=\"%.1f\" y1=\"14\" x2=\"%.1f\" "
			    "y2=\"%.1f\" class=\"grid\"/>", x, x, height);
			if (months)
				buf_printf(b, "<text x=\"%.1f\" y=\"11\" "
				    "class=\"tick\">%d-%02d</text>", x + 2,
				    y % 100, mo);
			else
				buf_printf(b, "<text x=\"%.1f\" y=\"11\" "
				    "class=\"tick\">%d</text>", x + 2, y);
		}
}

/*
 * The state marks, in a box of 8 by 8 whose right edge is at x and whose
 * middle is at y: the shapes of the tables' symbols, so that a printout in
 * greyscale still tells them apart.
 */
static void
mark(struct buf *b, enum ms_state st, double x, double y, const char *col)
{
	if (st == MS_ACTIVE) {
		buf_printf(b, "<path class=\"mk-active\" fill=\"%s\" "
		    "d=\"M%.1f %.1fl6 4l-6 4z\"/>", col, x - 7, y - 4);
		return;
	}
	buf_printf(b, "<path class=\"mk-%s\" fill=\"none\" stroke=\"%s\" d=\"",
	    ms_state_key(st), col);
	switch (st) {
	case MS_DONE:
		buf_printf(b, "M%.1f %.1fl2.5 3l5.5 -7", x - 8, y);
		break;
	case MS_LATE:
		buf_printf(b, "M%.1f %.1fl2 2.5l4 -6M%.1f %.1fv5.5m0 1.5v1",
		    x - 8, y, x, y - 4);
		break;
	case MS_OVERDUE:
		buf_printf(b, "M%.1f %.1fl7 7m0 -7l-7 7", x - 7.5, y - 3.5);
		break;
	case MS_DUE_SOON:
		buf_printf(b, "M%.1f %.1fa3.5 3.5 0 1 0 0.01 0zM%.1f %.1fv-2.5h2",
		    x - 4, y - 3.5, x - 4, y);
		break;
	default:	/* pending: a ring */
		buf_printf(b, "M%.1f %.1fa3.2 3.2 0 1 0 0.01 0z", x - 4, y - 3.2);
	}
	buf_puts(b, "\"/>");
}

/*
 * The fill patterns of the milestone states, defined once per document
 * (a hidden SVG before the Gantt chart): done solid, done late hatched,
 * overdue cross-hatched, due soon dotted, active striped, pending empty.
 */
static void
gantt_defs(struct buf *b)
{
	buf_puts(b, "<svg class=\"defs\" aria-hidden=\"true\"><defs>");
	for (int st = 0; st < MS_NSTATES; st++) {
		const char *col = svg_tone_colour(ms_state_tone(st));

		buf_printf(b, "<pattern id=\"pw-%s\" width=\"4\" height=\"4\" "
		    "patternUnits=\"userSpaceOnUse\"><rect width=\"4\" "
		    "height=\"4\" fill=\"%s\" fill-opacity=\"%s\"/>",
		    ms_state_key(st), col, st == MS_PENDING ? "0" :
		    st == MS_DONE ? "0.55" : "0.2");
		switch (st) {
		case MS_LATE:
			buf_printf(b, "<path d=\"M-1 1l2 -2M0 4l4 -4M3 5l2 "
			    "-2\" stroke=\"%s\" stroke-width=\"0.9\"/>", col);
			break;
		case MS_OVERDUE:
			buf_printf(b, "<path d=\"M0 0l4 4M0 4l4 -4\" "
			    "stroke=\"%s\" stroke-width=\"0.8\"/>", col);
			break;
		case MS_DUE_SOON:
			buf_printf(b, "<circle cx=\"2\" cy=\"2\" r=\"0.8\" "
			    "fill=\"%s\"/>", col);
			break;
		case MS_ACTIVE:
			buf_printf(b, "<path d=\"M1 0v4\" stroke=\"%s\" "
			    "stroke-width=\"0.8\"/>", col);
			break;
		default:
			break;
		}
		buf_puts(b, "</pattern>");
	}
	buf_puts(b, "</defs></svg>\n");
}

/* A bar of state st from x0 to x1 at y, 8 high. */
static void
bar(struct buf *b, enum ms_state st, double x0, double x1, double y)
{
	const char *key = ms_state_key(st);

	buf_printf(b, "<rect class=\"bar-%s\" x=\"%.1f\" y=\"%.1f\" "
	    "width=\"%.1f\" height=\"8\" fill=\"url(#pw-%s)\" stroke=\"%s\"%s",
	    key, x0, y, x1 - x0, key, svg_tone_colour(ms_state_tone(st)),
	    st == MS_PENDING ? " stroke-dasharray=\"2 1\"" : "");
}

/* The Gantt chart's legend: each state's bar, mark and words. */
static void
gantt_legend(struct buf *b)
{
	static const enum ms_state order[] = { MS_DONE, MS_LATE, MS_OVERDUE,
	    MS_DUE_SOON, MS_ACTIVE, MS_PENDING };

	buf_puts(b, "<p class=\"legend\">");
	for (size_t i = 0; i < sizeof order / sizeof order[0]; i++) {
		enum ms_state st = order[i];

		buf_puts(b, "<span class=\"item\"><svg viewBox=\"0 0 34 12\">");
		bar(b, st, 1, 22, 2);
		buf_puts(b, "/>");
		mark(b, st, 33, 6, svg_tone_colour(ms_state_tone(st)));
		buf_puts(b, "</svg><span class=\"key\">");
		esc_html(b, ms_state_label(st));
		buf_puts(b, "</span></span>");
	}
	buf_puts(b, "<span class=\"item\"><svg viewBox=\"0 0 34 12\">"
	    "<line x1=\"17\" y1=\"0\" x2=\"17\" y2=\"12\" class=\"asof\"/>"
	    "</svg><span class=\"key\">");
	esc_html(b, _("As of"));
	buf_puts(b, "</span></span></p>\n");
}

/*
 * One row of the Gantt chart: a phase (its bar), the group of milestones
 * without a phase, a milestone (its instances), or a line saying how many
 * milestones of the group above were left out and how many of those need
 * attention.  Its label is wrapped into lines.
 */
enum grow_kind { GR_PHASE, GR_NOPHASE, GR_MS, GR_LEFT };
struct grow {
	enum grow_kind	 kind;
	int		 idx;		/* phase or milestone index */
	char		*lines;		/* the label, "\n" after each line */
	int		 nlines;
};

static double
grow_height(const struct grow *g)
{
	return 4 + GLINE * g->nlines;
}

/* Wrap a label (id and name) into at most GLINES lines of width columns;
 * only a longer one is cut, with an ellipsis, on its last line. */
static void
grow_label(struct grow *g, const char *id, const char *name, int width)
{
	struct buf in = BUF_INIT, out = BUF_INIT;
	char *s, *p, *e;

	if (id != NULL) {
		buf_puts(&in, id);
		buf_putc(&in, ' ');
	}
	buf_puts(&in, name);
	report_wrap(&out, buf_str(&in), width, "");
	buf_release(&in);
	s = buf_detach(&out);
	p = s;
	for (int i = 0; i < GLINES - 1 && (e = strchr(p, '\n')) != NULL; i++)
		p = e + 1;
	if ((e = strchr(p, '\n')) != NULL && e[1] != '\0') {
		char *fit;
		size_t len;

		for (e = p; *e != '\0'; e++)
			if (*e == '\n')
				*e = ' ';
		fit = text_fit(p, width, ALIGN_LEFT);
		len = strlen(fit);
		while (len > 0 && fit[len - 1] == ' ')
			fit[--len] = '\0';
		*p = '\0';
		buf_puts(&out, s);
		buf_puts(&out, fit);
		buf_putc(&out, '\n');
		free(fit);
		free(s);
		s = buf_detach(&out);
	}
	g->lines = s;
	g->nlines = 0;
	for (p = s; *p != '\0'; p++)
		g->nlines += *p == '\n';
	if (g->nlines == 0)
		g->nlines = 1;
}

/* The label's lines at x from the row's top y. */
static void
grow_text(struct buf *b, const struct grow *g, double x, double y,
    const char *class)
{
	const char *p = g->lines;

	buf_printf(b, "<text x=\"%.1f\" y=\"%.1f\" class=\"%s\">", x, y + 12,
	    class);
	for (int i = 0; *p != '\0'; i++) {
		const char *e = strchr(p, '\n');
		char *line = xstrndup(p, e != NULL ? (size_t)(e - p) :
		    strlen(p));

		if (i > 0)
			buf_printf(b, "<tspan x=\"%.1f\" dy=\"%d\">", x, GLINE);
		esc_html(b, line);
		if (i > 0)
			buf_puts(b, "</tspan>");
		free(line);
		p = e != NULL ? e + 1 : p + strlen(p);
	}
	buf_puts(b, "</text>");
}

static void
gantt_phase(struct buf *b, const struct report *r, const struct span *s,
    const struct grow *g, double y)
{
	const struct phase *P = &r->plan->phases[g->idx];
	const struct phase_result *pr = &r->rv->phases[g->idx];

	grow_text(b, g, 2, y, "ph");
	if (P->start.day == DAY_NONE || P->end.day == DAY_NONE)
		return;
	double x0 = gx(s, P->start.day), x1 = gx(s, P->end.day + 1);
	buf_printf(b, "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" "
	    "height=\"10\" class=\"phbar\"/>", x0, y + 3, x1 - x0);
	buf_printf(b, "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" "
	    "height=\"10\" fill=\"%s\"/>", x0, y + 3,
	    (x1 - x0) * pr->progress / 100, svg_tone_colour(pr->overdue ?
	    TONE_BAD : severity_tone(pr->sev)));
}

static void
gantt_ms(struct buf *b, const struct report *r, const struct span *s,
    const struct grow *g, double y)
{
	const struct review *rv = r->rv;
	const struct ms_span *sp = &r->spans[g->idx];
	double last = -1e9;
	char date[32];

	grow_text(b, g, GINDENT, y, "ms");
	/*
	 * Marks closer than GMARK overlap: then only those of instances
	 * that need attention are drawn, from the left, each clear of the
	 * one before.
	 */
	bool dense = false;
	for (size_t i = sp->first + 1; i < sp->first + sp->n; i++)
		if (gx(s, rv->items[i].in.due) - gx(s, rv->items[i - 1].in.due)
		    < GMARK)
			dense = true;
	for (size_t i = sp->first; i < sp->first + sp->n; i++) {
		const struct ms_result *mr = &rv->items[i];
		double x0, x1;

		x1 = gx(s, mr->in.due + 1);
		x0 = mr->in.start != DAY_NONE ? gx(s, mr->in.start) : x1 - 3;
		if (x1 - x0 < 3)
			x0 = x1 - 3;
		date_iso(mr->in.due, date);
		bar(b, mr->state, x0, x1, y + 4);
		buf_puts(b, "><title>");
		esc_html(b, mr->name);
		buf_printf(b, " %s %s</title></rect>", date,
		    ms_state_key(mr->state));
		if (dense && (mr->sev < SEV_WARNING || x1 - last < GMARK))
			continue;
		mark(b, mr->state, x1 + 8, y + 8,
		    svg_tone_colour(ms_state_tone(mr->state)));
		last = x1;
	}
}

/* Does a milestone have an instance that needs attention? */
static bool
ms_attention(const struct report *r, size_t m)
{
	const struct ms_span *sp = &r->spans[m];

	for (size_t i = sp->first; i < sp->first + sp->n; i++)
		if (r->rv->items[i].sev >= SEV_WARNING)
			return true;
	return false;
}

/* The rows of milestones first..first+n-1 (of one phase, or every
 * milestone without one when ph < 0): those shown, and one line for the
 * rest.  Returns the new count of rows. */
static size_t
gantt_rows(const struct report *r, struct grow *rows, size_t n, int ph,
    size_t first, size_t count)
{
	const struct plan *p = r->plan;
	size_t left = 0, attn = 0;

	for (size_t m = first; m < first + count; m++) {
		if (ph < 0 && p->ms[m].phase >= 0)
			continue;
		if (r->ms_shown == NULL || r->ms_shown[m]) {
			rows[n] = (struct grow){ GR_MS, (int)m, NULL, 0 };
			grow_label(&rows[n++], p->ms[m].id, p->ms[m].name,
			    GWRAP - 2);
		} else {
			left++;
			attn += ms_attention(r, m);
		}
	}
	if (left > 0) {
		char line[256];

		snprintf(line, sizeof line, _("%zu more milestones, %zu of "
		    "them need attention"), left, attn);
		rows[n] = (struct grow){ GR_LEFT, -1, NULL, 0 };
		grow_label(&rows[n++], NULL, line, GWRAP - 2);
	}
	return n;
}

/* The as-of line down the chunk, its date beside it: right of the line,
 * or left of it when the date would run off the chart. */
static void
gantt_asof(struct buf *b, double ax, double h, const char *date)
{
	bool left = ax + 4 + 5.5 * text_width(date) > GW;

	buf_printf(b, "<line x1=\"%.1f\" y1=\"14\" x2=\"%.1f\" y2=\"%.1f\" "
	    "class=\"asof\"/><text x=\"%.1f\" y=\"%d\" class=\"asoft\"%s>",
	    ax, ax, h, left ? ax - 2 : ax + 2, GTOP - 6,
	    left ? " text-anchor=\"end\"" : "");
	esc_html(b, date);
	buf_puts(b, "</text>");
}

void
svg_gantt(struct rsink *o, const struct report *r)
{
	struct buf *b = o->b;
	const struct review *rv = r->rv;
	const struct plan *p = r->plan;
	struct span s = { DAY_NONE, DAY_NONE };
	struct grow *rows;
	size_t n = 0, nophase = 0;
	char date[32];

	widen(&s, p->start.day);
	widen(&s, p->end.day);
	for (size_t i = 0; i < p->nphases; i++) {
		widen(&s, p->phases[i].start.day);
		widen(&s, p->phases[i].end.day);
	}
	for (size_t i = 0; i < rv->nitems; i++) {
		widen(&s, rv->items[i].in.start);
		widen(&s, rv->items[i].in.due);
	}
	widen(&s, rv->asof);
	if (s.lo == DAY_NONE || p->nms + p->nphases == 0)
		return;
	for (size_t m = 0; m < p->nms; m++)
		nophase += p->ms[m].phase < 0;
	rows = xcalloc(2 * p->nphases + p->nms + 2, sizeof *rows);
	for (size_t ph = 0; ph < p->nphases; ph++) {
		rows[n] = (struct grow){ GR_PHASE, (int)ph, NULL, 0 };
		grow_label(&rows[n++], p->phases[ph].id, p->phases[ph].name,
		    GWRAP);
		n = gantt_rows(r, rows, n, (int)ph, p->phases[ph].ms_first,
		    p->phases[ph].ms_count);
	}
	/* Milestones without a phase under a heading of their own, not
	 * under the last phase as if they belonged to it. */
	if (nophase > 0 && p->nphases > 0) {
		rows[n] = (struct grow){ GR_NOPHASE, -1, NULL, 0 };
		grow_label(&rows[n++], NULL, _("Milestones without a phase"),
		    GWRAP);
	}
	n = gantt_rows(r, rows, n, -1, 0, p->nms);
	date_human(rv->asof, date);
	gantt_defs(b);
	gantt_legend(b);
	for (size_t c = 0, k; c < n; c = k) {
		double h = GTOP, y = GTOP;
		double ax = gx(&s, rv->asof);

		for (k = c; k < n && (k == c || h + grow_height(&rows[k]) <
		    GPAGE); k++)
			h += grow_height(&rows[k]);
		h += 4;
		buf_printf(b, "<svg class=\"gantt\" viewBox=\"0 0 %d %.0f\" "
		    "role=\"img\">", GW, h);
		buf_printf(b, "<title>%s</title>", _("Phases and milestones"));
		axis(b, &s, h);
		for (size_t i = c; i < k; y += grow_height(&rows[i]), i++)
			switch (rows[i].kind) {
			case GR_PHASE:
				gantt_phase(b, r, &s, &rows[i], y);
				break;
			case GR_NOPHASE:
				grow_text(b, &rows[i], 2, y, "ph");
				break;
			case GR_MS:
				gantt_ms(b, r, &s, &rows[i], y);
				break;
			default:
				grow_text(b, &rows[i], GINDENT, y, "ms");
			}
		gantt_asof(b, ax, h, date);
		buf_puts(b, "</svg>\n");
		rsink_mark(o);
	}
	for (size_t i = 0; i < n; i++)
		free(rows[i].lines);
	free(rows);
}

#define CW	300
#define CH	130
#define CL	64	/* left margin for values and their unit */
#define CB	18	/* bottom margin for dates */
#define CT	8
#define SPARSE	((CW - CL - 6) / 8)	/* dots 4 wide, as far apart */

void
svg_target(struct buf *b, const struct review *rv, size_t ti)
{
	const struct tg_result *tr = &rv->targets[ti];
	const struct target *t = &rv->plan->targets[tr->target];
	struct span s = { DAY_NONE, DAY_NONE };
	double lo = t->target, hi = t->target;
	char num[128], date[32];

	widen(&s, plan_target_start(rv->plan, t));
	widen(&s, t->due.day);
	widen(&s, rv->asof);
	if (t->has_baseline) {
		widen(&s, t->baseline_date.day);
		lo = fmin(lo, t->baseline);
		hi = fmax(hi, t->baseline);
	}
	for (size_t i = 0; i < tr->nseries; i++) {
		widen(&s, tr->series[i].date);
		lo = fmin(lo, tr->series[i].value);
		hi = fmax(hi, tr->series[i].value);
	}
	for (size_t i = 0; i < t->nstages; i++) {
		widen(&s, t->stages[i].due.day);
		lo = fmin(lo, t->stages[i].target);
		hi = fmax(hi, t->stages[i].target);
	}
	if (s.lo == DAY_NONE || s.hi == s.lo)
		return;
	if (hi - lo < 1e-9) {
		lo -= 1;
		hi += 1;
	}
	double pad = (hi - lo) * 0.08;
	lo -= pad;
	hi += pad;
#define X(d) (CL + (double)((d) - s.lo) / (double)(s.hi - s.lo) * \
	    (CW - CL - 6))
#define Y(v) (CT + (hi - (v)) / (hi - lo) * (CH - CT - CB))

	buf_printf(b, "<svg class=\"chart\" viewBox=\"0 0 %d %d\" "
	    "role=\"img\">", CW, CH);
	buf_puts(b, "<title>");
	esc_html(b, t->name);
	buf_puts(b, "</title>");
	buf_printf(b, "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" "
	    "class=\"frame\"/>", CL, CT, CW - CL - 6, CH - CT - CB);
	/* Value labels, with their unit: top and bottom. */
	for (int k = 0; k < 2; k++) {
		double v = k == 0 ? hi - pad : lo + pad;

		report_tg_value(t, v, num, sizeof num);
		buf_printf(b, "<text x=\"%d\" y=\"%.1f\" class=\"vl\">", CL - 3,
		    Y(v) + 3);
		label(b, num, 11);
		buf_puts(b, "</text>");
	}
	date_iso(s.lo, date);
	buf_printf(b, "<text x=\"%d\" y=\"%d\" class=\"dl\">%s</text>", CL,
	    CH - 4, date);
	date_iso(s.hi, date);
	buf_printf(b, "<text x=\"%d\" y=\"%d\" class=\"dl\" "
	    "text-anchor=\"end\">%s</text>", CW - 6, CH - 4, date);
	/* The target line, and the stages on the way. */
	buf_printf(b, "<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" "
	    "class=\"goal\"/>", CL, Y(t->target), CW - 6, Y(t->target));
	if (t->due.day != DAY_NONE)
		buf_printf(b, "<path d=\"M%.1f %.1fl4 4l-4 4l-4 -4z\" "
		    "class=\"goalpt\"/>", X(t->due.day), Y(t->target) - 4);
	for (size_t i = 0; i < t->nstages; i++) {
		bool missed = tr->stage_missed == (int)i;
		buf_printf(b, "<rect x=\"%.1f\" y=\"%.1f\" width=\"6\" "
		    "height=\"6\" class=\"%s\"/>", X(t->stages[i].due.day) - 3,
		    Y(t->stages[i].target) - 3, missed ? "stagex" : "stage");
	}
	/* As of. */
	buf_printf(b, "<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" "
	    "class=\"asof\"/>", X(rv->asof), CT, X(rv->asof), CH - CB);
	/* The values. */
	if (tr->nseries > 0) {
		const char *col = svg_tone_colour(tg_state_tone(tr->state));
		const struct point *v = tr->series;
		size_t n = tr->nseries;

		buf_printf(b, "<polyline fill=\"none\" stroke=\"%s\" "
		    "stroke-width=\"1.6\" points=\"", col);
		/*
		 * One column of the viewBox per bucket, and in each the
		 * lowest and the highest value in the order they came (or
		 * the one value): the line drawn is the whole series' to
		 * the width of a pixel, so a week's dip still shows, which
		 * the last value per bucket would hide.  Years of weekly
		 * values make at most two points per column.
		 */
		for (size_t i = 0, np = 0; i < n;) {
			long col0 = lround(X(v[i].date));
			size_t vmin = i, vmax = i, j = i + 1;

			while (j < n && lround(X(v[j].date)) == col0) {
				if (v[j].value < v[vmin].value)
					vmin = j;
				if (v[j].value > v[vmax].value)
					vmax = j;
				j++;
			}
			/* In the order they came. */
			size_t a = vmin < vmax ? vmin : vmax;
			size_t z = vmin < vmax ? vmax : vmin;

			buf_printf(b, "%s%.1f,%.1f", np++ ? " " : "",
			    X(v[a].date), Y(v[a].value));
			if (z != a)
				buf_printf(b, " %.1f,%.1f", X(v[z].date),
				    Y(v[z].value));
			i = j;
		}
		buf_puts(b, "\"/>");
		/* A dot per value only while the dots stand apart. */
		if (n <= SPARSE)
			for (size_t i = 0; i < n; i++)
				buf_printf(b, "<circle cx=\"%.1f\" cy=\"%.1f\" "
				    "r=\"2\" fill=\"%s\"/>", X(v[i].date),
				    Y(v[i].value), col);
	} else
		buf_printf(b, "<text x=\"%d\" y=\"%d\" class=\"nodata\">%s"
		    "</text>", (CW + CL) / 2, CH / 2, tg_state_label(TG_NO_DATA));
	buf_puts(b, "</svg>");
#undef X
#undef Y
}
