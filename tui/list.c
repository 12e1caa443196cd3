/*
 * list.c: the one list widget every view reuses (tmux's mode-tree.c,
 * calcurse's listbox.c).
 *
 * The view owns its rows and says how to draw, filter and search one; the
 * list owns which rows are shown, the selection, the scroll position and
 * what must be redrawn.  Moving the selection without scrolling redraws two
 * rows, so a key costs the same on ten rows or on a hundred thousand.
 */
#define _GNU_SOURCE		/* strcasestr */
#include <curses.h>
#include <stdlib.h>
#include <string.h>

#include "tui/tui.h"
#include "util/i18n.h"
#include "util/xalloc.h"

#define NONE	((size_t)-1)
#define CTRL(c)	((c) & 0x1f)
#define HIT_NO	1
#define HIT_YES	2

const struct keyhelp list_keys[] = {
	{ "j, Down", N_("next row") },
	{ "k, Up", N_("previous row") },
	{ "PgDn, Ctrl-F", N_("next page") },
	{ "PgUp, Ctrl-B", N_("previous page") },
	{ "Ctrl-D, Ctrl-U", N_("half a page down or up") },
	{ "g, Home", N_("first row") },
	{ "G, End", N_("last row") },
	{ N_("mouse"), N_("click selects, the wheel scrolls") },
	{ NULL, NULL }
};

void
list_init(struct list *l, void *ctx)
{
	memset(l, 0, sizeof *l);
	l->ctx = ctx;
	l->full = true;
	l->height = 1;
}

/* Forget which rows match the last search (the rows shown changed). */
static void
forget_hits(struct list *l)
{
	free(l->hit);
	free(l->hit_for);
	l->hit = NULL;
	l->hit_for = NULL;
}

void
list_release(struct list *l)
{
	free(l->vis);
	l->vis = NULL;
	l->nvis = l->capvis = 0;
	forget_hits(l);
}

size_t
list_selected(const struct list *l)
{
	return l->sel < l->nvis ? l->vis[l->sel] : NONE;
}

static bool
can_select(const struct list *l, size_t i)
{
	return l->selectable == NULL || l->selectable(l->ctx, l->vis[i]);
}

/* Move the selection to a selectable row near i, preferring direction dir. */
static void
settle(struct list *l, size_t i, int dir)
{
	if (l->nvis == 0) {
		l->sel = 0;
		return;
	}
	if (i >= l->nvis)
		i = l->nvis - 1;
	for (size_t j = i; j < l->nvis; j = dir > 0 ? j + 1 : j - 1) {
		if (can_select(l, j)) {
			l->sel = j;
			return;
		}
		if (dir < 0 && j == 0)
			break;
	}
	for (size_t j = i; j < l->nvis; j = dir > 0 ? j - 1 : j + 1) {
		if (can_select(l, j)) {
			l->sel = j;
			return;
		}
		if (dir > 0 && j == 0)
			break;
	}
	l->sel = i;
}

