/*
 * tui.c: the review's loop: curses set-up and tear-down, signals, the
 * global key table, the header, tabs and bottom line, the one place that
 * redraws, reloading and the per-key timing log.
 *
 * The loop waits for a key with a one-second timeout; the tick checks
 * whether the plan file changed or another process recorded, and reloads.
 * On a store that tells of other processes' records (PostgreSQL: LISTEN),
 * the loop polls its descriptor beside the terminal, and ticks at once
 * when it is readable: records appear without the server being asked
 * every second.
 * SIGINT, SIGTERM and SIGHUP only set a flag the loop checks, so the
 * terminal is always restored by the same code that restores it on q.
 */
#include <curses.h>
#include <errno.h>
#include <locale.h>
#include <poll.h>
#include <signal.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <wchar.h>

#include "report/words.h"
#include "tui/tui.h"
#include "util/i18n.h"
#include "util/text.h"
#include "util/xalloc.h"

#define CTRL(c)		((c) & 0x1f)
#define TICK_MS		1000
#define PANE_MIN_COLS	140	/* the side pane needs this many columns */

enum action {
	A_QUIT, A_NEXT, A_PREV, A_VIEW, A_HELP, A_SEARCH, A_NEXT_MATCH,
	A_PREV_MATCH, A_FILTER, A_CLEAR_FILTER, A_TRAVEL, A_TODAY, A_RELOAD,
	A_RECORD, A_PROGRESS, A_DONE, A_REOPEN, A_REDRAW, A_DETAIL
};

/* The global keys.  A row with keys == NULL is another key for the action
 * above it and is not listed again by the help screen. */
static const struct binding {
	int		 key;
	const char	*keys;
	const char	*help;
	enum action	 action;
	int		 arg;
} bindings[] = {
	{ '\t', "Tab", N_("next view"), A_NEXT, 0 },
	{ KEY_BTAB, "Shift-Tab", N_("previous view"), A_PREV, 0 },
	{ '1', "1", N_("overview"), A_VIEW, 0 },
	{ '2', "2", N_("milestones"), A_VIEW, 1 },
	{ '3', "3", N_("targets"), A_VIEW, 2 },
	{ '4', "4", N_("departments"), A_VIEW, 3 },
	{ '5', "5", N_("history"), A_VIEW, 4 },
	{ '\r', "Enter", N_("details of the selected row"), A_DETAIL, 0 },
	{ '\n', NULL, NULL, A_DETAIL, 0 },
	{ KEY_ENTER, NULL, NULL, A_DETAIL, 0 },
	{ '/', "/", N_("search names and ids"), A_SEARCH, 0 },
	{ 'n', "n", N_("next match"), A_NEXT_MATCH, 0 },
	{ 'N', "N", N_("previous match"), A_PREV_MATCH, 0 },
	{ 'f', "f", N_("filter by department or status"), A_FILTER, 0 },
	{ 'F', "F", N_("clear the filter"), A_CLEAR_FILTER, 0 },
	{ 'r', "r", N_("record a value for the selected target"),
	  A_RECORD, 0 },
	{ 'p', "p", N_("set the selected milestone's progress"),
	  A_PROGRESS, 0 },
	{ 'd', "d", N_("mark the selected milestone done"), A_DONE, 0 },
	{ 'u', "u", N_("reopen the selected milestone"), A_REOPEN, 0 },
	{ 't', "t", N_("time travel: review as of another date"),
	  A_TRAVEL, 0 },
	{ 'T', "T", N_("back to today"), A_TODAY, 0 },
	{ 'R', "R", N_("reload the plan and the database"), A_RELOAD, 0 },
	{ CTRL('l'), "Ctrl-L", N_("redraw the screen"), A_REDRAW, 0 },
	{ '?', "?, F1", N_("this help"), A_HELP, 0 },
	{ KEY_F(1), NULL, NULL, A_HELP, 0 },
	{ 'q', "q", N_("quit"), A_QUIT, 0 },
};
#define NBINDINGS (sizeof bindings / sizeof bindings[0])

const struct view *const tui_views[TUI_NVIEWS] = {
	&view_overview, &view_milestones, &view_targets, &view_depts,
	&view_history,
};

static volatile sig_atomic_t got_signal;

static void	 on_signal(int);
static void	 restore_terminal(void);
static int	 handle_key(struct tui *, int key);
static void	 redraw(struct tui *, int flags);

static void
on_signal(int sig)
{
	got_signal = sig;
}

/* fatal()'s hook: give the terminal back before the message is printed. */
static void
restore_terminal(void)
{
	if (!isendwin())
		endwin();
}

