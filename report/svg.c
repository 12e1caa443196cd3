/*
 * svg.c: the inline SVG charts of the HTML report: a Gantt chart of the
 * phases and milestones with the as-of date marked, and a small line chart
 * per target with its target line and stages.  Coordinates are in a fixed
 * viewBox; the page scales it to the column width.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "report/report.h"
#include "report/svg.h"
#include "util/buf.h"
#include "util/i18n.h"
#include "util/text.h"
#include "util/xalloc.h"

#define GW	720	/* Gantt width */
#define GLABEL	200	/* label column */
#define GROW	15	/* row height */
#define GTOP	22	/* axis height */

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
			buf_printf(b, "<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" "
			    "y2=\"%.1f\" class=\"grid\"/>", x, GTOP - 4, x,
			    height);
			if (months)
				buf_printf(b, "<text x=\"%.1f\" y=\"%d\" "
				    "class=\"tick\">%d-%02d</text>", x + 2,
				    GTOP - 8, y % 100, mo);
			else
				buf_printf(b, "<text x=\"%.1f\" y=\"%d\" "
				    "class=\"tick\">%d</text>", x + 2, GTOP - 8,
				    y);
		}
}

/* One row of the Gantt chart: a phase (its bar), a milestone (its
 * instances), or a line saying how many milestones of the phase above (or
 * without a phase) were left out and how many of those need attention. */
struct grow {
	int	phase;		/* >= 0: a phase row */
	int	ms;		/* >= 0: a milestone row */
	size_t	left, attn;	/* phase = ms = -1: what is left out */
};

#define GCHUNK	40	/* rows per SVG, so that each fits a page */

static void
gantt_phase(struct buf *b, const struct report *r, const struct span *s,
    int ph, double y)
{
	const struct phase *P = &r->plan->phases[ph];
	const struct phase_result *pr = &r->rv->phases[ph];

	buf_printf(b, "<text x=\"2\" y=\"%.1f\" class=\"ph\">", y + 11);
	label(b, P->name, 30);
	buf_puts(b, "</text>");
	if (P->start.day == DAY_NONE || P->end.day == DAY_NONE)
		return;
	double x0 = gx(s, P->start.day), x1 = gx(s, P->end.day + 1);
	buf_printf(b, "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" "
	    "height=\"10\" class=\"phbar\"/>", x0, y + 2, x1 - x0);
	buf_printf(b, "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" "
	    "height=\"10\" fill=\"%s\"/>", x0, y + 2,
	    (x1 - x0) * pr->progress / 100, svg_tone_colour(pr->overdue ?
	    TONE_BAD : severity_tone(pr->sev)));
}

static void
gantt_ms(struct buf *b, const struct report *r, const struct span *s,
    int m, double y)
{
	const struct review *rv = r->rv;
	char date[32];

	buf_printf(b, "<text x=\"10\" y=\"%.1f\" class=\"ms\">", y + 11);
	label(b, r->plan->ms[m].name, 28);
	buf_puts(b, "</text>");
	for (size_t i = r->spans[m].first; i < r->spans[m].first +
	    r->spans[m].n; i++) {
		const struct ms_result *mr = &rv->items[i];
		const char *col;
		double x0, x1;

		col = svg_tone_colour(ms_state_tone(mr->state));
		x1 = gx(s, mr->in.due + 1);
		x0 = mr->in.start != DAY_NONE ? gx(s, mr->in.start) : x1 - 3;
		if (x1 - x0 < 3)
			x0 = x1 - 3;
		date_iso(mr->in.due, date);
		buf_printf(b, "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" "
		    "height=\"7\" fill=\"%s\" fill-opacity=\"0.35\" "
		    "stroke=\"%s\" stroke-width=\"0.6\"><title>", x0, y + 4,
		    x1 - x0, col, col);
		esc_html(b, mr->name);
		buf_printf(b, " %s %s</title></rect>", date,
		    ms_state_key(mr->state));
		buf_printf(b, "<path d=\"M%.1f %.1fl3.5 3.5l-3.5 3.5l-3.5 "
		    "-3.5z\" fill=\"%s\"/>", x1, y + 4, col);
	}
}

