/*
 * detail.c: what the detail pane and pager show that several views share:
 * an item's recorded history and a list of departments.
 */
#include <stdlib.h>
#include <string.h>

#include "session/session.h"
#include "tui/tui.h"
#include "util/i18n.h"
#include "util/xalloc.h"

#define DETAIL_HISTORY	50	/* rows of an item's history shown */

/* The item's history, asked of the session once per item and reload (a
 * redraw reads what it answered): nothing recorded after the as-of date,
 * since the review travels in time and the History view hides those rows
 * too. */
static void
fetch_history(struct tui *t, const char *item)
{
	if (t->detail_item != NULL && strcmp(t->detail_item, item) == 0)
		return;
	history_rows_free(t->detail_rows, t->ndetail);
	free(t->detail_err);
	t->detail_err = NULL;
	if (session_history(t->session, item, DETAIL_HISTORY,
	    &t->detail_rows, &t->ndetail, &t->detail_err) != 0) {
		t->detail_rows = NULL;
		t->ndetail = 0;
	}
	free(t->detail_item);
	t->detail_item = xstrdup(item);
}

void
detail_history(struct tui *t, const char *item, const struct target *tg,
    size_t max, struct lines *l)
{
	size_t n;
	char date[11];

	lines_add(l, EL_NORMAL, 0, "%s", "");
	lines_add(l, EL_TITLE, 0, "%s", _("History"));
	if (l->n >= max)
		return;
	fetch_history(t, item);
	if (t->detail_err != NULL) {
		lines_add(l, EL_BAD, 2, "%s", t->detail_err);
		return;
	}
	/* No more rows than will be shown. */
	n = t->ndetail < max - l->n ? t->ndetail : max - l->n;
	if (n == 0)
		lines_add(l, EL_DIM, 2, "%s", _("nothing recorded yet"));
	for (size_t i = 0; i < n; i++) {
		const struct history_row *h = &t->detail_rows[i];
		char *v;

		date_iso(h->date, date);
		if (h->kind == FACT_VALUE)
			v = h->level != NULL ? xstrdup(h->level) :
			    fmt_value(t->plan, tg, h->value);
		else if (h->kind == FACT_PROGRESS)
			v = xasprintf("%.0f%%", pct_round(h->value));
		else
			v = xstrdup("");
		/* Who recorded it, and the unit that reported it. */
		lines_add(l, h->superseded ? EL_DIM : EL_NORMAL, 2,
		    "%s  %-8s %-10s %s  %s%s%s%s %s%s%s", date,
		    fact_kind_label(h->kind), v, h->item, h->by,
		    h->source != NULL ? " (" : "",
		    h->source != NULL ? h->source : "",
		    h->source != NULL ? ")" : "", h->recorded,
		    h->note != NULL ? "  " : "", h->note != NULL ? h->note : "");
		free(v);
	}
}

char *
dept_list(const struct plan *p, const int *v, size_t n)
{
	struct buf b = BUF_INIT;

	for (size_t i = 0; i < n; i++)
		buf_printf(&b, "%s%s", i ? ", " : "",
		    plan_dept_label(p, v[i]));
	if (n == 0)
		buf_puts(&b, "-");
	return buf_detach(&b);
}
