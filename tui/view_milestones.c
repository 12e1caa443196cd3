/*
 * view_milestones.c: the milestones as a tree by phase, recurring
 * milestones folding their instances, with due date, days overdue or left,
 * lead department and progress; s sorts the instances flat instead.
 *
 * The rows are rebuilt when the review, a fold or the sort changes; a key
 * that only moves the selection touches the list widget alone.  What the
 * rows are built from (each milestone's instances, the sorted orders) is
 * computed once per review.
 */
#include <curses.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "report/words.h"
#include "tui/tui.h"
#include "util/i18n.h"
#include "util/text.h"
#include "util/xalloc.h"

enum row_kind { ROW_PHASE, ROW_GROUP, ROW_ITEM };

struct row {
	enum row_kind	 kind;
	int		 index;		/* phase (-1: none), ms, or item */
	bool		 child;		/* an instance under its group */
	int		 ms;		/* ROW_ITEM: its milestone and */
	pw_day		 period;	/* period, which outlive a review */
};

enum sort { SORT_PLAN, SORT_URGENT, SORT_DUE, SORT_DEPT, SORT_PROGRESS,
    SORT_COUNT };

static const char *const sort_names[SORT_COUNT] = {
	N_("plan order"), N_("most urgent"), N_("due date"),
	N_("lead department"), N_("progress"),
};

struct msview {
	struct list	 list;
	struct tui	*t;
	struct row	*rows;
	size_t		 nrows, cap;
	size_t		 nms, nphases;
	bool		*open;		/* per milestone: unfolded */
	bool		*closed;	/* per phase, + 1 for none: folded */
	size_t		*first;		/* per milestone: first item */
	size_t		*count;		/* per milestone: its instances */
	size_t		*rep;		/* per milestone: item shown folded */
	size_t		*ndone;		/* per milestone: instances done */
	enum sort	 sort;
	int		 leadw;		/* the widest lead's columns */
	/* Per sort but SORT_PLAN, the review's items in that order, sorted
	 * when the review is rebuilt. */
	size_t		*order[SORT_COUNT];
};

static const struct keyhelp ms_keys[] = {
	{ "Space", N_("fold or unfold a phase or a recurring milestone") },
	{ "Enter", N_("on a phase or a recurring milestone: as Space") },
	{ "h, Left", N_("fold") },
	{ "l, Right", N_("unfold") },
	{ "s", N_("sort: plan order, most urgent, due date, department, "
	  "progress") },
	{ NULL, NULL }
};

/* Columns for a width: 0 hides a column. */
struct cols {
	int	 sym, name, due, days, lead, prog;
};

#define NAME_ROOM	40	/* columns a name keeps beside a wider lead */

/* The lead column widens to the widest lead's name while the name keeps
 * NAME_ROOM columns: a department's name is not cut while the row has
 * room for it. */
static struct cols
columns(const struct msview *v, const struct tui *t, int w)
{
	struct cols c = { t->utf8 ? 2 : 4, 0, 10, 13, 12, 15 };

	if (w < 100)
		c.lead = 10;
	if (w < 88)
		c.prog = 0;
	if (w < 72)
		c.lead = 0;
	if (w < 56)
		c.due = 0;
	c.name = w - c.sym - 1 - (c.due ? c.due + 1 : 0) -
	    (c.days ? c.days + 1 : 0) - (c.lead ? c.lead + 1 : 0) -
	    (c.prog ? c.prog + 1 : 0);
	if (c.name < 10) {
		c.days = 0;
		c.name = w - c.sym - 1;
	}
	if (c.lead && v->leadw > c.lead && c.name > NAME_ROOM) {
		int more = v->leadw - c.lead < c.name - NAME_ROOM ?
		    v->leadw - c.lead : c.name - NAME_ROOM;
		c.lead += more;
		c.name -= more;
	}
	return c;
}

static const struct ms_result *
item(const struct msview *v, size_t i)
{
	return &v->t->rv->items[i];
}

static void
push(struct msview *v, enum row_kind kind, int index, bool child)
{
	if (v->nrows == v->cap) {
		v->cap = v->cap ? v->cap * 2 : 256;
		v->rows = xreallocarray(v->rows, v->cap, sizeof *v->rows);
	}
	v->rows[v->nrows].kind = kind;
	v->rows[v->nrows].index = index;
	v->rows[v->nrows].child = child;
	v->rows[v->nrows].ms = -1;
	v->rows[v->nrows].period = DAY_NONE;
	if (kind == ROW_ITEM) {
		v->rows[v->nrows].ms = item(v, (size_t)index)->in.ms;
		v->rows[v->nrows].period = item(v, (size_t)index)->in.period;
	}
	v->nrows++;
}

