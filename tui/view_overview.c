/*
 * view_overview.c: the counts by status, the phases as a timeline (bars
 * scaled to the window, the as-of date a vertical line, status colours),
 * and what needs attention: the model's attention list (model/attention.h)
 * whole, worst first, each entry with its kind's symbol and colour and
 * why, in the words every face uses (report/reason.h).  Enter on a phase
 * or an item opens it in its own view; r, p, d and u act on the selected
 * item.
 */
#include <curses.h>
#include <stdlib.h>
#include <string.h>

#include "report/reason.h"
#include "report/words.h"
#include "tui/tui.h"
#include "util/i18n.h"
#include "util/text.h"
#include "util/xalloc.h"

#define LABEL_MAX	24	/* columns for a phase's name */
#define LEAD_SHARE	12	/* columns a lead has on a narrow row */
#define REASON_MIN	16	/* a reason narrower is not shown */
#define NAME_MIN	12	/* columns a name keeps beside the reason */

enum orow_kind { O_CAPTION, O_COUNTS_MS, O_COUNTS_TG, O_AXIS, O_PHASE,
    O_ATT, O_BLANK, O_NOTHING };

struct orow {
	enum orow_kind	 kind;
	size_t		 index;		/* phase, attention entry, count */
	const char	*text;		/* O_CAPTION: N_() */
};

struct oview {
	struct list	 list;
	struct tui	*t;
	struct orow	*rows;
	size_t		 nrows, cap;
	struct attn_item *att;		/* the attention list */
	size_t		 natt;
	char		**reason;	/* per entry: why, in words */
	int		*idw, *rw;	/* per entry: its id's and reason's
					   columns */
	int		*deptw;		/* per department, then none: its
					   label's columns */
	int		 idmax, rmax, leadw;	/* the widest shown */
	pw_day		 lo, hi;	/* the timeline's range */
};

/* Columns of an attention row for a width: 0 hides a column. */
struct acols {
	int	 sym, id, name, reason, lead;
};

static void
push(struct oview *v, enum orow_kind kind, size_t index, const char *text)
{
	if (v->nrows == v->cap) {
		v->cap = v->cap ? v->cap * 2 : 64;
		v->rows = xreallocarray(v->rows, v->cap, sizeof *v->rows);
	}
	v->rows[v->nrows++] = (struct orow){ kind, index, text };
}

static void
timeline_range(struct oview *v)
{
	const struct plan *p = v->t->plan;

	v->lo = p->start.day;
	v->hi = p->end.day;
	for (size_t i = 0; i < p->nphases; i++) {
		pw_day s = p->phases[i].start.day, e = p->phases[i].end.day;
		if (s != DAY_NONE && (v->lo == DAY_NONE || s < v->lo))
			v->lo = s;
		if (e != DAY_NONE && (v->hi == DAY_NONE || e > v->hi))
			v->hi = e;
	}
	if (v->lo == DAY_NONE || v->hi == DAY_NONE || v->hi <= v->lo) {
		v->lo = v->hi = DAY_NONE;
		return;
	}
	/* Show the as-of line when it is near the plan. */
	if (v->t->asof < v->lo && v->lo - v->t->asof < (v->hi - v->lo) / 2)
		v->lo = v->t->asof;
	if (v->t->asof > v->hi && v->t->asof - v->hi < (v->hi - v->lo) / 2)
		v->hi = v->t->asof;
}

