/*
 * review.c: the commands' side of the session (session/session.h): the
 * plan and the facts reviewed as of the command's date, for status, check,
 * report, notice, form and ics.
 */
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "session/session.h"

int
cli_review_open(struct cli *cli, const struct review_args *a,
    struct review_ctx *ctx, char **err)
{
	struct session_args sa = { .plan = cli_plan_path(cli),
	    .asof = cli->today, .warn_days = a->warn_days, .dept = a->dept,
	    .print_diags = a->print_diags,
	    .print_warnings = a->print_warnings, .all_facts = a->history,
	    .recent = a->recent };
	char *db = cli_db_path(cli);
	int rc;

	memset(ctx, 0, sizeof *ctx);
	sa.store = db;
	rc = session_open(&sa, &ctx->session, err);
	free(db);
	if (rc != 0)
		return -1;
	ctx->plan = ctx->session->plan;
	ctx->facts = ctx->session->facts;
	ctx->store = ctx->session->store;
	ctx->rv = ctx->session->rv;
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
cli_review_drop_facts(struct review_ctx *ctx)
{
	session_drop_facts(ctx->session);
	ctx->facts = NULL;
}

void
cli_review_release(struct review_ctx *ctx)
{
	session_free(ctx->session);
	memset(ctx, 0, sizeof *ctx);
}