/* The instance a folded recurring milestone shows: the most severe, then
 * the first still open, else the last. */
static size_t
representative(const struct msview *v, int ms)
{
	size_t best = v->first[ms] + v->count[ms] - 1;

	for (size_t i = v->first[ms]; i < v->first[ms] + v->count[ms]; i++) {
		const struct ms_result *r = item(v, i), *b = item(v, best);
		bool open = r->state != MS_DONE && r->state != MS_LATE;
		bool bopen = b->state != MS_DONE && b->state != MS_LATE;
		if (r->sev > b->sev || (r->sev == b->sev && open &&
		    (!bopen || r->in.due < b->in.due)))
			best = i;
	}
	return best;
}

static void
free_index(struct msview *v)
{
	free(v->open);
	free(v->closed);
	free(v->first);
	free(v->count);
	free(v->rep);
	free(v->ndone);
}

static void
index_items(struct msview *v)
{
	const struct review *rv = v->t->rv;
	const struct plan *p = v->t->plan;

	/* Allocated on the first review too, when a plan with no milestone
	 * and no phase has the shape the zeroed view starts with. */
	if (v->open == NULL || v->nms != p->nms ||
	    v->nphases != p->nphases) {
		v->nms = p->nms;
		v->nphases = p->nphases;
		free_index(v);
		v->open = xcalloc(v->nms + 1, sizeof *v->open);
		v->closed = xcalloc(v->nphases + 1, sizeof *v->closed);
		v->first = xcalloc(v->nms + 1, sizeof *v->first);
		v->count = xcalloc(v->nms + 1, sizeof *v->count);
		v->rep = xcalloc(v->nms + 1, sizeof *v->rep);
		v->ndone = xcalloc(v->nms + 1, sizeof *v->ndone);
	}
	memset(v->count, 0, (v->nms + 1) * sizeof *v->count);
	memset(v->ndone, 0, (v->nms + 1) * sizeof *v->ndone);
	for (size_t i = 0; i < rv->nitems; i++) {
		int ms = rv->items[i].in.ms;
		if (v->count[ms]++ == 0)
			v->first[ms] = i;
		if (rv->items[i].state == MS_DONE ||
		    rv->items[i].state == MS_LATE)
			v->ndone[ms]++;
	}
	for (size_t ms = 0; ms < v->nms; ms++)
		if (v->count[ms] > 0)
			v->rep[ms] = representative(v, (int)ms);
}

static void
add_milestone(struct msview *v, size_t ms)
{
	if (v->count[ms] == 0)
		return;
	if (v->t->plan->ms[ms].every == PERIOD_NONE || v->count[ms] == 1) {
		for (size_t i = 0; i < v->count[ms]; i++)
			push(v, ROW_ITEM, (int)(v->first[ms] + i), false);
		return;
	}
	push(v, ROW_GROUP, (int)ms, false);
	if (v->open[ms])
		for (size_t i = 0; i < v->count[ms]; i++)
			push(v, ROW_ITEM, (int)(v->first[ms] + i), true);
}

/*
 * An item's keys for a sort: k, then k2, as unsigned numbers in the order
 * wanted.  They are taken from the review once per sort and radix sorted:
 * qsort's call per comparison and copy per move cost ten milliseconds
 * for the 30,000 instances of a province, this a fraction of one.
 */
struct skey {
	uint64_t	 k;
	uint32_t	 k2;
	uint32_t	 i;		/* the item */
};

#define SKEY_BYTES	12

/* Byte d of an item's keys, from the least significant. */
static inline unsigned
skey_byte(const struct skey *s, int d)
{
	if (d < 4)
		return s->k2 >> (8 * d) & 0xff;
	return (unsigned)(s->k >> (8 * (d - 4)) & 0xff);
}

/* Sort k[0..n) by (k, k2), keeping the order of equal keys: a byte at a
 * time from the least significant, skipping the bytes every key shares. */
