/*
 * form.c: the reporting form (报表) of one department, as a workbook or as
 * CSV (planwatch-form(1)).
 *
 * The rows are chosen and worded once (form_rows) and written by either
 * writer, so the workbook and the CSV hold the same form.  Status and
 * reason come from the attention list, else the status rules' label:
 * nothing here decides a status.
 */
#include <stdlib.h>
#include <string.h>

#include <xlsxwriter.h>

#include "model/attention.h"
#include "report/form.h"
#include "report/reason.h"
#include "report/report.h"
#include "report/words.h"
#include "util/buf.h"
#include "util/csv.h"
#include "util/i18n.h"
#include "util/text.h"
#include "util/xalloc.h"

/*
 * The form's columns.  Its words are the office's, in Chinese whatever the
 * locale, and import reads the headings back: they are not translated.
 */
enum {
	C_ID, C_NAME, C_ROLE, C_UNIT, C_TARGET, C_DUE, C_LATEST,
	C_LATEST_DATE, C_STATUS, C_REASON, C_VALUE, C_DATE, C_NOTE,
	C_SOURCE, C_NCOLS
};
static const char *const col_keys[C_NCOLS] = {
	"id", "name", "role", "unit", "target", "due", "latest",
	"latest_date", "status", "reason", "value", "date", "note", "source"
};
static const char *const col_heads[C_NCOLS] = {
	"编号", "名称", "角色", "单位", "目标", "完成时限", "最新值",
	"最新值日期", "状态", "原因", "数值", "日期", "备注", "填报单位"
};
/* The widest a column grows, in display columns; wider text wraps. */
static const int col_maxw[C_NCOLS] = {
	0, 40, 0, 12, 24, 0, 16, 0, 16, 48, 14, 0, 30, 16
};

#define ROLE_LEAD	"牵头"
#define ROLE_SUPPORT	"配合"
#define WORD_DONE	"完成"
#define SHEET_FORM	"填报"
#define SHEET_HELP	"填报说明"
#define SHEET_LEVELS	"levels"
#define FORM_FONT	"等线"

/* One row of the form, worded. */
struct frow {
	enum item_kind	 kind;		/* ITEM_INSTANCE or ITEM_TARGET */
	size_t		 index;		/* into rv->items or rv->targets */
	char		*cell[C_NCOLS];	/* text; NULL: empty */
	pw_day		 due, latest_date;
	bool		 has_latest_num;
	double		 latest_num;
};

struct frows {
	struct frow	*v;
	size_t		 n;
};

static const char *
dir_sign(enum direction d)
{
	switch (d) {
	case DIR_GE:
		return "≥";
	case DIR_LE:
		return "≤";
	default:
		return direction_symbol(d);
	}
}

/* The date of the latest progress of a milestone instance on or before
 * asof, as recorded; DAY_NONE when there is none. */
static pw_day
progress_date(const struct facts *f, const char *item, pw_day asof)
{
	const struct fact_list *l = f != NULL ? facts_get(f, item) : NULL;
	pw_day best = DAY_NONE;
	long long seq = -1;

	if (l == NULL)
		return DAY_NONE;
	for (size_t i = 0; i < l->n; i++) {
		const struct fact *x = &l->v[i];

		if (x->kind != FACT_PROGRESS || x->date > asof)
			continue;
		if (best == DAY_NONE || x->date > best ||
		    (x->date == best && x->seq > seq)) {
			best = x->date;
			seq = x->seq;
		}
	}
	return best;
}

static char *
safe_or_null(const char *s)
{
	return s != NULL && *s != '\0' ? text_safe(s) : NULL;
}

static void
status_cells(struct frow *r, const struct review *rv,
    const struct attn_item *a, const char *label)
{
	struct buf b = BUF_INIT;

	if (a == NULL) {
		r->cell[C_STATUS] = xstrdup(label);
		return;
	}
	r->cell[C_STATUS] = xstrdup(attn_kind_label(a->kind));
	attn_reason(&b, rv, a, NULL);
	r->cell[C_REASON] = text_safe(buf_str(&b));
	buf_release(&b);
}