static long
clock_us(clockid_t clock, const struct timespec *since)
{
	struct timespec now;

	clock_gettime(clock, &now);
	return (now.tv_sec - since->tv_sec) * 1000000L +
	    (now.tv_nsec - since->tv_nsec) / 1000;
}

static long
elapsed_us(const struct timespec *since)
{
	return clock_us(CLOCK_MONOTONIC, since);
}

/* The processor time this process used since. */
static long
elapsed_cpu_us(const struct timespec *since)
{
	return clock_us(CLOCK_PROCESS_CPUTIME_ID, since);
}

void
tui_message(struct tui *t, bool error, const char *fmt, ...)
{
	va_list ap;
	struct buf b = BUF_INIT;

	va_start(ap, fmt);
	buf_vprintf(&b, fmt, ap);
	va_end(ap);
	free(t->msg);
	t->msg = buf_detach(&b);
	t->msg_error = error;
}

/* Forget the detail pane's history (detail.c): asked again when next
 * drawn. */
static void
forget_detail(struct tui *t)
{
	history_rows_free(t->detail_rows, t->ndetail);
	t->detail_rows = NULL;
	t->ndetail = 0;
	free(t->detail_item);
	t->detail_item = NULL;
	free(t->detail_err);
	t->detail_err = NULL;
}

/* The session reloaded or rebuilt: take its plan, review and history
 * again, forget the detail pane's history and let every view rebuild. */
static void
reloaded(struct tui *t)
{
	struct session *s = t->session;

	t->plan = s->plan;
	t->rv = s->rv;
	t->hist = s->hist;
	t->nhist = s->nhist;
	t->asof = s->asof;
	t->generation = s->generation;
	forget_detail(t);
	for (size_t i = 0; i < TUI_NVIEWS; i++)
		tui_views[i]->rebuild(t->vdata[i], t);
	/* The views have let go of the plan a reload replaced. */
	session_free_retired(s);
}

/* Say a session's error on the bottom line. */
static void
say_error(struct tui *t, char *err)
{
	if (err != NULL)
		tui_message(t, true, "%s", err);
	free(err);
}

void
tui_rebuild(struct tui *t)
{
	char *err = NULL;

	/* The facts are those of one date and plan: time travel and a new
	 * plan load them again. */
	if (session_set_asof(t->session, t->asof, &err) != 0)
		say_error(t, err);
	reloaded(t);
}

/* What the views computed from the review stays; only which rows pass
 * the filter is found again. */
void
tui_refresh_views(struct tui *t)
{
	for (size_t i = 0; i < TUI_NVIEWS; i++) {
		const struct view *v = tui_views[i];
		if (v->refilter != NULL)
			v->refilter(t->vdata[i], t);
		else if (v->list != NULL)
			list_refilter(v->list(t->vdata[i]), t);
	}
}

int
tui_record(struct tui *t, const struct record_in *rec, size_t n,
    char **err)
{
	int rc = session_record(t->session, rec, n, err);

	/* A failed write has changed nothing; a failed reload after it
	 * may have rebuilt the review all the same. */
	if (t->session->generation != t->generation)
		reloaded(t);
	return rc;
}

static int
reload_all(struct tui *t, bool say)
{
	char *err = NULL;
	int rc = session_reload(t->session, &err);

	if (t->session->generation != t->generation)
		reloaded(t);
	if (rc != 0)
		say_error(t, err);
	else if (say)
		tui_message(t, false, _("reloaded '%s'"), t->plan_path);
	return TUI_ALL;
}

/* The timeout tick: reload what another process changed. */
static int
tick(struct tui *t)
{
	char *err = NULL;
	int changed, rc;

	/* An open form, pager or menu holds indexes into the review: what
	 * changed is reloaded on the first tick after it closes. */
	if (t->modal != NULL)
		return 0;
	rc = session_reload_if_changed(t->session, &changed, &err);
	if (rc == 0 && changed == 0)
		return 0;
	if (t->session->generation != t->generation)
		reloaded(t);
	if (rc != 0) {
		say_error(t, err);
		/* A store that cannot be opened yet changed nothing shown:
		 * its message waits for the next redraw. */
		return changed != 0 ? TUI_ALL : 0;
	}
	if (changed & SESSION_PLAN)
		tui_message(t, false, _("the plan file changed; reloaded"));
	else if (changed & SESSION_FACTS)
		tui_message(t, false, _("new records; reloaded"));
	return TUI_ALL;
}

