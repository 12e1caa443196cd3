/*
 * cmd_review.c: planwatch review: the interactive curses review
 * (planwatch-review(1)); also what planwatch runs with no command.
 *
 * Everything that can fail is loaded before curses starts, so errors are
 * printed on a normal terminal; the review itself lives in tui/.
 */
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli/cli.h"
#include "db/store.h"
#include "model/facts.h"
#include "model/status.h"
#include "tui/tui.h"
#include "util/i18n.h"
#include "util/xalloc.h"

int
cmd_review(struct cli *cli, int argc, char **argv)
{
	static const struct option longopts[] = { COMMON_LONGOPTS };
	struct facts_query q;
	struct tui t;
	char *err = NULL;
	int c, rc;

	while ((c = getopt_long(argc, argv, COMMON_SHORTOPTS, longopts,
	    NULL)) != -1)
		if ((rc = cli_common_option(cli, c, optarg)) != 0)
			return rc > 0 ? EXIT_OK : cli->cmd->usage_status;
	if (optind < argc) {
		cli_usage_error(cli, _("unexpected argument '%s'"),
		    argv[optind]);
		return cli->cmd->usage_status;
	}
	if (!isatty(STDIN_FILENO) || !isatty(STDOUT_FILENO)) {
		cli_error("%s", _("no terminal; use 'planwatch status', "
		    "'report' or 'check'"));
		return EXIT_ERROR;
	}
	if (strcmp(cli_plan_path(cli), "-") == 0) {
		cli_error("%s", _("the review reads its keys from standard "
		    "input; give the plan as a file"));
		return EXIT_ERROR;
	}

	memset(&t, 0, sizeof t);
	t.plan_path = cli_plan_path(cli);
	t.db_path = cli_db_path(cli);
	t.by = cli->by;
	t.today = t.asof = cli->today;
	t.want_colour = cli->color == COLOR_ALWAYS ||
	    (cli->color == COLOR_AUTO && cli_use_color(cli, stdout));
	if ((t.plan = cli_load_plan(cli, true)) == NULL) {
		free(t.db_path);
		return EXIT_ERROR;
	}
	t.started = cli->started;
	t.facts = facts_new();
	t.facts_asof = t.asof;
	t.facts_plan = t.plan;
	review_query_init(t.plan, t.asof, TUI_RECENT, &q);
	rc = t.db_path != NULL && (store_open(t.db_path, STORE_READ, &t.store,
	    &err) != 0 || store_load_facts_cached(t.store, t.facts, &q,
	    &err) != 0);
	review_query_release(&q);
	if (rc) {
		cli_error("%s", err);
		free(err);
		store_close(t.store);
		facts_free(t.facts);
		plan_free(t.plan);
		free(t.db_path);
		return EXIT_ERROR;
	}

	rc = tui_run(&t);

	review_free(t.rv);
	history_rows_free(t.hist, t.nhist);
	store_close(t.store);
	facts_free(t.facts);
	plan_free(t.plan);
	free(t.db_path);
	free(t.msg);
	free(t.search);
	if (rc > 128) {
		/* Die of the signal that ended the review, as a shell
		 * expects, now that the terminal is restored. */
		signal(rc - 128, SIG_DFL);
		raise(rc - 128);
	}
	return rc;
}
