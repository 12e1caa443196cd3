/*
 * modal.c: pagers, menus and forms drawn over the review.
 *
 * One modal is open at a time (t->modal).  It is drawn last, after the
 * view, by the loop's one redraw; closing it asks for a full redraw.
 */
#include <curses.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "report/reason.h"
#include "report/words.h"
#include "tui/modal.h"
#include "util/i18n.h"
#include "util/text.h"
#include "util/xalloc.h"

#define CTRL(c)	((c) & 0x1f)

static void	 menu_draw_row(void *, struct tui *, size_t, int, int, int,
		    bool);
static bool	 menu_selectable(void *, size_t);

struct modal *
modal_new(struct tui *t, enum modal_kind kind, const char *title)
{
	struct modal *m = xcalloc(1, sizeof *m);

	modal_close(t);
	m->kind = kind;
	m->title = xstrdup(title);
	m->target = -1;
	m->item = -1;
	list_init(&m->list, m);
	m->list.draw_row = menu_draw_row;
	m->list.selectable = menu_selectable;
	t->modal = m;
	return m;
}

void
modal_add_field(struct modal *m, const char *label, const char *initial,
    field_check *check)
{
	struct field *f;

	if (m->nfields == MODAL_FIELDS)
		return;
	f = &m->fields[m->nfields++];
	f->label = label;
	f->check = check;
	buf_puts(&f->value, initial != NULL ? initial : "");
}

void
menu_add(struct modal *m, enum element el, bool caption, int kind, int value,
    const char *fmt, ...)
{
	va_list ap;
	struct buf b = BUF_INIT;
	struct menu_item *it;

	va_start(ap, fmt);
	buf_vprintf(&b, fmt, ap);
	va_end(ap);
	m->items = xreallocarray(m->items, m->nitems + 1, sizeof *m->items);
	it = &m->items[m->nitems++];
	it->label = buf_detach(&b);
	it->el = el;
	it->caption = caption;
	it->kind = kind;
	it->value = value;
}

void
menu_ready(struct tui *t, struct modal *m)
{
	m->list.n = m->nitems;
	list_refilter(&m->list, t);
}

static void
modal_free(struct modal *m)
{
	if (m == NULL)
		return;
	free(m->title);
	free(m->subject);
	free(m->error);
	lines_clear(&m->lines);
	for (int i = 0; i < m->nfields; i++)
		buf_release(&m->fields[i].value);
	for (size_t i = 0; i < m->nitems; i++)
		free(m->items[i].label);
	free(m->items);
	list_release(&m->list);
	free(m);
}

void
modal_close(struct tui *t)
{
	modal_free(t->modal);
	t->modal = NULL;
}

void
modal_free_all(struct tui *t)
{
	modal_close(t);
}

void
pager_open(struct tui *t, const char *title, struct lines *l)
{
	struct modal *m = modal_new(t, MODAL_PAGER, title);

	m->lines = *l;
	memset(l, 0, sizeof *l);
}

/* What each status means (planwatch-status(1), STATUS RULES). */
static const char *const ms_meaning[MS_NSTATES] = {
	[MS_PENDING] = N_("not started yet"),
	[MS_ACTIVE] = N_("started, not yet due soon"),
	[MS_DUE_SOON] = N_("not done, due within the warning days"),
	[MS_OVERDUE] = N_("not done, its due date has passed"),
	[MS_DONE] = N_("done on or before its due date"),
	[MS_LATE] = N_("done after its due date"),
};
static const char *const tg_meaning[TG_NSTATES] = {
	[TG_NO_DATA] = N_("nothing recorded yet, not yet due"),
	[TG_ON_TRACK] = N_("not yet due, not met and not at risk"),
	[TG_AT_RISK] = N_("not yet due: a passed stage was missed or the "
	    "projection falls short"),
	[TG_MET] = N_("the latest value by the due date meets the goal"),
	[TG_MISSED] = N_("the due date has passed and the goal was not met"),
};

