/*
 * cmd_report.c: planwatch report: the weekly status printout.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "cli/cli.h"
#include "db/store.h"
#include "model/status.h"
#include "report/form.h"
#include "report/report.h"
#include "util/buf.h"
#include "util/i18n.h"
#include "util/xalloc.h"

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

/*
 * The charts of an HTML report draw every value of the targets they show
 * (report.c chooses them from the review): a second review, of what the
 * rules read and the whole history of those targets only, is far less to
 * load and hold than every value of every target.  *out is NULL when the
 * report's review will do.  Returns -1 on a store error (printed).
 */
static int
chart_review(struct review_ctx *ctx, const struct report *r,
    struct review **out)
{
	const struct review *rv = ctx->rv;
	struct review_opts ro = { .asof = rv->asof, .warn_days = rv->warn_days,
	    .dept = -1 };
	struct facts_query q;
	struct value_want *all;
	struct facts *f;
	char *err = NULL;
	int rc;

	*out = NULL;
	if (ctx->store == NULL || r->ncharts == 0)
		return 0;
	/* recent without bound: each want's whole history. */
	review_query_init(ctx->plan, rv->asof, SIZE_MAX, &q);
	all = q.wants;
	q.wants = xcalloc(r->ncharts, sizeof *q.wants);
	for (size_t k = 0; k < r->ncharts; k++)
		q.wants[k] = all[rv->targets[r->charts[k]].target];
	q.nwants = r->ncharts;
	f = facts_new();
	rc = store_load_facts_asof(ctx->store, f, &q, &err);
	free(q.wants);
	q.wants = all;
	review_query_release(&q);
	if (rc != 0) {
		cli_error("%s", err);
		free(err);
		facts_free(f);
		return -1;
	}
	*out = review_new(ctx->plan, f, &ro);
	facts_free(f);
	return 0;
}

static int
make_xlsx(const char *path, const char *tmpdir, void *arg, char **err)
{
	return report_xlsx(arg, path, tmpdir, err);
}

int
cmd_report(struct cli *cli, const struct cmd_args *a)
{
	const char *format = cmd_args_get(a, "format");
	enum report_format fmt = REPORT_TEXT;
	pw_day week = cmd_args_day(a, "week"), since = cmd_args_day(a, "since");
	const char *dept = cmd_args_get(a, "dept");
	const char *out = cmd_args_get(a, "output");
	struct review *srv;
	struct facts *hist;
	struct review_ctx ctx;
	struct report_opts o = { 0 };
	struct history_row *rows;
	struct report_record *recs;
	size_t nrows, nrecs;
	struct buf b = BUF_INIT;
	char made[64];
	time_t t;
	/* A workbook is made from the text's document. */
	bool utc, xlsx = format != NULL && strcmp(format, "xlsx") == 0;
	bool bom = cmd_args_flag(a, "bom");
	int rc;

	if (format != NULL && !xlsx && report_format_parse(format, &fmt) != 0) {
		cli_usage_error(cli, _("invalid format '%s': expected text, md, "
		    "html, csv, json or xlsx"), format);
		return cli->cmd->usage_status;
	}
	if (bom && (fmt != REPORT_CSV || xlsx)) {
		cli_usage_error(cli, "%s", _("--bom is for CSV: the other "
		    "formats have no byte-order mark"));
		return cli->cmd->usage_status;
	}
	if (since != DAY_NONE && since >= cli->today) {
		cli_usage_error(cli, _("--since must be before the as-of "
		    "date"));
		return cli->cmd->usage_status;
	}
	if (cli_rollup_wanted(cli)) {
		struct rollup_args ru = { .report = true, .warn_days = -1,
		    .format = (int)fmt, .xlsx = xlsx, .bom = bom,
		    .output = out };
		return cli_rollup(cli, a, &ru);
	}
	if (cli_made_time(&t, &utc) != 0)
		return EXIT_ERROR;
	/* Only the series (JSON) read the whole history; the other formats
	 * what the rules read and the sparklines' latest values, loaded by
	 * index seeks (and cached), and the charts (HTML) their own
	 * (chart_review). */
	struct review_args ra = { .warn_days = -1, .print_diags = true,
	    .history = fmt == REPORT_JSON, .recent = REPORT_SPARK,
	    .dept = dept };
	if (cli_review_load_args(cli, &ra, &ctx) != 0)
		return EXIT_ERROR;
	/* Week over week: the list as of --since (by default seven days
	 * before the date) and the weeks each item has been on the list
	 * (attn_weeks()) are reviews as of earlier dates, of the whole
	 * history. */
	hist = ctx.facts;
	if (!ra.history && ctx.store != NULL) {
		char *err = NULL;

		hist = facts_new();
		if (store_load_facts(ctx.store, hist, &err) != 0) {
			cli_error("%s", err);
			free(err);
			facts_free(hist);
			cli_review_release(&ctx);
			return EXIT_ERROR;
		}
	}
	{
		struct review_opts so = { .asof = since != DAY_NONE ? since :
		    ctx.rv->asof - 7, .warn_days = ctx.rv->warn_days,
		    .dept = ctx.rv->dept };

		srv = review_new(ctx.plan, hist, &so);
	}
	o.since = srv;
	o.history = hist;
	o.week = week;
	o.utf8 = xlsx || text_utf8_locale();
	o.color = fmt == REPORT_TEXT && !xlsx && cli->color == COLOR_ALWAYS;
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
			review_free(srv);
			if (hist != ctx.facts)
				facts_free(hist);
			cli_review_release(&ctx);
			return EXIT_ERROR;
		}
	}
	o.records = recs;
	o.nrecords = nrecs;
	struct report *r = report_new(ctx.rv, &o);
	/* The week over week is made: only the since review is kept. */
	if (hist != ctx.facts)
		facts_free(hist);
	struct review *crv = NULL;
	if (fmt == REPORT_HTML) {
		/* The review holds what it needs of the facts. */
		cli_review_drop_facts(&ctx);
		if (chart_review(&ctx, r, &crv) != 0) {
			report_free(r);
			review_free(srv);
			free(recs);
			history_rows_free(rows, nrows);
			cli_review_release(&ctx);
			return EXIT_ERROR;
		}
		if (crv != NULL)
			r->charts_rv = crv;
	}
	/* Written as it is made: a province's report never sits whole in
	 * memory, and -o still replaces its file only once complete. */
	struct cli_out *co = xlsx ? NULL : cli_out_open(out);
	rc = EXIT_ERROR;
	if (xlsx)
		rc = cli_write_xlsx(out, make_xlsx, r) == 0 ? EXIT_OK :
		    EXIT_ERROR;
	else if (co != NULL) {
		struct rsink sink = { .b = &b, .flush = cli_out_flush,
		    .arg = co };

		/* Excel on Chinese Windows reads CSV without one as GBK. */
		if (bom)
			buf_puts(&b, "\xef\xbb\xbf");
		report_write_sink(r, fmt, &sink);
		rc = cli_out_close(co, &b) == 0 ? EXIT_OK : EXIT_ERROR;
	}
	report_free(r);
	review_free(crv);
	review_free(srv);
	buf_release(&b);
	free(recs);
	history_rows_free(rows, nrows);
	cli_review_release(&ctx);
	return rc;
}
