/* cmd_notice.c: planwatch notice: reminder notices (督办提示函) to the
 * departments that lead or support something on the attention list. */
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "model/attention.h"
#include "model/status.h"
#include "report/report.h"
#include "session/session.h"
#include "util/buf.h"
#include "util/i18n.h"
#include "util/xalloc.h"

/* Is this department to get notices at all (the plan's notices: false,
 * --exclude-dept)? */
static bool
kept_out(const struct plan *p, const bool *excluded, size_t d)
{
	return p->depts[d].no_notices || excluded[d];
}

int
cmd_notice(struct cli *cli, const struct cmd_args *a)
{
	const char *format = cmd_args_get(a, "format");
	enum notice_format fmt = NOTICE_TEXT;
	const char *dept_id = cmd_args_get(a, "dept");
	const char *out = cmd_args_get(a, "output");
	size_t nexclude = cmd_args_count(a, "exclude-dept");
	struct notice_opts o = { .reply_by = cmd_args_day(a, "reply-by"),
	    .number = cmd_args_get(a, "number"),
	    .contact = cmd_args_get(a, "contact"),
	    .phone = cmd_args_get(a, "phone") };
	struct review_ctx ctx;
	struct buf b = BUF_INIT;
	const struct attn_item *attn = NULL;
	size_t n = 0, nattn;
	bool *excluded = NULL;
	int rc, dept = -1;

	if (format == NULL || strcmp(format, "text") == 0)
		fmt = NOTICE_TEXT;
	else if (strcmp(format, "md") == 0)
		fmt = NOTICE_MD;
	else if (strcmp(format, "html") == 0)
		fmt = NOTICE_HTML;
	else if (strcmp(format, "json") == 0)
		fmt = NOTICE_JSON;
	else {
		cli_usage_error(cli, _("invalid format '%s': expected text, md, "
		    "html or json"), format);
		return cli->cmd->usage_status;
	}
	/* A notice reads statuses only, not the series. */
	struct review_args ra = { .warn_days = -1, .print_diags = true };
	if (cli_review_load_args(cli, &ra, &ctx) != 0)
		return EXIT_ERROR;
	const struct plan *p = ctx.plan;
	rc = EXIT_OK;
	excluded = xcalloc(p->ndepts + 1, sizeof *excluded);
	for (size_t i = 0; i < nexclude && rc == EXIT_OK; i++) {
		const char *id = cmd_args_nth(a, "exclude-dept", i);
		int d = plan_find_dept(p, id);
		if (d < 0) {
			cli_error(_("no department '%s' in the plan"), id);
			rc = EXIT_ERROR;
		} else
			excluded[d] = true;
	}
	if (rc == EXIT_OK && dept_id != NULL &&
	    (dept = plan_find_dept(p, dept_id)) < 0) {
		cli_error(_("no department '%s' in the plan"), dept_id);
		rc = EXIT_ERROR;
	}
	if (rc != EXIT_OK) {
		free(excluded);
		cli_review_release(&ctx);
		return rc;
	}
	/* The options override the plan's keys. */
	if (o.reply_by == DAY_NONE)
		o.reply_by = cli->today + 7;
	if (o.contact == NULL)
		o.contact = p->contact;
	if (o.phone == NULL)
		o.phone = p->phone;
	nattn = session_attention(ctx.session, &attn);

	/* Written as it is made, a notice at a time; the output is opened
	 * once there is something to write. */
	struct cli_out *co = NULL;
	for (size_t d = 0; d < p->ndepts && rc == EXIT_OK; d++) {
		if ((dept >= 0 && (int)d != dept) || kept_out(p, excluded, d) ||
		    !notice_wanted(attn, nattn, (int)d))
			continue;
		if (n == 0)
			notice_begin(ctx.rv, &o, fmt, &b);
		notice_write(ctx.rv, attn, nattn, (int)d, &o, fmt, n++, &b);
		if (b.len < RSINK_CHUNK)
			continue;
		if (co == NULL && (co = cli_out_open(out)) == NULL)
			rc = EXIT_ERROR;
		else if (cli_out_write(co, &b) != 0)
			rc = EXIT_ERROR;
	}
	/* No letter with an empty list: nothing is written, and standard
	 * error says why. */
	if (n == 0 && dept >= 0 && kept_out(p, excluded, (size_t)dept))
		cli_error(_("department '%s' is kept out of notices "
		    "(notices: false or --exclude-dept): no notice"),
		    p->depts[dept].id);
	else if (n == 0 && dept >= 0)
		cli_error(_("department '%s' has nothing that needs "
		    "attention: no notice"), p->depts[dept].id);
	else if (n == 0)
		fprintf(stderr, "%s\n", _("No department has anything that "
		    "needs attention."));
	else if (rc != EXIT_OK)
		cli_out_abort(co);
	else {
		notice_end(fmt, n, &b);
		if (co == NULL && (co = cli_out_open(out)) == NULL)
			rc = EXIT_ERROR;
		else if (cli_out_close(co, &b) != 0)
			rc = EXIT_ERROR;
	}
	free(excluded);
	buf_release(&b);
	cli_review_release(&ctx);
	return rc;
}