static void
sort_keys(struct skey *k, size_t n)
{
	size_t (*count)[256] = xcalloc(SKEY_BYTES, sizeof *count);
	struct skey *tmp = xreallocarray(NULL, n + 1, sizeof *tmp);
	struct skey *src = k, *dst = tmp, *swap;

	for (size_t i = 0; i < n; i++)
		for (int d = 0; d < SKEY_BYTES; d++)
			count[d][skey_byte(&k[i], d)]++;
	for (int d = 0; d < SKEY_BYTES && n > 0; d++) {
		size_t *c = count[d], at = 0;
		if (c[skey_byte(&src[0], d)] == n)
			continue;
		for (int b = 0; b < 256; b++) {
			size_t here = c[b];
			c[b] = at;
			at += here;
		}
		for (size_t i = 0; i < n; i++)
			dst[c[skey_byte(&src[i], d)]++] = src[i];
		swap = src;
		src = dst;
		dst = swap;
	}
	if (src != k)
		memcpy(k, src, n * sizeof *k);
	free(tmp);
	free(count);
}

/* An int as an unsigned number in the same order. */
static uint32_t
int_key(int x)
{
	return (uint32_t)x ^ 0x80000000u;
}

/* A double as an unsigned number in the same order (0 and -0 equal). */
static uint64_t
double_key(double x)
{
	uint64_t u;

	if (x == 0)
		x = 0;
	memcpy(&u, &x, sizeof u);
	return u >> 63 ? ~u : u | (uint64_t)1 << 63;
}

struct label {
	const char	*s;
	size_t		 dept;
};

static int
label_cmp(const void *x, const void *y)
{
	return strcmp(((const struct label *)x)->s,
	    ((const struct label *)y)->s);
}

/* Each department's place in the order of the labels, equal labels
 * sharing one; index ndepts stands for no department ("-"). */
static size_t *
dept_ranks(const struct plan *p)
{
	size_t nd = p->ndepts, *rank = xcalloc(nd + 1, sizeof *rank);
	struct label *l = xreallocarray(NULL, nd + 1, sizeof *l);

	for (size_t d = 0; d <= nd; d++) {
		l[d].s = plan_dept_label(p, d < nd ? (int)d : -1);
		l[d].dept = d;
	}
	qsort(l, nd + 1, sizeof *l, label_cmp);
	for (size_t k = 0, r = 0; k <= nd; k++) {
		if (k > 0 && strcmp(l[k - 1].s, l[k].s) != 0)
			r++;
		rank[l[k].dept] = r;
	}
	free(l);
	return rank;
}

/* The review's items in the order of sort. */
static size_t *
sort_items(struct msview *v, enum sort sort)
{
	const struct plan *p = v->t->plan;
	size_t n = v->t->rv->nitems, nd = p->ndepts, *rank = NULL;
	struct skey *k;
	size_t *o;

	if (sort == SORT_DEPT)
		rank = dept_ranks(p);
	k = xreallocarray(NULL, n + 1, sizeof *k);
	for (size_t i = 0; i < n; i++) {
		const struct ms_result *r = item(v, i);
		int owner = p->ms[r->in.ms].owner;
		k[i] = (struct skey){ 0, 0, (uint32_t)i };
		switch (sort) {
		case SORT_URGENT:
			/* Open before done; most overdue, then soonest
			 * due. */
			k[i].k = (uint64_t)(r->state == MS_DONE ||
			    r->state == MS_LATE) << 32 |
			    (uint32_t)~int_key(r->days_overdue);
			k[i].k2 = int_key(r->in.due);
			break;
		case SORT_DUE:
			k[i].k = int_key(r->in.due);
			break;
		case SORT_DEPT:
			k[i].k = rank[owner >= 0 && (size_t)owner < nd ?
			    (size_t)owner : nd];
			break;
		case SORT_PROGRESS:
			k[i].k = double_key(r->progress);
			break;
		default:
			break;
		}
	}
	/* Stable, from the items in plan order: equal keys stay in it. */
	sort_keys(k, n);
	o = xreallocarray(NULL, n + 1, sizeof *o);
	for (size_t i = 0; i < n; i++)
		o[i] = k[i].i;
	free(k);
	free(rank);
	return o;
}

static void
sort_all(struct msview *v)
{
	for (int s = 0; s < SORT_COUNT; s++) {
		free(v->order[s]);
		v->order[s] = s != SORT_PLAN ? sort_items(v, s) : NULL;
	}
}

