/*
 * cmd_review.c: planwatch review: the interactive curses review
 * (planwatch-review(1)); also what planwatch runs with no command.
 *
 * Everything that can fail is loaded (the session opened) before curses
 * starts, so errors are printed on a normal terminal; the review itself
 * lives in tui/.
 */
#include <signal.h>
#include <stdlib.h>

#include "cli/cli.h"
#include "session/session.h"
#include "tui/tui.h"

/* The table's CMD_TTY has made sure of a terminal and a plan file. */
int
cmd_review(struct cli *cli, const struct cmd_args *a)
{
	struct session_args sa = { .plan = cli_plan_path(cli),
	    .asof = cli->today, .warn_days = -1, .print_diags = true,
	    .recent = TUI_RECENT, .history = HIST_MAX };
	struct tui_args ta = { .by = cli->by, .today = cli->today,
	    .want_colour = cli->color == COLOR_ALWAYS ||
	    (cli->color == COLOR_AUTO && cli_use_color(cli, stdout)),
	    .started = cli->started };
	struct session *s;
	struct tui *t;
	char *db = cli_db_path(cli), *err = NULL;
	int rc;

	(void)a;
	sa.store = db;
	rc = session_open(&sa, &s, &err);
	free(db);
	if (rc != 0) {
		if (err != NULL)
			cli_error("%s", err);
		free(err);
		return EXIT_ERROR;
	}
	t = tui_new(s, &ta);
	rc = tui_run(t);
	tui_free(t);
	if (rc > 128) {
		/* Die of the signal that ended the review, as a shell
		 * expects, now that the terminal is restored. */
		signal(rc - 128, SIG_DFL);
		raise(rc - 128);
	}
	return rc;
}
