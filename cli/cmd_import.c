/*
 * cmd_import.c: planwatch import FILE.csv: every row of a CSV file recorded
 * in one transaction, or none.
 *
 * The header names the columns, in any order: id, date and value are
 * required, note and source optional.  Rows are checked and written in one
 * pass; after the first bad row the rest are still checked (so every bad
 * row is reported, as FILE:LINE: error: MESSAGE) and the transaction is
 * rolled back.
 */
#include <sys/stat.h>

#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "cli/cli.h"
#include "db/store.h"
#include "model/plan.h"
#include "model/record.h"
#include "report/words.h"
#include "util/buf.h"
#include "util/csv.h"
#include "util/encoding.h"
#include "util/i18n.h"
#include "util/json.h"
#include "util/text.h"
#include "util/xalloc.h"
#include "util/xlsx.h"

/* Largest CSV read, from a file or a pipe: it is held in memory whole. */
#define IMPORT_MAX	((size_t)1 << 30)

/* Words of planwatch form's (report/form.c): the sheet to fill in, and
 * what a milestone done is written as. */
#define SHEET_FORM	"填报"
#define WORD_DONE	"完成"

/* The columns recorded, then those export writes for people that import
 * reads and leaves. */
enum column { COL_ID, COL_DATE, COL_VALUE, COL_NOTE, COL_SOURCE,
    NRECORDED, COL_LEAD = NRECORDED, COL_LEAD_NAME, COL_SUPPORT,
    COL_SUPPORT_NAMES, NCOLUMNS, COL_LEFT = NCOLUMNS };
static const char *const column_names[NCOLUMNS] = {
	"id", "date", "value", "note", "source",
	"lead", "lead_name", "support", "support_names"
};

/*
 * The CSV, read into memory.  A regular file is read, never mapped: a map
 * of a file that another program truncates raises SIGBUS where the pages
 * are gone.  Its descriptor stays open and its size and times are kept, so
 * that a change while it is read or imported is seen (input_changed).
 */
struct input {
	char		*data;
	size_t		 len;
	int		 fd;		/* -1 when closed */
	bool		 regular;
	struct stat	 st;		/* when regular: as first seen */
};

/* Has the regular file changed since it was first seen? */
static bool
input_changed(const struct input *in)
{
	struct stat now;

	if (!in->regular)
		return false;
	if (fstat(in->fd, &now) == -1)
		return true;
	return now.st_size != in->st.st_size ||
	    now.st_mtim.tv_sec != in->st.st_mtim.tv_sec ||
	    now.st_mtim.tv_nsec != in->st.st_mtim.tv_nsec ||
	    now.st_ctim.tv_sec != in->st.st_ctim.tv_sec ||
	    now.st_ctim.tv_nsec != in->st.st_ctim.tv_nsec;
}

static int
read_input(const char *path, struct input *in, char **err)
{
	size_t cap;
	ssize_t got;

	memset(in, 0, sizeof *in);
	in->fd = strcmp(path, "-") == 0 ? STDIN_FILENO :
	    open(path, O_RDONLY | O_CLOEXEC);
	if (in->fd == -1 || fstat(in->fd, &in->st) == -1)
		goto fail;
	if (S_ISDIR(in->st.st_mode)) {
		errno = EISDIR;
		goto fail;
	}
	in->regular = S_ISREG(in->st.st_mode);
	if (in->regular && (uintmax_t)in->st.st_size > IMPORT_MAX) {
		errno = EFBIG;
		goto fail;
	}
	/* A regular file's size is known: one buffer, and one byte more to
	 * see the end (or a file that grows). */
	cap = in->regular ? (size_t)in->st.st_size + 1 : 65536;
	in->data = xmalloc(cap);
	for (;;) {
		if (in->len == cap) {
			/* Room for one byte over the limit, to see it. */
			if (cap > IMPORT_MAX) {
				errno = EFBIG;
				goto fail;
			}
			cap = cap > IMPORT_MAX / 2 ? IMPORT_MAX + 1 : cap * 2;
			in->data = xrealloc(in->data, cap);
		}
		got = read(in->fd, in->data + in->len, cap - in->len);
		if (got == 0)
			break;
		if (got < 0) {
			if (errno == EINTR)
				continue;
			goto fail;
		}
		in->len += (size_t)got;
	}
	if (in->regular && ((uintmax_t)in->len !=
	    (uintmax_t)in->st.st_size || input_changed(in))) {
		*err = xstrdup(_("the file changed while it was read"));
		goto fail_msg;
	}
	return 0;
fail:
	*err = xasprintf("%s", strerror(errno));
fail_msg:
	if (in->fd > STDIN_FILENO)
		close(in->fd);
	in->fd = -1;
	free(in->data);
	in->data = NULL;
	return -1;
}

static void
release_input(struct input *in)
{
	if (in->fd > STDIN_FILENO)
		close(in->fd);
	free(in->data);
}

/* One record as read from any format: its fields borrowed from the
 * reader, NULL when not given. */
struct row {
	size_t		 line, col;	/* where it began; col 0: unknown */
	const char	*f[NRECORDED];
	int		 kind;		/* JSON "kind": a fact_kind, or -1 */
	pw_day		 day;		/* a workbook's date serial, else
					   DAY_NONE: f[COL_DATE] is read */
	uint32_t	 xrow;		/* a workbook's row, 1-based */
	uint32_t	 xcol[NRECORDED]; /* and each field's column */
};