static void
build_rows(struct msview *v)
{
	const struct plan *p = v->t->plan;

	v->nrows = 0;
	if (v->sort != SORT_PLAN) {
		const size_t *o = v->order[v->sort];
		for (size_t i = 0; i < v->t->rv->nitems; i++)
			push(v, ROW_ITEM, (int)o[i], false);
		return;
	}
	for (size_t ph = 0; ph < p->nphases; ph++) {
		push(v, ROW_PHASE, (int)ph, false);
		if (v->closed[ph])
			continue;
		for (size_t k = 0; k < p->phases[ph].ms_count; k++)
			add_milestone(v, p->phases[ph].ms_first + k);
	}
	bool header = false;
	for (size_t ms = 0; ms < p->nms; ms++) {
		if (p->ms[ms].phase >= 0)
			continue;
		if (!header && p->nphases > 0) {
			push(v, ROW_PHASE, -1, false);
			header = true;
		}
		if (!v->closed[p->nphases])
			add_milestone(v, ms);
	}
}

/* What a row is, to find it again after a rebuild. */
struct ident {
	enum row_kind	 kind;
	int		 a;
	pw_day		 b;
};

static struct ident
ident_of(const struct msview *v, size_t row)
{
	struct ident id = { ROW_PHASE, -2, DAY_NONE };

	if (row >= v->nrows)
		return id;
	id.kind = v->rows[row].kind;
	id.a = v->rows[row].index;
	if (id.kind == ROW_ITEM) {
		id.a = v->rows[row].ms;
		id.b = v->rows[row].period;
	}
	return id;
}

static bool
same(const struct msview *v, size_t row, const struct ident *id)
{
	struct ident x = ident_of(v, row);

	return x.kind == id->kind && x.a == id->a && x.b == id->b;
}

/* The rows again (a fold or the sort changed), selecting keep. */
static void
rebuild_keep(struct msview *v, const struct ident *keep)
{
	build_rows(v);
	v->list.n = v->nrows;
	list_refilter(&v->list, v->t);
	for (size_t i = 0; i < v->nrows; i++)
		if (same(v, i, keep)) {
			list_select_row(&v->list, i);
			break;
		}
	v->list.full = true;
}

static void
ms_rebuild(void *data, struct tui *t)
{
	struct msview *v = data;
	struct ident keep = ident_of(v, list_selected(&v->list));

	/* A plan of another shape: the old rows mean nothing now. */
	if (v->nms != t->plan->nms || v->nphases != t->plan->nphases)
		keep.a = -2;
	v->leadw = 0;
	for (size_t i = 0; i < t->plan->nms; i++) {
		char *safe = text_safe(plan_dept_label(t->plan,
		    t->plan->ms[i].owner));
		if (text_width(safe) > v->leadw)
			v->leadw = text_width(safe);
		free(safe);
	}
	index_items(v);
	sort_all(v);
	rebuild_keep(v, &keep);
}

/* Does any instance of milestone ms pass the filter? */
static bool
ms_shown(const struct msview *v, struct tui *t, size_t ms)
{
	for (size_t i = 0; i < v->count[ms]; i++)
		if (filter_ms(t, item(v, v->first[ms] + i)))
			return true;
	return false;
}

static bool
ms_match(void *ctx, struct tui *t, size_t row)
{
	struct msview *v = ctx;
	const struct row *r = &v->rows[row];
	const struct plan *p = t->plan;

	if (t->filter_dept < 0 && t->filter_kind == FILTER_NONE)
		return true;
	switch (r->kind) {
	case ROW_ITEM:
		return filter_ms(t, item(v, (size_t)r->index));
	case ROW_GROUP:
		return ms_shown(v, t, (size_t)r->index);
	case ROW_PHASE:
		/* Shown when anything under it is: its milestones are
		 * together in plan.ms, those of no phase anywhere. */
		if (r->index >= 0) {
			const struct phase *ph = &p->phases[r->index];
			for (size_t k = 0; k < ph->ms_count; k++)
				if (ms_shown(v, t, ph->ms_first + k))
					return true;
			return false;
		}
		for (size_t ms = 0; ms < p->nms; ms++)
			if (p->ms[ms].phase < 0 && ms_shown(v, t, ms))
				return true;
		return false;
	}
	return true;
}

