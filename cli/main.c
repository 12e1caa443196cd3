/*
 * main.c: planwatch's entry point and command table.
 *
 * planwatch [COMMON OPTIONS] COMMAND [ARGS]; with no command on a terminal
 * it opens the review.  The table below is the one list of commands: --help
 * prints from it, so help and manual cannot drift apart.
 */
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "cli/cli.h"
#include "util/i18n.h"
#include "util/text.h"

static int	cmd_help(struct cli *, int, char **);
static int	cmd_version(struct cli *, int, char **);

static const struct command commands[] = {
	{ "validate", cmd_validate, 0, EXIT_USAGE, N_("[-f FILE]"),
	  N_("check a plan file and report every problem") },
	{ "report", cmd_report, 0, EXIT_USAGE,
	  N_("[--week DATE] [--dept ID] [--since DATE] "
	  "[--format text|md|html|csv|json|xlsx] [--bom] [-o FILE]"),
	  N_("the weekly status report, to print or to share") },
	{ "notice", cmd_notice, 0, EXIT_USAGE,
	  N_("[--dept ID] [--exclude-dept ID] [--format text|md|html|json] "
	  "[--number TEXT] [--contact NAME] [--phone TEL] [--reply-by DATE] "
	  "[-o FILE]"),
	  N_("reminder notices to departments that are late") },
	{ "form", cmd_form, 0, EXIT_USAGE, N_("--dept ID [-o FILE] | --all "
	  "-o DIR [--format xlsx|csv] [--reply-by DATE]"),
	  N_("reporting forms for departments to fill in and send back") },
	{ "ics", cmd_ics, 0, EXIT_USAGE, N_("[-o FILE]"),
	  N_("the due dates as an iCalendar file") },
	{ "status", cmd_status, 0, EXIT_USAGE,
	  N_("[--dept ID] [--warn-days N] [--since DATE] [--all]"),
	  N_("a one-screen summary: what is overdue, at risk, behind") },
	{ "check", cmd_check, 0, 3,
	  N_("[-q] [--format text|json] [--dept ID] [--warn-days N] "
	  "[--timeout SECONDS]"),
	  N_("the plan's state for cron and monitoring (exit 0..3)") },
	{ "record", cmd_record, 0, EXIT_USAGE,
	  N_("TARGET VALUE [--date DATE] [--note TEXT] [--source TEXT]"),
	  N_("record a target's value as of a date") },
	{ "progress", cmd_progress, 0, EXIT_USAGE,
	  N_("MILESTONE PERCENT [--date DATE] [--note TEXT]"),
	  N_("record a milestone's progress (0..100)") },
	{ "done", cmd_done, 0, EXIT_USAGE,
	  N_("MILESTONE [--date DATE] [--note TEXT]"),
	  N_("mark a milestone done as of a date") },
	{ "reopen", cmd_reopen, 0, EXIT_USAGE, N_("MILESTONE [--note TEXT]"),
	  N_("undo a milestone's completion, as of --today") },
	{ "log", cmd_log, 0, EXIT_USAGE,
	  N_("[ID] [--since DATE] [--until DATE] [--format text|csv|json]"),
	  N_("show the history of what was recorded, newest first") },
	{ "import", cmd_import, 0, EXIT_USAGE, N_("[--encoding NAME] FILE"),
	  N_("record every row of a CSV, JSON or filled form file, all or "
	  "nothing") },
	{ "export", cmd_export, 0, EXIT_USAGE,
	  N_("[--format csv|json] [-o FILE]"),
	  N_("write the current values and progress as CSV or JSON") },
	{ "backup", cmd_backup, 0, EXIT_USAGE, N_("FILE"),
	  N_("copy the live database safely to FILE") },
	{ "review", cmd_review, CMD_TTY, EXIT_USAGE, "",
	  N_("the interactive review (what planwatch runs on a terminal)") },
	{ "help", cmd_help, 0, EXIT_USAGE, N_("[COMMAND]"),
	  N_("show the commands, or one command's usage") },
	{ "version", cmd_version, 0, EXIT_USAGE, "",
	  N_("show the version") },
};
#define NCOMMANDS (sizeof commands / sizeof commands[0])

static const struct command *
find_command(const char *name)
{
	for (size_t i = 0; i < NCOMMANDS; i++)
		if (strcmp(commands[i].name, name) == 0)
			return &commands[i];
	return NULL;
}

