/*
 * report_xlsx.c: the weekly report as a workbook, for offices that forward
 * it as a spreadsheet: a sheet of the header and the summary, then one
 * for each other section of the report in its order (the attention list,
 * completed, targets, phases, recorded, ranking).  A report without an
 * attention section gets a sheet of the attention list after the summary.
 *
 * Cells hold what the other formats show, made safe; a cell that is a
 * plain number is written as a number, a date of the attention list as a
 * date, so that the sheet sorts and sums.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <xlsxwriter.h>

#include "model/attention.h"
#include "report/form.h"
#include "report/reason.h"
#include "report/report.h"
#include "util/buf.h"
#include "util/i18n.h"
#include "util/text.h"
#include "util/xalloc.h"

/* The widest a column grows, in display columns; wider text wraps. */
#define XR_MAXW		60
#define XR_MAXCOLS	16

struct xrep {
	lxw_workbook	*wb;
	lxw_format	*f_title, *f_label, *f_text, *f_head, *f_date;
	int		 e;		/* the first error */
};

static void
xr_keep(struct xrep *x, lxw_error e)
{
	if (x->e == LXW_NO_ERROR)
		x->e = (int)e;
}

/*
 * A sheet named after title: Excel takes at most 31 characters and none of
 * []:*?/\ in a name, nor a name twice; a title it refuses is replaced by
 * key, then by key and a count.
 */
static lxw_worksheet *
add_sheet(struct xrep *x, const char *title, const char *key)
{
	struct buf b = BUF_INIT;
	lxw_worksheet *ws;
	size_t nch = 0;
	char *safe = text_safe(title);

	/* A long title keeps what comes before its first comma or
	 * parenthesis ("Needs attention, by lead department"). */
	if (utf8_chars(safe, strlen(safe)) > 31) {
		static const char *const cuts[] = { ",", "(", "，", "（" };
		for (size_t i = 0; i < 4; i++) {
			char *c = strstr(safe, cuts[i]);
			if (c != NULL && c > safe)
				*c = '\0';
		}
	}
	for (const char *p = safe; *p != '\0' && nch < 31; nch++) {
		unsigned cp;
		size_t n = utf8_decode(p, strlen(p), &cp);

		if (n == 0)
			break;
		if (strchr("[]:*?/\\'", *p) != NULL && n == 1)
			buf_putc(&b, ' ');
		else
			buf_add(&b, p, n);
		p += n;
	}
	free(safe);
	ws = workbook_validate_sheet_name(x->wb, buf_str(&b)) ==
	    LXW_NO_ERROR ? workbook_add_worksheet(x->wb, buf_str(&b)) : NULL;
	for (int i = 1; ws == NULL && i < 100; i++) {
		buf_reset(&b);
		if (i == 1)
			buf_puts(&b, key);
		else
			buf_printf(&b, "%s %d", key, i);
		if (workbook_validate_sheet_name(x->wb, buf_str(&b)) ==
		    LXW_NO_ERROR)
			ws = workbook_add_worksheet(x->wb, buf_str(&b));
	}
	buf_release(&b);
	if (ws == NULL)
		xr_keep(x, LXW_ERROR_SHEETNAME_ALREADY_USED);
	return ws;
}

/* A cell of a table: a plain number as a number, else text made safe. */
static void
put_cell(struct xrep *x, lxw_worksheet *ws, size_t row, size_t col,
    const char *s, int *w)
{
	char *end, *safe;
	double v;

	if (s == NULL || *s == '\0')
		return;
	v = strtod(s, &end);
	if (*end == '\0' && isfinite(v) && strchr("+-.0123456789", *s) &&
	    strlen(s) < 17) {
		xr_keep(x, worksheet_write_number(ws, (lxw_row_t)row,
		    (lxw_col_t)col, v, x->f_text));
		xl_widths_note(w, col, s);
		return;
	}
	safe = text_safe(s);
	xr_keep(x, xl_text(ws, row, col, safe, x->f_text));
	xl_widths_note(w, col, safe);
	free(safe);
}

static void
heads(struct xrep *x, lxw_worksheet *ws, size_t row, const char *const *h,
    size_t n, int *w)
{
	for (size_t c = 0; c < n; c++) {
		xr_keep(x, xl_text(ws, row, c, h[c], x->f_head));
		xl_widths_note(w, c, h[c]);
	}
}

static void
finish_sheet(lxw_worksheet *ws, const int *w, size_t ncols, size_t head_row)
{
	int maxw[XR_MAXCOLS];

	for (size_t c = 0; c < ncols; c++)
		maxw[c] = XR_MAXW;
	xl_widths_apply(ws, w, maxw, ncols);
	worksheet_freeze_panes(ws, (lxw_row_t)(head_row + 1), 0);
}

/* Rows of t from row on; returns the row after the last. */
static size_t
table_rows(struct xrep *x, lxw_worksheet *ws, const struct rtable *t,
    size_t row, int *w)
{
	size_t ncols = t->ncols < XR_MAXCOLS ? t->ncols : XR_MAXCOLS;

	heads(x, ws, row++, t->heads, ncols, w);
	for (size_t i = 0; i < t->nrows; i++, row++) {
		const struct rrow *r = &t->rows[i];

		for (size_t c = 0; c < (r->group ? 1 : ncols); c++)
			put_cell(x, ws, row, c, r->cells[c].text, w);
	}
	return row;
}