static const struct view *
cur_view(const struct tui *t)
{
	return tui_views[t->cur];
}

static void *
cur_data(const struct tui *t)
{
	return t->vdata[t->cur];
}

static struct list *
cur_list(const struct tui *t)
{
	return cur_view(t)->list != NULL ? cur_view(t)->list(cur_data(t)) :
	    NULL;
}

/* Where the view and the side pane go. */
static void
layout(struct tui *t, struct rect *body, struct rect *pane)
{
	body->y = 2;
	body->x = 0;
	body->h = t->lines - 3;
	body->w = t->cols;
	t->pane = t->cols >= PANE_MIN_COLS && cur_view(t)->detail != NULL;
	if (t->pane) {
		pane->w = t->cols * 2 / 5;
		body->w = t->cols - pane->w - 1;
		pane->x = body->w + 1;
		pane->y = body->y;
		pane->h = body->h;
	} else
		memset(pane, 0, sizeof *pane);
}

void
tui_switch(struct tui *t, size_t i)
{
	if (i < TUI_NVIEWS)
		t->cur = i;
	struct list *l = cur_list(t);
	if (l != NULL)
		l->full = true;
}

/* The header: title, as-of date and the counts by status, milestones'
 * and targets' each after their word, since both use the symbols for
 * done and failed (a done milestone and a met target are both a tick). */
static void
draw_header(struct tui *t)
{
	const struct counts *c = &t->rv->counts;
	struct seg {
		size_t		 n;
		const char	*sym, *label;
		enum tone	 tone;
		const char	*group;	/* starts a group: its word */
	} segs[] = {
		{ c->overdue, ms_state_symbol(MS_OVERDUE, t->utf8),
		  ms_state_label(MS_OVERDUE), ms_state_tone(MS_OVERDUE),
		  _("milestones") },
		{ c->due_soon, ms_state_symbol(MS_DUE_SOON, t->utf8),
		  ms_state_label(MS_DUE_SOON), ms_state_tone(MS_DUE_SOON),
		  NULL },
		{ c->late, ms_state_symbol(MS_LATE, t->utf8),
		  ms_state_label(MS_LATE), ms_state_tone(MS_LATE), NULL },
		{ c->done, ms_state_symbol(MS_DONE, t->utf8),
		  ms_state_label(MS_DONE), ms_state_tone(MS_DONE), NULL },
		{ c->active, ms_state_symbol(MS_ACTIVE, t->utf8),
		  ms_state_label(MS_ACTIVE), ms_state_tone(MS_ACTIVE), NULL },
		{ c->missed, tg_state_symbol(TG_MISSED, t->utf8),
		  tg_state_label(TG_MISSED), tg_state_tone(TG_MISSED),
		  _("targets") },
		{ c->at_risk, tg_state_symbol(TG_AT_RISK, t->utf8),
		  tg_state_label(TG_AT_RISK), tg_state_tone(TG_AT_RISK),
		  NULL },
		{ c->on_track, tg_state_symbol(TG_ON_TRACK, t->utf8),
		  tg_state_label(TG_ON_TRACK), tg_state_tone(TG_ON_TRACK),
		  NULL },
		{ c->met, tg_state_symbol(TG_MET, t->utf8),
		  tg_state_label(TG_MET), tg_state_tone(TG_MET), NULL },
	};
	size_t nsegs = sizeof segs / sizeof segs[0];
	char date[11], *asof, *s;
	int x, w, need, brief, cols = t->cols;
	attr_t hdr = t->attr[EL_HEADER];
	bool labels;

	tui_fill(0, 0, cols, hdr);
	date_iso(t->asof, date);
	asof = t->asof == t->today ? xasprintf(_("as of %s"), date) :
	    xasprintf(_("as of %s (time travel)"), date);

	/* Counts with their labels if they fit beside a useful title,
	 * else symbols and numbers only. */
	need = brief = 0;
	for (size_t i = 0; i < nsegs; i++) {
		s = xasprintf("%s %zu %s", segs[i].sym, segs[i].n,
		    segs[i].label);
		need += text_width(s) + 2;
		free(s);
		if (segs[i].group != NULL) {
			need += text_width(segs[i].group) + 2;
			brief += text_width(segs[i].group) + 2;
		}
		if (segs[i].n != 0 || i < 4) {
			s = xasprintf("%s%zu", segs[i].sym, segs[i].n);
			brief += text_width(s) + 1;
			free(s);
		}
	}
	labels = need + text_width(asof) + 30 <= cols;

	/* Without labels the counts come before the title's full width. */
	x = 1;
	w = cols / 3 > 12 ? cols / 3 : 12;
	if (!labels && cols - 6 - text_width(asof) - brief < w)
		w = cols - 6 - text_width(asof) - brief > 8 ? cols - 6 -
		    text_width(asof) - brief : 8;
	if (text_width(t->plan->title) < w)
		w = text_width(t->plan->title);
	tui_put(0, x, w, t->plan->title, ALIGN_LEFT,
	    t->colour ? t->attr[EL_HEADER_TITLE] : hdr | A_BOLD);
	x += w + 2;
	x += tui_puts(0, x, cols - x, asof, t->asof == t->today ? hdr :
	    (t->colour ? t->attr[EL_ERROR] : hdr | A_BOLD | A_UNDERLINE));
	x += 2;
	free(asof);
	/* A group's word goes before the first of its counts shown. */
	const char *group = NULL;
	for (size_t i = 0; i < nsegs && x < cols; i++) {
		if (segs[i].group != NULL)
			group = segs[i].group;
		if (segs[i].n == 0 && i >= 4)
			continue;
		s = labels ? xasprintf("%s %zu %s", segs[i].sym, segs[i].n,
		    segs[i].label) : xasprintf("%s%zu", segs[i].sym,
		    segs[i].n);
		/* Counts are one column apart without labels: a group
		 * is set off by one more. */
		int gap = group != NULL && i > 0 && !labels ? 1 : 0;
		int gw = group != NULL ? gap + text_width(group) + 1 : 0;
		if (x + gw + text_width(s) > cols) {
			free(s);
			break;
		}
		if (group != NULL) {
			x += gap;
			x += tui_puts(0, x, cols - x, group, hdr | A_BOLD) + 1;
			group = NULL;
		}
		attr_t a = hdr;
		if (segs[i].n > 0 && segs[i].tone != TONE_NEUTRAL)
			a = t->colour ? (t->attr[tone_element(segs[i].tone)] |
			    A_REVERSE) : hdr | A_BOLD;
		x += tui_puts(0, x, cols - x, s, a);
		x += labels ? 2 : 1;
		free(s);
	}
}