struct import {
	const struct cli *cli;
	const struct plan *plan;
	char		*file;		/* shown in messages, safe */
	struct store_batch *batch;
	int		 col[NCOLUMNS];	/* field index of each column, or -1 */
	size_t		 ncols;
	size_t		 errors, rows;

	/* CSV */
	struct csv_reader csv;
	struct decoder	*dec;		/* the file's encoding, when not
					   UTF-8 */
	bool		 dec_named;	/* given with --encoding */
	struct buf	 conv;		/* the record's fields, converted */
	size_t		*conv_off;
	size_t		 conv_cap;

	/* Workbooks */
	struct xlsx	*x;
	char		*sheet;		/* shown in messages, safe */
	bool		 date1904;
	int		 header;	/* rows of headings read */
	uint32_t	 hrow;		/* the last of them */
};

/* The names a header may give a column, English (as export writes) and
 * Chinese (as planwatch form writes, and as offices name them).  The
 * form's other columns are read and left. */
static const struct {
	const char	*name;
	int		 col;
} header_names[] = {
	{ "id", COL_ID }, { "编号", COL_ID },
	{ "date", COL_DATE }, { "日期", COL_DATE },
	{ "value", COL_VALUE }, { "数值", COL_VALUE },
	{ "note", COL_NOTE }, { "备注", COL_NOTE },
	{ "source", COL_SOURCE }, { "来源", COL_SOURCE },
	{ "填报单位", COL_SOURCE },
	{ "lead", COL_LEAD }, { "lead_name", COL_LEAD_NAME },
	{ "support", COL_SUPPORT }, { "support_names", COL_SUPPORT_NAMES },
	{ "name", COL_LEFT }, { "名称", COL_LEFT },
	{ "role", COL_LEFT }, { "角色", COL_LEFT },
	{ "unit", COL_LEFT }, { "单位", COL_LEFT },
	{ "target", COL_LEFT }, { "目标", COL_LEFT },
	{ "due", COL_LEFT }, { "完成时限", COL_LEFT },
	{ "latest", COL_LEFT }, { "最新值", COL_LEFT },
	{ "latest_date", COL_LEFT }, { "最新值日期", COL_LEFT },
	{ "status", COL_LEFT }, { "状态", COL_LEFT },
	{ "reason", COL_LEFT }, { "原因", COL_LEFT },
};
#define NHEADER_NAMES	(sizeof header_names / sizeof *header_names)

/* The column a heading names (surrounding spaces left), or -1. */
static int
header_column(const char *name, size_t len)
{
	size_t n;

	while (len > 0 && *name == ' ')
		name++, len--;
	while (len > 0 && name[len - 1] == ' ')
		len--;
	for (size_t i = 0; i < NHEADER_NAMES; i++) {
		n = strlen(header_names[i].name);
		if (n == len && strncasecmp(name, header_names[i].name, n) == 0)
			return header_names[i].col;
	}
	return -1;
}

/* Print the start of an error at loc: "error" stays untranslated, as in
 * diags_print(), since editors and scripts parse FILE:LINE: error: like a
 * compiler's. */
static void
verror(struct import *im, const char *loc, const char *fmt, va_list ap)
{
	if (loc != NULL)
		fprintf(stderr, "%s:%s: error: ", im->file, loc);
	else
		fprintf(stderr, "%s: error: ", im->file);
	vfprintf(stderr, fmt, ap);
	fputc('\n', stderr);
	im->errors++;
}

static void	 at_error(struct import *, size_t, size_t, const char *, ...)
		    __attribute__((format(printf, 4, 5)));
static void	 at_error_loc(struct import *, const char *, const char *,
		    ...) __attribute__((format(printf, 3, 4)));
static void	 cell_error(struct import *, uint32_t, uint32_t,
		    const char *, ...) __attribute__((format(printf, 4, 5)));
static void	 row_error(struct import *, const struct row *, int,
		    const char *, ...) __attribute__((format(printf, 4, 5)));

/* An error at a line (and column, when not 0) of a CSV or JSON file. */
static void
at_error(struct import *im, size_t line, size_t col, const char *fmt, ...)
{
	char loc[64];
	va_list ap;

	if (col > 0)
		snprintf(loc, sizeof loc, "%zu:%zu", line, col);
	else
		snprintf(loc, sizeof loc, "%zu", line);
	va_start(ap, fmt);
	verror(im, loc, fmt, ap);
	va_end(ap);
}

/* An error at loc (a sheet, a cell), or of the file as a whole (NULL). */
static void
at_error_loc(struct import *im, const char *loc, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	verror(im, loc, fmt, ap);
	va_end(ap);
}

/* An error at a cell of the workbook's sheet: FILE:SHEET!K9. */
static void
cell_error(struct import *im, uint32_t row, uint32_t col, const char *fmt,
    ...)
{
	struct buf loc = BUF_INIT;
	char cell[16];
	va_list ap;

	xlsx_cell_name(row, col, cell);
	buf_printf(&loc, "%s!%s", im->sheet, cell);
	va_start(ap, fmt);
	verror(im, buf_str(&loc), fmt, ap);
	va_end(ap);
	buf_release(&loc);
}