static struct frow *
add_row(struct frows *rows, enum item_kind kind, size_t index, bool led)
{
	struct frow *r = &rows->v[rows->n++];

	memset(r, 0, sizeof *r);
	r->kind = kind;
	r->index = index;
	r->latest_date = DAY_NONE;
	r->cell[C_ROLE] = xstrdup(led ? ROLE_LEAD : ROLE_SUPPORT);
	return r;
}

static void
ms_row(struct frows *rows, const struct review *rv,
    const struct form_opts *o, size_t i, bool led, const struct attn_item *a)
{
	const struct ms_result *it = &rv->items[i];
	const struct milestone *m = &rv->plan->ms[it->in.ms];
	struct frow *r = add_row(rows, ITEM_INSTANCE, i, led);

	r->cell[C_ID] = text_safe(it->name);
	r->cell[C_NAME] = text_safe(m->name);
	r->cell[C_UNIT] = xstrdup("%");
	r->cell[C_TARGET] = xstrdup(WORD_DONE);
	r->due = it->in.due;
	if (it->has_progress) {
		r->has_latest_num = true;
		r->latest_num = pct_round(it->progress);
		r->cell[C_LATEST] = xasprintf("%.0f", r->latest_num);
		r->latest_date = progress_date(o->facts, it->name, rv->asof);
	}
	status_cells(r, rv, a, ms_state_label(it->state));
}

static void
tg_row(struct frows *rows, const struct review *rv, size_t i, bool led,
    const struct attn_item *a)
{
	const struct tg_result *tr = &rv->targets[i];
	const struct target *t = &rv->plan->targets[tr->target];
	struct frow *r = add_row(rows, ITEM_TARGET, i, led);
	char v[256], *sv;

	r->cell[C_ID] = text_safe(t->id);
	r->cell[C_NAME] = text_safe(t->name);
	r->cell[C_UNIT] = safe_or_null(t->unit);
	report_tg_value(t, t->target, v, sizeof v);
	sv = text_safe(v);
	r->cell[C_TARGET] = xasprintf("%s %s", dir_sign(t->dir), sv);
	free(sv);
	r->due = t->due.day;
	if (tr->has_latest) {
		if (t->nscale > 0) {
			report_tg_value(t, tr->latest.value, v, sizeof v);
			r->cell[C_LATEST] = text_safe(v);
		} else {
			report_num(tr->latest.value, v);
			r->cell[C_LATEST] = xstrdup(v);
			r->has_latest_num = true;
			r->latest_num = tr->latest.value;
		}
		r->latest_date = tr->latest.date;
	}
	status_cells(r, rv, a, tg_state_label(tr->state));
}

/*
 * The rows of o->dept's form: what it leads, then what it supports; in
 * each, the milestones (plan order) and then the targets.  An open
 * milestone is listed; of a recurring one, each open instance whose period
 * has begun by the as-of date (the current one and those late).  Every
 * target is listed.
 */
static void
form_rows(const struct review *rv, const struct form_opts *o,
    struct frows *rows)
{
	struct attn_item *list = NULL;
	size_t nlist = attention_list(rv, SEV_WARNING, &list);
	size_t *of_item = xcalloc(rv->nitems + 1, sizeof *of_item);
	size_t *of_tg = xcalloc(rv->ntargets + 1, sizeof *of_tg);
	const struct plan *p = rv->plan;

	/* Where each item is on the list, + 1 (0: not on it). */
	for (size_t k = 0; k < nlist; k++) {
		if (list[k].item == ITEM_INSTANCE)
			of_item[list[k].index] = k + 1;
		else if (list[k].item == ITEM_TARGET)
			of_tg[list[k].index] = k + 1;
	}
	rows->n = 0;
	rows->v = xcalloc(2 * (rv->nitems + rv->ntargets) + 1,
	    sizeof *rows->v);
	for (int pass = 0; pass < 2; pass++) {
		bool lead = pass == 0, led;

		for (size_t i = 0; i < rv->nitems; i++) {
			const struct ms_result *it = &rv->items[i];
			const struct milestone *m = &p->ms[it->in.ms];
			struct attn_item self = { .lead =
			    report_item_lead(p, it), .support = m->support,
			    .nsupport = m->nsupport };
			const struct attn_item *a = of_item[i] ?
			    &list[of_item[i] - 1] : NULL;

			if (it->state == MS_DONE || it->state == MS_LATE)
				continue;
			if (m->every != PERIOD_NONE && it->in.start > rv->asof)
				continue;
			if (!attn_involves(a != NULL ? a : &self, o->dept,
			    &led) || led != lead)
				continue;
			ms_row(rows, rv, o, i, lead, a);
		}
		for (size_t i = 0; i < rv->ntargets; i++) {
			const struct target *t = &p->targets[
			    rv->targets[i].target];
			struct attn_item self = { .lead = t->owner,
			    .support = t->support, .nsupport = t->nsupport };
			const struct attn_item *a = of_tg[i] ?
			    &list[of_tg[i] - 1] : NULL;

			if (!attn_involves(a != NULL ? a : &self, o->dept,
			    &led) || led != lead)
				continue;
			tg_row(rows, rv, i, lead, a);
		}
	}
	free(of_item);
	free(of_tg);
	free(list);
}