/* The tabs, and the filter and search in force at the right. */
static void
draw_tabs(struct tui *t)
{
	struct buf b = BUF_INIT;
	int x = 0, each = t->cols / TUI_NVIEWS;

	tui_fill(1, 0, t->cols, t->attr[EL_TAB]);
	for (size_t i = 0; i < TUI_NVIEWS; i++) {
		char *s = xasprintf(" %zu %s ", i + 1, _(tui_views[i]->name));
		int w = text_width(s);

		if (w > each)
			w = each;
		tui_put(1, x, w, s, ALIGN_LEFT, i == t->cur ?
		    t->attr[EL_TAB_ACTIVE] : t->attr[EL_TAB]);
		x += w;
		free(s);
	}
	if (t->filter_dept >= 0)
		buf_printf(&b, "%s", plan_dept_label(t->plan, t->filter_dept));
	if (t->filter_kind == FILTER_MS_STATE)
		buf_printf(&b, "%s%s", b.len ? " + " : "",
		    ms_state_label(t->filter_state));
	else if (t->filter_kind == FILTER_TG_STATE)
		buf_printf(&b, "%s%s", b.len ? " + " : "",
		    tg_state_label(t->filter_state));
	if (b.len > 0 && x + 12 < t->cols) {
		char *s = xasprintf("%s: %s ", _("filter"), buf_str(&b));
		int w = text_width(s);
		if (w > t->cols - x - 1)
			w = t->cols - x - 1;
		tui_put(1, t->cols - w, w, s, ALIGN_RIGHT,
		    t->attr[EL_WARN] | A_REVERSE);
		free(s);
	}
	buf_release(&b);
}

static void
draw_status(struct tui *t)
{
	int y = t->lines - 1;
	struct list *l = cur_list(t);
	char *pos = NULL;
	int pw = 0;

	tui_fill(y, 0, t->cols, t->attr[EL_STATUS]);
	if (l != NULL && l->nvis > 0) {
		pos = xasprintf(" %zu/%zu ", l->sel + 1, l->nvis);
		pw = text_width(pos);
		tui_puts(y, t->cols - pw, pw, pos, t->attr[EL_DIM]);
		free(pos);
	}
	if (t->msg != NULL)
		tui_put(y, 0, t->cols - pw - 1, t->msg, ALIGN_LEFT,
		    t->attr[t->msg_error ? EL_ERROR : EL_STATUS]);
	else
		tui_put(y, 0, t->cols - pw - 1, _("?:help  /:search  "
		    "f:filter  t:date  r/p/d/u:record  R:reload  q:quit"),
		    ALIGN_LEFT, t->attr[EL_DIM]);
}

