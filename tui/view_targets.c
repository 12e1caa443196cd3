/*
 * view_targets.c: the targets as a table (latest value and date, direction
 * and goal, status, a sparkline of the trend); the detail draws the values
 * over time with block characters, the stages and the projection to the
 * due date.
 */
#include <curses.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "report/words.h"
#include "tui/tui.h"
#include "util/i18n.h"
#include "util/text.h"
#include "util/xalloc.h"

#define CHART_ROWS	8

struct tgview {
	struct list	 list;
	struct tui	*t;
	/* Widths the plan's text needs, found on rebuild: the widest id,
	 * lead department, due date and status word. */
	int		 idw, leadw, duew, statew;
};

/* Columns for a width: 0 hides a column. */
struct cols {
	int	 sym, name, latest, date, goal, due, state, lead, spark;
};

#define NAME_MIN	8	/* columns of a name beside its id */
#define NAME_ROOM	24	/* ... before the as-of date and trend show */
#define LEAD_MIN	12	/* a lead column narrower is not shown */

/*
 * Columns in the order they give way as the window narrows: the id is
 * never cut, then come status, latest value, goal, due date and lead
 * department; the as-of date and the trend only where the name keeps
 * room (NAME_ROOM).  The
 * name takes the rest; what the name does not need goes to a lead column
 * that would otherwise be cut.
 */
static struct cols
columns(const struct tgview *v, const struct tui *t, int w)
{
	struct cols c = { t->utf8 ? 2 : 4, 0, 0, 0, 0, 0, 0, 0, 0 };
	struct {
		int	*col;
		int	 want, room;
	} order[] = {
		{ &c.state, v->statew, 0 }, { &c.latest, 14, 0 },
		{ &c.goal, 14, 0 }, { &c.due, v->duew, 0 },
		{ &c.lead, v->leadw, 0 }, { &c.date, 10, NAME_ROOM - NAME_MIN },
		{ &c.spark, 14, NAME_ROOM - NAME_MIN },
	};
	int left = w - c.sym - 1 - (v->idw + 1 + NAME_MIN);

	for (size_t i = 0; i < sizeof order / sizeof order[0]; i++) {
		int want = order[i].want;
		if (order[i].col == &c.lead && want > left - 1 &&
		    left - 1 >= LEAD_MIN)
			want = left - 1;
		if (want + 1 + order[i].room > left)
			break;
		*order[i].col = want;
		left -= want + 1;
	}
	c.name = w - c.sym - 1 - (c.latest ? c.latest + 1 : 0) -
	    (c.date ? c.date + 1 : 0) - (c.goal ? c.goal + 1 : 0) -
	    (c.due ? c.due + 1 : 0) - (c.state ? c.state + 1 : 0) -
	    (c.lead ? c.lead + 1 : 0) - (c.spark ? c.spark + 1 : 0);
	if (c.name < 1)
		c.name = 1;
	return c;
}

static int
imax(int a, int b)
{
	return a > b ? a : b;
}

/* The columns s takes once made safe to draw. */
static int
safe_width(const char *s)
{
	char *safe = text_safe(s);
	int w = text_width(safe);

	free(safe);
	return w;
}

static char *
with_unit(const struct target *tg, const char *v)
{
	if (tg->unit == NULL || tg->nscale > 0)
		return xstrdup(v);
	return xasprintf("%s %s", v, tg->unit);
}

static char *
goal_text(const struct plan *p, const struct target *tg)
{
	char *v = fmt_value(p, tg, tg->target), *u = with_unit(tg, v);
	char *s = xasprintf("%s %s", direction_symbol(tg->dir), u);

	free(v);
	free(u);
	return s;
}