static void
ms_text(void *ctx, struct tui *t, size_t row, struct buf *b)
{
	struct msview *v = ctx;
	const struct row *r = &v->rows[row];
	const struct plan *p = t->plan;

	switch (r->kind) {
	case ROW_PHASE:
		if (r->index >= 0) {
			buf_puts(b, p->phases[r->index].id);
			buf_putc(b, ' ');
			buf_puts(b, p->phases[r->index].name);
		}
		break;
	case ROW_GROUP:
		buf_puts(b, p->ms[r->index].id);
		buf_putc(b, ' ');
		buf_puts(b, p->ms[r->index].name);
		break;
	case ROW_ITEM:
		buf_puts(b, item(v, (size_t)r->index)->name);
		buf_putc(b, ' ');
		buf_puts(b, p->ms[item(v, (size_t)r->index)->in.ms].name);
		break;
	}
}

/* Draw the columns after the name for one instance. */
static void
draw_cells(struct msview *v, const struct ms_result *r, int y, int x,
    const struct cols *c, bool sel)
{
	struct tui *t = v->t;
	const struct milestone *m = &t->plan->ms[r->in.ms];
	attr_t a = tui_attr(t, EL_NORMAL, sel);
	char date[11];

	if (c->due) {
		if (r->in.due != DAY_NONE)
			date_iso(r->in.due, date);
		else
			strcpy(date, "-");
		tui_put(y, x, c->due, date, ALIGN_LEFT, a);
		tui_fill(y, x + c->due, 1, a);
		x += c->due + 1;
	}
	if (c->days) {
		char *d = fmt_days(r);
		tui_put(y, x, c->days, d, ALIGN_RIGHT, tui_attr(t,
		    tone_element(ms_state_tone(r->state)), sel));
		tui_fill(y, x + c->days, 1, a);
		free(d);
		x += c->days + 1;
	}
	if (c->lead) {
		tui_put(y, x, c->lead, plan_dept_label(t->plan, m->owner),
		    ALIGN_LEFT, a);
		tui_fill(y, x + c->lead, 1, a);
		x += c->lead + 1;
	}
	if (c->prog) {
		char *bar = fmt_bar(t, r->progress, c->prog - 5);
		char *s = xasprintf("%s%4.0f%%", bar, pct_round(r->progress));
		tui_put(y, x, c->prog, s, ALIGN_LEFT, tui_attr(t,
		    r->pace >= PACE_BEHIND ? EL_WARN : EL_GOOD, sel));
		free(s);
		free(bar);
		x += c->prog;
	}
}

static void
ms_draw_row(void *ctx, struct tui *t, size_t row, int y, int x, int w,
    bool sel)
{
	struct msview *v = ctx;
	const struct row *r = &v->rows[row];
	const struct plan *p = t->plan;
	struct cols c = columns(v, t, w);
	const char *fold_open = "[-]", *fold_shut = "[+]";
	char *s;

	tui_fill(y, x, w, tui_attr(t, EL_NORMAL, sel));
	if (r->kind == ROW_PHASE) {
		bool shut = v->closed[r->index >= 0 ? (size_t)r->index :
		    p->nphases];
		if (r->index < 0) {
			s = xasprintf("%s %s", shut ? fold_shut : fold_open,
			    _("Milestones outside the phases"));
			tui_put(y, x, w, s, ALIGN_LEFT,
			    tui_attr(t, EL_TITLE, sel));
			free(s);
			return;
		}
		const struct phase *ph = &p->phases[r->index];
		const struct phase_result *pr = &t->rv->phases[r->index];
		char a[11] = "", b[11] = "";
		if (ph->start.day != DAY_NONE)
			pdate_format(&ph->start, a);
		if (ph->end.day != DAY_NONE)
			pdate_format(&ph->end, b);
		s = xasprintf("%s %s %s", shut ? fold_shut : fold_open,
		    ph->id, ph->name);
		char *info = pr->overdue ? xasprintf(_("%s..%s  %.0f%%  "
		    "%zu open, %dd overdue"), a, b, pct_round(pr->progress),
		    pr->open, pr->days_overdue) :
		    xasprintf(_("%s..%s  %.0f%%  %zu open"), a, b,
		    pct_round(pr->progress), pr->open);
		int iw = text_width(info);
		if (iw > w / 2)
			iw = w / 2;
		tui_put(y, x, w - iw - 1, s, ALIGN_LEFT,
		    tui_attr(t, EL_TITLE, sel));
		tui_put(y, x + w - iw, iw, info, ALIGN_RIGHT,
		    tui_attr(t, tone_element(severity_tone(pr->sev)), sel));
		free(info);
		free(s);
		return;
	}
	const struct ms_result *it = r->kind == ROW_GROUP ?
	    item(v, v->rep[r->index]) : item(v, (size_t)r->index);
	int indent = v->sort != SORT_PLAN ? 0 : r->child ? 4 : 2;
	if (indent > c.name / 3)
		indent = 0;
	tui_put(y, x, c.sym, ms_state_symbol(it->state, t->utf8), ALIGN_LEFT,
	    tui_attr(t, tone_element(ms_state_tone(it->state)), sel));
	int nx = x + c.sym + 1 + indent, nw = c.name - indent;
	if (r->kind == ROW_GROUP) {
		const struct milestone *m = &p->ms[r->index];
		s = xasprintf("%s %s %s  [%zu/%zu %s]", v->open[r->index] ?
		    fold_open : fold_shut, m->id, m->name,
		    v->ndone[r->index], v->count[r->index], _("done"));
	} else if (r->child)
		s = xasprintf("%s", it->name);
	else
		s = xasprintf("%s %s", it->name, p->ms[it->in.ms].name);
	tui_put(y, nx, nw, s, ALIGN_LEFT, tui_attr(t, EL_NORMAL, sel));
	free(s);
	draw_cells(v, it, y, x + c.sym + 1 + c.name + 1, &c, sel);
}

