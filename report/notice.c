/*
 * notice.c: reminder notices (提示函) to departments with something overdue
 * or due soon: title, addressee, a body citing the plan and its document
 * number, the items it leads and, apart, those it supports, the date a
 * reply is asked for, and the issuing office and date.
 */
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "report/report.h"
#include "util/buf.h"
#include "util/i18n.h"
#include "util/text.h"
#include "util/xalloc.h"

#define NOTICE_WIDTH	80

static bool
urgent(const struct ms_result *it)
{
	return it->state == MS_OVERDUE || it->state == MS_DUE_SOON;
}

static bool
supports(const struct milestone *m, int dept)
{
	for (size_t i = 0; i < m->nsupport; i++)
		if (m->support[i] == dept)
			return true;
	return false;
}

bool
notice_wanted(const struct review *rv, int dept)
{
	for (size_t i = 0; i < rv->nitems; i++) {
		const struct milestone *m = &rv->plan->ms[rv->items[i].in.ms];

		if (urgent(&rv->items[i]) && (report_item_lead(rv->plan,
		    &rv->items[i]) == dept || supports(m, dept)))
			return true;
	}
	return false;
}

/* Overdue first, most overdue first, then due soon, soonest first, then
 * plan order. */
static int
urgent_cmp(const void *a, const void *b)
{
	const struct ms_result *x = *(const struct ms_result *const *)a;
	const struct ms_result *y = *(const struct ms_result *const *)b;
	bool xo = x->state == MS_OVERDUE, yo = y->state == MS_OVERDUE;

	if (xo != yo)
		return xo ? -1 : 1;
	if (xo && x->days_overdue != y->days_overdue)
		return x->days_overdue > y->days_overdue ? -1 : 1;
	if (!xo && x->days_left != y->days_left)
		return x->days_left < y->days_left ? -1 : 1;
	return x < y ? -1 : x > y;
}

/* The items dept leads (lead) or supports (!lead), in urgent_cmp's
 * order: one pass and a sort, not a pass per day. */
static void
items(const struct review *rv, int dept, bool lead, bool utf8,
    struct rtable *t)
{
	const struct rcol cols[] = {
		{ _("ID"), ALIGN_LEFT, RCOL_WHOLE },
		{ _("Item"), ALIGN_LEFT, 60 },
		{ _("Lead"), ALIGN_LEFT, 14 },
		{ _("Due"), ALIGN_LEFT, 18 },
		{ _("Days overdue"), ALIGN_RIGHT, 12 },
		{ _("Status"), ALIGN_LEFT, 14 },
	};
	const struct ms_result **v = xcalloc(rv->nitems + 1, sizeof *v);
	size_t n = 0;

	/* Without the lead column for the items it leads itself. */
	rtable_init(t, cols, 6, 1);
	for (size_t i = 0; i < rv->nitems; i++) {
		const struct ms_result *it = &rv->items[i];

		if (it->state == MS_OVERDUE ? it->days_overdue < 1 :
		    it->state != MS_DUE_SOON || it->days_left < 0 ||
		    it->days_left > rv->warn_days)
			continue;
		if (lead ? report_item_lead(rv->plan, it) == dept :
		    supports(&rv->plan->ms[it->in.ms], dept))
			v[n++] = it;
	}
	qsort(v, n, sizeof *v, urgent_cmp);
	for (size_t i = 0; i < n; i++) {
		const struct ms_result *it = v[i];
		const struct milestone *m = &rv->plan->ms[it->in.ms];
		struct rrow *row = rtable_row(t, false);
		char date[32];

		rcell(row, 0, TONE_NEUTRAL, "%s", it->name);
		rcell(row, 1, TONE_NEUTRAL, "%s", m->name);
		rcell(row, 2, TONE_NEUTRAL, "%s", plan_dept_label(rv->plan,
		    report_item_lead(rv->plan, it)));
		date_human(it->in.due, date);
		rcell(row, 3, TONE_NEUTRAL, "%s", date);
		if (it->state == MS_OVERDUE)
			rcell(row, 4, TONE_BAD, "%d", it->days_overdue);
		else
			rcell(row, 4, TONE_NEUTRAL, "-");
		rcell(row, 5, ms_state_tone(it->state), "%s %s",
		    ms_state_symbol(it->state, utf8),
		    ms_state_label(it->state));
	}
	free(v);
	if (lead) {
		/* Drop the lead column: it is the addressee. */
		for (size_t i = 0; i < t->nrows; i++) {
			struct rcell *c = t->rows[i].cells;
			free(c[2].text);
			memmove(&c[2], &c[3], 3 * sizeof *c);
		}
		memmove(&t->heads[2], &t->heads[3], 3 * sizeof *t->heads);
		memmove(&t->align[2], &t->align[3], 3 * sizeof *t->align);
		memmove(&t->maxw[2], &t->maxw[3], 3 * sizeof *t->maxw);
		t->ncols = 5;
	}
}