static void
tg_draw_row(void *ctx, struct tui *t, size_t row, int y, int x, int w,
    bool sel)
{
	struct tgview *v = ctx;
	const struct tg_result *r = &t->rv->targets[row];
	const struct target *tg = &t->plan->targets[row];
	struct cols c = columns(v, t, w);
	attr_t a = tui_attr(t, EL_NORMAL, sel);
	attr_t tone = tui_attr(t, tone_element(tg_state_tone(r->state)), sel);
	char date[11], *s;

	tui_fill(y, x, w, a);
	tui_put(y, x, c.sym, tg_state_symbol(r->state, t->utf8), ALIGN_LEFT,
	    tone);
	x += c.sym + 1;
	s = xasprintf("%s %s", tg->id, tg->name);
	tui_put(y, x, c.name, s, ALIGN_LEFT, a);
	free(s);
	x += c.name + 1;
	if (c.latest) {
		if (r->has_latest) {
			char *n = fmt_value(t->plan, tg, r->latest.value);
			s = with_unit(tg, n);
			free(n);
		} else
			s = xstrdup("-");
		tui_put(y, x, c.latest, s, ALIGN_RIGHT, a);
		free(s);
		x += c.latest + 1;
	}
	if (c.date) {
		if (r->has_latest)
			date_iso(r->latest.date, date);
		else
			strcpy(date, "-");
		tui_put(y, x, c.date, date, ALIGN_LEFT, tui_attr(t,
		    r->stale >= 2 ? EL_BAD : r->stale ? EL_WARN : EL_NORMAL,
		    sel));
		x += c.date + 1;
	}
	if (c.goal) {
		s = goal_text(t->plan, tg);
		tui_put(y, x, c.goal, s, ALIGN_LEFT, a);
		free(s);
		x += c.goal + 1;
	}
	if (c.due) {
		pdate_format(&tg->due, date);
		tui_put(y, x, c.due, date, ALIGN_LEFT, a);
		x += c.due + 1;
	}
	if (c.state) {
		tui_put(y, x, c.state, tg_state_label(r->state), ALIGN_LEFT,
		    tone);
		x += c.state + 1;
	}
	if (c.lead) {
		tui_put(y, x, c.lead, plan_dept_label(t->plan, tg->owner),
		    ALIGN_LEFT, a);
		x += c.lead + 1;
	}
	if (c.spark) {
		s = fmt_spark(t, r->series, r->nseries, c.spark);
		tui_put(y, x, c.spark, s, ALIGN_LEFT, tui_attr(t, EL_INFO,
		    sel));
		free(s);
	}
}

static bool
tg_match(void *ctx, struct tui *t, size_t row)
{
	(void)ctx;
	return filter_tg(t, &t->rv->targets[row]);
}

static void
tg_text(void *ctx, struct tui *t, size_t row, struct buf *b)
{
	(void)ctx;
	buf_puts(b, t->plan->targets[row].id);
	buf_putc(b, ' ');
	buf_puts(b, t->plan->targets[row].name);
}

static void *
tg_init(struct tui *t)
{
	struct tgview *v = xcalloc(1, sizeof *v);

	v->t = t;
	list_init(&v->list, v);
	v->list.draw_row = tg_draw_row;
	v->list.match = tg_match;
	v->list.text = tg_text;
	return v;
}

static void
tg_free(void *data)
{
	struct tgview *v = data;

	list_release(&v->list);
	free(v);
}

static void
tg_rebuild(void *data, struct tui *t)
{
	struct tgview *v = data;
	const struct plan *p = t->plan;
	char date[11];

	v->idw = 0;
	v->leadw = text_width(_("Lead"));
	v->duew = text_width(_("Due"));
	v->statew = text_width(_("Status"));
	for (size_t i = 0; i < p->ntargets; i++) {
		const struct target *tg = &p->targets[i];
		pdate_format(&tg->due, date);
		v->idw = imax(v->idw, safe_width(tg->id));
		v->leadw = imax(v->leadw, safe_width(plan_dept_label(p,
		    tg->owner)));
		v->duew = imax(v->duew, text_width(date));
	}
	for (int s = 0; s < TG_NSTATES; s++)
		v->statew = imax(v->statew, text_width(tg_state_label(s)));
	v->list.n = t->rv->ntargets;
	list_refilter(&v->list, t);
}

