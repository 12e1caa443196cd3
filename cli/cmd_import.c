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
#include "util/buf.h"
#include "util/csv.h"
#include "util/i18n.h"
#include "util/json.h"
#include "util/text.h"
#include "util/xalloc.h"

/* Largest CSV read, from a file or a pipe: it is held in memory whole. */
#define IMPORT_MAX	((size_t)1 << 30)

/* The columns recorded, then those export writes for people that import
 * reads and leaves. */
enum column { COL_ID, COL_DATE, COL_VALUE, COL_NOTE, COL_SOURCE,
    NRECORDED, COL_LEAD = NRECORDED, COL_LEAD_NAME, COL_SUPPORT,
    COL_SUPPORT_NAMES, NCOLUMNS };
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

/* One record as read from either format: its fields borrowed from the
 * reader, NULL when not given. */
struct row {
	size_t		 line, col;	/* where it began; col 0: unknown */
	const char	*f[NRECORDED];
	int		 kind;		/* JSON "kind": a fact_kind, or -1 */
};

struct import {
	const struct cli *cli;
	const struct plan *plan;
	char		*file;		/* shown in messages, safe */
	struct store_batch *batch;
	struct csv_reader csv;
	int		 col[NCOLUMNS];	/* field index of each column, or -1 */
	size_t		 ncols;
	size_t		 errors, rows;
};

static void
at_error(struct import *im, size_t line, size_t col, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

static void
at_error(struct import *im, size_t line, size_t col, const char *fmt, ...)
{
	va_list ap;

	/* "error" stays untranslated, as in diags_print(): editors and
	 * scripts parse FILE:LINE:COL: error: like a compiler's. */
	if (col > 0)
		fprintf(stderr, "%s:%zu:%zu: error: ", im->file, line, col);
	else
		fprintf(stderr, "%s:%zu: error: ", im->file, line);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	im->errors++;
}

#define row_error(im, row, ...)	at_error(im, (row)->line, (row)->col, \
				    __VA_ARGS__)

/* Read the header row into im->col.  Returns 0 or -1 (reported). */
static int
read_header(struct import *im)
{
	struct csv_reader *r = &im->csv;
	int rc = csv_read(r);

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
	im->ncols = r->nfields;
	for (size_t i = 0; i < r->nfields; i++) {
		const char *name = csv_field(r, i);
		int c;

		for (c = 0; c < NCOLUMNS; c++)
			if (strcasecmp(name, column_names[c]) == 0)
				break;
		if (c == NCOLUMNS || strlen(name) != csv_field_len(r, i)) {
			char *safe = text_quote(name);
			at_error(im, r->line, 0, _("unknown column '%s' "
			    "(expected id, date, value, note, source)"), safe);
			free(safe);
		} else if (im->col[c] != -1)
			at_error(im, r->line, 0, _("column '%s' given twice"),
			    column_names[c]);
		else
			im->col[c] = (int)i;
	}
	for (int c = 0; c <= COL_VALUE; c++)
		if (im->col[c] == -1)
			at_error(im, r->line, 0, _("the header has no '%s' "
			    "column"), column_names[c]);
	return im->errors > 0 ? -1 : 0;
}

/* Check a row; on success fill *in (borrowing from the row and from *v,
 * which the caller releases). */
static int
check_row(struct import *im, const struct row *row, struct record_value *v,
    struct record_in *in)
{
	const char *date = row->f[COL_DATE];
	char *err = NULL, *safe;
	pw_day day;

