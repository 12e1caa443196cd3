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

#include "cli/cli.h"
#include "db/store.h"
#include "model/facts.h"
#include "model/status.h"
#include "tui/tui.h"
#include "util/xalloc.h"

/* The table's CMD_TTY has made sure of a terminal and a plan file. */
int
cmd_review(struct cli *cli, const struct cmd_args *a)
{
	struct facts_query q;
	struct tui t;
	char *err = NULL;
	int rc;

	(void)a;
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