/* The rows: what needs attention depends on the filter. */
static void
o_refilter(void *data, struct tui *t)
{
	struct oview *v = data;
	size_t shown = 0;

	v->nrows = 0;
	push(v, O_CAPTION, 0, N_("Status"));
	push(v, O_COUNTS_MS, 0, NULL);
	if (t->plan->ntargets > 0)
		push(v, O_COUNTS_TG, 0, NULL);
	if (t->plan->nphases > 0 && v->lo != DAY_NONE) {
		push(v, O_BLANK, 0, NULL);
		push(v, O_CAPTION, 0, N_("Phases"));
		push(v, O_AXIS, 0, NULL);
		for (size_t i = 0; i < t->plan->nphases; i++)
			push(v, O_PHASE, i, NULL);
	}
	push(v, O_BLANK, 0, NULL);
	push(v, O_CAPTION, 0, N_("Needs attention, worst first"));
	v->idmax = v->rmax = v->leadw = 0;
	for (size_t i = 0; i < v->natt; i++) {
		const struct attn_item *a = &v->att[i];
		if (a->item == ITEM_INSTANCE ?
		    !filter_ms(t, &t->rv->items[a->index]) :
		    !filter_tg(t, &t->rv->targets[a->index]))
			continue;
		push(v, O_ATT, i, NULL);
		shown++;
		if (v->idw[i] > v->idmax)
			v->idmax = v->idw[i];
		if (v->rw[i] > v->rmax)
			v->rmax = v->rw[i];
		int lw = v->deptw[a->lead >= 0 && (size_t)a->lead <
		    t->plan->ndepts ? (size_t)a->lead : t->plan->ndepts];
		if (lw > v->leadw)
			v->leadw = lw;
	}
	if (shown == 0)
		push(v, O_NOTHING, 0, NULL);
	v->list.n = v->nrows;
	list_refilter(&v->list, t);
}

static void
free_att(struct oview *v)
{
	for (size_t i = 0; i < v->natt; i++)
		free(v->reason[i]);
	free(v->reason);
	free(v->idw);
	free(v->rw);
	free(v->deptw);
	free(v->att);
	v->reason = NULL;
	v->idw = v->rw = v->deptw = NULL;
	v->att = NULL;
	v->natt = 0;
}

/* What a row shows, to select it again after a rebuild: a phase, an
 * item, or the row's place. */
struct oident {
	enum orow_kind	 kind;
	enum item_kind	 item;
	size_t		 index;
};

static struct oident
o_ident(const struct oview *v, size_t row)
{
	struct oident id = { O_BLANK, ITEM_PHASE, 0 };

	if (row >= v->nrows)
		return id;
	id.kind = v->rows[row].kind;
	id.index = v->rows[row].index;
	if (id.kind == O_ATT) {
		id.item = v->att[id.index].item;
		id.index = v->att[id.index].index;
	}
	return id;
}

/* The attention list and its words, once per review: a filter only
 * chooses among them. */
static void
o_rebuild(void *data, struct tui *t)
{
	struct oview *v = data;
	const struct plan *p = t->plan;
	size_t sel = list_selected(&v->list);
	struct oident keep = o_ident(v, sel);
	struct reason_cache rc = { 0 };
	struct buf b = BUF_INIT;

	free_att(v);
	v->natt = attention_list(t->rv, SEV_WARNING, &v->att);
	v->reason = xreallocarray(NULL, v->natt + 1, sizeof *v->reason);
	v->idw = xreallocarray(NULL, v->natt + 1, sizeof *v->idw);
	v->rw = xreallocarray(NULL, v->natt + 1, sizeof *v->rw);
	for (size_t i = 0; i < v->natt; i++) {
		buf_reset(&b);
		attn_reason(&b, t->rv, &v->att[i], &rc);
		v->reason[i] = xstrdup(buf_str(&b));
		v->rw[i] = text_width(v->reason[i]);
		v->idw[i] = text_width(v->att[i].id);
	}
	buf_release(&b);
	v->deptw = xreallocarray(NULL, p->ndepts + 1, sizeof *v->deptw);
	for (size_t d = 0; d <= p->ndepts; d++)
		v->deptw[d] = text_width(plan_dept_label(p, d < p->ndepts ?
		    (int)d : -1));
	timeline_range(v);
	o_refilter(v, t);
	/* Recording from the list keeps the item selected, or the row in
	 * its place when it left the list. */
	for (size_t i = 0; sel != (size_t)-1 && i < v->nrows; i++) {
		struct oident id = o_ident(v, i);
		if (id.kind == keep.kind && id.index == keep.index &&
		    (id.kind != O_ATT || id.item == keep.item)) {
			list_select_row(&v->list, i);
			break;
		}
	}
}