static bool
ms_selectable(void *ctx, size_t row)
{
	(void)ctx;
	(void)row;
	return true;
}

static void *
ms_init(struct tui *t)
{
	struct msview *v = xcalloc(1, sizeof *v);

	v->t = t;
	list_init(&v->list, v);
	v->list.draw_row = ms_draw_row;
	v->list.match = ms_match;
	v->list.text = ms_text;
	v->list.selectable = ms_selectable;
	return v;
}

static void
ms_free(void *data)
{
	struct msview *v = data;

	list_release(&v->list);
	free(v->rows);
	free_index(v);
	for (int s = 0; s < SORT_COUNT; s++)
		free(v->order[s]);
	free(v);
}

static void
ms_draw(void *data, struct tui *t, const struct rect *r, int flags)
{
	struct msview *v = data;
	struct cols c = columns(v, t, r->w);
	struct rect lr = { r->y + 1, r->x, r->h - 1, r->w };
	int x = r->x;

	if (flags & (TUI_ALL | TUI_BODY)) {
		char *s = xasprintf("%s  (%s: %s)", _("Milestone"), _("sort"),
		    _(sort_names[v->sort]));
		attr_t a = t->attr[EL_TITLE] | A_UNDERLINE;
		tui_fill(r->y, r->x, r->w, a);
		tui_put(r->y, x + c.sym + 1, c.name, s, ALIGN_LEFT, a);
		free(s);
		x += c.sym + 1 + c.name + 1;
		if (c.due) {
			tui_put(r->y, x, c.due, _("Due"), ALIGN_LEFT, a);
			x += c.due + 1;
		}
		if (c.days) {
			tui_put(r->y, x, c.days, _("Days"), ALIGN_RIGHT, a);
			x += c.days + 1;
		}
		if (c.lead) {
			tui_put(r->y, x, c.lead, _("Lead"), ALIGN_LEFT, a);
			x += c.lead + 1;
		}
		if (c.prog)
			tui_put(r->y, x, c.prog, _("Progress"), ALIGN_LEFT, a);
	}
	if (v->list.nvis == 0 && (flags & (TUI_ALL | TUI_BODY))) {
		tui_put(lr.y, lr.x + 2, lr.w - 2, v->nrows == 0 ?
		    _("the plan has no milestones") : _("nothing matches the "
		    "filter; f changes it, F clears it"), ALIGN_LEFT,
		    t->attr[EL_DIM]);
		return;
	}
	list_draw(&v->list, t, &lr, flags);
}

/* Fold or unfold the selected phase or recurring milestone; for an
 * instance, fold its group. */
