/*
 * cmd_report.c: planwatch report: the weekly status printout, and what
 * report, notice and ics share: loading the plan, the facts and the review,
 * the "made at" time, and writing a file atomically.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "cli/cli.h"
#include "db/store.h"
#include "model/status.h"
#include "report/report.h"
#include "util/buf.h"
#include "util/i18n.h"
#include "util/xalloc.h"

int
cli_review_load(struct cli *cli, struct review_ctx *ctx, int dept)
{
	struct review_opts o = { .asof = cli->today, .warn_days = -1,
	    .dept = dept };
	char *path, *err = NULL;

	memset(ctx, 0, sizeof *ctx);
	if ((ctx->plan = cli_load_plan(cli, true)) == NULL)
		return -1;
	ctx->facts = facts_new();
	path = cli_db_path(cli);
	if (path != NULL) {
		if (store_open(path, STORE_READ, &ctx->store, &err) != 0 ||
		    store_load_facts(ctx->store, ctx->facts, &err) != 0) {
			cli_error("%s", err);
			free(err);
			free(path);
			cli_review_release(ctx);
			return -1;
		}
		free(path);
	}
	ctx->rv = review_new(ctx->plan, ctx->facts, &o);
	return 0;
}

void
cli_review_release(struct review_ctx *ctx)
{
	review_free(ctx->rv);
	if (ctx->store != NULL)
		store_close(ctx->store);
	facts_free(ctx->facts);
	plan_free(ctx->plan);
	memset(ctx, 0, sizeof *ctx);
}

/*
 * When the output is made: $SOURCE_DATE_EPOCH (reproducible builds) in UTC
 * when set, else the clock in local time.  Returns -1 on a bad value.
 */
int
cli_made_time(time_t *t, bool *utc)
{
	const char *e = getenv("SOURCE_DATE_EPOCH");
	char *end;

	*utc = false;
	*t = time(NULL);
	if (e == NULL || *e == '\0')
		return 0;
	errno = 0;
	long long v = strtoll(e, &end, 10);
	if (errno != 0 || *end != '\0' || v < 0) {
		cli_error(_("invalid SOURCE_DATE_EPOCH '%s'"), e);
		return -1;
	}
	*t = (time_t)v;
	*utc = true;
	return 0;
}

int
cli_write_output(const char *path, const struct buf *b)
{
	char *tmp;
	int fd;
	mode_t mask;

	if (path == NULL || strcmp(path, "-") == 0) {
		if (fwrite(buf_str(b), 1, b->len, stdout) != b->len ||
		    fflush(stdout) != 0) {
			cli_error(_("cannot write the output: %s"),
			    strerror(errno));
			return -1;
		}
		return 0;
	}
	/* A temporary file beside the target, renamed over it: a reader
	 * sees the old file or the new one, never half of it. */
	tmp = xasprintf("%s.tmpXXXXXX", path);
	if ((fd = mkstemp(tmp)) == -1) {
		cli_error(_("cannot create '%s': %s"), tmp, strerror(errno));
		free(tmp);
		return -1;
	}
	mask = umask(0);
	umask(mask);
	size_t off = 0;
	while (off < b->len) {
		ssize_t n = write(fd, b->s + off, b->len - off);
		if (n < 0) {
			if (errno == EINTR)
				continue;
			goto fail;
		}
		off += (size_t)n;
	}
	if (fchmod(fd, 0666 & ~mask) != 0 || fsync(fd) != 0)
		goto fail;
	if (close(fd) != 0) {
		fd = -1;
		goto fail;
	}
	fd = -1;
	if (rename(tmp, path) != 0)
		goto fail;
	free(tmp);
	return 0;
fail:
	cli_error(_("cannot write '%s': %s"), path, strerror(errno));
	if (fd != -1)
		close(fd);
	unlink(tmp);
	free(tmp);
	return -1;
}

/* What was recorded for the week (by as-of date), in the order recorded,
 * superseded values left out.  Returns -1 on a store error (printed). */
