/*
 * tui.h: the curses review (planwatch-review(1)).
 *
 * The review is a loop over one struct tui: it reads a key, hands it to the
 * open modal (a form, a menu or a pager), else to the global key table, else
 * to the current view, and redraws once, as much as the handler said changed.
 * Statuses come from one struct review (model/status.h), rebuilt only when
 * the plan, the recorded facts or the as-of date change, never per key.
 *
 * Views live one per file (view_*.c), each a const struct view of callbacks
 * like tmux's window modes.  Views that show rows use the one list widget
 * (list.c), which owns selection, scrolling, filtering and what to redraw.
 * Text is drawn only through tui_put() and friends, which measure in display
 * columns and make every string safe (util/text.h).
 *
 * The review reads memory only: the plan, the review and the history are
 * the session's (session/session.h), which loads, reloads and records;
 * tui/ makes no store or config call.
 *
 * This header is private to tui/ and cli/cmd_review.c.  Nothing here
 * includes <sqlite3.h> or <yaml.h>.
 */
#ifndef TUI_TUI_H
#define TUI_TUI_H

#include <sys/types.h>

#include <curses.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>
#include <time.h>

#include "model/attention.h"
#include "model/date.h"
#include "model/plan.h"
#include "model/status.h"
#include "session/session.h"
#include "util/buf.h"
#include "util/text.h"

struct tui;

/* Keys: curses key codes (KEY_*) and characters below 0x80 as themselves;
 * other characters as TUI_WIDE + code point (get_wch's two kinds of
 * answer would collide otherwise). */
#define TUI_WIDE	0x1000000
#define TUI_ESC		27

/* What a key handler changed; the loop redraws accordingly (htop's
 * HANDLED/REDRAW flags).  0: nothing to do. */
#define TUI_SEL		0x01	/* selection moved, no scroll */
#define TUI_BODY	0x02	/* the view's area */
#define TUI_ALL		0x04	/* everything: header, tabs, body, status */
#define TUI_REBUILD	0x08	/* facts or as-of changed: new review */
#define TUI_STATUS	0x10	/* the bottom line */
#define TUI_QUIT	0x20
#define TUI_HANDLED	0x40	/* consumed, nothing to redraw */
#define TUI_MODAL	0x80	/* the open modal, over what it covered */

/* Smallest usable window; below it the review shows one line saying so. */
#define TUI_MIN_COLS	40
#define TUI_MIN_LINES	10

/* Colour elements: the colour pair and the monochrome attribute side by
 * side (ncdu's UI_COLORS).  -1 is the terminal's default colour. */
#define TUI_ELEMENTS \
	X(EL_NORMAL,	-1,		-1,		A_NORMAL) \
	X(EL_HEADER,	COLOR_WHITE,	COLOR_BLUE,	A_REVERSE) \
	X(EL_HEADER_TITLE, COLOR_YELLOW, COLOR_BLUE,	A_REVERSE | A_BOLD) \
	X(EL_TAB,	-1,		-1,		A_NORMAL) \
	X(EL_TAB_ACTIVE, COLOR_BLACK,	COLOR_CYAN,	A_REVERSE | A_BOLD) \
	X(EL_SELECT,	COLOR_BLACK,	COLOR_CYAN,	A_REVERSE) \
	X(EL_DIM,	COLOR_BLUE,	-1,		A_DIM) \
	X(EL_TITLE,	-1,		-1,		A_BOLD) \
	X(EL_GOOD,	COLOR_GREEN,	-1,		A_NORMAL) \
	X(EL_INFO,	COLOR_CYAN,	-1,		A_NORMAL) \
	X(EL_WARN,	COLOR_YELLOW,	-1,		A_BOLD) \
	X(EL_BAD,	COLOR_RED,	-1,		A_BOLD | A_UNDERLINE) \
	X(EL_BEHIND,	COLOR_MAGENTA,	-1,		A_NORMAL) \
	X(EL_FAR_BEHIND, COLOR_MAGENTA,	-1,		A_BOLD | A_UNDERLINE) \
	X(EL_TODAY,	COLOR_MAGENTA,	-1,		A_BOLD) \
	X(EL_STATUS,	-1,		-1,		A_NORMAL) \
	X(EL_ERROR,	COLOR_WHITE,	COLOR_RED,	A_REVERSE | A_BOLD) \
	X(EL_FORM,	-1,		-1,		A_NORMAL) \
	X(EL_FIELD,	COLOR_BLACK,	COLOR_WHITE,	A_UNDERLINE) \
	X(EL_MATCH,	COLOR_BLACK,	COLOR_YELLOW,	A_BOLD | A_UNDERLINE)

