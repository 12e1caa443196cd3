/*
 * modal.h: what the modals share inside tui/ (modal.c draws and runs them,
 * form.c builds the concrete forms and menus).
 *
 * A modal takes every key until it closes: a pager shows lines, a menu is
 * a list to choose from, a form is up to MODAL_FIELDS text fields, each
 * checked as it is typed; Enter submits when every field is valid and
 * Escape cancels.
 */
#ifndef TUI_MODAL_H
#define TUI_MODAL_H

#include "tui/tui.h"

#define MODAL_FIELDS	4

enum modal_kind { MODAL_PAGER, MODAL_MENU, MODAL_FORM };

struct modal;

/* Check a field's text; NULL when valid, else a message the caller frees. */
typedef char	*field_check(struct tui *, struct modal *, const char *);

struct field {
	const char	*label;		/* N_() */
	struct buf	 value;
	field_check	*check;		/* NULL: anything goes */
};

struct menu_item {
	char		*label;
	enum element	 el;
	bool		 caption;	/* a heading, not selectable */
	int		 kind;		/* what choosing it does */
	int		 value;
};

struct modal {
	enum modal_kind	 kind;
	char		*title;

	/* MODAL_PAGER */
	struct lines	 lines;
	size_t		 top;
	int		 height;

	/* MODAL_MENU */
	struct list	 list;
	struct menu_item *items;
	size_t		 nitems;
	int		(*choose)(struct tui *, struct modal *,
			    const struct menu_item *);

	/* MODAL_FORM */
	char		*subject;	/* what the form is about */
	struct field	 fields[MODAL_FIELDS];
	int		 nfields, cur;
	char		*error;		/* the current field's problem */
	bool		 bottom;	/* one field on the bottom line */
	const char	*enter;		/* N_(): what Enter does; NULL: save */
	/* Save; returns TUI_* flags, or -1 with *err set (form stays). */
	int		(*submit)(struct tui *, struct modal *, char **err);
	int		 target;	/* index in plan.targets, or -1 */
	long		 item;		/* index in review.items, or -1 */
};

struct modal	*modal_new(struct tui *, enum modal_kind, const char *title);
void		 modal_add_field(struct modal *, const char *label,
		    const char *initial, field_check *);
void		 menu_add(struct modal *, enum element, bool caption,
		    int kind, int value, const char *fmt, ...)
		    __attribute__((format(printf, 6, 7)));
/* Prepare a menu's list once its items are in. */
void		 menu_ready(struct tui *, struct modal *);

#endif
