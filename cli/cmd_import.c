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
#include "util/csv.h"
#include "util/i18n.h"
#include "util/text.h"
#include "util/xalloc.h"

/* Largest CSV read, from a file or a pipe: it is held in memory whole. */
#define IMPORT_MAX	((size_t)1 << 30)

enum column { COL_ID, COL_DATE, COL_VALUE, COL_NOTE, COL_SOURCE, NCOLUMNS };
static const char *const column_names[NCOLUMNS] = {
	"id", "date", "value", "note", "source"
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

struct import {
	const struct cli *cli;
	const struct plan *plan;
	char		*file;		/* shown in messages, safe */
	struct csv_reader csv;
	int		 col[NCOLUMNS];	/* field index of each column, or -1 */
	size_t		 ncols;
	size_t		 errors, rows;
};

static void
row_error(struct import *im, size_t line, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static void
row_error(struct import *im, size_t line, const char *fmt, ...)
{
	va_list ap;

	/* "error" stays untranslated, as in diags_print(): editors and
	 * scripts parse FILE:LINE: error: like a compiler's. */
	fprintf(stderr, "%s:%zu: error: ", im->file, line);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	im->errors++;
}

/* Read the header row into im->col.  Returns 0 or -1 (reported). */
static int
read_header(struct import *im)
{
	struct csv_reader *r = &im->csv;
	int rc = csv_read(r);

	for (int c = 0; c < NCOLUMNS; c++)
		im->col[c] = -1;
	if (rc == 0) {
		row_error(im, 1, _("no header row: expected "
		    "id,date,value,note,source"));
		return -1;
	}
	if (rc < 0) {
		row_error(im, r->line, "%s", _(r->error));
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
			row_error(im, r->line, _("unknown column '%s' "
			    "(expected id, date, value, note, source)"), safe);
			free(safe);
		} else if (im->col[c] != -1)
			row_error(im, r->line, _("column '%s' given twice"),
			    column_names[c]);
		else
			im->col[c] = (int)i;
	}
	for (int c = 0; c <= COL_VALUE; c++)
		if (im->col[c] == -1)
			row_error(im, r->line, _("the header has no '%s' "
			    "column"), column_names[c]);
	return im->errors > 0 ? -1 : 0;
}

static const char *
field(const struct import *im, enum column c)
{
	return im->col[c] < 0 ? NULL : csv_field(&im->csv, (size_t)im->col[c]);
}

/* Check the current row; on success fill *in (borrowing from the row and
 * from *v, which the caller releases). */
static int
check_row(struct import *im, struct record_value *v, struct record_in *in)
{
	struct csv_reader *r = &im->csv;
	const char *date;
	char *err = NULL, *safe;
	pw_day day;

	if (r->nfields != im->ncols) {
		row_error(im, r->line, _("expected %zu fields, found %zu"),
		    im->ncols, r->nfields);
		return -1;
	}
	for (size_t i = 0; i < r->nfields; i++)
		if (!utf8_valid(csv_field(r, i), csv_field_len(r, i))) {
			row_error(im, r->line, _("field %zu is not valid "
			    "UTF-8 text"), i + 1);
			return -1;
		}
	if (*field(im, COL_ID) == '\0') {
		row_error(im, r->line, _("no id"));
		return -1;
	}
	date = field(im, COL_DATE);
	if (date_parse_day(date, &day) != 0) {
		safe = text_quote(date);
		row_error(im, r->line, _("invalid date '%s': expected "
		    "YYYY-MM-DD"), safe);
		free(safe);
		return -1;
	}
	if (record_check_date(im->plan, day, im->cli->today, &err) != 0 ||
	    record_parse(im->plan, ACCEPT_ANY, field(im, COL_ID),
	    field(im, COL_VALUE), v, &err) != 0) {
		row_error(im, r->line, "%s", err);
		free(err);
		return -1;
	}
	*in = (struct record_in){ v->kind, v->item, day, v->value, v->level,
	    field(im, COL_NOTE), field(im, COL_SOURCE), im->cli->by };
	return 0;
}

/* Check every row and write them while none has failed. */
static int
import_rows(struct import *im, struct store_batch *b)
{
	struct record_value v;
	struct record_in in;
	char *err = NULL;
	int rc;

	while ((rc = csv_read(&im->csv)) != 0) {
		if (rc < 0) {
			row_error(im, im->csv.line, "%s", _(im->csv.error));
			continue;
		}
		if (check_row(im, &v, &in) != 0)
			continue;
		im->rows++;
		if (im->errors == 0 && store_batch_add(b, &in, &err) != 0) {
			cli_error("%s", err);
			free(err);
			record_value_release(&v);
			return -1;
		}
		record_value_release(&v);
	}
	return im->errors > 0 ? -1 : 0;
}

static int
import_file(struct cli *cli, const struct plan *p, const char *path)
{
	struct import im = { .cli = cli, .plan = p };
	struct store_batch *b = NULL;
	struct store *s = NULL;
	struct input in;
	char *err = NULL;
	int rc = EXIT_ERROR;

	im.file = text_safe(path);
	if (read_input(path, &in, &err) != 0) {
		cli_error("%s: %s", im.file, err);
		free(err);
		free(im.file);
		return EXIT_ERROR;
	}
	csv_init(&im.csv, in.data, in.len);
	if (read_header(&im) != 0)
		goto out;
	if ((s = cli_open_store(cli, true)) == NULL)
		goto out;
	if (store_batch_begin(s, &b, &err) != 0) {
		cli_error("%s", err);
		free(err);
		goto out;
	}
	if (import_rows(&im, b) != 0) {
		store_batch_abort(b);
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
		store_batch_abort(b);
		cli_error(_("%s: the file changed while it was imported; "
		    "nothing imported"), im.file);
		goto out;
	}
	if (store_batch_commit(b, &err) != 0) {
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
