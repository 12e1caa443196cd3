/*
 * view_history.c: what was recorded, by whom and when, newest first (the
 * newest HIST_MAX rows, loaded when the review is rebuilt).  Superseded
 * values are dimmed.
 */
#include <curses.h>
#include <stdlib.h>
#include <string.h>

#include "tui/tui.h"
#include "util/i18n.h"
#include "util/text.h"
#include "util/xalloc.h"

struct hview {
	struct list	 list;
	int		 itemw;		/* the widest id recorded */
};

struct cols {
	int	 when, by, kind, item, date, value, source, note;
};

static int
note_room(const struct cols *c, int w)
{
	return w - (c->when ? c->when + 1 : 0) - (c->by ? c->by + 1 : 0) -
	    (c->kind ? c->kind + 1 : 0) - c->item - 1 - c->date - 1 -
	    c->value - 1 - (c->source ? c->source + 1 : 0);
}

/* The item column is as wide as the widest id: an id is never cut; the
 * note (with the item's name) takes the rest, and below 60 columns or
 * when an id needs it the kind column goes.  The source (who reported
 * it) is shown from 120 columns, the recorder from 100. */
static struct cols
columns(const struct hview *v, int w)
{
	struct cols c = { 20, 10, 9, v->itemw, 10, 14, 12, 0 };

	if (w < 120)
		c.source = 0;
	if (w < 100)
		c.by = 0;
	if (w < 84)
		c.when = 0;
	if (w < 60 || note_room(&c, w) < 0)
		c.kind = 0;
	c.note = note_room(&c, w);
	if (c.note < 0)
		c.note = 0;
	return c;
}

static char *
value_text(struct tui *t, const struct history_row *h)
{
	struct item_ref ref;

	switch (h->kind) {
	case FACT_VALUE:
		if (h->level != NULL)
			return xstrdup(h->level);
		ref = plan_find(t->plan, h->item);
		return fmt_value(t->plan, ref.kind == ITEM_TARGET ?
		    &t->plan->targets[ref.index] : NULL, h->value);
	case FACT_PROGRESS:
		return xasprintf("%.0f%%", pct_round(h->value));
	default:
		return xstrdup("");
	}
}

static void
h_draw_row(void *ctx, struct tui *t, size_t row, int y, int x, int w,
    bool sel)
{
	const struct history_row *h = &t->hist[row];
	struct cols c = columns(ctx, w);
	attr_t a = tui_attr(t, h->superseded ? EL_DIM : EL_NORMAL, sel);
	char date[11], *s;

	tui_fill(y, x, w, a);
	if (c.when) {
		tui_put(y, x, c.when, h->recorded, ALIGN_LEFT, a);
		x += c.when + 1;
	}
	if (c.by) {
		tui_put(y, x, c.by, h->by, ALIGN_LEFT, a);
		x += c.by + 1;
	}
	if (c.kind) {
		tui_put(y, x, c.kind, fact_kind_label(h->kind), ALIGN_LEFT, a);
		x += c.kind + 1;
	}
	tui_put(y, x, c.item, h->item, ALIGN_LEFT, a);
	x += c.item + 1;
	date_iso(h->date, date);
	tui_put(y, x, c.date, date, ALIGN_LEFT, a);
	x += c.date + 1;
	s = value_text(t, h);
	tui_put(y, x, c.value, s, ALIGN_RIGHT, a);
	free(s);
	x += c.value + 1;
	if (c.source) {
		tui_put(y, x, c.source, h->source != NULL ? h->source : "",
		    ALIGN_LEFT, a);
		x += c.source + 1;
	}
	if (c.note) {
		const char *name = item_name(t->plan, h->item);
		s = h->note != NULL ? xasprintf("%s  %s", h->note,
		    name != NULL ? name : "") : xstrdup(name != NULL ? name :
		    "");
		tui_put(y, x, c.note, s, ALIGN_LEFT, a);
		free(s);
	}
}

static void
h_text(void *ctx, struct tui *t, size_t row, struct buf *b)
{
	const struct history_row *h = &t->hist[row];
	const char *name = item_name(t->plan, h->item);

	(void)ctx;
	buf_puts(b, h->item);
	buf_putc(b, ' ');
	buf_puts(b, h->by);
	if (name != NULL) {
		buf_putc(b, ' ');
		buf_puts(b, name);
	}
	if (h->note != NULL) {
		buf_putc(b, ' ');
		buf_puts(b, h->note);
	}
	if (h->source != NULL) {
		buf_putc(b, ' ');
		buf_puts(b, h->source);
	}
}

/* The selected row's item, for r, p, d and u (tui.h, struct view): a
 * target, or a milestone instance the review holds; -1 for any other
 * (a phase, an id the plan no longer has, an instance not in the
 * review). */
static const struct history_row *
sel_row(struct hview *v, struct tui *t, enum item_kind *kind, int *index)
{
	size_t row = list_selected(&v->list);
	struct item_ref ref;

	if (row == (size_t)-1 || row >= t->nhist)
		return NULL;
	ref = plan_find(t->plan, t->hist[row].item);
	*kind = ref.kind;
	*index = ref.index;
	return &t->hist[row];
}