enum element {
#define X(name, fg, bg, mono) name,
	TUI_ELEMENTS
#undef X
	EL_COUNT
};

/* A rectangle of the screen. */
struct rect {
	int	 y, x, h, w;
};

/* One line of a detail text: what to show and in which element. */
struct line {
	char		*text;
	enum element	 el;
	int		 indent;
};

struct lines {
	struct line	*v;
	size_t		 n, cap;
};

/* A key the help screen lists. */
struct keyhelp {
	const char	*keys;		/* "j, Down" */
	const char	*help;		/* N_() */
};

/*
 * The list widget.  A view fills n (its row count) and the callbacks; the
 * list keeps the rows that pass the filter in vis[], the selection, the
 * first row shown and what must be redrawn.
 */
struct list {
	size_t		  n;		/* rows in the view's model */
	size_t		 *vis;		/* shown rows (indexes < n) */
	size_t		  nvis, capvis;
	size_t		  sel;		/* index into vis */
	size_t		  top;		/* first shown index into vis */
	int		  height;	/* rows on screen, last drawn */
	size_t		  drawn_sel, drawn_top;
	bool		  full;		/* everything must be redrawn */
	/* Per shown row, whether it matches hit_for: 0 not known yet, else
	 * HIT_NO or HIT_YES (list.c). */
	unsigned char	 *hit;
	char		 *hit_for;

	void		 *ctx;
	/* Draw row at (y, x) in w columns; sel: the selected row. */
	void		(*draw_row)(void *ctx, struct tui *, size_t row, int y,
			    int x, int w, bool sel);
	/* Does row pass the review's filter?  NULL: every row does. */
	bool		(*match)(void *ctx, struct tui *, size_t row);
	/* Append row's searchable text (names and ids) to b; NULL: none. */
	void		(*text)(void *ctx, struct tui *, size_t row,
			    struct buf *b);
	/* Can the row be selected (not a blank or a caption)?  NULL: all. */
	bool		(*selectable)(void *ctx, size_t row);
};

void	 list_init(struct list *, void *ctx);
void	 list_release(struct list *);
/* Recompute the shown rows after n or the filter changed, keeping the
 * selected row when it is still shown, else the nearest. */
void	 list_refilter(struct list *, struct tui *);
/* The selected row, or (size_t)-1 when nothing is shown. */
size_t	 list_selected(const struct list *);
/* Select row (an index < n) if it is shown; returns true if so. */
bool	 list_select_row(struct list *, size_t row);
/* Handle a movement key; returns TUI_* flags, 0 when not a list key. */
int	 list_key(struct list *, int key);
/* Scroll by delta rows (mouse wheel), moving the selection along. */
int	 list_scroll(struct list *, int delta);
/* Select the row drawn at screen line y of r (a click). */
int	 list_click(struct list *, const struct rect *r, int y);
/* Draw into r: every row when full or scrolled, else only the rows whose
 * selection changed. */
void	 list_draw(struct list *, struct tui *, const struct rect *r,
	    int flags);
/* Search from the selection for needle; dir 1 forward, -1 backward;
 * start_here: the selected row may match.  Returns 0 when nothing matches,
 * else the TUI_* flags selecting the match needs.  Which rows match is
 * remembered until the needle or the shown rows change. */
int	 list_search(struct list *, struct tui *, const char *needle, int dir,
	    bool start_here);
extern const struct keyhelp list_keys[];

/*
 * A view: one tab of the review.  init allocates the view's data; rebuild
 * is called whenever the review was recomputed, refilter when only the
 * filter changed (NULL: the view's list is refiltered, its rows kept);
 * draw draws into r; key returns TUI_* flags (0: not handled here).
 * list, when not NULL, gives the view's list for search, filter and
 * mouse.  detail, when not NULL,
 * describes the selected row in w columns (the side pane or a pager): at
 * least its first max lines, where it may stop, since the side pane shows
 * no more (the pager asks for everything: SIZE_MAX).
 */