static int
fold(struct msview *v, int how)
{
	size_t row = list_selected(&v->list);
	struct ident keep;

	if (row == (size_t)-1 || v->sort != SORT_PLAN)
		return 0;
	const struct row *r = &v->rows[row];
	keep = ident_of(v, row);
	switch (r->kind) {
	case ROW_PHASE: {
		bool *c = &v->closed[r->index >= 0 ? (size_t)r->index :
		    v->nphases];
		*c = how == 0 ? !*c : how < 0;
		break;
	}
	case ROW_GROUP:
		v->open[r->index] = how == 0 ? !v->open[r->index] : how > 0;
		break;
	case ROW_ITEM:
		if (!r->child || how > 0)
			return 0;
		keep.kind = ROW_GROUP;
		keep.a = item(v, (size_t)r->index)->in.ms;
		keep.b = DAY_NONE;
		v->open[keep.a] = false;
		break;
	}
	rebuild_keep(v, &keep);
	return TUI_BODY;
}

static int
ms_key(void *data, struct tui *t, int key)
{
	struct msview *v = data;
	size_t row = list_selected(&v->list);
	struct ident keep;

	(void)t;
	switch (key) {
	case ' ':
		return fold(v, 0);
	case '\r':
	case '\n':
	case KEY_ENTER:
		if (row != (size_t)-1 && v->rows[row].kind != ROW_ITEM)
			return fold(v, 0);
		return 0;
	case 'h':
	case KEY_LEFT:
		return fold(v, -1) | TUI_HANDLED;
	case 'l':
	case KEY_RIGHT:
		return fold(v, 1) | TUI_HANDLED;
	case 's':
		keep = ident_of(v, row);
		v->sort = (v->sort + 1) % SORT_COUNT;
		if (keep.kind != ROW_ITEM)
			keep.a = -2;
		rebuild_keep(v, &keep);
		tui_message(t, false, _("sorted by %s"),
		    _(sort_names[v->sort]));
		return TUI_BODY | TUI_STATUS;
	default:
		return 0;
	}
}

static struct list *
ms_list(void *data)
{
	return &((struct msview *)data)->list;
}

static long
ms_sel_item(void *data, struct tui *t)
{
	struct msview *v = data;
	size_t row = list_selected(&v->list);

	(void)t;
	if (row == (size_t)-1 || v->rows[row].kind != ROW_ITEM)
		return -1;
	return v->rows[row].index;
}

static void
phase_detail(struct msview *v, int ph, int w, struct lines *l)
{
	const struct plan *p = v->t->plan;

	if (ph < 0) {
		lines_add(l, EL_TITLE, 0, "%s",
		    _("Milestones outside the phases"));
		return;
	}
	const struct phase *x = &p->phases[ph];
	const struct phase_result *pr = &v->t->rv->phases[ph];
	char a[11] = "-", b[11] = "-";

	if (x->start.day != DAY_NONE)
		pdate_format(&x->start, a);
	if (x->end.day != DAY_NONE)
		pdate_format(&x->end, b);
	lines_add(l, EL_TITLE, 0, "%s %s", x->id, x->name);
	lines_add(l, EL_NORMAL, 0, "%s: %s .. %s", _("dates"), a, b);
	lines_add(l, EL_NORMAL, 0, "%s: %s", _("lead"),
	    plan_dept_label(p, x->owner));
	lines_add(l, tone_element(severity_tone(pr->sev)), 0,
	    _("progress: %.0f%%"), pct_round(pr->progress));
	if (pr->expected >= 0)
		lines_add(l, EL_NORMAL, 2, _("expected by now: %.0f%% %s"),
		    pct_round(pr->expected), pace_label(pr->pace));
	lines_add(l, EL_NORMAL, 0, _("open: %zu"), pr->open);
	if (pr->overdue)
		lines_add(l, EL_BAD, 0, _("overdue by %d days"),
		    pr->days_overdue);
	if (x->note != NULL) {
		lines_add(l, EL_NORMAL, 0, "%s", "");
		lines_wrap(l, EL_NORMAL, 0, x->note, w);
	}
}

static void
item_detail(struct msview *v, const struct ms_result *r, int w, size_t max,
    struct lines *l)
{
	const struct plan *p = v->t->plan;
	const struct milestone *m = &p->ms[r->in.ms];
	struct tui *t = v->t;
	char due[11] = "-", start[11] = "-", done[11];
	char *sup = dept_list(p, m->support, m->nsupport), *days = fmt_days(r);

