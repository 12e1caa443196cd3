/*
 * detail.c: what the detail pane and pager show that several views share:
 * an item's recorded history and a list of departments.
 */
#include <stdlib.h>

#include "db/store.h"
#include "tui/tui.h"
#include "util/i18n.h"
#include "util/xalloc.h"

#define DETAIL_HISTORY	50	/* rows of an item's history shown */

void
detail_history(struct tui *t, const char *item, const struct target *tg,
    size_t max, struct lines *l)
{
	/* Nothing recorded after the as-of date: the review travels in
	 * time, and the History view hides those rows too. */
	struct history_query q = { .item = item, .since = DAY_NONE,
	    .until = t->asof, .limit = DETAIL_HISTORY };
	struct history_row *rows = NULL;
	size_t n = 0;
	char *err = NULL, date[11];

	lines_add(l, EL_NORMAL, 0, "%s", "");
	lines_add(l, EL_TITLE, 0, "%s", _("History"));
	if (l->n >= max)
		return;
	/* Ask the store for no more rows than will be shown. */
	if (max - l->n < q.limit)
		q.limit = max - l->n;
	if (t->store == NULL) {
		lines_add(l, EL_DIM, 2, "%s", _("nothing recorded yet"));
		return;
	}
	if (store_history(t->store, &q, &rows, &n, &err) != 0) {
		lines_add(l, EL_BAD, 2, "%s", err);
		free(err);
		return;
	}
	if (n == 0)
		lines_add(l, EL_DIM, 2, "%s", _("nothing recorded yet"));
	for (size_t i = 0; i < n; i++) {
		const struct history_row *h = &rows[i];
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
	history_rows_free(rows, n);
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