struct view {
	const char	 *name;		/* N_() */
	void		*(*init)(struct tui *);
	void		 (*free)(void *);
	void		 (*rebuild)(void *, struct tui *);
	void		 (*refilter)(void *, struct tui *);
	void		 (*draw)(void *, struct tui *, const struct rect *,
			    int flags);
	int		 (*key)(void *, struct tui *, int key);
	struct list	*(*list)(void *);
	void		 (*detail)(void *, struct tui *, int w, size_t max,
			    struct lines *);
	/* What the selected row is, for the forms r, p, d and u: a target
	 * index or a milestone instance (ms result index); -1 when neither.
	 * A view with neither callback shows no item: the forms say it is
	 * read-only. */
	int		 (*sel_target)(void *, struct tui *);
	long		 (*sel_item)(void *, struct tui *);
	/* Select what a review item is (ITEM_INSTANCE: an index in
	 * review.items, ITEM_TARGET: in review.targets, ITEM_PHASE); false
	 * when the view does not show it. */
	bool		 (*select)(void *, struct tui *, enum item_kind,
			    size_t index);
	const struct keyhelp *keys;	/* the view's own keys, or NULL */
	bool		  filtered;	/* f applies to this view */
};

extern const struct view view_overview, view_milestones, view_targets,
    view_depts, view_history;
#define TUI_NVIEWS	5

/* The filter f sets: by department and by status. */
enum filter_kind { FILTER_NONE, FILTER_MS_STATE, FILTER_TG_STATE };

struct modal;

/* What the command gives the review (tui_new). */
struct tui_args {
	const char	 *by;		/* who records, borrowed */
	pw_day		  today;
	bool		  want_colour;
	struct timespec	  started;	/* CLOCK_MONOTONIC at the start of
					   the process (zero: unknown) */
};

struct tui {
	/* What the command was given. */
	const char	 *by;
	pw_day		  today;
	pw_day		  asof;		/* the date asked for: the session's
					   after tui_rebuild() */
	bool		  want_colour;
	struct timespec	  started;

	/* The data: the session's, borrowed and set again after every
	 * session call that reloads (tui_reloaded). */
	struct session	 *session;
	const char	 *plan_path;
	struct plan	 *plan;
	struct review	 *rv;
	struct history_row *hist;	/* newest first, up to HIST_MAX */
	size_t		  nhist;
	unsigned long	  generation;	/* the session's, when taken */
	int		  change_fd;	/* the session's descriptor polled
					   last, -1: none */
	/* The selected item's history for the detail pane (detail.c),
	 * asked of the session once per item and reload. */
	char		 *detail_item;
	struct history_row *detail_rows;
	size_t		  ndetail;
	char		 *detail_err;

	/* The screen. */
	int		  cols, lines;
	bool		  colour, utf8;
	attr_t		  attr[EL_COUNT];
	size_t		  cur;		/* current view */
	void		 *vdata[TUI_NVIEWS];
	struct modal	 *modal;
	bool		  pane;		/* side pane shown (wide enough) */

	/* Filter and search. */
	int		  filter_dept;	/* -1: any */
	enum filter_kind  filter_kind;
	int		  filter_state;
	char		 *search;

	char		 *msg;		/* the bottom line's message */
	bool		  msg_error;
	FILE		 *keylog;
};

#define HIST_MAX	2000
/* The least number of latest values loaded for each target's series
 * (store_load_review_facts): the trend column's width and more. */
#define TUI_RECENT	16

extern const struct view *const tui_views[TUI_NVIEWS];

/* A review of what the session holds (taken: tui_free frees it). */
struct tui *tui_new(struct session *, const struct tui_args *);
void	 tui_free(struct tui *);
/* Run the review until q or a signal.  Returns the exit status; a signal
 * is re-raised after the terminal is restored. */
int	 tui_run(struct tui *);

/* Rebuild the review (and the history) as of t->asof, loading the facts
 * again when the date or the plan changed. */
void	 tui_rebuild(struct tui *);
/* Let every view show what passes the filter (the filter changed). */
void	 tui_refresh_views(struct tui *);
/* The help text: every key of the key tables. */
void	 help_lines(struct tui *, struct lines *);
/* Record n rows through the session and rebuild the views; returns -1
 * with *err set on an error. */
int	 tui_record(struct tui *, const struct record_in *, size_t n,
	    char **err);
/* Set the bottom line's message (printf-style); error: shown as one. */
void	 tui_message(struct tui *, bool error, const char *fmt, ...)
	    __attribute__((format(printf, 3, 4)));