	if (r->in.due != DAY_NONE)
		date_iso(r->in.due, due);
	if (r->in.start != DAY_NONE)
		date_iso(r->in.start, start);
	lines_add(l, EL_TITLE, 0, "%s", r->name);
	lines_wrap(l, EL_TITLE, 0, m->name, w);
	lines_add(l, tone_element(ms_state_tone(r->state)), 0, "%s %s  (%s)",
	    ms_state_symbol(r->state, t->utf8), ms_state_label(r->state),
	    days);
	if (r->done_date != DAY_NONE) {
		date_iso(r->done_date, done);
		lines_add(l, EL_NORMAL, 0, "%s: %s", _("done on"), done);
	}
	lines_add(l, EL_NORMAL, 0, "%s: %s .. %s", _("runs"), start, due);
	if (m->phase >= 0)
		lines_add(l, EL_NORMAL, 0, "%s: %s %s", _("phase"),
		    p->phases[m->phase].id, p->phases[m->phase].name);
	lines_add(l, EL_NORMAL, 0, "%s: %s", _("lead"),
	    m->owner >= 0 ? p->depts[m->owner].name : "-");
	char *s = xasprintf("%s: %s", _("support"), sup);
	lines_wrap(l, EL_NORMAL, 0, s, w);
	free(s);
	lines_add(l, tone_element(r->pace >= PACE_BEHIND ? TONE_WARN :
	    TONE_NEUTRAL), 0, _("progress: %.0f%%"), pct_round(r->progress));
	if (r->expected >= 0)
		lines_add(l, EL_NORMAL, 2, _("expected by now: %.0f%% %s"),
		    pct_round(r->expected), pace_label(r->pace));
	if (m->weight != 1)
		lines_add(l, EL_NORMAL, 0, "%s: %g", _("weight"), m->weight);
	if (m->every != PERIOD_NONE)
		lines_add(l, EL_NORMAL, 0, "%s: %s", _("recurs every"),
		    period_name(m->every));
	if (m->note != NULL) {
		lines_add(l, EL_NORMAL, 0, "%s", "");
		lines_wrap(l, EL_NORMAL, 0, m->note, w);
	}
	detail_history(t, r->name, NULL, max, l);
	free(sup);
	free(days);
}

static void
ms_detail(void *data, struct tui *t, int w, size_t max, struct lines *l)
{
	struct msview *v = data;
	size_t row = list_selected(&v->list);

	(void)t;
	if (row == (size_t)-1)
		return;
	const struct row *r = &v->rows[row];
	switch (r->kind) {
	case ROW_PHASE:
		phase_detail(v, r->index, w, l);
		break;
	case ROW_ITEM:
		item_detail(v, item(v, (size_t)r->index), w, max, l);
		break;
	case ROW_GROUP:
		item_detail(v, item(v, v->rep[r->index]), w, max, l);
		lines_add(l, EL_NORMAL, 0, "%s", "");
		lines_add(l, EL_TITLE, 0, "%s", _("Instances"));
		for (size_t i = 0; i < v->count[r->index] && l->n < max; i++) {
			const struct ms_result *it =
			    item(v, v->first[r->index] + i);
			char *d = fmt_days(it);
			lines_add(l, tone_element(ms_state_tone(it->state)),
			    2, "%s %-20s %s", ms_state_symbol(it->state,
			    t->utf8), it->name, d);
			free(d);
		}
		break;
	}
}

static bool
ms_select(void *data, struct tui *t, enum item_kind kind, size_t index)
{
	struct msview *v = data;
	struct ident want = { ROW_PHASE, (int)index, DAY_NONE };

	if (kind == ITEM_INSTANCE) {
		if (index >= t->rv->nitems)
			return false;
		want.kind = ROW_ITEM;
		want.a = t->rv->items[index].in.ms;
		want.b = t->rv->items[index].in.period;
		v->open[want.a] = true;
		int ph = t->plan->ms[want.a].phase;
		v->closed[ph >= 0 ? (size_t)ph : v->nphases] = false;
	} else if (kind == ITEM_PHASE)
		v->closed[index] = false;
	else
		return false;
	rebuild_keep(v, &want);
	size_t row = list_selected(&v->list);
	return row != (size_t)-1 && same(v, row, &want);
}

const struct view view_milestones = {
	.name = N_("Milestones"),
	.init = ms_init,
	.free = ms_free,
	.rebuild = ms_rebuild,
	.draw = ms_draw,
	.key = ms_key,
	.list = ms_list,
	.detail = ms_detail,
	.sel_target = NULL,
	.sel_item = ms_sel_item,
	.select = ms_select,
	.keys = ms_keys,
	.filtered = true,
};