/* An error in a row, at the cell of field (a COL_ value) in a workbook. */
static void
row_error(struct import *im, const struct row *row, int field,
    const char *fmt, ...)
{
	char cell[16];
	struct buf loc = BUF_INIT;
	va_list ap;

	if (im->x != NULL) {
		xlsx_cell_name(row->xrow, row->xcol[field], cell);
		buf_printf(&loc, "%s!%s", im->sheet, cell);
	} else if (row->col > 0)
		buf_printf(&loc, "%zu:%zu", row->line, row->col);
	else
		buf_printf(&loc, "%zu", row->line);
	va_start(ap, fmt);
	verror(im, buf_str(&loc), fmt, ap);
	va_end(ap);
	buf_release(&loc);
}

/*
 * A heading naming column c at position i (field or column): into im->col,
 * else said by err_at (its line or cell).  Returns 0, or -1 when said.
 */
static int
header_field(struct import *im, const char *name, size_t len, size_t i,
    void (*say)(struct import *, size_t, const char *, const char *))
{
	int c = strlen(name) == len ? header_column(name, len) : -1;
	char *safe;

	if (c < 0) {
		safe = text_quote(name);
		say(im, i, N_("unknown column '%s' (expected id, date, value, "
		    "note, source, or 编号, 日期, 数值, 备注, 来源)"), safe);
		free(safe);
		return -1;
	}
	if (c == COL_LEFT)
		return 0;
	if (im->col[c] != -1) {
		say(im, i, N_("column '%s' given twice"), column_names[c]);
		return -1;
	}
	im->col[c] = (int)i;
	return 0;
}

/* The header's required columns are there; said when not. */
static void
header_check(struct import *im, void (*say)(struct import *, size_t,
    const char *, const char *), size_t at)
{
	for (int c = 0; c <= COL_VALUE; c++)
		if (im->col[c] == -1)
			say(im, at, N_("the header has no '%s' column"),
			    column_names[c]);
}

static void
csv_say(struct import *im, size_t i, const char *fmt, const char *arg)
{
	(void)i;
	at_error(im, im->csv.line, 0, _(fmt), arg);
}

/* Field i of the current CSV record, converted from the file's encoding
 * when it has one (NULL when it is not text in it). */
static const char *
csv_text(struct import *im, size_t i, size_t *len)
{
	struct csv_reader *r = &im->csv;

	if (im->dec == NULL) {
		*len = csv_field_len(r, i);
		return csv_field(r, i);
	}
	if (i == 0) {
		buf_reset(&im->conv);
		if (r->nfields > im->conv_cap) {
			im->conv_cap = r->nfields;
			im->conv_off = xreallocarray(im->conv_off,
			    im->conv_cap, sizeof *im->conv_off);
		}
	}
	im->conv_off[i] = im->conv.len;
	if (decoder_convert(im->dec, csv_field(r, i), csv_field_len(r, i),
	    &im->conv, NULL) != 0) {
		buf_truncate(&im->conv, im->conv_off[i]);
		buf_add(&im->conv, "", 1);
		return NULL;
	}
	*len = im->conv.len - im->conv_off[i];
	buf_add(&im->conv, "", 1);
	return im->conv.s + im->conv_off[i];
}

/* Convert every field of the current CSV record: 0, or -1 with the first
 * that is not text in the file's encoding said. */
static int
csv_convert(struct import *im, size_t line)
{
	size_t len;

	for (size_t i = 0; i < im->csv.nfields; i++)
		if (csv_text(im, i, &len) == NULL) {
			if (im->dec_named)
				at_error(im, line, 0, _("field %zu is not "
				    "valid %s text"), i + 1,
				    decoder_name(im->dec));
			else
				at_error(im, line, 0, _("field %zu is not "
				    "valid UTF-8 text, nor %s"), i + 1,
				    decoder_name(im->dec));
			return -1;
		}
	return 0;
}

/* The converted field i of the current record (after csv_convert). */
static const char *
csv_get(struct import *im, size_t i, size_t *len)
{
	if (im->dec == NULL) {
		*len = csv_field_len(&im->csv, i);
		return csv_field(&im->csv, i);
	}
	*len = (i + 1 < im->csv.nfields ? im->conv_off[i + 1] :
	    im->conv.len) - im->conv_off[i] - 1;
	return im->conv.s + im->conv_off[i];
}

/* Read the header row into im->col.  Returns 0 or -1 (reported). */
static int
read_header(struct import *im)
{
	struct csv_reader *r = &im->csv;
	int rc = csv_read(r);
	size_t len;

	for (int c = 0; c < NCOLUMNS; c++)
		im->col[c] = -1;
	if (rc == 0) {
		at_error(im, 1, 0, _("no header row: expected "
		    "id,date,value,note,source"));
		return -1;
	}
	if (rc < 0) {
		at_error(im, r->line, 0, "%s", _(r->error));
		return -1;
	}
	if (csv_convert(im, r->line) != 0)
		return -1;
	im->ncols = r->nfields;
	for (size_t i = 0; i < r->nfields; i++) {
		const char *name = csv_get(im, i, &len);

		header_field(im, name, len, i, csv_say);
	}
	header_check(im, csv_say, 0);
	return im->errors > 0 ? -1 : 0;
}

/* s without surrounding white space is empty? */
static bool
blank(const char *s)
{
	return s == NULL || s[strspn(s, " \t\r\n")] == '\0';
}

