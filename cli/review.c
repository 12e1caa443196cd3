/*
 * review.c: loading the plan and the facts and reviewing them as of the
 * command's date: what status, check, report, notice and ics share.
 */
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "config/config.h"
#include "db/store.h"
#include "model/facts.h"
#include "model/plan.h"
#include "model/status.h"
#include "util/diag.h"
#include "util/i18n.h"
#include "util/text.h"
#include "util/xalloc.h"

/* The first error of a plan that failed to load, as one line. */
static char *
first_error(const struct diags *d)
{
	char *file = text_safe(d->file != NULL ? d->file : "-"), *msg = NULL;
	char *more = NULL;

	for (size_t i = 0; i < d->n && msg == NULL; i++) {
		const struct diag *g = &d->v[i];
		if (g->level != DIAG_ERROR)
			continue;
		if (g->line > 0)
			msg = xasprintf("%s:%d:%d: %s", file, g->line, g->col,
			    g->msg);
		else
			msg = xasprintf("%s: %s", file, g->msg);
	}
	if (msg == NULL)
		msg = xasprintf(_("%s: the plan has errors"), file);
	free(file);
	if (d->errors > 1) {
		more = xasprintf(_("%s (and %zu more errors)"), msg,
		    d->errors - 1);
		free(msg);
		msg = more;
	}
	return msg;
}

int
cli_review_open(struct cli *cli, const struct review_args *a,
    struct review_ctx *ctx, char **err)
{
	struct review_opts o = { .asof = cli->today, .warn_days = a->warn_days,
	    .dept = -1 };
	const char *path = cli_plan_path(cli);
	struct diags d;
	char *db;

	memset(ctx, 0, sizeof *ctx);
	*err = NULL;
	diags_init(&d, path);
	ctx->plan = config_load_cached(path, &d);
	diags_sort(&d);
	if (a->print_diags && (ctx->plan == NULL || a->print_warnings))
		diags_print(&d, stderr);
	if (ctx->plan == NULL) {
		if (!a->print_diags)
			*err = first_error(&d);
		diags_release(&d);
		return -1;
	}
	diags_release(&d);
	if (a->dept != NULL &&
	    (o.dept = plan_find_dept(ctx->plan, a->dept)) < 0) {
		char *id = text_safe(a->dept);
		*err = xasprintf(_("unknown department '%s'"), id);
		free(id);
		cli_review_release(ctx);
		return -1;
	}
	ctx->facts = facts_new();
	if ((db = cli_db_path(cli)) != NULL) {
		int rc = store_open(db, STORE_READ, &ctx->store, err);
		free(db);
		if (rc == 0 && a->history)
			rc = store_load_facts(ctx->store, ctx->facts, err);
		else if (rc == 0) {
			struct facts_query q;
			review_query_init(ctx->plan, o.asof, a->recent, &q);
			rc = store_load_facts_cached(ctx->store, ctx->facts,
			    &q, err);
			review_query_release(&q);
		}
		if (rc != 0) {
			cli_review_release(ctx);
			return -1;
		}
	}
	ctx->rv = review_new(ctx->plan, ctx->facts, &o);
	return 0;
}

int
cli_review_load(struct cli *cli, struct review_ctx *ctx)
{
	struct review_args a = { .warn_days = -1, .dept = NULL,
	    .print_diags = true, .print_warnings = false, .history = true };

	return cli_review_load_args(cli, &a, ctx);
}

int
cli_review_load_args(struct cli *cli, const struct review_args *a,
    struct review_ctx *ctx)
{
	char *err = NULL;

	if (cli_review_open(cli, a, ctx, &err) != 0) {
		if (err != NULL)
			cli_error("%s", err);
		free(err);
		return -1;
	}
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