static int
h_sel_target(void *data, struct tui *t)
{
	enum item_kind kind;
	int index;

	if (sel_row(data, t, &kind, &index) == NULL || kind != ITEM_TARGET)
		return -1;
	return index;
}

static long
h_sel_item(void *data, struct tui *t)
{
	const struct history_row *h;
	enum item_kind kind;
	int index;

	if ((h = sel_row(data, t, &kind, &index)) == NULL ||
	    (kind != ITEM_MILESTONE && kind != ITEM_INSTANCE))
		return -1;
	for (size_t i = 0; i < t->rv->nitems; i++)
		if (strcmp(t->rv->items[i].name, h->item) == 0)
			return (long)i;
	return -1;
}

/* The department filter applies to what the record was about. */
static bool
h_match(void *ctx, struct tui *t, size_t row)
{
	struct item_ref ref;
	const int *sup;
	size_t n;
	int owner;

	(void)ctx;
	if (t->filter_dept < 0)
		return true;
	ref = plan_find(t->plan, t->hist[row].item);
	if (ref.kind == ITEM_TARGET) {
		owner = t->plan->targets[ref.index].owner;
		sup = t->plan->targets[ref.index].support;
		n = t->plan->targets[ref.index].nsupport;
	} else if (ref.kind == ITEM_MILESTONE || ref.kind == ITEM_INSTANCE) {
		owner = t->plan->ms[ref.index].owner;
		sup = t->plan->ms[ref.index].support;
		n = t->plan->ms[ref.index].nsupport;
	} else
		return false;
	if (owner == t->filter_dept)
		return true;
	for (size_t i = 0; i < n; i++)
		if (sup[i] == t->filter_dept)
			return true;
	return false;
}

static void *
h_init(struct tui *t)
{
	struct hview *v = xcalloc(1, sizeof *v);

	(void)t;
	list_init(&v->list, v);
	v->list.draw_row = h_draw_row;
	v->list.text = h_text;
	v->list.match = h_match;
	return v;
}

static void
h_free(void *data)
{
	struct hview *v = data;

	list_release(&v->list);
	free(v);
}

static void
h_rebuild(void *data, struct tui *t)
{
	struct hview *v = data;

	v->itemw = text_width(_("Item"));
	for (size_t i = 0; i < t->nhist; i++) {
		char *safe = text_safe(t->hist[i].item);
		if (text_width(safe) > v->itemw)
			v->itemw = text_width(safe);
		free(safe);
	}
	v->list.n = t->nhist;
	v->list.sel = 0;
	v->list.top = 0;
	list_refilter(&v->list, t);
}

static void
h_draw(void *data, struct tui *t, const struct rect *r, int flags)
{
	struct hview *v = data;
	struct cols c = columns(v, r->w);
	struct rect lr = { r->y + 1, r->x, r->h - 1, r->w };
	attr_t a = t->attr[EL_TITLE] | A_UNDERLINE;
	int x = r->x;

	if (flags & (TUI_ALL | TUI_BODY)) {
		tui_fill(r->y, r->x, r->w, a);
		if (c.when) {
			tui_put(r->y, x, c.when, _("Recorded (UTC)"),
			    ALIGN_LEFT, a);
			x += c.when + 1;
		}
		if (c.by) {
			tui_put(r->y, x, c.by, _("By"), ALIGN_LEFT, a);
			x += c.by + 1;
		}
		if (c.kind) {
			tui_put(r->y, x, c.kind, _("What"), ALIGN_LEFT, a);
			x += c.kind + 1;
		}
		tui_put(r->y, x, c.item, _("Item"), ALIGN_LEFT, a);
		x += c.item + 1;
		tui_put(r->y, x, c.date, _("As of"), ALIGN_LEFT, a);
		x += c.date + 1;
		tui_put(r->y, x, c.value, _("Value"), ALIGN_RIGHT, a);
		x += c.value + 1;
		if (c.source) {
			tui_put(r->y, x, c.source, _("Source"), ALIGN_LEFT,
			    a);
			x += c.source + 1;
		}
		tui_put(r->y, x, c.note, _("Note"), ALIGN_LEFT, a);
		if (v->list.nvis == 0) {
			for (int y = lr.y; y < lr.y + lr.h; y++)
				tui_fill(y, lr.x, lr.w, t->attr[EL_NORMAL]);
			tui_put(lr.y, lr.x + 2, lr.w - 2,
			    _("nothing recorded yet: r, p, d record from the "
			    "review"), ALIGN_LEFT, t->attr[EL_DIM]);
			return;
		}
	}
	list_draw(&v->list, t, &lr, flags);
}

static const struct keyhelp h_keys[] = {
	{ "r, p, d, u", N_("record for the selected item, as in its view") },
	{ NULL, NULL }
};

static struct list *
h_list(void *data)
{
	return &((struct hview *)data)->list;
}

const struct view view_history = {
	.name = N_("History"),
	.init = h_init,
	.free = h_free,
	.rebuild = h_rebuild,
	.refilter = h_rebuild,
	.draw = h_draw,
	.key = NULL,
	.list = h_list,
	.detail = NULL,
	.keys = h_keys,
	.sel_target = h_sel_target,
	.sel_item = h_sel_item,
	.filtered = true,
};