/* Parse YYYY-MM-DD, YYYY/M/D or YYYY年M月D日 (as Excel shows dates). */
static int
parse_date(const char *s, pw_day *out)
{
	static const char *const seps[][3] = {
		{ "/", "/", "" }, { "年", "月", "日" }
	};
	int v[3];

	if (date_parse_day(s, out) == 0)
		return 0;
	for (size_t k = 0; k < sizeof seps / sizeof *seps; k++) {
		const char *p = s;
		int i;

		for (i = 0; i < 3; i++) {
			int digits = 0;
			size_t n = strlen(seps[k][i]);

			v[i] = 0;
			while (*p >= '0' && *p <= '9' && digits < 4) {
				v[i] = v[i] * 10 + (*p++ - '0');
				digits++;
			}
			if (digits == 0 || (i == 0 && digits != 4) ||
			    (i > 0 && digits > 2) ||
			    strncmp(p, seps[k][i], n) != 0)
				break;
			p += n;
		}
		if (i == 3 && *p == '\0' && v[0] >= DATE_YEAR_MIN &&
		    v[0] <= DATE_YEAR_MAX && date_valid_ymd(v[0], v[1], v[2])) {
			*out = date_from_ymd(v[0], v[1], v[2]);
			return 0;
		}
	}
	return -1;
}

/*
 * A workbook's date serial: days since 1899-12-31 (so 1 is 1900-01-01) in
 * the 1900 system, which counts a 29 February 1900 that never was (Lotus
 * 1-2-3's error, kept by Excel): from 61 on, one day less.  In the 1904
 * system 0 is 1904-01-01.  A fraction is a time of day, left.
 */
static int
serial_date(const char *s, bool d1904, pw_day *out)
{
	double v;
	long n;
	int y, m, d;

	if (record_parse_number(s, &v) != 0 || v < 0 || v > 1e7)
		return -1;
	n = (long)v;
	if (d1904)
		*out = date_from_ymd(1904, 1, 1) + (pw_day)n;
	else if (n < 1 || n == 60)
		return -1;
	else if (n < 60)
		*out = date_from_ymd(1900, 1, 1) + (pw_day)(n - 1);
	else
		*out = date_from_ymd(1900, 3, 1) + (pw_day)(n - 61);
	date_to_ymd(*out, &y, &m, &d);
	return y >= DATE_YEAR_MIN && y <= DATE_YEAR_MAX ? 0 : -1;
}

/* Check a row; on success fill *in (borrowing from the row and from *v,
 * which the caller releases). */
static int
check_row(struct import *im, const struct row *row, struct record_value *v,
    struct record_in *in)
{
	const char *date = row->f[COL_DATE], *value = row->f[COL_VALUE];
	struct item_ref ref;
	char *err = NULL, *safe;
	pw_day day = row->day;

	if (blank(row->f[COL_ID])) {
		row_error(im, row, COL_ID, _("no id"));
		return -1;
	}
	if (day == DAY_NONE && parse_date(date, &day) != 0) {
		safe = text_quote(date);
		row_error(im, row, COL_DATE, _("invalid date '%s': expected "
		    "YYYY-MM-DD, YYYY/M/D or YYYY年M月D日"), safe);
		free(safe);
		return -1;
	}
	if (record_check_date_msg(im->plan, day, im->cli->today, &err) != 0) {
		row_error(im, row, COL_DATE, "%s", err);
		free(err);
		return -1;
	}
	/* An unknown id is said at its cell, not the value's. */
	if (im->x != NULL && record_resolve_msg(im->plan, row->f[COL_ID], &ref,
	    &err) != 0) {
		row_error(im, row, COL_ID, "%s", err);
		free(err);
		return -1;
	}
	/* The form's word for a milestone done; a target's level may be
	 * called so too. */
	if (value != NULL && strcmp(value, WORD_DONE) == 0 &&
	    plan_find(im->plan, row->f[COL_ID]).kind != ITEM_TARGET)
		value = fact_kind_word(FACT_DONE);
	if (record_parse_msg(im->plan, ACCEPT_ANY, row->f[COL_ID], value, v,
	    &err) != 0) {
		row_error(im, row, COL_VALUE, "%s", err);
		free(err);
		return -1;
	}
	if (row->kind >= 0 && (int)v->kind != row->kind) {
		row_error(im, row, COL_VALUE, _("the kind '%s' does not fit "
		    "this record, a '%s'"), fact_kind_word(row->kind),
		    fact_kind_word(v->kind));
		record_value_release(v);
		return -1;
	}
	*in = (struct record_in){ v->kind, v->item, day, v->value, v->level,
	    row->f[COL_NOTE], row->f[COL_SOURCE], im->cli->by };
	return 0;
}

/* Check a row and write it while none has failed.  Returns -1 when the
 * database fails (said), else 0. */
static int
add_row(struct import *im, const struct row *row)
{
	struct record_value v;
	struct record_in in;
	char *err = NULL;

	if (check_row(im, row, &v, &in) != 0)
		return 0;
	im->rows++;
	if (im->errors == 0 && store_batch_add(im->batch, &in, &err) != 0) {
		cli_error("%s", err);
		free(err);
		record_value_release(&v);
		return -1;
	}
	record_value_release(&v);
	return 0;
}

/*
 * A row of a form left empty: no value and no note (the date is filled in
 * beforehand, the reporting unit maybe all the way down).  Skipped, not an
 * error.  A note without a value is an error: it says something that would
 * be lost.
 */