static void
tg_draw(void *data, struct tui *t, const struct rect *r, int flags)
{
	struct tgview *v = data;
	struct cols c = columns(v, t, r->w);
	struct rect lr = { r->y + 1, r->x, r->h - 1, r->w };
	attr_t a = t->attr[EL_TITLE] | A_UNDERLINE;
	int x = r->x + c.sym + 1;

	if (flags & (TUI_ALL | TUI_BODY)) {
		tui_fill(r->y, r->x, r->w, a);
		tui_put(r->y, x, c.name, _("Target"), ALIGN_LEFT, a);
		x += c.name + 1;
		if (c.latest) {
			tui_put(r->y, x, c.latest, _("Latest"), ALIGN_RIGHT,
			    a);
			x += c.latest + 1;
		}
		if (c.date) {
			tui_put(r->y, x, c.date, _("As of"), ALIGN_LEFT, a);
			x += c.date + 1;
		}
		if (c.goal) {
			tui_put(r->y, x, c.goal, _("Goal"), ALIGN_LEFT, a);
			x += c.goal + 1;
		}
		if (c.due) {
			tui_put(r->y, x, c.due, _("Due"), ALIGN_LEFT, a);
			x += c.due + 1;
		}
		if (c.state) {
			tui_put(r->y, x, c.state, _("Status"), ALIGN_LEFT, a);
			x += c.state + 1;
		}
		if (c.lead) {
			tui_put(r->y, x, c.lead, _("Lead"), ALIGN_LEFT, a);
			x += c.lead + 1;
		}
		if (c.spark)
			tui_put(r->y, x, c.spark, _("Trend"), ALIGN_LEFT, a);
		if (v->list.nvis == 0) {
			for (int y = lr.y; y < lr.y + lr.h; y++)
				tui_fill(y, lr.x, lr.w, t->attr[EL_NORMAL]);
			tui_put(lr.y, lr.x + 2, lr.w - 2, t->rv->ntargets ?
			    _("nothing matches the filter; f changes it, F "
			    "clears it") : _("the plan has no targets"),
			    ALIGN_LEFT, t->attr[EL_DIM]);
			return;
		}
	}
	list_draw(&v->list, t, &lr, flags);
}

static struct list *
tg_list(void *data)
{
	return &((struct tgview *)data)->list;
}

static int
tg_sel_target(void *data, struct tui *t)
{
	size_t row = list_selected(&((struct tgview *)data)->list);

	(void)t;
	return row == (size_t)-1 ? -1 : (int)row;
}

/* The values over time as columns of block characters, the goal as a
 * dotted line. */
static void
chart(struct tui *t, const struct tg_result *r, const struct target *tg,
    int w, struct lines *l)
{
	static const char *const eighths[] = { " ", "\u2581", "\u2582",
	    "\u2583", "\u2584", "\u2585", "\u2586", "\u2587", "\u2588" };
	size_t n = r->nseries, first;
	double lo, hi;
	int lw = 10, cw;
	struct buf b = BUF_INIT;

	cw = w - lw - 1;
	if (n == 0 || cw < 4)
		return;
	first = n > (size_t)cw ? n - (size_t)cw : 0;
	lo = hi = tg->target;
	for (size_t i = first; i < n; i++) {
		lo = fmin(lo, r->series[i].value);
		hi = fmax(hi, r->series[i].value);
	}
	if (hi == lo) {
		hi += 1;
		lo -= 1;
	}
	int goal = (int)((tg->target - lo) / (hi - lo) * CHART_ROWS * 8);
	lines_add(l, EL_NORMAL, 0, "%s", "");
	for (int row = CHART_ROWS - 1; row >= 0; row--) {
		char *lab = NULL;
		buf_reset(&b);
		if (row == CHART_ROWS - 1 || row == 0) {
			lab = fmt_value(t->plan, tg, row ? hi : lo);
			char *fit = text_fit(lab, lw, ALIGN_RIGHT);
			buf_puts(&b, fit);
			free(fit);
			free(lab);
		} else
			for (int i = 0; i < lw; i++)
				buf_putc(&b, ' ');
		buf_puts(&b, t->utf8 ? "\u2502" : "|");
		for (size_t i = first; i < n; i++) {
			int h = (int)((r->series[i].value - lo) / (hi - lo) *
			    CHART_ROWS * 8 + 0.5);
			int cell = h - row * 8;
			cell = cell < 0 ? 0 : cell > 8 ? 8 : cell;
			if (cell == 0 && goal / 8 == row)
				buf_puts(&b, t->utf8 ? "\u2504" : "-");
			else if (t->utf8)
				buf_puts(&b, eighths[cell]);
			else
				buf_putc(&b, cell >= 4 ? '#' : cell > 0 ?
				    '.' : ' ');
		}
		lines_add(l, EL_INFO, 0, "%s", buf_str(&b));
	}
	char d0[11], d1[11];
	date_iso(r->series[first].date, d0);
	date_iso(r->series[n - 1].date, d1);
	lines_add(l, EL_DIM, lw + 1, "%s .. %s  (%s %s)", d0, d1,
	    t->utf8 ? "\u2504" : "-", _("goal"));
	buf_release(&b);
}