static void
draw_pane(struct tui *t, const struct rect *pane)
{
	struct lines l = { 0 };

	attrset(t->attr[EL_DIM]);
	mvvline(pane->y, pane->x - 1, t->utf8 ? ACS_VLINE : '|', pane->h);
	attrset(A_NORMAL);
	cur_view(t)->detail(cur_data(t), t, pane->w - 1, (size_t)pane->h,
	    &l);
	struct rect r = { pane->y, pane->x + 1, pane->h, pane->w - 1 };
	lines_draw(t, &l, 0, &r);
	lines_clear(&l);
}

static void
draw_too_small(struct tui *t)
{
	char *s = xasprintf(_("window too small: %dx%d needed"),
	    TUI_MIN_COLS, TUI_MIN_LINES);

	erase();
	tui_put(0, 0, t->cols, s, ALIGN_LEFT, A_BOLD);
	free(s);
}

static bool
too_small(const struct tui *t)
{
	return t->cols < TUI_MIN_COLS || t->lines < TUI_MIN_LINES;
}

/* The one place that draws. */
static void
redraw(struct tui *t, int flags)
{
	struct rect body, pane;

	if (flags == 0 || flags == TUI_HANDLED)
		return;
	if (too_small(t)) {
		draw_too_small(t);
		refresh();
		return;
	}
	layout(t, &body, &pane);
	if (flags & TUI_ALL) {
		erase();
		draw_header(t);
		draw_tabs(t);
	}
	if (flags & (TUI_ALL | TUI_BODY | TUI_SEL)) {
		cur_view(t)->draw(cur_data(t), t, &body, flags);
		if (t->pane)
			draw_pane(t, &pane);
	}
	draw_status(t);
	if (t->modal != NULL)
		modal_draw(t);
	refresh();
}

static void
open_detail(struct tui *t)
{
	struct lines l = { 0 };
	const struct view *v = cur_view(t);
	struct list *list = cur_list(t);

	if (v->detail == NULL || list == NULL || list->nvis == 0)
		return;
	v->detail(cur_data(t), t, pager_width(t), SIZE_MAX, &l);
	if (l.n == 0) {
		lines_clear(&l);
		return;
	}
	pager_open(t, _(v->name), &l);
}

static int
search_again(struct tui *t, int dir)
{
	struct list *l = cur_list(t);

	if (t->search == NULL || *t->search == '\0') {
		tui_message(t, true, _("no search yet: press / first"));
		return TUI_STATUS;
	}
	int r = l != NULL ? list_search(l, t, t->search, dir, false) : 0;
	if (r == 0) {
		tui_message(t, true, _("not found: %s"), t->search);
		return TUI_STATUS;
	}
	free(t->msg);
	t->msg = NULL;
	return r;
}

/* A form, unless the store's server refuses every write. */
static int
open_form(struct tui *t, enum action a)
{
	if (session_read_only(t->session)) {
		tui_message(t, true, "%s", _("the database is a read-only "
		    "server (a hot standby): record on the primary"));
		return TUI_STATUS;
	}
	if (a == A_RECORD)
		form_record(t);
	else if (a == A_PROGRESS)
		form_progress(t);
	else if (a == A_DONE)
		form_done(t);
	else
		form_reopen(t);
	return TUI_ALL;
}

static int
run_action(struct tui *t, const struct binding *b)
{
	switch (b->action) {
	case A_QUIT:
		return TUI_QUIT;
	case A_NEXT:
		tui_switch(t, (t->cur + 1) % TUI_NVIEWS);
		return TUI_ALL;
	case A_PREV:
		tui_switch(t, (t->cur + TUI_NVIEWS - 1) % TUI_NVIEWS);
		return TUI_ALL;
	case A_VIEW:
		tui_switch(t, (size_t)b->arg);
		return TUI_ALL;
	case A_HELP:
		help_open(t);
		return TUI_ALL;
	case A_SEARCH:
		/* On the bottom line: nothing else is covered. */
		search_open(t);
		return TUI_STATUS;
	case A_NEXT_MATCH:
		return search_again(t, 1);
	case A_PREV_MATCH:
		return search_again(t, -1);
	case A_FILTER:
		filter_open(t);
		return TUI_ALL;
	case A_CLEAR_FILTER:
		t->filter_dept = -1;
		t->filter_kind = FILTER_NONE;
		tui_refresh_views(t);
		return TUI_ALL;
	case A_TRAVEL:
		travel_open(t);
		return TUI_ALL;
	case A_TODAY:
		if (t->asof == t->today)
			return TUI_HANDLED;
		t->asof = t->today;
		return TUI_REBUILD;
	case A_RELOAD:
		return reload_all(t, true);
	case A_RECORD:
	case A_PROGRESS:
	case A_DONE:
	case A_REOPEN:
		return open_form(t, b->action);
	case A_REDRAW:
		clearok(curscr, TRUE);
		return TUI_ALL;
	case A_DETAIL:
		open_detail(t);
		return TUI_ALL;
	}
	return 0;
}