static bool
skipped(struct import *im, const struct row *row)
{
	if (!blank(row->f[COL_VALUE]))
		return false;
	if (blank(row->f[COL_NOTE]))
		return true;
	row_error(im, row, COL_VALUE, _("a note but no value: fill in the "
	    "value, or clear the note to leave the row out"));
	return true;
}

/* The current CSV record as a row: every field UTF-8, the protection
 * from formulas that export puts on a text undone. */
static int
csv_row(struct import *im, struct row *row)
{
	struct csv_reader *r = &im->csv;
	size_t len;

	*row = (struct row){ .line = r->line, .kind = -1, .day = DAY_NONE };
	if (r->nfields != im->ncols) {
		row_error(im, row, 0, _("expected %zu fields, found %zu"),
		    im->ncols, r->nfields);
		return -1;
	}
	if (csv_convert(im, r->line) != 0)
		return -1;
	for (size_t i = 0; i < r->nfields; i++) {
		const char *f = csv_get(im, i, &len);

		if (!utf8_valid(f, len)) {
			row_error(im, row, 0, _("field %zu is not valid "
			    "UTF-8 text"), i + 1);
			return -1;
		}
	}
	for (int c = 0; c < NRECORDED; c++)
		if (im->col[c] >= 0) {
			const char *f = csv_get(im, (size_t)im->col[c], &len);
			row->f[c] = c == COL_DATE ? f : csv_unprotect(f);
		}
	return 0;
}

static int
import_csv(struct import *im)
{
	struct row row;
	int rc;

	while ((rc = csv_read(&im->csv)) != 0) {
		if (rc < 0) {
			at_error(im, im->csv.line, 0, "%s", _(im->csv.error));
			continue;
		}
		if (csv_row(im, &row) == 0 && !skipped(im, &row) &&
		    add_row(im, &row) != 0)
			return -1;
	}
	return im->errors > 0 ? -1 : 0;
}

/* ---- Workbooks ---- */

static void
xlsx_say(struct import *im, size_t col, const char *fmt, const char *arg)
{
	cell_error(im, im->hrow, (uint32_t)col, _(fmt), arg);
}

/* Does the row name the columns: has it a cell that names the id's? */
static bool
is_header(const struct xlsx_row *r)
{
	for (size_t i = 0; i < r->ncells; i++) {
		const struct xlsx_cell *c = &r->cells[i];

		if (c->type == XLSX_TEXT && strlen(c->text) == c->len &&
		    header_column(c->text, c->len) == COL_ID)
			return true;
	}
	return false;
}

/*
 * A row of headings into im->col.  The form has two, its hidden row of
 * machine keys and the Chinese headings under it: they must name the same
 * columns.  Returns 0, or -1 (said).
 */
static int
xlsx_header(struct import *im, const struct xlsx_row *r)
{
	int before[NCOLUMNS];
	size_t errors = im->errors;

	memcpy(before, im->col, sizeof before);
	for (int c = 0; c < NCOLUMNS; c++)
		im->col[c] = -1;
	im->hrow = r->row;
	for (size_t i = 0; i < r->ncells; i++) {
		const struct xlsx_cell *c = &r->cells[i];

		if (c->type != XLSX_TEXT)
			xlsx_say(im, c->col, N_("unknown column '%s' (expected "
			    "id, date, value, note, source, or 编号, 日期, "
			    "数值, 备注, 来源)"), c->text);
		else
			header_field(im, c->text, c->len, c->col, xlsx_say);
	}
	if (im->errors == errors)
		header_check(im, xlsx_say, 0);
	if (im->errors == errors && im->header > 0 &&
	    memcmp(before, im->col, sizeof before) != 0)
		cell_error(im, r->row, 0, _("the headings do not name the "
		    "same columns as the row above them"));
	im->header++;
	return im->errors == errors ? 0 : -1;
}

/* The value cell holds text where the item wants a number: a target
 * without a scale, or a milestone's percent (but for 完成, done, reopen). */
static bool
wants_number(const struct plan *p, const char *id, const char *text)
{
	struct item_ref ref = plan_find(p, id);

	if (ref.kind == ITEM_TARGET)
		return p->targets[ref.index].nscale == 0;
	if (ref.kind != ITEM_MILESTONE && ref.kind != ITEM_INSTANCE)
		return false;
	return strcmp(text, WORD_DONE) != 0 &&
	    strcmp(text, fact_kind_word(FACT_DONE)) != 0 &&
	    strcmp(text, fact_kind_word(FACT_REOPEN)) != 0;
}

/* Check the cells of a row for what a text cannot say: a formula, a
 * value of the wrong type; read a date serial.  Returns 0, or -1 (said). */