/* A line centred (text) or as a heading (Markdown). */
static void
centred(struct buf *b, const char *s)
{
	int w = text_width(s), pad = (NOTICE_WIDTH - w) / 2;

	if (pad > 0)
		buf_printf(b, "%*s", pad, "");
	text_safe_buf(b, s);
	buf_putc(b, '\n');
}

/* A line pushed right, under the body, as a letter is signed. */
static void
signed_line(struct buf *b, const char *s, bool md)
{
	int pad = NOTICE_WIDTH - 4 - text_width(s);

	if (md) {
		esc_md(b, s);
		buf_puts(b, "  \n");
		return;
	}
	if (pad < 0) {
		report_wrap(b, s, NOTICE_WIDTH, "");
		return;
	}
	if (pad > 0)
		buf_printf(b, "%*s", pad, "");
	text_safe_buf(b, s);
	buf_putc(b, '\n');
}

static void
paragraph(struct buf *b, const char *s, bool md)
{
	if (md) {
		esc_md(b, s);
		buf_puts(b, "\n\n");
		return;
	}
	/* Indent the first line as a letter does: wrap at the full width,
	 * the first line two characters in. */
	report_wrap(b, s, NOTICE_WIDTH, "    ");
	buf_putc(b, '\n');
}

static void
section(struct buf *b, const char *title, struct rtable *t, bool md,
    bool utf8)
{
	if (t->nrows == 0)
		return;
	if (md) {
		buf_puts(b, "### ");
		esc_md(b, title);
		buf_puts(b, "\n\n");
		rtable_md(b, t);
		buf_putc(b, '\n');
	} else {
		report_wrap(b, title, NOTICE_WIDTH, "  ");
		rtable_text(b, t, utf8, false);
		buf_putc(b, '\n');
	}
}

void
notice_write(const struct review *rv, int dept, pw_day reply_by,
    enum notice_format f, struct buf *b)
{
	const struct plan *p = rv->plan;
	bool md = f == NOTICE_MD, utf8 = text_utf8_locale();
	struct rtable lead, sup;
	struct buf s = BUF_INIT;
	char asof[32], reply[32];
	char *title = text_safe(p->title);

	date_human(rv->asof, asof);
	date_human(reply_by, reply);
	items(rv, dept, true, utf8, &lead);
	items(rv, dept, false, utf8, &sup);

	if (md) {
		buf_puts(b, "# ");
		esc_md(b, _("Reminder notice"));
		buf_puts(b, "\n\n**");
	} else {
		buf_putc(b, '\n');
		centred(b, _("Reminder notice"));
		buf_putc(b, '\n');
	}
	buf_printf(&s, _("%s:"), p->depts[dept].name);
	if (md) {
		esc_md(b, buf_str(&s));
		buf_puts(b, "**\n\n");
	} else {
		report_wrap(b, buf_str(&s), NOTICE_WIDTH, "");
		buf_putc(b, '\n');
	}
	buf_reset(&s);
	if (p->document != NULL)
		buf_printf(&s, _("Under the plan “%s” (%s), as of %s the items "
		    "below that your department leads or supports are overdue "
		    "or fall due soon. Please give them your full attention "
		    "and move them forward."), title, p->document, asof);
	else
		buf_printf(&s, _("Under the plan “%s”, as of %s the items "
		    "below that your department leads or supports are overdue "
		    "or fall due soon. Please give them your full attention "
		    "and move them forward."), title, asof);
	paragraph(b, buf_str(&s), md);
	section(b, _("Items your department leads"), &lead, md, utf8);
	section(b, _("Items your department supports"), &sup, md, utf8);
	buf_reset(&s);
	buf_printf(&s, _("Please reply in writing with the progress of these "
	    "items and the next steps by %s."), reply);
	paragraph(b, buf_str(&s), md);
	if (!md)
		buf_putc(b, '\n');
	if (p->issuer != NULL)
		signed_line(b, p->issuer, md);
	signed_line(b, asof, md);
	buf_release(&s);
	rtable_release(&lead);
	rtable_release(&sup);
	free(title);
}
