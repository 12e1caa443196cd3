/*
 * cmd_form.c: planwatch form: the reporting form (报表) of a department, or
 * of every department, as a workbook or as CSV (planwatch-form(1)); and
 * cli_write_xlsx(), which puts a workbook where -o says.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli/cli.h"
#include "model/status.h"
#include "report/form.h"
#include "util/buf.h"
#include "util/i18n.h"
#include "util/text.h"
#include "util/xalloc.h"

/* Read the whole file at path, a file of our own private directory, into
 * b.  Returns -1 with errno set. */
static int
read_back(const char *path, struct buf *b)
{
	char chunk[65536];
	ssize_t n;
	int fd, e;

	if ((fd = open(path, O_RDONLY | O_NOFOLLOW | O_CLOEXEC)) == -1)
		return -1;
	for (;;) {
		n = read(fd, chunk, sizeof chunk);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			break;
		buf_add(b, chunk, (size_t)n);
	}
	e = errno;
	close(fd);
	errno = e;
	return n < 0 ? -1 : 0;
}

int
cli_write_xlsx(const char *out, cli_xlsx_fn make, void *arg)
{
	const char *base = getenv("TMPDIR");
	struct buf b = BUF_INIT;
	char *dir, *path, *err = NULL;
	int rc = -1;

	if ((out == NULL || strcmp(out, "-") == 0) && isatty(STDOUT_FILENO)) {
		cli_error(_("not writing a workbook to a terminal: give -o "
		    "FILE"));
		return -1;
	}
	/*
	 * libxlsxwriter writes only to a named file: it is made in a
	 * directory of our own that no one else can enter, then copied out
	 * as every output is (cli_write_output: atomic, no link followed).
	 */
	if (base == NULL || *base != '/')
		base = "/tmp";
	dir = xasprintf("%s/planwatch-XXXXXX", base);
	if (mkdtemp(dir) == NULL) {
		char *shown = text_safe(dir);
		cli_error(_("cannot create '%s': %s"), shown, strerror(errno));
		free(shown);
		free(dir);
		return -1;
	}
	path = xasprintf("%s/out.xlsx", dir);
	if (make(path, dir, arg, &err) != 0) {
		cli_error("%s", err);
		free(err);
	} else if (read_back(path, &b) != 0) {
		char *shown = text_safe(path);
		cli_error(_("cannot read '%s': %s"), shown, strerror(errno));
		free(shown);
	} else
		rc = cli_write_output(out, &b);
	unlink(path);
	rmdir(dir);
	free(path);
	free(dir);
	buf_release(&b);
	return rc;
}

struct form_job {
	const struct review *rv;
	const struct form_opts *o;
};

static int
make_form(const char *path, const char *tmpdir, void *arg, char **err)
{
	const struct form_job *j = arg;

	return form_xlsx(j->rv, j->o, path, tmpdir, err);
}

/* Write dept's form to out (NULL or "-": standard output). */
static int
write_form(struct review_ctx *ctx, int dept, pw_day reply, bool csv,
    const char *out)
{
	struct form_opts o = { .dept = dept, .reply_by = reply,
	    .facts = ctx->facts };
	struct form_job j = { .rv = ctx->rv, .o = &o };
	struct buf b = BUF_INIT;
	int rc;

	if (!csv)
		return cli_write_xlsx(out, make_form, &j);
	form_csv(ctx->rv, &o, &b);
	rc = cli_write_output(out, &b);
	buf_release(&b);
	return rc;
}

/* Make dir for --all unless it is there; 0 when it is a directory. */
static int
form_dir(const char *dir)
{
	struct stat st;
	char *shown;

	if (mkdir(dir, 0777) == 0 || (errno == EEXIST &&
	    stat(dir, &st) == 0 && S_ISDIR(st.st_mode)))
		return 0;
	shown = text_safe(dir);
	if (errno == EEXIST)
		cli_error(_("'%s' is not a directory"), shown);
	else
		cli_error(_("cannot create '%s': %s"), shown, strerror(errno));
	free(shown);
	return -1;
}

int
cmd_form(struct cli *cli, const struct cmd_args *a)
{
	const char *dept_id = cmd_args_get(a, "dept");
	const char *out = cmd_args_get(a, "output");
	const char *format = cmd_args_get(a, "format");
	pw_day reply = cmd_args_day(a, "reply-by");
	bool all = cmd_args_flag(a, "all");
	bool csv = format != NULL && strcmp(format, "csv") == 0;
	struct review_ctx ctx;
	int rc, dept;

	if (format != NULL && !csv && strcmp(format, "xlsx") != 0) {
		cli_usage_error(cli, _("invalid format '%s': expected xlsx or "
		    "csv"), format);
		return cli->cmd->usage_status;
	}
	if ((dept_id == NULL) == !all) {
		cli_usage_error(cli, _("give --dept ID or --all"));
		return cli->cmd->usage_status;
	}
	if (all && (out == NULL || strcmp(out, "-") == 0)) {
		cli_usage_error(cli, _("--all writes a file for each "
		    "department: give -o DIR"));
		return cli->cmd->usage_status;
	}
	/* A form reads statuses and the latest values, not the series. */
	struct review_args ra = { .warn_days = -1, .print_diags = true };
	if (cli_review_load_args(cli, &ra, &ctx) != 0)
		return EXIT_ERROR;
	if (reply == DAY_NONE)
		reply = cli->today + 7;
	rc = EXIT_OK;
	if (!all) {
		if ((dept = plan_find_dept(ctx.plan, dept_id)) < 0) {
			cli_error(_("no department '%s' in the plan"),
			    dept_id);
			rc = EXIT_ERROR;
		} else if (write_form(&ctx, dept, reply, csv, out) != 0)
			rc = EXIT_ERROR;
		cli_review_release(&ctx);
		return rc;
	}
	if (form_dir(out) != 0) {
		cli_review_release(&ctx);
		return EXIT_ERROR;
	}
	for (size_t d = 0; d < ctx.plan->ndepts && rc == EXIT_OK; d++) {
		/* Department ids are of A-Z a-z 0-9 . _ - only: never a
		 * path of their own. */
		char *path = xasprintf("%s/%s.%s", out, ctx.plan->depts[d].id,
		    csv ? "csv" : "xlsx");

		if (write_form(&ctx, (int)d, reply, csv, path) != 0)
			rc = EXIT_ERROR;
		free(path);
	}
	cli_review_release(&ctx);
	return rc;
}