static void
form_rows_free(struct frows *rows)
{
	for (size_t i = 0; i < rows->n; i++)
		for (size_t c = 0; c < C_NCOLS; c++)
			free(rows->v[i].cell[c]);
	free(rows->v);
}

/* ---- CSV ---- */

static void
csv_cell(struct buf *b, size_t col, const char *s)
{
	if (col > 0)
		buf_putc(b, ',');
	if (s != NULL)
		csv_quote_cell(b, s);
}

static void
csv_date(struct buf *b, size_t col, pw_day d)
{
	char iso[11];

	if (d == DAY_NONE) {
		csv_cell(b, col, NULL);
		return;
	}
	date_iso(d, iso);
	csv_cell(b, col, iso);
}

void
form_csv(const struct review *rv, const struct form_opts *o, struct buf *b)
{
	struct frows rows;

	form_rows(rv, o, &rows);
	buf_puts(b, "\xef\xbb\xbf");
	for (size_t c = 0; c < C_NCOLS; c++)
		csv_cell(b, c, col_heads[c]);
	buf_puts(b, "\r\n");
	for (size_t i = 0; i < rows.n; i++) {
		const struct frow *r = &rows.v[i];

		for (size_t c = 0; c < C_NCOLS; c++)
			if (c == C_DUE)
				csv_date(b, c, r->due);
			else if (c == C_LATEST_DATE)
				csv_date(b, c, r->latest_date);
			else if (c == C_DATE)
				csv_date(b, c, rv->asof);
			else
				csv_cell(b, c, r->cell[c]);
		buf_puts(b, "\r\n");
	}
	form_rows_free(&rows);
}

/* ---- Workbooks, shared with report_xlsx.c ---- */

lxw_workbook *
xl_open(const char *path, const char *tmpdir, char **err)
{
	lxw_workbook_options wo = { .tmpdir = (char *)tmpdir };
	lxw_workbook *wb = workbook_new_opt(path, &wo);

	if (wb == NULL)
		*err = xasprintf(_("cannot make the workbook: %s"),
		    lxw_strerror(LXW_ERROR_CREATING_XLSX_FILE));
	return wb;
}

int
xl_close(lxw_workbook *wb, int e, char **err)
{
	lxw_error ce = workbook_close(wb);

	if (e == LXW_NO_ERROR)
		e = (int)ce;
	if (e == LXW_NO_ERROR)
		return 0;
	*err = xasprintf(_("cannot make the workbook: %s"),
	    lxw_strerror((lxw_error)e));
	return -1;
}

lxw_format *
xl_format(lxw_workbook *wb, unsigned flags)
{
	lxw_format *f = workbook_add_format(wb);

	format_set_font_name(f, FORM_FONT);
	format_set_font_size(f, 11);
	format_set_align(f, LXW_ALIGN_VERTICAL_TOP);
	if (flags & XL_BOLD)
		format_set_bold(f);
	if (flags & XL_WRAP)
		format_set_text_wrap(f);
	if (flags & XL_DATE)
		format_set_num_format(f, "yyyy-mm-dd");
	if (flags & XL_HEAD) {
		format_set_bg_color(f, 0xD9D9D9);
		format_set_border(f, LXW_BORDER_THIN);
		format_set_text_wrap(f);
	}
	if (flags & XL_FILL) {
		format_set_unlocked(f);
		format_set_bg_color(f, 0xFFF2CC);
		format_set_border(f, LXW_BORDER_THIN);
	}
	if (flags & XL_TITLE) {
		format_set_bold(f);
		format_set_font_size(f, 16);
	}
	return f;
}