/* Keys that only a pager or a menu takes. */
static const struct keyhelp pager_keys[] = {
	{ "j, Down", N_("next line") },
	{ "k, Up", N_("previous line") },
	{ "Space, PgDn", N_("next page (Ctrl-F too)") },
	{ "PgUp, Ctrl-B", N_("previous page") },
	{ "g, Home", N_("first line") },
	{ "G, End", N_("last line") },
	{ "q, Escape", N_("close (Enter and ? too)") },
	{ NULL, NULL }
}, menu_keys[] = {
	{ "Enter", N_("choose the selected line") },
	{ "q, Escape", N_("close without choosing") },
	{ NULL, NULL }
};

static void
help_keys(struct lines *l, const char *title, const struct keyhelp *k)
{
	lines_add(l, EL_NORMAL, 0, "%s", "");
	lines_add(l, EL_TITLE, 0, "%s", title);
	for (size_t i = 0; k[i].keys != NULL; i++)
		lines_add(l, EL_NORMAL, 2, "%-14s %s", _(k[i].keys),
		    _(k[i].help));
}

/* One status in the legend: its symbol, its word and what it means. */
static void
help_status(struct lines *l, const char *sym, const char *label, int lw,
    const char *meaning, enum element el)
{
	char *s = text_fit(sym, 5, ALIGN_LEFT);
	char *w = text_fit(label, lw, ALIGN_LEFT);

	lines_add(l, el, 2, "%s%s  %s", s, w, _(meaning));
	free(w);
	free(s);
}

/* The keys of every table (tui.c's, then those of the views, pagers and
 * forms that tui.c does not list) and what each status symbol means. */
void
help_open(struct tui *t)
{
	struct lines l = { 0 };
	int lw = 0;

	help_lines(t, &l);
	for (size_t i = 0; i < TUI_NVIEWS; i++) {
		char *title;
		if (i == t->cur || tui_views[i]->keys == NULL)
			continue;
		title = xasprintf(_("In %s"), _(tui_views[i]->name));
		help_keys(&l, title, tui_views[i]->keys);
		free(title);
	}
	help_keys(&l, _("In a page like this one"), pager_keys);
	help_keys(&l, _("In the filter menu (moving as in a list)"),
	    menu_keys);

	for (int s = 0; s < MS_NSTATES; s++)
		lw = lw > text_width(ms_state_label(s)) ? lw :
		    text_width(ms_state_label(s));
	for (int s = 0; s < TG_NSTATES; s++)
		lw = lw > text_width(tg_state_label(s)) ? lw :
		    text_width(tg_state_label(s));
	lines_add(&l, EL_NORMAL, 0, "%s", "");
	lines_add(&l, EL_TITLE, 0, "%s", _("Symbols of milestones"));
	for (int s = 0; s < MS_NSTATES; s++)
		help_status(&l, ms_state_symbol(s, t->utf8),
		    ms_state_label(s), lw, ms_meaning[s],
		    tone_element(ms_state_tone(s)));
	lines_add(&l, EL_NORMAL, 0, "%s", "");
	lines_add(&l, EL_TITLE, 0, "%s", _("Symbols of targets"));
	for (int s = 0; s < TG_NSTATES; s++)
		help_status(&l, tg_state_symbol(s, t->utf8),
		    tg_state_label(s), lw, tg_meaning[s],
		    tone_element(tg_state_tone(s)));
	lw = 0;
	for (int k = 0; k < ATTN_NKINDS; k++)
		lw = lw > text_width(attn_kind_label(k)) ? lw :
		    text_width(attn_kind_label(k));
	lines_add(&l, EL_NORMAL, 0, "%s", "");
	lines_add(&l, EL_TITLE, 0, "%s",
	    _("Symbols of what needs attention (Overview)"));
	for (int k = 0; k < ATTN_NKINDS; k++)
		help_status(&l, attn_kind_symbol(k, t->utf8),
		    attn_kind_label(k), lw, attn_meaning(k), attn_element(k));
	pager_open(t, _("Keys"), &l);
}