/* Draw "symbol count label" segments; returns the columns used. */
static void
draw_counts(struct tui *t, int y, int x, int w, bool ms, bool sel)
{
	const struct counts *c = &t->rv->counts;
	size_t n[(int)MS_NSTATES > (int)TG_NSTATES ? (int)MS_NSTATES :
	    (int)TG_NSTATES];
	int order_ms[] = { MS_OVERDUE, MS_DUE_SOON, MS_ACTIVE, MS_PENDING,
	    MS_LATE, MS_DONE };
	int order_tg[] = { TG_MISSED, TG_AT_RISK, TG_ON_TRACK, TG_MET,
	    TG_NO_DATA };
	int *order = ms ? order_ms : order_tg;
	size_t norder = ms ? 6 : 5;
	int end = x + w;
	char *s;

	if (ms) {
		n[MS_PENDING] = c->pending;
		n[MS_ACTIVE] = c->active;
		n[MS_DUE_SOON] = c->due_soon;
		n[MS_OVERDUE] = c->overdue;
		n[MS_DONE] = c->done;
		n[MS_LATE] = c->late;
	} else {
		n[TG_NO_DATA] = c->no_data;
		n[TG_ON_TRACK] = c->on_track;
		n[TG_AT_RISK] = c->at_risk;
		n[TG_MET] = c->met;
		n[TG_MISSED] = c->missed;
	}
	s = xasprintf("%s", ms ? _("milestones") : _("targets"));
	tui_put(y, x + 2, 12, s, ALIGN_LEFT, tui_attr(t, EL_NORMAL, sel));
	free(s);
	x += 15;
	for (size_t i = 0; i < norder && x < end; i++) {
		int st = order[i];
		s = xasprintf("%s %zu %s", ms ? ms_state_symbol(st, t->utf8) :
		    tg_state_symbol(st, t->utf8), n[st], ms ?
		    ms_state_label(st) : tg_state_label(st));
		enum tone tone = ms ? ms_state_tone(st) : tg_state_tone(st);
		x += tui_puts(y, x, end - x, s, tui_attr(t, n[st] ?
		    tone_element(tone) : EL_DIM, sel)) + 3;
		free(s);
	}
}

/* Column of day d on a timeline of bw cells. */
static int
col_of(const struct oview *v, pw_day d, int bw)
{
	long span = (long)v->hi - v->lo + 1;
	long c = ((long)d - v->lo) * bw / span;

	return c < 0 ? -1 : c >= bw ? bw : (int)c;
}

static int
label_width(int w)
{
	int lw = w / 4;

	return lw > LABEL_MAX ? LABEL_MAX : lw < 8 ? 8 : lw;
}

static void
draw_axis(struct oview *v, struct tui *t, int y, int x, int w)
{
	int lw = label_width(w), bw = w - lw - 8, y0, y1, m0, m1, d0, d1;
	char date[11];

	if (bw < 8)
		return;
	date_to_ymd(v->lo, &y0, &m0, &d0);
	date_to_ymd(v->hi, &y1, &m1, &d1);
	attrset(t->attr[EL_DIM]);
	for (int yr = y0; yr <= y1 + 1; yr++) {
		pw_day d = date_from_ymd(yr, 1, 1);
		int c = col_of(v, d, bw);
		if (d < v->lo || c >= bw)
			continue;
		char lab[8];
		snprintf(lab, sizeof lab, "%d", yr);
		mvaddstr(y, x + lw + 1 + c, t->utf8 ? "\u2595" : "|");
		if (c + 5 < bw)
			mvaddstr(y, x + lw + 2 + c, lab);
	}
	attrset(A_NORMAL);
	int c = col_of(v, t->asof, bw);
	if (c >= 0 && c < bw) {
		date_iso(t->asof, date);
		/* Not the far behind pace's symbol (U+25BC). */
		char *s = xasprintf("%s%s", t->utf8 ? "\u2193" : "v", date);
		int sx = x + lw + 1 + c;
		if (sx + text_width(s) > x + w)
			sx = x + w - text_width(s);
		if (sx >= x + lw + 1 - 0) {
			tui_fill(y, sx, text_width(s), t->attr[EL_NORMAL]);
			tui_puts(y, sx, text_width(s), s, t->attr[EL_TODAY]);
		}
		free(s);
	}
}