void
xl_widths_note(int *w, size_t col, const char *s)
{
	int n = s != NULL ? text_width(s) : 0;

	if (n > w[col])
		w[col] = n;
}

void
xl_widths_apply(lxw_worksheet *ws, const int *w, const int *maxw,
    size_t ncols)
{
	for (size_t c = 0; c < ncols; c++) {
		int n = w[c];

		if (maxw != NULL && maxw[c] > 0 && n > maxw[c])
			n = maxw[c];
		/* Excel's width is in widths of the digit 0; a display
		 * column (half a Chinese character) is about one, and two
		 * more keep the text off the border. */
		worksheet_set_column(ws, (lxw_col_t)c, (lxw_col_t)c,
		    n + 2 < 6 ? 6 : n + 2, NULL);
	}
}

int
xl_date(lxw_worksheet *ws, size_t row, size_t col, pw_day d,
    lxw_format *f)
{
	lxw_datetime dt = { 0 };

	if (d == DAY_NONE)
		return worksheet_write_blank(ws, (lxw_row_t)row, (lxw_col_t)col,
		    f);
	date_to_ymd(d, &dt.year, &dt.month, &dt.day);
	return worksheet_write_datetime(ws, (lxw_row_t)row, (lxw_col_t)col,
	    &dt, f);
}

int
xl_text(lxw_worksheet *ws, size_t row, size_t col, const char *s,
    lxw_format *f)
{
	if (s == NULL || *s == '\0')
		return worksheet_write_blank(ws, (lxw_row_t)row, (lxw_col_t)col,
		    f);
	return worksheet_write_string(ws, (lxw_row_t)row, (lxw_col_t)col, s,
	    f);
}

/* ---- The form as a workbook ---- */

/* The layout planwatch-form(1) documents: the header block, a blank row,
 * the hidden key row, the heading row, then one row an item. */
#define ROW_TITLE	0
#define ROW_PLAN	1
#define ROW_DEPT	2
#define ROW_ASOF	3
#define ROW_REPLY	4
#define ROW_KEYS	6
#define ROW_HEAD	7
#define ROW_FIRST	8

static const char *const help_lines[] = {
	"填报说明",
	"一、本表由督办部门按计划生成，列出贵单位牵头和配合的任务与指标。"
	"请只在浅黄色单元格中填写，其余单元格已锁定。",
	"二、“数值”列：指标填写本期实际值（按“单位”列的单位，只填数字）；"
	"分级指标从下拉列表中选择等级；任务（里程碑）填写进度 0 至 100 的"
	"数字，已全部完成的填写“完成”。不需报告的行请留空，留空的行不会导入。",
	"三、“日期”列：数值所对应的日期（截至哪一天），默认为本表的截至日期，"
	"须为日期格式，如 2025-09-30。",
	"四、“备注”列：简要说明进展、困难和下一步措施；“填报单位”列：填写实际"
	"填报的单位或科室。",
	"五、周期性任务每一期单独一行，编号形如 M@2025-03（月）、M@2025-W06"
	"（周）、M@2025-Q3（季度），请按期填写。",
	"六、请勿增删行列、修改编号或改动表头，以免无法导入。请于报送截止日期前"
	"将本表报回；也可另存为 CSV（UTF-8）报回。",
};

struct xform {
	lxw_workbook	*wb;
	lxw_worksheet	*ws, *help, *levels;
	lxw_format	*f_title, *f_label, *f_text, *f_wrap, *f_date,
			*f_head, *f_keys, *f_fill, *f_fill_date;
	lxw_col_t	 nlevels;	/* columns of the levels sheet used */
	int		 w[C_NCOLS];
	lxw_error	 e;		/* the first error */
};

static void
xf_keep(struct xform *x, lxw_error e)
{
	if (x->e == LXW_NO_ERROR)
		x->e = e;
}

/* The value cell's validation: a number, a level of the scale, or 0..100
 * or 完成 for a milestone. */