/* The box a modal is drawn in, inside the screen. */
static struct rect
box_rect(const struct tui *t, int w, int h)
{
	struct rect r;

	r.w = w < t->cols - 2 ? w : t->cols - 2;
	r.h = h < t->lines - 2 ? h : t->lines - 2;
	r.y = (t->lines - r.h) / 2;
	r.x = (t->cols - r.w) / 2;
	return r;
}

static void
draw_box(struct tui *t, const struct rect *r, const char *title)
{
	attr_t a = t->attr[EL_FORM];

	for (int y = r->y; y < r->y + r->h; y++)
		tui_fill(y, r->x, r->w, a);
	attrset(a);
	mvaddch(r->y, r->x, ACS_ULCORNER);
	mvhline(r->y, r->x + 1, ACS_HLINE, r->w - 2);
	mvaddch(r->y, r->x + r->w - 1, ACS_URCORNER);
	mvvline(r->y + 1, r->x, ACS_VLINE, r->h - 2);
	mvvline(r->y + 1, r->x + r->w - 1, ACS_VLINE, r->h - 2);
	mvaddch(r->y + r->h - 1, r->x, ACS_LLCORNER);
	mvhline(r->y + r->h - 1, r->x + 1, ACS_HLINE, r->w - 2);
	mvaddch(r->y + r->h - 1, r->x + r->w - 1, ACS_LRCORNER);
	attrset(A_NORMAL);
	if (title != NULL && r->w > 6) {
		char *s = xasprintf(" %s ", title);
		tui_puts(r->y, r->x + 2, r->w - 4, s, t->attr[EL_TITLE] | a);
		free(s);
	}
}

/* The pager's box, and the text inside it: a border and a blank column
 * on each side. */
static struct rect
pager_box(const struct tui *t, struct rect *in)
{
	struct rect box = box_rect(t, t->cols - 4, t->lines - 2);

	in->y = box.y + 1;
	in->x = box.x + 2;
	in->h = box.h - 2;
	in->w = box.w - 4;
	return box;
}

int
pager_width(const struct tui *t)
{
	struct rect in;

	pager_box(t, &in);
	return in.w;
}

static void
pager_draw(struct tui *t, struct modal *m)
{
	struct rect in, box = pager_box(t, &in);

	m->height = in.h;
	if (m->top + (size_t)in.h > m->lines.n)
		m->top = m->lines.n > (size_t)in.h ? m->lines.n - in.h : 0;
	draw_box(t, &box, m->title);
	lines_draw(t, &m->lines, m->top, &in);
	char *s = xasprintf(" %zu-%zu/%zu  %s ", m->lines.n ? m->top + 1 : 0,
	    m->top + (size_t)in.h < m->lines.n ? m->top + (size_t)in.h :
	    m->lines.n, m->lines.n, _("q, Escape: close"));
	int w = text_width(s);
	if (w < box.w - 4)
		tui_puts(box.y + box.h - 1, box.x + box.w - 2 - w, w, s,
		    t->attr[EL_DIM]);
	free(s);
}

static int
pager_key(struct tui *t, struct modal *m, int key)
{
	size_t page = m->height > 1 ? (size_t)m->height - 1 : 1;
	size_t max = m->lines.n > (size_t)m->height ?
	    m->lines.n - (size_t)m->height : 0;

	switch (key) {
	case 'q':
	case TUI_ESC:
	case '\r':
	case '\n':
	case KEY_ENTER:
	case '?':
		modal_close(t);
		return TUI_ALL;
	case 'j':
	case KEY_DOWN:
		m->top = m->top < max ? m->top + 1 : max;
		break;
	case 'k':
	case KEY_UP:
		m->top = m->top > 0 ? m->top - 1 : 0;
		break;
	case ' ':
	case KEY_NPAGE:
	case CTRL('f'):
		m->top = m->top + page < max ? m->top + page : max;
		break;
	case KEY_PPAGE:
	case CTRL('b'):
		m->top = m->top > page ? m->top - page : 0;
		break;
	case 'g':
	case KEY_HOME:
		m->top = 0;
		break;
	case 'G':
	case KEY_END:
		m->top = max;
		break;
	default:
		return TUI_HANDLED;
	}
	return TUI_MODAL;
}