static int
handle_mouse(struct tui *t)
{
	MEVENT ev;
	struct rect body, pane;
	struct list *l = cur_list(t);

	if (getmouse(&ev) != OK || too_small(t))
		return 0;
	layout(t, &body, &pane);
	if (ev.bstate & BUTTON4_PRESSED)
		return l != NULL ? list_scroll(l, -3) : 0;
#ifdef BUTTON5_PRESSED
	if (ev.bstate & BUTTON5_PRESSED)
		return l != NULL ? list_scroll(l, 3) : 0;
#endif
	if (!(ev.bstate & (BUTTON1_PRESSED | BUTTON1_CLICKED |
	    BUTTON1_RELEASED)))
		return 0;
	if (ev.y == 1) {
		size_t i = (size_t)(ev.x / (t->cols / TUI_NVIEWS));
		if (i < TUI_NVIEWS && i != t->cur) {
			tui_switch(t, i);
			return TUI_ALL;
		}
		return 0;
	}
	if (l != NULL && ev.x < body.x + body.w)
		return list_click(l, &body, ev.y);
	return 0;
}

static int
handle_key(struct tui *t, int key)
{
	const struct view *v = cur_view(t);
	struct list *l = cur_list(t);
	int flags;

	if (key == KEY_RESIZE) {
		getmaxyx(stdscr, t->lines, t->cols);
		return TUI_ALL;
	}
	if (t->modal != NULL)
		return modal_key(t, key);
	if (key == KEY_MOUSE)
		return handle_mouse(t);
	/* A message stays until the next key. */
	flags = 0;
	if (t->msg != NULL) {
		free(t->msg);
		t->msg = NULL;
		flags = TUI_STATUS;
	}
	int r = v->key != NULL ? v->key(cur_data(t), t, key) : 0;
	if (r == 0 && l != NULL)
		r = list_key(l, key);
	if (r == 0) {
		for (size_t i = 0; i < NBINDINGS; i++)
			if (bindings[i].key == key) {
				r = run_action(t, &bindings[i]);
				break;
			}
	}
	if (r == 0 && key != ERR)
		r = TUI_HANDLED;
	return r | flags;
}

void
help_lines(struct tui *t, struct lines *l)
{
	const struct keyhelp *vk = cur_view(t)->keys;

	lines_add(l, EL_TITLE, 0, "%s", _("Keys everywhere"));
	for (size_t i = 0; i < NBINDINGS; i++)
		if (bindings[i].keys != NULL)
			lines_add(l, EL_NORMAL, 2, "%-14s %s",
			    bindings[i].keys, _(bindings[i].help));
	lines_add(l, EL_NORMAL, 0, "%s", "");
	lines_add(l, EL_TITLE, 0, "%s", _("Moving in a list"));
	for (size_t i = 0; list_keys[i].keys != NULL; i++)
		lines_add(l, EL_NORMAL, 2, "%-14s %s", _(list_keys[i].keys),
		    _(list_keys[i].help));
	if (vk != NULL) {
		lines_add(l, EL_NORMAL, 0, "%s", "");
		lines_add(l, EL_TITLE, 0, _("In %s"), _(cur_view(t)->name));
		for (size_t i = 0; vk[i].keys != NULL; i++)
			lines_add(l, EL_NORMAL, 2, "%-14s %s", _(vk[i].keys),
			    _(vk[i].help));
	}
	lines_add(l, EL_NORMAL, 0, "%s", "");
	lines_add(l, EL_TITLE, 0, "%s", _("In a form"));
	lines_add(l, EL_NORMAL, 2, "%-14s %s", "Tab, Down",
	    _("next field"));
	lines_add(l, EL_NORMAL, 2, "%-14s %s", "Shift-Tab, Up",
	    _("previous field"));
	lines_add(l, EL_NORMAL, 2, "%-14s %s", "Backspace",
	    _("delete the last character"));
	lines_add(l, EL_NORMAL, 2, "%-14s %s", "Ctrl-U",
	    _("clear the field"));
	/* Enter does what the form is for, once every field is valid. */
	for (size_t i = 0; i < FORM_NKINDS; i++) {
		char *k = xasprintf("Enter (%s)", form_enter[i].keys);
		lines_add(l, EL_NORMAL, 2, "%-14s %s", k,
		    _(form_enter[i].help));
		free(k);
	}
	lines_add(l, EL_NORMAL, 2, "%-14s %s", "Escape", _("cancel"));
}