static void
summary_sheet(struct xrep *x, const struct report *r,
    const struct rsection *s)
{
	lxw_worksheet *ws = add_sheet(x, s->title, s->key);
	int w[XR_MAXCOLS] = { 0 };
	size_t row = 0;
	char *t;

	if (ws == NULL)
		return;
	t = text_safe(r->title);
	xr_keep(x, worksheet_write_string(ws, row++, 0, t, x->f_title));
	free(t);
	for (size_t i = 0; i < r->nfields; i++, row++) {
		xr_keep(x, xl_text(ws, row, 0, r->fields[i].label,
		    x->f_label));
		xl_widths_note(w, 0, r->fields[i].label);
		t = text_safe(r->fields[i].value);
		/* The value spans the columns of the summary table. */
		xr_keep(x, xl_text(ws, row, 1, t, x->f_text));
		free(t);
	}
	row++;
	table_rows(x, ws, &s->table, row, w);
	finish_sheet(ws, w, s->table.ncols < 2 ? 2 : s->table.ncols, 0);
}

static void
attention_sheet(struct xrep *x, const struct review *rv)
{
	const char *h[] = { _("ID"), _("Item"), _("Kind"), _("Level"),
	    _("Lead"), _("Due"), _("Days overdue"), _("Why") };
	const size_t ncols = sizeof h / sizeof *h;
	lxw_worksheet *ws = add_sheet(x, _("Needs attention"), "attention");
	int w[XR_MAXCOLS] = { 0 };
	struct attn_item *v = NULL;
	struct reason_cache rc = { 0 };
	struct buf b = BUF_INIT;
	size_t n;

	if (ws == NULL)
		return;
	n = attention_list(rv, SEV_WARNING, &v);
	heads(x, ws, 0, h, ncols, w);
	for (size_t i = 0; i < n; i++) {
		const struct attn_item *a = &v[i];
		const char *name = a->item == ITEM_INSTANCE ?
		    rv->plan->ms[rv->items[a->index].in.ms].name :
		    rv->plan->targets[a->index].name;
		size_t row = i + 1;

		put_cell(x, ws, row, 0, a->id, w);
		put_cell(x, ws, row, 1, name, w);
		put_cell(x, ws, row, 2, attn_kind_label(a->kind), w);
		put_cell(x, ws, row, 3, attn_level_label(attn_kind_level(
		    a->kind)), w);
		put_cell(x, ws, row, 4, plan_dept_label(rv->plan, a->lead), w);
		xr_keep(x, xl_date(ws, row, 5, a->due, x->f_date));
		if (a->due != DAY_NONE && a->late_by > 0)
			xr_keep(x, worksheet_write_number(ws, (lxw_row_t)row,
			    6, a->late_by, x->f_text));
		buf_reset(&b);
		attn_reason(&b, rv, a, &rc);
		put_cell(x, ws, row, 7, buf_str(&b), w);
	}
	if (n == 0)
		put_cell(x, ws, 1, 0, _("Nothing needs attention."), w);
	w[5] = 10;
	finish_sheet(ws, w, ncols, 0);
	buf_release(&b);
	free(v);
}

static void
section_sheet(struct xrep *x, const struct rsection *s)
{
	lxw_worksheet *ws = add_sheet(x, s->title, s->key);
	int w[XR_MAXCOLS] = { 0 };
	size_t ncols = s->table.ncols < XR_MAXCOLS ? s->table.ncols :
	    XR_MAXCOLS;

	if (ws == NULL)
		return;
	table_rows(x, ws, &s->table, 0, w);
	if (s->table.nrows == 0 && s->empty != NULL)
		put_cell(x, ws, 1, 0, s->empty, w);
	finish_sheet(ws, w, ncols, 0);
}

int
report_xlsx(const struct report *r, const char *path, const char *tmpdir,
    char **err)
{
	struct xrep x = { 0 };
	bool attention = false;

	if ((x.wb = xl_open(path, tmpdir, err)) == NULL)
		return -1;
	x.f_title = xl_format(x.wb, XL_TITLE);
	x.f_label = xl_format(x.wb, XL_BOLD);
	x.f_text = xl_format(x.wb, XL_WRAP);
	x.f_head = xl_format(x.wb, XL_HEAD | XL_BOLD);
	x.f_date = xl_format(x.wb, XL_DATE);
	/* The report's own attention section when it has one, else a sheet
	 * of the attention list after the summary. */
	for (size_t i = 0; i < r->nsections; i++)
		if (strcmp(r->sections[i].key, "attention") == 0)
			attention = true;
	/* A roll-up has no list of its own: its first section is the
	 * summary, its sections the rest. */
	if (r->rv == NULL)
		attention = true;
	for (size_t i = 0; i < r->nsections; i++) {
		const struct rsection *s = &r->sections[i];

		if (strcmp(s->key, "summary") == 0 || (r->rv == NULL &&
		    i == 0))
			summary_sheet(&x, r, s);
		else {
			if (!attention) {
				attention_sheet(&x, r->rv);
				attention = true;
			}
			section_sheet(&x, s);
		}
	}
	if (!attention)
		attention_sheet(&x, r->rv);
	return xl_close(x.wb, x.e, err);
}
