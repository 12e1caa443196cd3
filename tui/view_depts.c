/*
 * view_depts.c: the departments ranked (on-time rate, overdue, due soon,
 * missed, at risk); the detail lists what a department leads (牵头) and
 * supports (配合).
 *
 * Who leads and supports what is indexed once per review, so the detail
 * of a department costs what it shows, not a pass over the whole plan.
 */
#include <curses.h>
#include <stdlib.h>
#include <string.h>

#include "report/words.h"
#include "tui/tui.h"
#include "util/i18n.h"
#include "util/xalloc.h"

/* What a department does: the milestone instances (review items) and the
 * targets it leads or supports. */
enum role { LEAD_MS, SUPPORT_MS, LEAD_TG, SUPPORT_TG, NROLES };

struct dview {
	struct list	 list;
	size_t		 ndepts;
	/* Per role, department d's entries are idx[first[d]..first[d + 1]),
	 * review item or target indexes in plan order. */
	size_t		*first[NROLES];
	size_t		*idx[NROLES];
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
		    xasprintf("%.0f%%", pct_round(d->on_time_rate * 100));
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
free_roles(struct dview *v)
{
	for (int r = 0; r < NROLES; r++) {
		free(v->first[r]);
		free(v->idx[r]);
		v->first[r] = v->idx[r] = NULL;
	}
}

static void
d_free(void *data)
{
	struct dview *v = data;

	list_release(&v->list);
	free_roles(v);
	free(v);
}

/* Count (at == NULL) or place entry index under its owner's role lead and
 * under each supporting department's role lead + 1, once each. */
static void
note_roles(struct dview *v, size_t **at, enum role lead, int owner,
    const int *sup, size_t nsup, size_t index)
{
	size_t nd = v->ndepts;

	if (owner >= 0 && (size_t)owner < nd) {
		if (at == NULL)
			v->first[lead][owner + 1]++;
		else
			v->idx[lead][at[lead][owner]++] = index;
	}
	for (size_t i = 0; i < nsup; i++) {
		bool again = false;
		if (sup[i] < 0 || (size_t)sup[i] >= nd)
			continue;
		for (size_t k = 0; k < i && !again; k++)
			again = sup[k] == sup[i];
		if (again)
			continue;
		if (at == NULL)
			v->first[lead + 1][sup[i] + 1]++;
		else
			v->idx[lead + 1][at[lead + 1][sup[i]]++] = index;
	}
}

static void
index_roles(struct dview *v, const struct tui *t)
{
	const struct plan *p = t->plan;
	const struct review *rv = t->rv;
	size_t *at[NROLES];

	free_roles(v);
	v->ndepts = p->ndepts;
	for (int r = 0; r < NROLES; r++)
		v->first[r] = xcalloc(v->ndepts + 1, sizeof *v->first[r]);
	for (int pass = 0; pass < 2; pass++) {
		for (size_t i = 0; i < rv->nitems; i++) {
			const struct milestone *m = &p->ms[rv->items[i].in.ms];
			note_roles(v, pass ? at : NULL, LEAD_MS, m->owner,
			    m->support, m->nsupport, i);
		}
		for (size_t i = 0; i < rv->ntargets; i++) {
			const struct target *tg = &p->targets[i];
			note_roles(v, pass ? at : NULL, LEAD_TG, tg->owner,
			    tg->support, tg->nsupport, i);
		}
		if (pass > 0)
			break;
		/* Counts to starts; each role's cursor begins there. */
		for (int r = 0; r < NROLES; r++) {
			for (size_t d = 0; d < v->ndepts; d++)
				v->first[r][d + 1] += v->first[r][d];
			v->idx[r] = xreallocarray(NULL,
			    v->first[r][v->ndepts] + 1, sizeof *v->idx[r]);
			at[r] = xreallocarray(NULL, v->ndepts + 1,
			    sizeof *at[r]);
			memcpy(at[r], v->first[r],
			    (v->ndepts + 1) * sizeof *at[r]);
		}
	}
	for (int r = 0; r < NROLES; r++)
		free(at[r]);
}

static void
d_rebuild(void *data, struct tui *t)
{
	struct dview *v = data;

	index_roles(v, t);
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

static void
d_detail(void *data, struct tui *t, int w, size_t max, struct lines *l)
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
		    pct_round(d->on_time_rate * 100));
	for (int lead = 1; lead >= 0 && l->n < max; lead--) {
		size_t shown = 0, dp = (size_t)d->dept;
		enum role rm = lead ? LEAD_MS : SUPPORT_MS;
		enum role rt = lead ? LEAD_TG : SUPPORT_TG;
		lines_add(l, EL_NORMAL, 0, "%s", "");
		lines_add(l, EL_TITLE, 0, "%s", lead ? _("Leads") :
		    _("Supports"));
		for (size_t k = v->first[rm][dp]; k < v->first[rm][dp + 1] &&
		    l->n < max; k++) {
			const struct ms_result *r =
			    &t->rv->items[v->idx[rm][k]];
			const struct milestone *m = &p->ms[r->in.ms];
			char *days = fmt_days(r);
			lines_add(l, tone_element(ms_state_tone(r->state)), 2,
			    "%s %s %s  (%s)", ms_state_symbol(r->state,
			    t->utf8), r->name, m->name, days);
			free(days);
			shown++;
		}
		for (size_t k = v->first[rt][dp]; k < v->first[rt][dp + 1] &&
		    l->n < max; k++) {
			size_t i = v->idx[rt][k];
			const struct tg_result *r = &t->rv->targets[i];
			const struct target *tg = &p->targets[i];
			lines_add(l, tone_element(tg_state_tone(r->state)), 2,
			    "%s %s %s  (%s)", tg_state_symbol(r->state,
			    t->utf8), tg->id, tg->name,
			    tg_state_label(r->state));
			shown++;
		}
		if (shown == 0 && l->n < max)
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