static int
xlsx_cells(struct import *im, struct row *row,
    const struct xlsx_cell *cell[NRECORDED])
{
	const struct xlsx_cell *c;
	size_t errors = im->errors;
	char *safe;

	/* A form holds what was reported, not a way to compute it. */
	for (int k = 0; k < NRECORDED; k++)
		if (cell[k] != NULL && cell[k]->formula)
			row_error(im, row, k, _("a formula in a cell to fill "
			    "in: enter the value itself"));
	if (im->errors != errors)
		return -1;
	for (int k = 0; k < NRECORDED; k++)
		if ((c = cell[k]) != NULL && (c->type == XLSX_BOOL ||
		    c->type == XLSX_ERROR || strlen(c->text) != c->len)) {
			safe = text_quote(c->text);
			row_error(im, row, k, _("'%s' is not text, a number or "
			    "a date"), safe);
			free(safe);
		}
	if (im->errors != errors)
		return -1;
	if ((c = cell[COL_VALUE]) != NULL && c->type == XLSX_TEXT &&
	    row->f[COL_ID] != NULL &&
	    wants_number(im->plan, row->f[COL_ID], c->text)) {
		safe = text_quote(c->text);
		row_error(im, row, COL_VALUE, _("'%s' is text where a number "
		    "is wanted"), safe);
		free(safe);
		return -1;
	}
	if ((c = cell[COL_VALUE]) != NULL && c->type == XLSX_DATE) {
		safe = text_quote(c->text);
		row_error(im, row, COL_VALUE, _("'%s' is a date where a value "
		    "is wanted"), safe);
		free(safe);
		return -1;
	}
	if ((c = cell[COL_DATE]) == NULL)
		return 0;
	if (c->type == XLSX_NUMBER &&
	    serial_date(c->text, im->date1904, &row->day) != 0) {
		safe = text_quote(c->text);
		row_error(im, row, COL_DATE, _("invalid date: %s is not a "
		    "date serial number from 1900 to 2999"), safe);
		free(safe);
		return -1;
	}
	if (c->type == XLSX_DATE) {
		char iso[11];

		snprintf(iso, sizeof iso, "%s", c->text);
		if (date_parse_day(iso, &row->day) != 0) {
			safe = text_quote(c->text);
			row_error(im, row, COL_DATE, _("invalid date '%s'"),
			    safe);
			free(safe);
			return -1;
		}
	}
	return 0;
}

/* One row of the sheet: headings, a row of the title block before them
 * (left), or a record. */
static int
xlsx_row(void *arg, const struct xlsx_row *r)
{
	struct import *im = arg;
	const struct xlsx_cell *cell[NRECORDED] = { NULL };
	struct row row = { .kind = -1, .day = DAY_NONE, .xrow = r->row };
	bool formula = false;

	if (im->header == 0 || r->row == im->hrow + 1) {
		if (is_header(r))
			return xlsx_header(im, r) == 0 ? 0 : 2;
		if (im->header == 0)
			return 0;
	}
	for (int k = 0; k < NRECORDED; k++)
		row.xcol[k] = im->col[k] >= 0 ? (uint32_t)im->col[k] : 0;
	for (size_t i = 0; i < r->ncells; i++)
		for (int k = 0; k < NRECORDED; k++)
			if (im->col[k] >= 0 &&
			    r->cells[i].col == (uint32_t)im->col[k]) {
				cell[k] = &r->cells[i];
				row.f[k] = r->cells[i].text;
			}
	/* A row with a formula to fill it in is not empty, even when no
	 * result was saved with it (but a date's formula alone is). */
	for (int k = 0; k < NRECORDED; k++)
		formula |= cell[k] != NULL && cell[k]->formula && k != COL_DATE;
	if ((!formula && skipped(im, &row)) ||
	    xlsx_cells(im, &row, cell) != 0)
		return 0;
	return add_row(im, &row) == 0 ? 0 : 1;
}

/* A workbook: the form's sheet (填报), else the first. */
static int
import_xlsx(struct import *im, const char *data, size_t len)
{
	char *err = NULL, *loc;
	size_t sheet = 0;
	int rc;

	if (xlsx_open(&im->x, data, len, &err) != 0) {
		at_error_loc(im, NULL, "%s", err);
		free(err);
		return -1;
	}
	for (size_t i = 0; i < xlsx_nsheets(im->x); i++)
		if (strcmp(xlsx_sheet_name(im->x, i), SHEET_FORM) == 0) {
			sheet = i;
			break;
		}
	im->sheet = text_safe(xlsx_sheet_name(im->x, sheet));
	im->date1904 = xlsx_date1904(im->x);
	for (int c = 0; c < NCOLUMNS; c++)
		im->col[c] = -1;
	rc = xlsx_read_sheet(im->x, sheet, xlsx_row, im, &err);
	if (rc < 0) {
		if (*xlsx_where(im->x) != '\0')
			loc = xasprintf("%s!%s", im->sheet, xlsx_where(im->x));
		else
			loc = xstrdup(im->sheet);
		at_error_loc(im, loc, "%s", err);
		free(loc);
		free(err);
		return -1;
	}
	if (rc == 0 && im->header == 0)
		at_error_loc(im, im->sheet, _("no header row: expected a row "
		    "naming id, date and value (编号, 日期, 数值)"));
	return rc != 0 || im->errors > 0 ? -1 : 0;
}

/* A JSON syntax error at the token just read. */
static int
json_error(struct import *im, const struct json_lexer *lx,
    enum json_token t, const char *expected)
{
	if (t == JSON_ERROR)
		at_error(im, lx->line, lx->col, "%s", _(lx->error));
	else
		at_error(im, lx->line, lx->col, _("expected %s, found %s"),
		    _(expected), _(json_token_name(t)));
	return -1;
}

static const char *const json_keys[] = {
	[COL_ID] = "id", [COL_DATE] = "date", [COL_VALUE] = "value",
	[COL_NOTE] = "note", [COL_SOURCE] = "source", [NRECORDED] = "kind"
};
#define NJSONKEYS	(NRECORDED + 1)