static void
tg_detail(void *data, struct tui *t, int w, size_t max, struct lines *l)
{
	int i = tg_sel_target(data, t);
	char date[11], *s, *v;

	if (i < 0)
		return;
	const struct tg_result *r = &t->rv->targets[i];
	const struct target *tg = &t->plan->targets[i];
	const struct plan *p = t->plan;

	lines_add(l, EL_TITLE, 0, "%s", tg->id);
	lines_wrap(l, EL_TITLE, 0, tg->name, w);
	lines_add(l, tone_element(tg_state_tone(r->state)), 0, "%s %s",
	    tg_state_symbol(r->state, t->utf8), tg_state_label(r->state));
	s = goal_text(p, tg);
	if (tg->due.day != DAY_NONE)
		pdate_format(&tg->due, date);
	else
		strcpy(date, "-");
	lines_add(l, EL_NORMAL, 0, _("goal: %s by %s"), s, date);
	free(s);
	lines_add(l, EL_NORMAL, 0, "%s: %s", _("lead"),
	    tg->owner >= 0 ? p->depts[tg->owner].name : "-");
	s = dept_list(p, tg->support, tg->nsupport);
	v = xasprintf("%s: %s", _("support"), s);
	lines_wrap(l, EL_NORMAL, 0, v, w);
	free(v);
	free(s);
	if (tg->has_baseline) {
		v = fmt_value(p, tg, tg->baseline);
		if (tg->baseline_date.day != DAY_NONE)
			pdate_format(&tg->baseline_date, date);
		else
			strcpy(date, "-");
		lines_add(l, EL_NORMAL, 0, _("baseline: %s (%s)"), v, date);
		free(v);
	}
	if (r->has_latest) {
		v = fmt_value(p, tg, r->latest.value);
		date_iso(r->latest.date, date);
		lines_add(l, r->stale >= 2 ? EL_BAD : r->stale ? EL_WARN :
		    EL_NORMAL, 0, _("latest: %s as of %s"), v, date);
		free(v);
		if (r->stale_periods > 0)
			lines_add(l, r->stale >= 2 ? EL_BAD : EL_WARN, 2,
			    _("no value for %d %s periods"), r->stale_periods,
			    period_name(tg->cadence));
	} else
		lines_add(l, EL_WARN, 0, "%s", _("latest: nothing recorded"));
	if (r->has_deciding) {
		v = fmt_value(p, tg, r->deciding.value);
		date_iso(r->deciding.date, date);
		lines_add(l, EL_NORMAL, 0, _("deciding value: %s as of %s"),
		    v, date);
		free(v);
	}
	if (isfinite(r->expected)) {
		v = fmt_value(p, tg, r->expected);
		lines_add(l, tone_element(r->pace >= PACE_BEHIND ? TONE_WARN :
		    TONE_NEUTRAL), 0, _("expected by now: %s (%s)"), v,
		    pace_label(r->pace));
		free(v);
	}
	if (r->has_projection) {
		v = fmt_value(p, tg, r->projection);
		lines_add(l, direction_meets(tg->dir, r->projection,
		    tg->target) ? EL_GOOD : EL_WARN, 0,
		    _("projected at the due date: %s"), v);
		free(v);
	}
	if (tg->nstages > 0) {
		lines_add(l, EL_NORMAL, 0, "%s", "");
		lines_add(l, EL_TITLE, 0, "%s", _("Stages"));
		for (size_t k = 0; k < tg->nstages; k++) {
			v = fmt_value(p, tg, tg->stages[k].target);
			pdate_format(&tg->stages[k].due, date);
			bool missed = r->stage_missed == (int)k;
			lines_add(l, missed ? EL_BAD : EL_NORMAL, 2,
			    "%s  %s %s%s", date, direction_symbol(tg->dir), v,
			    missed ? _("  (missed)") : "");
			free(v);
		}
	}
	chart(t, r, tg, w, l);
	if (tg->note != NULL) {
		lines_add(l, EL_NORMAL, 0, "%s", "");
		lines_wrap(l, EL_NORMAL, 0, tg->note, w);
	}
	detail_history(t, tg->id, tg, max, l);
}

static bool
tg_select(void *data, struct tui *t, enum item_kind kind, size_t index)
{
	struct tgview *v = data;

	(void)t;
	return kind == ITEM_TARGET && list_select_row(&v->list, index);
}

static const struct keyhelp tg_keys[] = {
	{ "r", N_("record a value for the selected target") },
	{ NULL, NULL }
};

const struct view view_targets = {
	.name = N_("Targets"),
	.init = tg_init,
	.free = tg_free,
	.rebuild = tg_rebuild,
	.draw = tg_draw,
	.key = NULL,
	.list = tg_list,
	.detail = tg_detail,
	.sel_target = tg_sel_target,
	.sel_item = NULL,
	.select = tg_select,
	.keys = tg_keys,
	.filtered = true,
};