static void
print_help(FILE *fp)
{
	/* Two lines, the second under the first option, to keep to 80
	 * columns in any language. */
	fprintf(fp, "%s: planwatch [-f PLAN] [-d DB] [--today DATE] "
	    "[--color WHEN]\n%*s[COMMAND [ARGS]]\n\n", _("usage"),
	    text_width(_("usage")) + 12, "");
	fprintf(fp, "%s\n\n", _("Supervise an implementation plan: "
	    "milestones, targets and who is late."));
	fprintf(fp, "%s\n", _("Commands:"));
	for (size_t i = 0; i < NCOMMANDS; i++)
		fprintf(fp, "  %-10s %s\n", commands[i].name,
		    _(commands[i].summary));
	fprintf(fp, "\n%s\n", _("Options for every command:"));
	fprintf(fp, "  -f, --file PLAN   %s\n", _("the plan file "
	    "(default $PLANWATCH_PLAN, else ./plan.yaml; - for stdin)"));
	fprintf(fp, "  -d, --db DB       %s\n", _("the database (default "
	    "$PLANWATCH_DB, else the plan's name with .db)"));
	fprintf(fp, "  --today DATE      %s\n", _("review as of DATE "
	    "(YYYY-MM-DD) instead of today"));
	fprintf(fp, "  --color WHEN      %s\n", _("auto, always or never"));
	fprintf(fp, "  --by NAME         %s\n", _("who records (default "
	    "$USER)"));
	fprintf(fp, "\n%s\n", _("See planwatch(1) and planwatch-plan(5)."));
}

static int
cmd_help(struct cli *cli, int argc, char **argv)
{
	const struct command *cmd;

	(void)cli;
	if (argc > 1) {
		if ((cmd = find_command(argv[1])) == NULL) {
			char *q = text_quote(argv[1]);
			cli_error(_("unknown command '%s'"), q);
			free(q);
			return EXIT_USAGE;
		}
		cli_print_usage(cmd, stdout);
		return EXIT_OK;
	}
	print_help(stdout);
	return EXIT_OK;
}

static int
cmd_version(struct cli *cli, int argc, char **argv)
{
	(void)cli;
	(void)argc;
	(void)argv;
	printf("planwatch %s\n", PLANWATCH_VERSION);
	return EXIT_OK;
}

static pw_day
local_today(void)
{
	time_t now = time(NULL);
	struct tm tm;

	localtime_r(&now, &tm);
	return date_from_ymd(tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday);
}

/*
 * Does the command line hold the command check?  Its usage errors, before
 * the command word too, must be check's UNKNOWN on stdout (exit 3), which
 * a monitoring system shows, not exit 2 (CRITICAL to it).  The command word
 * is found as the parser finds it; a "check" an option took as its value
 * counts when no command follows it, as in the README's Nagios line
 * "-f $ARG1$ check --timeout 20" with $ARG1$ empty.
 */
static bool
check_line(int argc, char **argv, const char *shortopts,
    const struct option *longopts)
{
	const char *word;
	bool value = false;

	while (getopt_long(argc, argv, shortopts, longopts, NULL) != -1)
		if (optarg != NULL && strcmp(optarg, "check") == 0)
			value = true;
	word = optind < argc ? argv[optind] : NULL;
	optind = 0;	/* start the parse again */
	if (word != NULL && strcmp(word, "check") == 0)
		return true;
	return value && (word == NULL || find_command(word) == NULL);
}

/* The exit status of a usage error before the command. */
static int
usage_status(const struct cli *cli)
{
	return cli->check ? find_command("check")->usage_status : EXIT_USAGE;
}

int
main(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "version", no_argument, NULL, 'V' },
		COMMON_LONGOPTS
	};
	static const char shortopts[] = "+" COMMON_SHORTOPTS "V";
	struct cli cli = { 0 };
	const struct command *cmd;
	const char *name;
	int c;

	clock_gettime(CLOCK_MONOTONIC, &cli.started);
	i18n_init();
	cli.today = local_today();
	cli.by = getenv("USER");
	if (cli.by == NULL || *cli.by == '\0')
		cli.by = "unknown";

	/* Shared options before the command word ("+": stop at it). */
	cli.check = check_line(argc, argv, shortopts, longopts);
	cli.argv = argv;
	while ((c = getopt_long(argc, argv, shortopts, longopts, NULL)) != -1) {
		if (c == 'V')
			return cmd_version(&cli, 0, NULL);
		if (c == 'h') {
			print_help(stdout);
			return EXIT_OK;
		}
		if (cli_common_option(&cli, c, optarg) != 0) {
			if (!cli.check)
				fprintf(stderr, _("Try 'planwatch --help'.\n"));
			return usage_status(&cli);
		}
	}
	argc -= optind;
	argv += optind;
	if (argc == 0) {
		name = "review";
		if (find_command(name) == NULL) {
			print_help(stderr);
			return EXIT_USAGE;
		}
	} else
		name = argv[0];
	if ((cmd = find_command(name)) == NULL) {
		char *q = text_quote(name);
		cli_usage_error(&cli, _("unknown command '%s'; try "
		    "'planwatch --help'"), q);
		free(q);
		return usage_status(&cli);
	}
	cli.cmd = cmd;
	/* The command parses its own argv from the start, argv[0] being its
	 * name. */
	optind = 0;
	if (argc == 0) {
		static char *noargs[] = { "review", NULL };
		cli.argv = noargs;
		return cmd->run(&cli, 1, noargs);
	}
	cli.argv = argv;
	return cmd->run(&cli, argc, argv);
}