/*
 * One object of a JSON import, lx just past its '{', into row (its texts
 * in text[], which the caller frees).  Returns -1 on a syntax error (said:
 * reading stops), else 0 with im->errors counting what is wrong with the
 * record.
 */
static int
json_object(struct import *im, struct json_lexer *lx, struct row *row,
    char *text[NJSONKEYS])
{
	bool given[NJSONKEYS] = { false }, wrong[NJSONKEYS] = { false };
	enum json_token t = json_next(lx);
	int k;

	if (t == JSON_OBJECT_END)
		goto end;
	for (;;) {
		if (t != JSON_STRING)
			return json_error(im, lx, t, N_("a key (a string)"));
		for (k = 0; k < NJSONKEYS; k++)
			if (strcmp(buf_str(&lx->text), json_keys[k]) == 0)
				break;
		if (k == NJSONKEYS) {
			char *safe = text_quote(buf_str(&lx->text));
			at_error(im, lx->line, lx->col, _("unknown key '%s' "
			    "(expected id, date, kind, value, note, source)"),
			    safe);
			free(safe);
		} else if (given[k])
			at_error(im, lx->line, lx->col, _("key '%s' given "
			    "twice"), json_keys[k]);
		if ((t = json_next(lx)) != JSON_COLON)
			return json_error(im, lx, t, "':'");
		t = json_next(lx);
		if (t != JSON_STRING && t != JSON_NUMBER && t != JSON_NULL)
			return json_error(im, lx, t, N_("a string, a number "
			    "or null"));
		if (k < NJSONKEYS && !given[k]) {
			given[k] = true;
			if (t == JSON_NUMBER && k != COL_VALUE) {
				at_error(im, lx->line, lx->col, _("'%s' is "
				    "not a string"), json_keys[k]);
				wrong[k] = true;
			} else if (t != JSON_NULL)
				text[k] = xstrdup(buf_str(&lx->text));
		}
		t = json_next(lx);
		if (t == JSON_OBJECT_END)
			break;
		if (t != JSON_COMMA)
			return json_error(im, lx, t, N_("',' or '}'"));
		t = json_next(lx);
	}
end:
	for (k = 0; k < NRECORDED; k++)
		row->f[k] = text[k];
	for (k = 0; k <= COL_VALUE; k++)
		if (!given[k])
			row_error(im, row, COL_ID, _("no '%s'"), json_keys[k]);
		else if (text[k] == NULL && !wrong[k] && k != COL_VALUE)
			row_error(im, row, COL_ID, _("'%s' is null"), json_keys[k]);
	if (text[NRECORDED] != NULL &&
	    (row->kind = fact_kind_parse(text[NRECORDED])) < 0) {
		char *safe = text_quote(text[NRECORDED]);
		row_error(im, row, COL_ID, _("unknown kind '%s' (expected value, "
		    "progress, done or reopen)"), safe);
		free(safe);
	}
	/* Export writes done and reopen with a null value: the kind is the
	 * value, as in a CSV. */
	if (row->kind == FACT_DONE || row->kind == FACT_REOPEN) {
		if (text[COL_VALUE] != NULL)
			row_error(im, row, COL_ID, _("a '%s' record has no value: "
			    "null"), fact_kind_word(row->kind));
		row->f[COL_VALUE] = fact_kind_word(row->kind);
	} else if (given[COL_VALUE] && text[COL_VALUE] == NULL)
		row_error(im, row, COL_ID, _("'%s' is null"), json_keys[COL_VALUE]);
	return 0;
}

/*
 * A JSON import: an array of objects, as export --format json writes.
 * A syntax error stops the reading; a wrong record is reported and the
 * rest are still checked.
 */
static int
import_json(struct import *im, const char *data, size_t len)
{
	struct json_lexer lx;
	enum json_token t;
	int rc = -1;

	json_init(&lx, data, len);
	if ((t = json_next(&lx)) != JSON_ARRAY_BEGIN) {
		json_error(im, &lx, t, N_("'[' (an array of records, as "
		    "export --format json writes)"));
		goto out;
	}
	t = json_next(&lx);
	if (t != JSON_ARRAY_END)
		for (;;) {
			char *text[NJSONKEYS] = { NULL };
			struct row row = { .line = lx.line, .col = lx.col,
			    .kind = -1, .day = DAY_NONE };
			size_t errors = im->errors;
			int ok;

			if (t != JSON_OBJECT_BEGIN) {
				json_error(im, &lx, t, N_("'{' (a record)"));
				goto out;
			}
			ok = json_object(im, &lx, &row, text);
			if (ok == 0 && im->errors == errors)
				ok = add_row(im, &row);
			for (int k = 0; k < NJSONKEYS; k++)
				free(text[k]);
			if (ok != 0)
				goto out;
			t = json_next(&lx);
			if (t == JSON_ARRAY_END)
				break;
			if (t != JSON_COMMA) {
				json_error(im, &lx, t, N_("',' or ']'"));
				goto out;
			}
			t = json_next(&lx);
		}
	if ((t = json_next(&lx)) != JSON_END) {
		json_error(im, &lx, t, N_("the end of the file"));
		goto out;
	}
	rc = im->errors > 0 ? -1 : 0;
out:
	json_release(&lx);
	return rc;
}