static int
week_records(struct review_ctx *ctx, pw_day from, pw_day to,
    struct history_row **rows, size_t *nrows, struct report_record **recs,
    size_t *nrecs)
{
	struct history_query q = { .item = NULL, .since = from, .until = to,
	    .current_only = true, .oldest_first = true };
	char *err = NULL;

	*rows = NULL;
	*nrows = 0;
	*recs = NULL;
	*nrecs = 0;
	if (ctx->store == NULL)
		return 0;
	if (store_history(ctx->store, &q, rows, nrows, &err) != 0) {
		cli_error("%s", err);
		free(err);
		return -1;
	}
	*recs = xcalloc(*nrows + 1, sizeof **recs);
	for (size_t i = 0; i < *nrows; i++) {
		const struct history_row *h = &(*rows)[i];
		struct report_record *r = &(*recs)[(*nrecs)++];

		r->kind = h->kind;
		r->item = h->item;
		r->date = h->date;
		r->value = h->value;
		r->level = h->level;
		r->by = h->by;
		r->note = h->note;
	}
	return 0;
}

int
cmd_report(struct cli *cli, int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "week", required_argument, NULL, 'w' },
		{ "format", required_argument, NULL, 'F' },
		{ "output", required_argument, NULL, 'o' },
		COMMON_LONGOPTS
	};
	enum report_format fmt = REPORT_TEXT;
	pw_day week = DAY_NONE;
	const char *out = NULL;
	struct review_ctx ctx;
	struct report_opts o = { 0 };
	struct history_row *rows;
	struct report_record *recs;
	size_t nrows, nrecs;
	struct buf b = BUF_INIT;
	char made[64];
	time_t t;
	bool utc;
	int c, rc;

	while ((c = getopt_long(argc, argv, COMMON_SHORTOPTS "w:F:o:",
	    longopts, NULL)) != -1) {
		switch (c) {
		case 'w':
			if (cli_parse_date(cli, "--week", optarg, &week) != 0)
				return cli->cmd->usage_status;
			break;
		case 'F':
			if (report_format_parse(optarg, &fmt) != 0) {
				cli_usage_error(cli, _("invalid format '%s': "
				    "expected text, md, html, csv or json"),
				    optarg);
				return cli->cmd->usage_status;
			}
			break;
		case 'o':
			out = optarg;
			break;
		default:
			if ((rc = cli_common_option(cli, c, optarg)) != 0)
				return rc > 0 ? EXIT_OK :
				    cli->cmd->usage_status;
		}
	}
	if (optind < argc) {
		cli_usage_error(cli, _("unexpected argument '%s'"),
		    argv[optind]);
		return cli->cmd->usage_status;
	}
	if (cli_made_time(&t, &utc) != 0)
		return EXIT_ERROR;
	if (cli_review_load(cli, &ctx, -1) != 0)
		return EXIT_ERROR;
	o.week = week;
	o.utf8 = text_utf8_locale();
	o.color = fmt == REPORT_TEXT && cli->color == COLOR_ALWAYS;
	{
		struct tm tm;

		if (utc)
			gmtime_r(&t, &tm);
		else
			localtime_r(&t, &tm);
		strftime(made, sizeof made, utc ? "%Y-%m-%d %H:%M UTC" :
		    "%Y-%m-%d %H:%M", &tm);
	}
	o.made = made;
	{
		pw_day wd = week != DAY_NONE ? week : cli->today;

		if (week_records(&ctx, period_start(PERIOD_WEEK, wd),
		    period_end(PERIOD_WEEK, wd), &rows, &nrows, &recs,
		    &nrecs) != 0) {
			cli_review_release(&ctx);
			return EXIT_ERROR;
		}
	}
	o.records = recs;
	o.nrecords = nrecs;
	struct report *r = report_new(ctx.rv, &o);
	report_write(r, fmt, &b);
	rc = cli_write_output(out, &b) == 0 ? EXIT_OK : EXIT_ERROR;
	report_free(r);
	buf_release(&b);
	free(recs);
	history_rows_free(rows, nrows);
	cli_review_release(&ctx);
	return rc;
}