/* Read one key: a KEY_* code, an ASCII character, or TUI_WIDE + the code
 * point of any other character. */
static int
read_key(void)
{
	wint_t wc;
	int r = get_wch(&wc);

	if (r == ERR)
		return ERR;
	if (r == KEY_CODE_YES)
		return (int)wc;
	if (wc < 0x80)
		return (int)wc;
	return TUI_WIDE + (int)wc;
}

/*
 * A key, or ERR for the tick: after a second without one, or at once when
 * the store's descriptor says another process may have recorded.  While
 * a modal is open (it holds indexes into the review), or on a store
 * without one (SQLite, a hot standby), curses waits for the key alone.
 */
static int
wait_key(struct tui *t)
{
	struct pollfd p[2];
	int fd = t->modal == NULL ? session_change_fd(t->session) : -1;
	int key, n;

	if (fd < 0)
		return read_key();
	/* A store that has just begun to listen: what was recorded before
	 * it did is found by a tick now. */
	if (fd != t->change_fd) {
		t->change_fd = fd;
		return ERR;
	}
	/* Keys curses has read already are no longer on standard input. */
	timeout(0);
	if ((key = read_key()) == ERR) {
		p[0].fd = STDIN_FILENO;
		p[0].events = POLLIN;
		p[1].fd = fd;
		p[1].events = POLLIN;
		n = poll(p, 2, TICK_MS);
		/* A signal ends the wait too: a resize's key is read now. */
		if (n < 0 || (p[0].revents & (POLLIN | POLLHUP)))
			key = read_key();
	}
	timeout(TICK_MS);
	return key;
}

static const char *
key_label(int key, char out[16])
{
	if (key >= TUI_WIDE) {
		snprintf(out, 16, "U+%04X", (unsigned)(key - TUI_WIDE));
		return out;
	}
	const char *k = keyname(key);
	return k != NULL ? k : "?";
}

/*
 * The plan's text is UTF-8, and ncursesw writes characters in the codeset
 * of LC_CTYPE.  The C or POSIX locale (what an unset or uninstalled one
 * gives too) says nothing of the terminal, which over ssh and in a
 * container is nearly always UTF-8: the session takes a UTF-8 LC_CTYPE.
 * Any other locale (zh_CN.GB18030) is the terminal's and is kept.
 * Messages keep their language (LC_MESSAGES).  Returns the LC_CTYPE to
 * restore after the session, NULL when it was kept.
 */
static char *
session_ctype(void)
{
	static const char *const utf8[] = { "C.UTF-8", "C.utf8",
	    "en_US.UTF-8" };
	const char *cur = setlocale(LC_CTYPE, NULL);
	char *old;

	if (cur == NULL || (strcmp(cur, "C") != 0 && strcmp(cur, "POSIX") != 0))
		return NULL;
	old = xstrdup(cur);
	for (size_t i = 0; i < sizeof utf8 / sizeof utf8[0]; i++)
		if (setlocale(LC_CTYPE, utf8[i]) != NULL)
			return old;
	free(old);
	return NULL;
}

/* Give back the user's LC_CTYPE for what is printed after the session. */
static void
restore_ctype(char *old)
{
	if (old != NULL) {
		setlocale(LC_CTYPE, old);
		free(old);
	}
}

static SCREEN *
start_curses(struct tui *t)
{
	const char *esc = getenv("ESCDELAY");
	SCREEN *scr;

	if ((scr = newterm(NULL, stdout, stdin)) == NULL)
		return NULL;
	set_term(scr);
	if (esc == NULL || *esc == '\0')
		set_escdelay(25);
	cbreak();
	noecho();
	nonl();
	intrflush(stdscr, FALSE);
	keypad(stdscr, TRUE);
	curs_set(0);
	timeout(TICK_MS);
	mousemask(BUTTON1_PRESSED | BUTTON1_CLICKED | BUTTON4_PRESSED
#ifdef BUTTON5_PRESSED
	    | BUTTON5_PRESSED
#endif
	    , NULL);
	mouseinterval(0);
	colour_init(t);
	getmaxyx(stdscr, t->lines, t->cols);
	return scr;
}