static bool
menu_selectable(void *ctx, size_t row)
{
	struct modal *m = ctx;

	return !m->items[row].caption;
}

static void
menu_draw_row(void *ctx, struct tui *t, size_t row, int y, int x, int w,
    bool sel)
{
	struct modal *m = ctx;
	const struct menu_item *it = &m->items[row];

	tui_put(y, x, w, it->label, ALIGN_LEFT, it->caption ?
	    t->attr[EL_TITLE] : tui_attr(t, it->el, sel));
}

static void
menu_draw(struct tui *t, struct modal *m)
{
	int w = 20;

	for (size_t i = 0; i < m->nitems; i++)
		if (text_width(m->items[i].label) + 6 > w)
			w = text_width(m->items[i].label) + 6;
	struct rect box = box_rect(t, w, (int)m->nitems + 2);
	struct rect in = { box.y + 1, box.x + 2, box.h - 2, box.w - 4 };

	draw_box(t, &box, m->title);
	m->list.full = true;
	list_draw(&m->list, t, &in, TUI_ALL);
}

static int
menu_key(struct tui *t, struct modal *m, int key)
{
	size_t row;
	int r;

	switch (key) {
	case 'q':
	case TUI_ESC:
		modal_close(t);
		return TUI_ALL;
	case '\r':
	case '\n':
	case KEY_ENTER:
		row = list_selected(&m->list);
		if (row == (size_t)-1)
			return TUI_HANDLED;
		r = m->choose(t, m, &m->items[row]);
		modal_close(t);
		return r | TUI_ALL;
	default:
		r = list_key(&m->list, key);
		return r != 0 ? TUI_MODAL : TUI_HANDLED;
	}
}

/* Check the current field as it is typed. */
static void
form_check(struct tui *t, struct modal *m, int i)
{
	struct field *f = &m->fields[i];

	free(m->error);
	m->error = f->check != NULL ? f->check(t, m, buf_str(&f->value)) :
	    NULL;
}

/* Remove the last character (not byte) of b. */
static void
pop_char(struct buf *b)
{
	while (b->len > 0) {
		unsigned char c = (unsigned char)b->s[--b->len];
		b->s[b->len] = '\0';
		if ((c & 0xc0) != 0x80)
			break;
	}
}

#define FIELD_MAX	200	/* bytes a field holds */

static int
form_key(struct tui *t, struct modal *m, int key)
{
	struct field *f = &m->fields[m->cur];
	char *err = NULL;
	/* Closing a form on the bottom line uncovers only that line. */
	int closed = m->bottom ? TUI_STATUS : TUI_ALL;
	int r;

	switch (key) {
	case TUI_ESC:
		modal_close(t);
		tui_message(t, false, "%s", _("cancelled"));
		return closed;
	case '\t':
	case KEY_DOWN:
		m->cur = (m->cur + 1) % m->nfields;
		form_check(t, m, m->cur);
		return TUI_MODAL;
	case KEY_BTAB:
	case KEY_UP:
		m->cur = (m->cur + m->nfields - 1) % m->nfields;
		form_check(t, m, m->cur);
		return TUI_MODAL;
	case KEY_BACKSPACE:
	case 127:
	case CTRL('h'):
		pop_char(&f->value);
		break;
	case CTRL('u'):
		buf_reset(&f->value);
		break;
	case '\r':
	case '\n':
	case KEY_ENTER:
		for (int i = 0; i < m->nfields; i++) {
			form_check(t, m, i);
			if (m->error != NULL) {
				m->cur = i;
				return TUI_MODAL;
			}
		}
		r = m->submit(t, m, &err);
		if (r < 0) {
			free(m->error);
			m->error = err;
			return TUI_MODAL;
		}
		modal_close(t);
		return r | closed;
	default:
		if (key >= TUI_WIDE) {
			if (key - TUI_WIDE < 0x110000)
				utf8_put(&f->value,
				    (unsigned)(key - TUI_WIDE));
		} else if (key >= 0x20 && key < 0x7f)
			buf_putc(&f->value, key);
		else
			return TUI_HANDLED;
		if (f->value.len > FIELD_MAX)
			pop_char(&f->value);
		break;
	}
	form_check(t, m, m->cur);
	return TUI_MODAL;
}