/* First index into vis whose row is >= row (vis is ascending). */
static size_t
lower_bound(const struct list *l, size_t row)
{
	size_t lo = 0, hi = l->nvis;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (l->vis[mid] < row)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

void
list_refilter(struct list *l, struct tui *t)
{
	size_t old = list_selected(l);

	forget_hits(l);
	l->nvis = 0;
	if (l->capvis < l->n) {
		l->capvis = l->n;
		l->vis = xreallocarray(l->vis, l->capvis, sizeof *l->vis);
	}
	for (size_t i = 0; i < l->n; i++)
		if (l->match == NULL || l->match(l->ctx, t, i))
			l->vis[l->nvis++] = i;
	settle(l, old == NONE ? 0 : lower_bound(l, old), 1);
	if (l->top > l->sel)
		l->top = l->sel;
	l->full = true;
}

bool
list_select_row(struct list *l, size_t row)
{
	size_t i = lower_bound(l, row);

	if (i >= l->nvis || l->vis[i] != row)
		return false;
	l->sel = i;
	return true;
}

/* Keep the selection on screen; returns the flags a move needs. */
static int
follow(struct list *l, size_t oldsel, size_t oldtop)
{
	size_t h = l->height > 0 ? (size_t)l->height : 1;

	if (l->sel < l->top)
		l->top = l->sel;
	else if (l->sel >= l->top + h)
		l->top = l->sel - h + 1;
	if (l->top != oldtop)
		return TUI_BODY;
	if (l->sel != oldsel)
		return TUI_SEL;
	return TUI_HANDLED;
}

static int
move_by(struct list *l, long delta)
{
	size_t oldsel = l->sel, oldtop = l->top, to;

	if (l->nvis == 0)
		return TUI_HANDLED;
	if (delta < 0)
		to = (size_t)-delta > l->sel ? 0 : l->sel - (size_t)-delta;
	else
		to = l->sel + (size_t)delta >= l->nvis ? l->nvis - 1 :
		    l->sel + (size_t)delta;
	settle(l, to, delta < 0 ? -1 : 1);
	return follow(l, oldsel, oldtop);
}

int
list_key(struct list *l, int key)
{
	long page = l->height > 1 ? l->height - 1 : 1;

	switch (key) {
	case 'j':
	case KEY_DOWN:
		return move_by(l, 1);
	case 'k':
	case KEY_UP:
		return move_by(l, -1);
	case KEY_NPAGE:
	case CTRL('f'):
		return move_by(l, page);
	case KEY_PPAGE:
	case CTRL('b'):
		return move_by(l, -page);
	case CTRL('d'):
		return move_by(l, page / 2 > 0 ? page / 2 : 1);
	case CTRL('u'):
		return move_by(l, -(page / 2 > 0 ? page / 2 : 1));
	case 'g':
	case KEY_HOME:
		return move_by(l, -(long)l->nvis);
	case 'G':
	case KEY_END:
		return move_by(l, (long)l->nvis);
	default:
		return 0;
	}
}

int
list_scroll(struct list *l, int delta)
{
	size_t h = l->height > 0 ? (size_t)l->height : 1;
	size_t max = l->nvis > h ? l->nvis - h : 0, oldtop = l->top;

	if (delta < 0)
		l->top = (size_t)-delta > l->top ? 0 : l->top - (size_t)-delta;
	else
		l->top = l->top + (size_t)delta > max ? max :
		    l->top + (size_t)delta;
	if (l->nvis > 0) {
		if (l->sel < l->top)
			settle(l, l->top, 1);
		else if (l->sel >= l->top + h)
			settle(l, l->top + h - 1, -1);
	}
	return l->top != oldtop ? TUI_BODY : TUI_HANDLED;
}

int
list_click(struct list *l, const struct rect *r, int y)
{
	size_t i, oldsel = l->sel;

	if (y < r->y || y >= r->y + r->h)
		return 0;
	i = l->top + (size_t)(y - r->y);
	if (i >= l->nvis || !can_select(l, i))
		return TUI_HANDLED;
	l->sel = i;
	return l->sel != oldsel ? TUI_SEL : TUI_HANDLED;
}

static void
draw_one(struct list *l, struct tui *t, const struct rect *r, size_t i)
{
	int y = r->y + (int)(i - l->top);

	if (i >= l->nvis) {
		tui_fill(y, r->x, r->w, t->attr[EL_NORMAL]);
		return;
	}
	l->draw_row(l->ctx, t, l->vis[i], y, r->x, r->w, i == l->sel);
}

/* Move the lines of r up by d (down when negative); the lines' full
 * width moves, so whatever shares them (the side pane) is drawn after. */
static void
scroll_lines(const struct rect *r, int d)
{
	setscrreg(r->y, r->y + r->h - 1);
	scrollok(stdscr, TRUE);
	scrl(d);
	scrollok(stdscr, FALSE);
	setscrreg(0, LINES - 1);
}

void
list_draw(struct list *l, struct tui *t, const struct rect *r, int flags)
{
	size_t oldtop = l->top;

	if (r->h <= 0 || r->w <= 0)
		return;
	if (l->height != r->h) {
		l->height = r->h;
		l->full = true;
	}
	if (l->sel >= l->nvis && l->nvis > 0)
		settle(l, l->nvis - 1, -1);
	follow(l, l->sel, l->top);
	/* Do not leave blank rows at the end when rows could fill them. */
	if (l->nvis > (size_t)r->h && l->top > l->nvis - (size_t)r->h)
		l->top = l->nvis - (size_t)r->h;
	long d = (long)l->top - (long)l->drawn_top;
	if (!l->full && l->top == oldtop && !(flags & TUI_ALL) && d != 0 &&
	    d > -r->h && d < r->h) {
		/* Scrolled by less than a page: move the rows on screen and
		 * draw those that came into view and the selection's. */
		size_t first = d > 0 ? l->top + (size_t)(r->h - d) : l->top;
		scroll_lines(r, (int)d);
		for (size_t i = first; i < first + (size_t)(d > 0 ? d : -d);
		    i++)
			draw_one(l, t, r, i);
		if (l->drawn_sel >= l->top &&
		    l->drawn_sel < l->top + (size_t)r->h)
			draw_one(l, t, r, l->drawn_sel);
		draw_one(l, t, r, l->sel);
	} else if (l->full || l->top != oldtop || l->top != l->drawn_top ||
	    (flags & (TUI_BODY | TUI_ALL))) {
		for (int y = 0; y < r->h; y++)
			draw_one(l, t, r, l->top + (size_t)y);
	} else if (l->drawn_sel != l->sel) {
		if (l->drawn_sel >= l->top &&
		    l->drawn_sel < l->top + (size_t)r->h)
			draw_one(l, t, r, l->drawn_sel);
		draw_one(l, t, r, l->sel);
	}
	l->drawn_top = l->top;
	l->drawn_sel = l->sel;
	l->full = false;
}

/* Does hay contain needle, ASCII letters folded?  UTF-8 bytes above 0x7f
 * compare as they are (glibc's case tables leave them alone in a UTF-8
 * locale), so Chinese matches exactly.  strstr when there is nothing to
 * fold: a search of 100,000 rows stays within a few milliseconds. */
static bool
contains(const char *hay, const char *needle, bool fold)
{
	return (fold ? strcasestr(hay, needle) : strstr(hay, needle)) != NULL;
}

static bool
has_letter(const char *s)
{
	for (; *s != '\0'; s++)
		if ((*s >= 'a' && *s <= 'z') || (*s >= 'A' && *s <= 'Z'))
			return true;
	return false;
}

/*
 * Each row is tested once per needle: n after n walks the answers already
 * known, and a row's text is built only the first time the walk reaches it.
 */
int
list_search(struct list *l, struct tui *t, const char *needle, int dir,
    bool start_here)
{
	struct buf b = BUF_INIT;
	size_t i = l->sel;
	bool found = false, fold;

	if (l->nvis == 0 || l->text == NULL || needle == NULL)
		return 0;
	if (l->hit_for == NULL || strcmp(l->hit_for, needle) != 0) {
		forget_hits(l);
		l->hit = xcalloc(l->nvis, sizeof *l->hit);
		l->hit_for = xstrdup(needle);
	}
	fold = has_letter(needle);
	for (size_t k = 0; k < l->nvis; k++) {
		if (k > 0 || !start_here)
			i = dir > 0 ? (i + 1) % l->nvis :
			    (i + l->nvis - 1) % l->nvis;
		if (!can_select(l, i))
			continue;
		if (l->hit[i] == 0) {
			buf_reset(&b);
			l->text(l->ctx, t, l->vis[i], &b);
			l->hit[i] = contains(buf_str(&b), needle, fold) ?
			    HIT_YES : HIT_NO;
		}
		if (l->hit[i] == HIT_YES) {
			found = true;
			break;
		}
	}
	buf_release(&b);
	if (!found)
		return 0;
	size_t oldsel = l->sel, oldtop = l->top;
	l->sel = i;
	return follow(l, oldsel, oldtop);
}