static void
value_validation(struct xform *x, const struct review *rv,
    const struct frow *r, lxw_row_t row)
{
	lxw_data_validation dv = { 0 };
	char cell[32], formula[256], range[64];

	dv.show_input = LXW_VALIDATION_ON;
	dv.show_error = LXW_VALIDATION_ON;
	dv.error_type = LXW_VALIDATION_ERROR_TYPE_STOP;
	dv.error_title = "填写有误";
	if (r->kind == ITEM_INSTANCE) {
		lxw_rowcol_to_cell(cell, row, C_VALUE);
		snprintf(formula, sizeof formula, "=OR(%s=\"%s\",AND(ISNUMBER("
		    "%s),%s>=0,%s<=100))", cell, WORD_DONE, cell, cell, cell);
		dv.validate = LXW_VALIDATION_TYPE_CUSTOM_FORMULA;
		dv.value_formula = formula;
		dv.input_title = "进度";
		dv.input_message = "填写 0 至 100 的进度，全部完成填写“完成”。";
		dv.error_message = "请填写 0 至 100 的数字，或“完成”。";
	} else {
		const struct target *t = &rv->plan->targets[
		    rv->targets[r->index].target];

		if (t->nscale > 0) {
			lxw_col_t c = x->nlevels++;
			char **levels = xcalloc(t->nscale + 1, sizeof *levels);
			size_t len = 0;
			bool inline_list = true;

			for (size_t k = 0; k < t->nscale; k++) {
				levels[k] = text_safe(t->scale[k]);
				xf_keep(x, worksheet_write_string(x->levels,
				    (lxw_row_t)k, c, levels[k], NULL));
				len += strlen(levels[k]) + 1;
				if (strpbrk(levels[k], ",\"") != NULL)
					inline_list = false;
			}
			/*
			 * A drop-down of the levels themselves, when they hold
			 * no comma and fit the 255 bytes of a list (Excel
			 * counts characters; bytes are the safe side).  Else a
			 * rule that the value is one of the levels on the
			 * levels sheet: a list drawn from a range leaks memory
			 * in libxlsxwriter 1.1.
			 */
			dv.input_title = "等级";
			if (inline_list && len <= 255) {
				dv.validate = LXW_VALIDATION_TYPE_LIST;
				dv.value_list = levels;
				dv.input_message = "从下拉列表中选择等级。";
				dv.error_message = "请从下拉列表中选择等级。";
			} else {
				lxw_rowcol_to_cell(cell, row, C_VALUE);
				lxw_rowcol_to_range_abs(range, 0, c,
				    (lxw_row_t)(t->nscale - 1), c);
				snprintf(formula, sizeof formula, "=COUNTIF(%s!%s,"
				    "%s)>0", SHEET_LEVELS, range, cell);
				dv.validate = LXW_VALIDATION_TYPE_CUSTOM_FORMULA;
				dv.value_formula = formula;
				dv.input_message = "填写本指标的一个等级，名称须与"
				    "计划一致。";
				dv.error_message = "请填写本指标的等级之一。";
			}
			xf_keep(x, worksheet_data_validation_cell(x->ws, row,
			    C_VALUE, &dv));
			for (size_t k = 0; k < t->nscale; k++)
				free(levels[k]);
			free(levels);
			return;
		} else {
			dv.validate = LXW_VALIDATION_TYPE_DECIMAL;
			dv.criteria = LXW_VALIDATION_CRITERIA_BETWEEN;
			dv.minimum_number = -1e300;
			dv.maximum_number = 1e300;
			dv.input_title = "数值";
			dv.input_message = "填写本期实际值，只填数字。";
			dv.error_message = "请只填数字。";
		}
	}
	xf_keep(x, worksheet_data_validation_cell(x->ws, row, C_VALUE, &dv));
}

static void
date_validation(struct xform *x, lxw_row_t row)
{
	lxw_data_validation dv = {
		.validate = LXW_VALIDATION_TYPE_DATE,
		.criteria = LXW_VALIDATION_CRITERIA_BETWEEN,
		.minimum_datetime = { .year = 1900, .month = 1, .day = 1 },
		.maximum_datetime = { .year = 9999, .month = 12, .day = 31 },
		.show_error = LXW_VALIDATION_ON,
		.error_title = "填写有误",
		.error_message = "请填写日期，如 2025-09-30。",
	};

	xf_keep(x, worksheet_data_validation_cell(x->ws, row, C_DATE, &dv));
}