static void
draw_phase(struct oview *v, struct tui *t, size_t i, int y, int x, int w,
    bool sel)
{
	const struct phase *ph = &t->plan->phases[i];
	const struct phase_result *pr = &t->rv->phases[i];
	int lw = label_width(w), bw = w - lw - 8;
	enum element el = tone_element(severity_tone(pr->sev));
	char *s;

	s = xasprintf("%s %s", ph->id, ph->name);
	tui_put(y, x, lw, s, ALIGN_LEFT, tui_attr(t, EL_NORMAL, sel));
	free(s);
	if (bw < 8)
		return;
	pw_day ps = ph->start.day != DAY_NONE ? ph->start.day : v->lo;
	pw_day pe = ph->end.day != DAY_NONE ? ph->end.day : v->hi;
	int c0 = col_of(v, ps, bw), c1 = col_of(v, pe, bw);
	c0 = c0 < 0 ? 0 : c0;
	c1 = c1 >= bw ? bw - 1 : c1;
	int filled = c0 + (int)((c1 - c0 + 1) * pr->progress / 100.0 + 0.5);
	int today = col_of(v, t->asof, bw);
	/* The cells in runs of one attribute, a string each. */
	struct buf run = BUF_INIT;
	attr_t ra = 0;
	int rx = 0;
	for (int c = 0; c < bw; c++) {
		const char *cell = " ";
		attr_t a = t->attr[EL_NORMAL];
		if (c >= c0 && c <= c1) {
			cell = c < filled ? (t->utf8 ? "\u2588" : "#") :
			    (t->utf8 ? "\u2591" : "-");
			a = t->attr[el == EL_NORMAL ? EL_INFO : el];
		}
		if (c == today) {
			cell = t->utf8 ? "\u2502" : "|";
			a = t->attr[EL_TODAY];
		}
		a &= ~A_UNDERLINE;
		if (run.len > 0 && a != ra) {
			tui_put_raw(y, x + lw + 1 + rx, buf_str(&run), ra);
			buf_reset(&run);
		}
		if (run.len == 0) {
			rx = c;
			ra = a;
		}
		buf_puts(&run, cell);
	}
	if (run.len > 0)
		tui_put_raw(y, x + lw + 1 + rx, buf_str(&run), ra);
	buf_release(&run);
	s = xasprintf("%4.0f%%", pct_round(pr->progress));
	tui_put(y, x + lw + 1 + bw + 1, 6, s, ALIGN_RIGHT,
	    tui_attr(t, el, sel));
	free(s);
}

/*
 * The id is never cut.  The lead takes its width while the reason keeps
 * REASON_MIN columns and the name NAME_MIN (else LEAD_SHARE); the reason
 * then takes its widest, the name keeping NAME_MIN, and is cut at its
 * end; the name takes the rest.
 */