/* Draw a field's text in w columns, its end visible, with a cursor. */
static void
draw_field(struct tui *t, int y, int x, int w, const char *s, bool cur)
{
	const char *p = s;

	while (*p != '\0' && text_width(p) > w - 1) {
		p++;
		while ((*p & 0xc0) == 0x80)
			p++;
	}
	tui_put(y, x, w, p, ALIGN_LEFT, t->attr[EL_FIELD] |
	    (t->colour ? 0 : A_UNDERLINE));
	if (cur) {
		int cx = x + text_width(p);
		if (cx < x + w) {
			attrset(A_REVERSE);
			mvaddch(y, cx, ' ');
			attrset(A_NORMAL);
		}
	}
}

static void
form_draw(struct tui *t, struct modal *m)
{
	int lw = 0, y;

	if (m->bottom) {
		int py = t->lines - 1, w;
		tui_fill(py, 0, t->cols, t->attr[EL_STATUS]);
		w = tui_puts(py, 0, t->cols / 2, m->fields[0].label,
		    t->attr[EL_TITLE]);
		draw_field(t, py, w, t->cols - w, buf_str(&m->fields[0].value),
		    true);
		return;
	}
	for (int i = 0; i < m->nfields; i++)
		if (text_width(_(m->fields[i].label)) > lw)
			lw = text_width(_(m->fields[i].label));
	struct rect box = box_rect(t, 64, m->nfields + 6);
	draw_box(t, &box, m->title);
	y = box.y + 1;
	if (m->subject != NULL)
		tui_put(y, box.x + 2, box.w - 4, m->subject, ALIGN_LEFT,
		    t->attr[EL_FORM]);
	y++;
	for (int i = 0; i < m->nfields; i++, y++) {
		int fx = box.x + 2 + lw + 2;
		tui_put(y, box.x + 2, lw + 1, _(m->fields[i].label),
		    ALIGN_RIGHT, i == m->cur ? t->attr[EL_TITLE] :
		    t->attr[EL_FORM]);
		draw_field(t, y, fx, box.x + box.w - 2 - fx,
		    buf_str(&m->fields[i].value), i == m->cur);
	}
	y++;
	if (m->error != NULL) {
		char *s = xasprintf("%s %s", t->utf8 ? "\u2717" : "x",
		    m->error);
		tui_put(y, box.x + 2, box.w - 4, s, ALIGN_LEFT,
		    t->attr[EL_BAD]);
		free(s);
	} else {
		/* Say what Enter does here; Tab only where it moves. */
		char *s = xasprintf(_("Enter: %s"), m->enter != NULL ?
		    _(m->enter) : _("save")), *hint;
		hint = m->nfields > 1 ? xasprintf("%s  %s  %s", s,
		    _("Tab: next field"), _("Escape: cancel")) :
		    xasprintf("%s  %s", s, _("Escape: cancel"));
		tui_put(y, box.x + 2, box.w - 4, hint, ALIGN_LEFT,
		    t->attr[EL_DIM]);
		free(hint);
		free(s);
	}
}

int
modal_key(struct tui *t, int key)
{
	struct modal *m = t->modal;

	if (key == KEY_MOUSE) {
		MEVENT ev;
		getmouse(&ev);
		return TUI_HANDLED;
	}
	switch (m->kind) {
	case MODAL_PAGER:
		return pager_key(t, m, key);
	case MODAL_MENU:
		return menu_key(t, m, key);
	case MODAL_FORM:
		return form_key(t, m, key);
	}
	return 0;
}

void
modal_draw(struct tui *t)
{
	struct modal *m = t->modal;

	switch (m->kind) {
	case MODAL_PAGER:
		pager_draw(t, m);
		break;
	case MODAL_MENU:
		menu_draw(t, m);
		break;
	case MODAL_FORM:
		form_draw(t, m);
		break;
	}
}