static void
gantt_left(struct buf *b, const struct grow *g, double y)
{
	char line[256];

	snprintf(line, sizeof line, _("%zu more milestones, %zu of them need "
	    "attention"), g->left, g->attn);
	buf_printf(b, "<text x=\"10\" y=\"%.1f\" class=\"ms\">", y + 11);
	esc_html(b, line);
	buf_puts(b, "</text>");
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
	struct grow left = { -1, -1, 0, 0 };

	for (size_t m = first; m < first + count; m++) {
		if (ph < 0 && p->ms[m].phase >= 0)
			continue;
		if (r->ms_shown == NULL || r->ms_shown[m])
			rows[n++] = (struct grow){ -1, (int)m, 0, 0 };
		else {
			left.left++;
			left.attn += ms_attention(r, m);
		}
	}
	if (left.left > 0)
		rows[n++] = left;
	return n;
}

void
svg_gantt(struct rsink *o, const struct report *r)
{
	struct buf *b = o->b;
	const struct review *rv = r->rv;
	const struct plan *p = r->plan;
	struct span s = { DAY_NONE, DAY_NONE };
	struct grow *rows;
	size_t n = 0;
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
	rows = xcalloc(2 * p->nphases + p->nms + 1, sizeof *rows);
	for (size_t ph = 0; ph < p->nphases; ph++) {
		rows[n++] = (struct grow){ (int)ph, -1, 0, 0 };
		n = gantt_rows(r, rows, n, (int)ph, p->phases[ph].ms_first,
		    p->phases[ph].ms_count);
	}
	n = gantt_rows(r, rows, n, -1, 0, p->nms);
	date_human(rv->asof, date);
	for (size_t c = 0; c < n; c += GCHUNK) {
		size_t k = n - c < GCHUNK ? n - c : GCHUNK;
		double h = GTOP + (double)k * GROW + 6, y = GTOP;
		double ax = gx(&s, rv->asof);

		buf_printf(b, "<svg class=\"gantt\" viewBox=\"0 0 %d %.0f\" "
		    "role=\"img\">", GW, h);
		buf_printf(b, "<title>%s</title>", _("Phases and milestones"));
		axis(b, &s, h);
		for (size_t i = c; i < c + k; i++, y += GROW)
			if (rows[i].phase >= 0)
				gantt_phase(b, r, &s, rows[i].phase, y);
			else if (rows[i].ms >= 0)
				gantt_ms(b, r, &s, rows[i].ms, y);
			else
				gantt_left(b, &rows[i], y);
		buf_printf(b, "<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" "
		    "y2=\"%.1f\" class=\"asof\"/><text x=\"%.1f\" "
		    "y=\"%d\" class=\"asoft\">", ax, GTOP - 4, ax, h, ax + 2,
		    GTOP);
		esc_html(b, date);
		buf_puts(b, "</text></svg>\n");
		rsink_mark(o);
	}
	free(rows);
}

#define CW	300
#define CH	130
#define CL	42	/* left margin for values */
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
	char num[32], date[32];

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
	/* Value labels: top, bottom and the target. */
	for (int k = 0; k < 2; k++) {
		double v = k == 0 ? hi - pad : lo + pad;
		report_num(v, num);
		buf_printf(b, "<text x=\"%d\" y=\"%.1f\" class=\"vl\">", CL - 3,
		    Y(v) + 3);
		if (t->nscale > 0 && lround(v) >= 0 &&
		    (size_t)lround(v) < t->nscale)
			label(b, t->scale[lround(v)], 8);
		else
			esc_html(b, num);
		buf_puts(b, "</text>");
	}
	date_iso(s.lo, date);
	buf_printf(b, "<text x=\"%d\" y=\"%d\" class=\"dl\">%s</text>", CL,
	    CH - 5, date);
	date_iso(s.hi, date);
	buf_printf(b, "<text x=\"%d\" y=\"%d\" class=\"dl\" "
	    "text-anchor=\"end\">%s</text>", CW - 6, CH - 5, date);
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
