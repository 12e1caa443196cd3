/*
 * view_depts.c: the departments ranked (on-time rate, overdue, due soon,
 * missed, at risk); the detail lists what a department leads (牵头) and
 * supports (配合).
 */
#include <curses.h>
#include <stdlib.h>

#include "tui/tui.h"
#include "util/i18n.h"
#include "util/xalloc.h"

struct dview {
	struct list	 list;
};

/* Rank, name, then five numeric columns of this width. */
#define NUMW	9

static int
name_width(int w)
{
	int nw = w - 4 - 5 * (NUMW + 1);

	return nw < 10 ? 10 : nw;
}

static int
ncols(int w)
{
	int n = (w - 4 - 10) / (NUMW + 1);

	return n > 5 ? 5 : n < 0 ? 0 : n;
}

static const struct dept_result *
dept_at(const struct tui *t, size_t row)
{
	return &t->rv->depts[t->rv->dept_rank[row]];
}

static void
d_draw_row(void *ctx, struct tui *t, size_t row, int y, int x, int w,
    bool sel)
{
	const struct dept_result *d = dept_at(t, row);
	const struct department *dp = &t->plan->depts[d->dept];
	attr_t a = tui_attr(t, EL_NORMAL, sel);
	int n = ncols(w), nw = n == 5 ? name_width(w) : w - 4 - n * (NUMW + 1);
	char *s;

	(void)ctx;
	tui_fill(y, x, w, a);
	s = xasprintf("%3zu", row + 1);
	tui_put(y, x, 3, s, ALIGN_RIGHT, a);
	free(s);
	tui_put(y, x + 4, nw, dp->name, ALIGN_LEFT, a);
	x += 4 + nw;
	struct {
		size_t		 v;
		enum element	 el;
	} cells[4] = {
		{ d->lead.overdue, EL_BAD }, { d->lead.due_soon, EL_WARN },
		{ d->lead.missed, EL_BAD }, { d->lead.at_risk, EL_WARN },
	};
	if (n > 0) {
		s = d->on_time_rate < 0 ? xstrdup("-") :
		    xasprintf("%.0f%%", d->on_time_rate * 100);
		tui_put(y, x + 1, NUMW, s, ALIGN_RIGHT, tui_attr(t,
		    d->on_time_rate < 0 ? EL_NORMAL : d->on_time_rate >= 0.9 ?
		    EL_GOOD : d->on_time_rate >= 0.6 ? EL_WARN : EL_BAD, sel));
		free(s);
		x += NUMW + 1;
	}
	for (int i = 0; i < n - 1; i++, x += NUMW + 1) {
		s = xasprintf("%zu", cells[i].v);
		tui_put(y, x + 1, NUMW, s, ALIGN_RIGHT,
		    tui_attr(t, cells[i].v ? cells[i].el : EL_DIM, sel));
		free(s);
	}
}

static void
d_text(void *ctx, struct tui *t, size_t row, struct buf *b)
{
	const struct department *dp = &t->plan->depts[dept_at(t, row)->dept];

	(void)ctx;
	buf_puts(b, dp->id);
	buf_putc(b, ' ');
	buf_puts(b, dp->name);
	if (dp->short_name != NULL) {
		buf_putc(b, ' ');
		buf_puts(b, dp->short_name);
	}
}

static void *
d_init(struct tui *t)
{
	struct dview *v = xcalloc(1, sizeof *v);

	(void)t;
	list_init(&v->list, v);
	v->list.draw_row = d_draw_row;
	v->list.text = d_text;
	return v;
}

static void
d_free(void *data)
{
	struct dview *v = data;

	list_release(&v->list);
	free(v);
}

static void
d_rebuild(void *data, struct tui *t)
{
	struct dview *v = data;

	v->list.n = t->rv->ndepts;
	list_refilter(&v->list, t);
}