static void
header_field(struct xform *x, lxw_row_t row, const char *label,
    const char *value, pw_day day)
{
	xf_keep(x, worksheet_write_string(x->ws, row, 0, label, x->f_label));
	if (value != NULL)
		xf_keep(x, worksheet_merge_range(x->ws, row, 1, row, C_TARGET,
		    value, x->f_text));
	else {
		xf_keep(x, worksheet_merge_range(x->ws, row, 1, row, C_TARGET,
		    "", x->f_date));
		xf_keep(x, xl_date(x->ws, row, 1, day, x->f_date));
	}
}

static void
xform_header(struct xform *x, const struct review *rv,
    const struct form_opts *o)
{
	const struct plan *p = rv->plan;
	const struct department *d = &p->depts[o->dept];
	char *s, *t;

	s = text_safe(p->title);
	t = xasprintf("%s 填报表", s);
	xf_keep(x, worksheet_merge_range(x->ws, ROW_TITLE, 0, ROW_TITLE,
	    C_SOURCE, t, x->f_title));
	worksheet_set_row(x->ws, ROW_TITLE, 24, NULL);
	free(t);
	if (p->document != NULL) {
		char *doc = text_safe(p->document);
		t = xasprintf("%s（%s）", s, doc);
		free(doc);
	} else
		t = xstrdup(s);
	header_field(x, ROW_PLAN, "计划", t, DAY_NONE);
	free(t);
	free(s);
	s = text_safe(d->name);
	header_field(x, ROW_DEPT, "填报部门", s, DAY_NONE);
	free(s);
	header_field(x, ROW_ASOF, "截至日期", NULL, rv->asof);
	header_field(x, ROW_REPLY, "报送截止", NULL, o->reply_by);
}

static void
xform_row(struct xform *x, const struct review *rv, const struct frow *r,
    lxw_row_t row)
{
	for (size_t c = 0; c < C_NCOLS; c++) {
		lxw_format *f = col_maxw[c] > 0 ? x->f_wrap : x->f_text;

		switch (c) {
		case C_DUE:
			xf_keep(x, xl_date(x->ws, row, c, r->due, x->f_date));
			break;
		case C_LATEST_DATE:
			xf_keep(x, xl_date(x->ws, row, c, r->latest_date,
			    x->f_date));
			break;
		case C_LATEST:
			if (r->has_latest_num)
				xf_keep(x, worksheet_write_number(x->ws, row,
				    (lxw_col_t)c, r->latest_num, x->f_text));
			else
				xf_keep(x, xl_text(x->ws, row, c, r->cell[c],
				    f));
			break;
		case C_VALUE:
		case C_NOTE:
		case C_SOURCE:
			xf_keep(x, worksheet_write_blank(x->ws, row,
			    (lxw_col_t)c, x->f_fill));
			break;
		case C_DATE:
			xf_keep(x, xl_date(x->ws, row, c, rv->asof,
			    x->f_fill_date));
			break;
		default:
			xf_keep(x, xl_text(x->ws, row, c, r->cell[c], f));
		}
		xl_widths_note(x->w, c, r->cell[c]);
	}
	value_validation(x, rv, r, row);
	date_validation(x, row);
}

static void
xform_help(struct xform *x, const struct review *rv,
    const struct form_opts *o)
{
	char asof[11], reply[11];
	char *s;

	worksheet_set_column(x->help, 0, 0, 100, x->f_wrap);
	for (size_t i = 0; i < sizeof help_lines / sizeof *help_lines; i++)
		xf_keep(x, worksheet_write_string(x->help, (lxw_row_t)i, 0,
		    help_lines[i], i == 0 ? x->f_title : x->f_wrap));
	date_iso(rv->asof, asof);
	date_iso(o->reply_by, reply);
	s = xasprintf("本表截至 %s，请于 %s 前报送。", asof, reply);
	xf_keep(x, worksheet_write_string(x->help,
	    (lxw_row_t)(sizeof help_lines / sizeof *help_lines), 0, s,
	    x->f_wrap));
	free(s);
	worksheet_protect(x->help, NULL, NULL);
}