	if (*row->f[COL_ID] == '\0') {
		row_error(im, row, _("no id"));
		return -1;
	}
	if (date_parse_day(date, &day) != 0) {
		safe = text_quote(date);
		row_error(im, row, _("invalid date '%s': expected "
		    "YYYY-MM-DD"), safe);
		free(safe);
		return -1;
	}
	if (record_check_date(im->plan, day, im->cli->today, &err) != 0 ||
	    record_parse(im->plan, ACCEPT_ANY, row->f[COL_ID],
	    row->f[COL_VALUE], v, &err) != 0) {
		row_error(im, row, "%s", err);
		free(err);
		return -1;
	}
	if (row->kind >= 0 && (int)v->kind != row->kind) {
		row_error(im, row, _("the kind '%s' does not fit this record, "
		    "a '%s'"), fact_kind_word(row->kind),
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

/* The current CSV record as a row: every field UTF-8, the protection
 * from formulas that export puts on a text undone. */
static int
csv_row(struct import *im, struct row *row)
{
	struct csv_reader *r = &im->csv;

	*row = (struct row){ .line = r->line, .kind = -1 };
	if (r->nfields != im->ncols) {
		row_error(im, row, _("expected %zu fields, found %zu"),
		    im->ncols, r->nfields);
		return -1;
	}
	for (size_t i = 0; i < r->nfields; i++)
		if (!utf8_valid(csv_field(r, i), csv_field_len(r, i))) {
			row_error(im, row, _("field %zu is not valid "
			    "UTF-8 text"), i + 1);
			return -1;
		}
	for (int c = 0; c < NRECORDED; c++)
		if (im->col[c] >= 0) {
			const char *f = csv_field(r, (size_t)im->col[c]);
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
		if (csv_row(im, &row) == 0 && add_row(im, &row) != 0)
			return -1;
	}
	return im->errors > 0 ? -1 : 0;
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
			row_error(im, row, _("no '%s'"), json_keys[k]);
		else if (text[k] == NULL && !wrong[k] && k != COL_VALUE)
			row_error(im, row, _("'%s' is null"), json_keys[k]);
	if (text[NRECORDED] != NULL &&
	    (row->kind = fact_kind_parse(text[NRECORDED])) < 0) {
		char *safe = text_quote(text[NRECORDED]);
		row_error(im, row, _("unknown kind '%s' (expected value, "
		    "progress, done or reopen)"), safe);
		free(safe);
	}
	/* Export writes done and reopen with a null value: the kind is the
	 * value, as in a CSV. */
	if (row->kind == FACT_DONE || row->kind == FACT_REOPEN) {
		if (text[COL_VALUE] != NULL)
			row_error(im, row, _("a '%s' record has no value: "
			    "null"), fact_kind_word(row->kind));
		row->f[COL_VALUE] = fact_kind_word(row->kind);
	} else if (given[COL_VALUE] && text[COL_VALUE] == NULL)
		row_error(im, row, _("'%s' is null"), json_keys[COL_VALUE]);
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
			struct row row = { lx.line, lx.col, { NULL }, -1 };
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

static int
import_file(struct cli *cli, const struct plan *p, const char *path)
{
	struct import im = { .cli = cli, .plan = p };
	struct store *s = NULL;
	struct input in;
	char *err = NULL;
	int rc = EXIT_ERROR;
	bool json;

	im.file = text_safe(path);
	if (read_input(path, &in, &err) != 0) {
		cli_error("%s: %s", im.file, err);
		free(err);
		free(im.file);
		return EXIT_ERROR;
	}
	json = is_json(path, &in);
	csv_init(&im.csv, in.data, in.len);
	if (!json && read_header(&im) != 0)
		goto out;
	if ((s = cli_open_store(cli, true)) == NULL)
		goto out;
	if (store_batch_begin(s, &im.batch, &err) != 0) {
		cli_error("%s", err);
		free(err);
		goto out;
	}
	if ((json ? import_json(&im, in.data, in.len) : import_csv(&im)) != 0) {
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
	release_input(&in);
	free(im.file);
	return rc;
}

int
cmd_import(struct cli *cli, int argc, char **argv)
{
	static const struct option longopts[] = { COMMON_LONGOPTS };
	struct plan *p;
	int c, rc;

	while ((c = getopt_long(argc, argv, COMMON_SHORTOPTS, longopts,
	    NULL)) != -1)
		if ((rc = cli_common_option(cli, c, optarg)) != 0)
			return rc > 0 ? EXIT_OK : cli->cmd->usage_status;
	if (argc - optind != 1) {
		cli_usage_error(cli, argc - optind < 1 ?
		    _("missing the CSV file to import") :
		    _("unexpected argument"));
		return cli->cmd->usage_status;
	}
	if ((p = cli_load_plan(cli, true)) == NULL)
		return EXIT_ERROR;
	rc = import_file(cli, p, argv[optind]);
	plan_free(p);
	return rc;
}