/* JSON by its name, or by its first character (a CSV starts with its
 * header). */
static bool
is_json(const char *path, const struct input *in)
{
	size_t n = strlen(path), i = 0;

	if (n > 5 && strcasecmp(path + n - 5, ".json") == 0)
		return true;
	if (in->len >= 3 && memcmp(in->data, "\xef\xbb\xbf", 3) == 0)
		i = 3;
	while (i < in->len && strchr(" \t\r\n", in->data[i]) != NULL &&
	    in->data[i] != '\0')
		i++;
	return i < in->len && in->data[i] == '[';
}

/* A workbook by its first bytes, a zip's (whatever the file is called:
 * a mail client may have renamed it). */
static bool
is_xlsx(const struct input *in)
{
	return in->len >= 4 && memcmp(in->data, "PK\003\004", 4) == 0;
}

enum format { FORMAT_CSV, FORMAT_JSON, FORMAT_XLSX };

/*
 * The CSV's encoding: the one named, else UTF-8 when the file is (or says
 * so with a byte-order mark), else GB18030, as Excel on Chinese Windows
 * saves a CSV.  Returns 0, or -1 (said).
 */
static int
csv_encoding(struct import *im, const struct input *in, const char *name)
{
	char *err = NULL;

	if (name == NULL) {
		if ((in->len >= 3 && memcmp(in->data, "\xef\xbb\xbf",
		    3) == 0) || enc_utf8(in->data, in->len))
			return 0;
		name = ENC_FALLBACK;
	} else
		im->dec_named = true;
	if (decoder_new(&im->dec, name, &err) != 0) {
		cli_error("%s", err);
		free(err);
		return -1;
	}
	/* A byte-order mark in the encoding (84 31 95 33 in GB18030), as
	 * iconv leaves it from a UTF-8 file with one: skipped. */
	for (size_t n = 1; n <= 4 && n <= in->len; n++) {
		struct buf b = BUF_INIT;
		bool bom = decoder_convert(im->dec, in->data, n, &b,
		    NULL) == 0 && strcmp(buf_str(&b), "\xef\xbb\xbf") == 0;

		buf_release(&b);
		if (bom) {
			im->csv.pos = n;
			break;
		}
	}
	return 0;
}

static int
import_file(struct cli *cli, const struct plan *p, const char *path,
    const char *encoding)
{
	struct import im = { .cli = cli, .plan = p };
	struct store *s = NULL;
	struct input in;
	char *err = NULL;
	int rc = EXIT_ERROR, ok;
	enum format fmt;

	im.file = text_safe(path);
	if (read_input(path, &in, &err) != 0) {
		cli_error("%s: %s", im.file, err);
		free(err);
		free(im.file);
		return EXIT_ERROR;
	}
	fmt = is_xlsx(&in) ? FORMAT_XLSX : is_json(path, &in) ? FORMAT_JSON :
	    FORMAT_CSV;
	csv_init(&im.csv, in.data, in.len);
	if (fmt != FORMAT_CSV && encoding != NULL) {
		cli_error(_("%s: --encoding is for a CSV file: %s is "
		    "always UTF-8"), im.file, fmt == FORMAT_JSON ? "JSON" :
		    _("a workbook"));
		goto out;
	}
	if (fmt == FORMAT_CSV && (csv_encoding(&im, &in, encoding) != 0 ||
	    read_header(&im) != 0))
		goto out;
	if ((s = cli_open_store(cli, true, p)) == NULL)
		goto out;
	if (store_batch_begin(s, &im.batch, &err) != 0) {
		cli_error("%s", err);
		free(err);
		goto out;
	}
	if (fmt == FORMAT_XLSX)
		ok = import_xlsx(&im, in.data, in.len);
	else if (fmt == FORMAT_JSON)
		ok = import_json(&im, in.data, in.len);
	else
		ok = import_csv(&im);
	if (ok != 0) {
		store_batch_abort(im.batch);
		if (im.errors > 0)
			cli_error(ngettext("%s: nothing imported: %zu error",
			    "%s: nothing imported: %zu errors", im.errors),
			    im.file, im.errors);
		goto out;
	}
	/* The rows were checked against the bytes read: a file written since
	 * (a spreadsheet saving it again, a truncation) is not what the user
	 * sees in it now. */
	if (input_changed(&in)) {
		store_batch_abort(im.batch);
		cli_error(_("%s: the file changed while it was imported; "
		    "nothing imported"), im.file);
		goto out;
	}
	if (store_batch_commit(im.batch, &err) != 0) {
		cli_error("%s", err);
		free(err);
		goto out;
	}
	printf(ngettext("imported %zu record from %s\n",
	    "imported %zu records from %s\n", im.rows), im.rows, im.file);
	rc = EXIT_OK;
out:
	store_close(s);
	csv_release(&im.csv);
	decoder_free(im.dec);
	buf_release(&im.conv);
	free(im.conv_off);
	xlsx_free(im.x);
	free(im.sheet);
	release_input(&in);
	free(im.file);
	return rc;
}

int
cmd_import(struct cli *cli, const struct cmd_args *a)
{
	struct plan *p;
	int rc;

	if ((p = cli_load_plan(cli, true)) == NULL)
		return EXIT_ERROR;
	rc = import_file(cli, p, a->argv[0], cmd_args_get(a, "encoding"));
	plan_free(p);
	return rc;
}