static void
d_draw(void *data, struct tui *t, const struct rect *r, int flags)
{
	struct dview *v = data;
	struct rect lr = { r->y + 1, r->x, r->h - 1, r->w };
	attr_t a = t->attr[EL_TITLE] | A_UNDERLINE;
	const char *heads[5] = { N_("on time"), N_("overdue"),
	    N_("due soon"), N_("missed"), N_("at risk") };
	int n = ncols(r->w), nw = n == 5 ? name_width(r->w) :
	    r->w - 4 - n * (NUMW + 1);
	int x = r->x + 4 + nw;

	if (flags & (TUI_ALL | TUI_BODY)) {
		tui_fill(r->y, r->x, r->w, a);
		tui_put(r->y, r->x, 3, "#", ALIGN_RIGHT, a);
		tui_put(r->y, r->x + 4, nw, _("Department (as lead)"),
		    ALIGN_LEFT, a);
		for (int i = 0; i < n; i++, x += NUMW + 1)
			tui_put(r->y, x + 1, NUMW, _(heads[i]), ALIGN_RIGHT,
			    a);
	}
	list_draw(&v->list, t, &lr, flags);
}

static struct list *
d_list(void *data)
{
	return &((struct dview *)data)->list;
}

static bool
involves(int owner, const int *sup, size_t n, int dept, bool lead)
{
	if (lead)
		return owner == dept;
	for (size_t i = 0; i < n; i++)
		if (sup[i] == dept)
			return true;
	return false;
}

static void
d_detail(void *data, struct tui *t, int w, struct lines *l)
{
	struct dview *v = data;
	size_t row = list_selected(&v->list);
	const struct plan *p = t->plan;

	(void)w;
	if (row == (size_t)-1)
		return;
	const struct dept_result *d = dept_at(t, row);
	lines_add(l, EL_TITLE, 0, "%zu. %s", row + 1, p->depts[d->dept].name);
	if (d->on_time_rate >= 0)
		lines_add(l, EL_NORMAL, 0, _("on time: %zu of %zu due so far "
		    "(%.0f%%)"), d->on_time, d->due_so_far,
		    d->on_time_rate * 100);
	for (int lead = 1; lead >= 0; lead--) {
		size_t shown = 0;
		lines_add(l, EL_NORMAL, 0, "%s", "");
		lines_add(l, EL_TITLE, 0, "%s", lead ? _("Leads") :
		    _("Supports"));
		for (size_t i = 0; i < t->rv->nitems; i++) {
			const struct ms_result *r = &t->rv->items[i];
			const struct milestone *m = &p->ms[r->in.ms];
			if (!involves(m->owner, m->support, m->nsupport,
			    d->dept, lead))
				continue;
			char *days = fmt_days(r);
			lines_add(l, tone_element(ms_state_tone(r->state)), 2,
			    "%s %s %s  (%s)", ms_state_symbol(r->state,
			    t->utf8), r->name, m->name, days);
			free(days);
			shown++;
		}
		for (size_t i = 0; i < t->rv->ntargets; i++) {
			const struct tg_result *r = &t->rv->targets[i];
			const struct target *tg = &p->targets[i];
			if (!involves(tg->owner, tg->support, tg->nsupport,
			    d->dept, lead))
				continue;
			lines_add(l, tone_element(tg_state_tone(r->state)), 2,
			    "%s %s %s  (%s)", tg_state_symbol(r->state,
			    t->utf8), tg->id, tg->name,
			    tg_state_label(r->state));
			shown++;
		}
		if (shown == 0)
			lines_add(l, EL_DIM, 2, "%s", _("nothing"));
	}
}

const struct view view_depts = {
	.name = N_("Departments"),
	.init = d_init,
	.free = d_free,
	.rebuild = d_rebuild,
	.draw = d_draw,
	.key = NULL,
	.list = d_list,
	.detail = d_detail,
	.keys = NULL,
	.filtered = false,
};
