/* cmd_notice.c: planwatch notice: reminder notices (提示函) to the
 * departments with something overdue or due soon. */
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "model/status.h"
#include "report/report.h"
#include "util/buf.h"
#include "util/i18n.h"

int
cmd_notice(struct cli *cli, int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "dept", required_argument, NULL, 'D' },
		{ "format", required_argument, NULL, 'F' },
		{ "reply-by", required_argument, NULL, 'R' },
		{ "output", required_argument, NULL, 'o' },
		COMMON_LONGOPTS
	};
	enum notice_format fmt = NOTICE_TEXT;
	const char *dept_id = NULL, *out = NULL;
	pw_day reply = DAY_NONE;
	struct review_ctx ctx;
	struct buf b = BUF_INIT;
	size_t n = 0;
	int c, rc, dept = -1;

	while ((c = getopt_long(argc, argv, COMMON_SHORTOPTS "o:", longopts,
	    NULL)) != -1) {
		switch (c) {
		case 'D':
			dept_id = optarg;
			break;
		case 'F':
			if (strcmp(optarg, "text") == 0)
				fmt = NOTICE_TEXT;
			else if (strcmp(optarg, "md") == 0)
				fmt = NOTICE_MD;
			else {
				cli_usage_error(cli, _("invalid format '%s': "
				    "expected text or md"), optarg);
				return cli->cmd->usage_status;
			}
			break;
		case 'R':
			if (cli_parse_date(cli, "--reply-by", optarg,
			    &reply) != 0)
				return cli->cmd->usage_status;
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
	/* A notice reads statuses only, not the series. */
	struct review_args ra = { .warn_days = -1, .print_diags = true };
	if (cli_review_load_args(cli, &ra, &ctx) != 0)
		return EXIT_ERROR;
	if (dept_id != NULL &&
	    (dept = plan_find_dept(ctx.plan, dept_id)) < 0) {
		cli_error(_("no department '%s' in the plan"), dept_id);
		cli_review_release(&ctx);
		return EXIT_ERROR;
	}
	if (reply == DAY_NONE)
		reply = cli->today + 7;
	/* Written as it is made, a notice at a time; the output is opened
	 * once there is something to write. */
	struct cli_out *co = NULL;
	rc = EXIT_OK;
	for (size_t d = 0; d < ctx.plan->ndepts && rc == EXIT_OK; d++) {
		if (dept >= 0 ? (int)d != dept : !notice_wanted(ctx.rv, (int)d))
			continue;
		if (n++ > 0)
			/* A form feed starts each notice on its own page. */
			buf_puts(&b, fmt == NOTICE_MD ? "\n---\n\n" : "\f");
		notice_write(ctx.rv, (int)d, reply, fmt, &b);
		if (b.len < RSINK_CHUNK)
			continue;
		if (co == NULL && (co = cli_out_open(out)) == NULL)
			rc = EXIT_ERROR;
		else if (cli_out_write(co, &b) != 0)
			rc = EXIT_ERROR;
	}
	if (n == 0)
		fprintf(stderr, "%s\n", _("No department has anything overdue "
		    "or due soon."));
	else if (rc != EXIT_OK)
		cli_out_abort(co);
	else if (co == NULL && (co = cli_out_open(out)) == NULL)
		rc = EXIT_ERROR;
	else if (cli_out_close(co, &b) != 0)
		rc = EXIT_ERROR;
	buf_release(&b);
	cli_review_release(&ctx);
	return rc;
}