static void
set_signals(void (*handler)(int))
{
	struct sigaction sa;

	memset(&sa, 0, sizeof sa);
	sa.sa_handler = handler;
	sigemptyset(&sa.sa_mask);
	/* No SA_RESTART: the wait for a key returns and the loop sees the
	 * flag at once. */
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGHUP, &sa, NULL);
}

struct tui *
tui_new(struct session *s, const struct tui_args *a)
{
	struct tui *t = xcalloc(1, sizeof *t);

	t->session = s;
	t->plan_path = s->plan_path;
	t->by = a->by;
	t->today = a->today;
	t->asof = s->asof;
	t->want_colour = a->want_colour;
	t->started = a->started;
	t->filter_dept = -1;
	t->change_fd = -1;
	return t;
}

void
tui_free(struct tui *t)
{
	if (t == NULL)
		return;
	forget_detail(t);
	free(t->msg);
	free(t->search);
	session_free(t->session);
	free(t);
}

int
tui_run(struct tui *t)
{
	struct timespec t0, cpu0;
	SCREEN *scr;
	char label[16], *ctype;
	int flags, key;
	const char *log = getenv("PLANWATCH_KEYLOG");

	/* The first screen is timed from the start of the process. */
	if (t->started.tv_sec != 0 || t->started.tv_nsec != 0)
		t0 = t->started;
	else
		clock_gettime(CLOCK_MONOTONIC, &t0);
	if (log != NULL && *log != '\0') {
		t->keylog = fopen(log, "w");
		if (t->keylog == NULL) {
			char *q = text_quote(log);
			fprintf(stderr, "planwatch: '%s': %s\n", q,
			    strerror(errno));
			free(q);
			return EXIT_FAILURE;
		}
		setvbuf(t->keylog, NULL, _IOLBF, 0);
	}
	ctype = session_ctype();
	t->utf8 = text_utf8_locale();
	for (size_t i = 0; i < TUI_NVIEWS; i++)
		t->vdata[i] = tui_views[i]->init(t);
	/* The session has reviewed the plan as of the date already. */
	reloaded(t);

	set_signals(on_signal);
	fatal_set_hook(restore_terminal);
	if ((scr = start_curses(t)) == NULL) {
		const char *term = getenv("TERM");
		char *q;
		fatal_set_hook(NULL);
		set_signals(SIG_DFL);
		restore_ctype(ctype);
		/* The environment's text, escaped in the user's locale. */
		q = text_quote(term != NULL ? term : "");
		fprintf(stderr, _("planwatch: cannot use the terminal "
		    "'%s'\n"), q);
		free(q);
		for (size_t i = 0; i < TUI_NVIEWS; i++)
			tui_views[i]->free(t->vdata[i]);
		if (t->keylog != NULL)
			fclose(t->keylog);
		return EXIT_FAILURE;
	}
	redraw(t, TUI_ALL);
	if (t->keylog != NULL)
		fprintf(t->keylog, "first-screen %ld\n", elapsed_us(&t0));

	while (!got_signal) {
		key = wait_key(t);
		if (got_signal)
			break;
		clock_gettime(CLOCK_MONOTONIC, &t0);
		if (t->keylog != NULL)
			clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &cpu0);
		if (key == ERR)
			flags = tick(t);
		else
			flags = handle_key(t, key);
		if (flags & TUI_QUIT)
			break;
		if (flags & TUI_REBUILD) {
			tui_rebuild(t);
			flags |= TUI_ALL;
		}
		redraw(t, flags);
		/* The processor time is planwatch's own work (curses' output
		 * included); the time that passed adds waiting for the
		 * terminal and for the processor. */
		if (t->keylog != NULL && key != ERR)
			fprintf(t->keylog, "%s %ld %ld\n", key_label(key, label),
			    elapsed_cpu_us(&cpu0), elapsed_us(&t0));
	}

	endwin();
	delscreen(scr);
	restore_ctype(ctype);
	fatal_set_hook(NULL);
	modal_free_all(t);
	for (size_t i = 0; i < TUI_NVIEWS; i++)
		tui_views[i]->free(t->vdata[i]);
	if (t->keylog != NULL)
		fclose(t->keylog);
	t->keylog = NULL;
	if (got_signal) {
		int sig = got_signal;
		set_signals(SIG_DFL);
		return 128 + sig;
	}
	return EXIT_SUCCESS;
}