/* Switch to view i and select what names item (a milestone or target id
 * in the view), if shown. */
void	 tui_switch(struct tui *, size_t i);

/* The attention list's kinds in colour (draw.c): a kind a status shares
 * has that status's colour; far behind and behind pace their own
 * (EL_FAR_BEHIND, EL_BEHIND).  The symbols are the model's. */
enum element	 attn_element(enum attn_kind);
/* What each kind means, for the legend: N_(). */
const char	*attn_meaning(enum attn_kind);

/* What Enter does in each form (form.c): keys is the key that opens the
 * form, help (N_()) what its Enter does; the forms and the help both say
 * it from here. */
enum form_kind { FORM_RECORD, FORM_PROGRESS, FORM_DONE, FORM_REOPEN,
    FORM_TRAVEL, FORM_SEARCH, FORM_NKINDS };
extern const struct keyhelp form_enter[FORM_NKINDS];

/* Colours (colour.c). */
void	 colour_init(struct tui *);
enum element tone_element(enum tone);

/* Drawing (draw.c).  tui_put draws s made safe, fitted in w columns. */
void	 tui_put(int y, int x, int w, const char *s, enum text_align,
	    attr_t);
/* Draw s (already safe: our own text) at (y, x), clipped to w columns;
 * returns the columns used. */
int	 tui_puts(int y, int x, int w, const char *s, attr_t);
/* Draw s (our own text, known to fit) at (y, x) as it is. */
void	 tui_put_raw(int y, int x, const char *s, attr_t);
void	 tui_fill(int y, int x, int w, attr_t);
/* A status cell: symbol and label in the tone's element. */
int	 tui_put_state(struct tui *, int y, int x, int w, const char *symbol,
	    const char *label, enum tone, bool sel);
/* The element's attribute, or the selection's when sel. */
attr_t	 tui_attr(const struct tui *, enum element, bool sel);

/* Detail lines (draw.c). */
void	 lines_add(struct lines *, enum element, int indent, const char *fmt,
	    ...) __attribute__((format(printf, 4, 5)));
/* Add text wrapped at w columns (by display width). */
void	 lines_wrap(struct lines *, enum element, int indent,
	    const char *text, int w);
void	 lines_clear(struct lines *);
/* Draw lines from first into r; returns how many were drawn. */
size_t	 lines_draw(struct tui *, const struct lines *, size_t first,
	    const struct rect *);

/* Formatting helpers (draw.c); results belong to the caller. */
char	*fmt_value(const struct plan *, const struct target *, double);
char	*fmt_days(const struct ms_result *);
/* A sparkline of the last w values of a series (block characters, or
 * ASCII digits without UTF-8). */
char	*fmt_spark(const struct tui *, const struct point *, size_t n, int w);
/* Progress bar of w cells for pct 0..100. */
char	*fmt_bar(const struct tui *, double pct, int w);
const char *fact_kind_label(enum fact_kind);
/* The milestone or target an id names, for filter and names. */
const char *item_name(const struct plan *, const char *id);

/* An item's recorded history up to the review's as-of date, newest first,
 * as detail lines (detail.c); tg formats values when the item is a
 * target.  Stops once l holds max lines. */
void	 detail_history(struct tui *, const char *item,
	    const struct target *tg, size_t max, struct lines *l);
/* "A, B, C" of department labels, "-" for none; caller frees. */
char	*dept_list(const struct plan *, const int *, size_t);

/* Does the ms result / target pass the review's filter? */
bool	 filter_ms(const struct tui *, const struct ms_result *);
bool	 filter_tg(const struct tui *, const struct tg_result *);

/* Modals (modal.c): a pager of lines, a menu, a form.  A modal takes every
 * key until it closes. */
void	 pager_open(struct tui *, const char *title, struct lines *);
/* The columns a pager shows its lines in: what to wrap them at. */
int	 pager_width(const struct tui *);
void	 help_open(struct tui *);
void	 filter_open(struct tui *);
void	 search_open(struct tui *);
void	 travel_open(struct tui *);
/* The forms: record a value (r), progress (p), done (d), reopen (u). */
void	 form_record(struct tui *);
void	 form_progress(struct tui *);
void	 form_done(struct tui *);
void	 form_reopen(struct tui *);
int	 modal_key(struct tui *, int key);
void	 modal_draw(struct tui *);
void	 modal_close(struct tui *);
void	 modal_free_all(struct tui *);

#endif