static struct acols
att_columns(const struct oview *v, const struct tui *t, int w)
{
	struct acols c = { t->utf8 ? 2 : 4, v->idmax, 0, 0, 0 };
	int left = w - 2 - c.sym - 1 - c.id - 1;
	int room = left - REASON_MIN - 1 - NAME_MIN - 1, name;

	c.lead = v->leadw;
	if (c.lead > room)
		c.lead = room > LEAD_SHARE ? room : v->leadw < LEAD_SHARE ?
		    v->leadw : LEAD_SHARE;
	if (left - c.lead - 1 < REASON_MIN)
		c.lead = 0;
	else
		left -= c.lead + 1;
	name = left - REASON_MIN - 1 >= NAME_MIN ? NAME_MIN + 1 : 0;
	c.reason = v->rmax < left - name ? v->rmax : left - name;
	if (c.reason < 0)
		c.reason = 0;
	c.name = left - c.reason - 1;
	if (c.name < 1)
		c.name = 0;
	return c;
}

static void
draw_att(struct oview *v, struct tui *t, size_t i, int y, int x, int w,
    bool sel)
{
	const struct plan *p = t->plan;
	const struct attn_item *a = &v->att[i];
	struct acols c = att_columns(v, t, w);
	attr_t kind = tui_attr(t, attn_element(a->kind), sel);
	attr_t normal = tui_attr(t, EL_NORMAL, sel);
	const char *name = a->item == ITEM_INSTANCE ?
	    p->ms[t->rv->items[a->index].in.ms].name :
	    p->targets[a->index].name;
	int end = x + w;

	x += 2;
	tui_put(y, x, c.sym, attn_kind_symbol(a->kind, t->utf8), ALIGN_LEFT, kind);
	x += c.sym + 1;
	tui_put(y, x, end - x < c.id ? end - x : c.id, a->id, ALIGN_LEFT,
	    normal);
	x += c.id + 1;
	if (c.name > 0) {
		tui_put(y, x, c.name, name, ALIGN_LEFT, normal);
		x += c.name + 1;
	}
	if (c.reason > 0 && x < end)
		tui_put(y, x, end - x < c.reason ? end - x : c.reason,
		    v->reason[i], ALIGN_LEFT, kind);
	if (c.lead > 0)
		tui_put(y, end - c.lead, c.lead, plan_dept_label(p, a->lead),
		    ALIGN_LEFT, normal);
}

static void
o_draw_row(void *ctx, struct tui *t, size_t row, int y, int x, int w,
    bool sel)
{
	struct oview *v = ctx;
	const struct orow *r = &v->rows[row];

	tui_fill(y, x, w, tui_attr(t, EL_NORMAL, sel));
	switch (r->kind) {
	case O_CAPTION:
		tui_put(y, x, w, _(r->text), ALIGN_LEFT,
		    t->attr[EL_TITLE] | A_UNDERLINE);
		break;
	case O_COUNTS_MS:
	case O_COUNTS_TG:
		draw_counts(t, y, x, w, r->kind == O_COUNTS_MS, sel);
		break;
	case O_AXIS:
		draw_axis(v, t, y, x, w);
		break;
	case O_PHASE:
		draw_phase(v, t, r->index, y, x, w, sel);
		break;
	case O_ATT:
		draw_att(v, t, r->index, y, x, w, sel);
		break;
	case O_NOTHING:
		tui_put(y, x + 4, w - 4, _("nothing"), ALIGN_LEFT,
		    t->attr[EL_GOOD]);
		break;
	case O_BLANK:
		break;
	}
}

static bool
o_selectable(void *ctx, size_t row)
{
	const struct orow *r = &((struct oview *)ctx)->rows[row];

	return r->kind == O_PHASE || r->kind == O_ATT ||
	    r->kind == O_COUNTS_MS || r->kind == O_COUNTS_TG;
}

