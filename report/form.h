/*
 * form.h: the reporting form (报表) a department fills in and sends back
 * (planwatch-form(1)), and the weekly report as a workbook.
 *
 * A form lists, as of the review's date, what one department leads, then
 * what it supports: every open milestone, each open instance of a
 * recurring one whose period has begun, and every target; with the
 * status and reason from the attention list (model/attention.h,
 * report/reason.h), else the item's status label.  The form's words are
 * Chinese whatever the locale: it is a document of the office's, and import
 * reads its headings, roles and 完成 back.  Its machine keys (FORM_KEYS)
 * name the columns for a program.
 *
 * libxlsxwriter writes a workbook only to a named file: the caller gives a
 * path in a private temporary directory (the only file written here) and
 * copies the result where it belongs.  Every string from the plan or the
 * database is made safe (text_safe) first.
 */
#ifndef REPORT_FORM_H
#define REPORT_FORM_H

#include <stdbool.h>
#include <stddef.h>

#include "model/date.h"
#include "model/facts.h"
#include "model/status.h"

struct buf;
struct report;

/* The machine keys of the form's columns, in order, comma-separated: the
 * workbook's hidden key row and planwatch-form(1) list the same. */
#define FORM_KEYS "id,name,role,unit,target,due,latest,latest_date," \
	"status,reason,value,date,note,source"

struct form_opts {
	int		 dept;		/* department index */
	pw_day		 reply_by;	/* the date a reply is asked for */
	const struct facts *facts;	/* for the date of a milestone's
					   latest progress; may be NULL */
};

/*
 * Write the form of o->dept as a workbook to path (a new file in a private
 * directory; tmpdir for libxlsxwriter's own temporary files).  Returns 0,
 * or -1 with *err set to an allocated one-line reason.
 */
int		 form_xlsx(const struct review *, const struct form_opts *,
		    const char *path, const char *tmpdir, char **err);
/* Append the same form as CSV to b: a UTF-8 byte-order mark, a row of
 * Chinese headings, one row an item; cells a spreadsheet would run as a
 * formula protected (csv_quote_cell). */
void		 form_csv(const struct review *, const struct form_opts *,
		    struct buf *b);

/*
 * What form.c and report_xlsx.c share of libxlsxwriter: open a workbook
 * (xl_open: NULL with *err set on failure), close it (xl_close: 0, or -1
 * with *err set for e, the first error met, or the close's own), a cell
 * format of the XL_ flags in a Chinese font, a cell of text (blank when
 * empty) or a date, and column widths in display columns (xl_widths_note
 * records the widest text of a column; xl_widths_apply sets them, each at
 * most maxw[c] when that is > 0).
 */
struct lxw_workbook;
struct lxw_worksheet;
struct lxw_format;
#define XL_BOLD		0x01
#define XL_WRAP		0x02
#define XL_DATE		0x04	/* yyyy-mm-dd */
#define XL_HEAD		0x08	/* a column heading */
#define XL_FILL		0x10	/* a cell to fill in: unlocked */
#define XL_TITLE	0x20
struct lxw_workbook *xl_open(const char *path, const char *tmpdir,
		    char **err);
int		 xl_close(struct lxw_workbook *, int e, char **err);
struct lxw_format *xl_format(struct lxw_workbook *, unsigned flags);
int		 xl_text(struct lxw_worksheet *, size_t row, size_t col,
		    const char *s, struct lxw_format *);
int		 xl_date(struct lxw_worksheet *, size_t row, size_t col,
		    pw_day, struct lxw_format *);
void		 xl_widths_note(int *w, size_t col, const char *s);
void		 xl_widths_apply(struct lxw_worksheet *, const int *w,
		    const int *maxw, size_t ncols);

/*
 * Write the weekly report r as a workbook to path, as form_xlsx does: a
 * sheet of its header and summary, one of the attention list, then one
 * for each of its other sections (targets, phases, the ranking...).
 */
int		 report_xlsx(const struct report *, const char *path,
		    const char *tmpdir, char **err);

#endif