static void
xform_properties(struct xform *x, const struct review *rv,
    const struct form_opts *o)
{
	const struct plan *p = rv->plan;
	char asof[11], reply[11];

	date_iso(rv->asof, asof);
	date_iso(o->reply_by, reply);
	/* For a program that takes the form back: which form this is. */
	xf_keep(x, workbook_set_custom_property_string(x->wb,
	    "planwatch-form", "1"));
	xf_keep(x, workbook_set_custom_property_string(x->wb, "plan", p->id));
	xf_keep(x, workbook_set_custom_property_string(x->wb, "department",
	    p->depts[o->dept].id));
	xf_keep(x, workbook_set_custom_property_string(x->wb, "as-of", asof));
	xf_keep(x, workbook_set_custom_property_string(x->wb, "reply-by",
	    reply));
}

int
form_xlsx(const struct review *rv, const struct form_opts *o,
    const char *path, const char *tmpdir, char **err)
{
	struct xform x = { 0 };
	struct frows rows;
	lxw_row_col_options hidden = { .hidden = 1 };
	lxw_protection prot = { .format_columns = 1 };

	if ((x.wb = xl_open(path, tmpdir, err)) == NULL)
		return -1;
	x.ws = workbook_add_worksheet(x.wb, SHEET_FORM);
	x.help = workbook_add_worksheet(x.wb, SHEET_HELP);
	x.levels = workbook_add_worksheet(x.wb, SHEET_LEVELS);
	x.f_title = xl_format(x.wb, XL_TITLE);
	x.f_label = xl_format(x.wb, XL_BOLD);
	x.f_text = xl_format(x.wb, 0);
	x.f_wrap = xl_format(x.wb, XL_WRAP);
	x.f_date = xl_format(x.wb, XL_DATE);
	x.f_head = xl_format(x.wb, XL_HEAD | XL_BOLD);
	x.f_keys = xl_format(x.wb, 0);
	format_set_font_color(x.f_keys, 0x808080);
	x.f_fill = xl_format(x.wb, XL_FILL | XL_WRAP);
	x.f_fill_date = xl_format(x.wb, XL_FILL | XL_DATE);

	xform_header(&x, rv, o);
	for (size_t c = 0; c < C_NCOLS; c++) {
		xf_keep(&x, worksheet_write_string(x.ws, ROW_KEYS, (lxw_col_t)c,
		    col_keys[c], x.f_keys));
		xf_keep(&x, worksheet_write_string(x.ws, ROW_HEAD, (lxw_col_t)c,
		    col_heads[c], x.f_head));
		xl_widths_note(x.w, c, col_heads[c]);
	}
	/* The keys are for import, not for people: hidden, and the sheet's
	 * protection keeps them so. */
	xf_keep(&x, worksheet_set_row_opt(x.ws, ROW_KEYS, LXW_DEF_ROW_HEIGHT,
	    NULL, &hidden));
	form_rows(rv, o, &rows);
	for (size_t i = 0; i < rows.n && x.e == LXW_NO_ERROR; i++)
		xform_row(&x, rv, &rows.v[i], (lxw_row_t)(ROW_FIRST + i));
	form_rows_free(&rows);
	/* The date column's widest is a date; the fill-in columns room to
	 * write. */
	x.w[C_DUE] = x.w[C_LATEST_DATE] = x.w[C_DATE] = 10;
	if (x.w[C_VALUE] < 10)
		x.w[C_VALUE] = 10;
	x.w[C_NOTE] = 30;
	x.w[C_SOURCE] = 14;
	xl_widths_apply(x.ws, x.w, col_maxw, C_NCOLS);
	worksheet_freeze_panes(x.ws, ROW_FIRST, C_ROLE);
	worksheet_protect(x.ws, NULL, &prot);
	worksheet_activate(x.ws);

	xform_help(&x, rv, o);
	worksheet_protect(x.levels, NULL, NULL);
	worksheet_hide(x.levels);
	xform_properties(&x, rv, o);
	return xl_close(x.wb, x.e, err);
}