static void
o_text(void *ctx, struct tui *t, size_t row, struct buf *b)
{
	struct oview *v = ctx;
	const struct orow *r = &v->rows[row];
	const struct plan *p = t->plan;

	if (r->kind == O_PHASE) {
		buf_puts(b, p->phases[r->index].id);
		buf_putc(b, ' ');
		buf_puts(b, p->phases[r->index].name);
	} else if (r->kind == O_ATT) {
		const struct attn_item *a = &v->att[r->index];
		if (a->item == ITEM_INSTANCE) {
			const struct ms_result *m = &t->rv->items[a->index];
			buf_puts(b, m->name);
			buf_putc(b, ' ');
			buf_puts(b, p->ms[m->in.ms].name);
		} else {
			buf_puts(b, p->targets[a->index].id);
			buf_putc(b, ' ');
			buf_puts(b, p->targets[a->index].name);
		}
	}
}

static void *
o_init(struct tui *t)
{
	struct oview *v = xcalloc(1, sizeof *v);

	v->t = t;
	list_init(&v->list, v);
	v->list.draw_row = o_draw_row;
	v->list.selectable = o_selectable;
	v->list.text = o_text;
	return v;
}

static void
o_free(void *data)
{
	struct oview *v = data;

	list_release(&v->list);
	free(v->rows);
	free_att(v);
	free(v);
}

static void
o_draw(void *data, struct tui *t, const struct rect *r, int flags)
{
	struct oview *v = data;

	list_draw(&v->list, t, r, flags);
}

/* Enter: open the phase or item in its view. */
static int
o_key(void *data, struct tui *t, int key)
{
	struct oview *v = data;
	size_t row = list_selected(&v->list);
	size_t to;

	if (key != '\r' && key != '\n' && key != KEY_ENTER)
		return 0;
	if (row == (size_t)-1)
		return TUI_HANDLED;
	const struct orow *r = &v->rows[row];
	enum item_kind kind;
	size_t index;
	switch (r->kind) {
	case O_PHASE:
		kind = ITEM_PHASE;
		index = r->index;
		to = 1;
		break;
	case O_ATT:
		kind = v->att[r->index].item;
		index = v->att[r->index].index;
		to = kind == ITEM_TARGET ? 2 : 1;
		break;
	case O_COUNTS_MS:
		tui_switch(t, 1);
		return TUI_ALL;
	case O_COUNTS_TG:
		tui_switch(t, 2);
		return TUI_ALL;
	default:
		return TUI_HANDLED;
	}
	const struct view *dest = tui_views[to];
	if (dest->select != NULL &&
	    !dest->select(t->vdata[to], t, kind, index))
		tui_message(t, true, "%s", _("not shown there: the filter "
		    "hides it (F clears it)"));
	tui_switch(t, to);
	return TUI_ALL;
}

static struct list *
o_list(void *data)
{
	return &((struct oview *)data)->list;
}

/* The selected attention entry, if it is an item of kind. */
static const struct attn_item *
sel_att(struct oview *v, enum item_kind kind)
{
	size_t row = list_selected(&v->list);

	if (row == (size_t)-1 || v->rows[row].kind != O_ATT ||
	    v->att[v->rows[row].index].item != kind)
		return NULL;
	return &v->att[v->rows[row].index];
}

static int
o_sel_target(void *data, struct tui *t)
{
	const struct attn_item *a = sel_att(data, ITEM_TARGET);

	(void)t;
	return a != NULL ? (int)a->index : -1;
}

static long
o_sel_item(void *data, struct tui *t)
{
	const struct attn_item *a = sel_att(data, ITEM_INSTANCE);

	(void)t;
	return a != NULL ? (long)a->index : -1;
}

static const struct keyhelp o_keys[] = {
	{ "Enter", N_("open the phase or item in its view") },
	{ "r, p, d, u", N_("record for the selected item, as in its view") },
	{ NULL, NULL }
};

const struct view view_overview = {
	.name = N_("Overview"),
	.init = o_init,
	.free = o_free,
	.rebuild = o_rebuild,
	.refilter = o_refilter,
	.draw = o_draw,
	.key = o_key,
	.list = o_list,
	.detail = NULL,
	.sel_target = o_sel_target,
	.sel_item = o_sel_item,
	.keys = o_keys,
	.filtered = true,
};
