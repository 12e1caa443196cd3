/*
 * main.c: planwatch's entry point and command table.
 *
 * planwatch [COMMON OPTIONS] COMMAND [ARGS]; with no command on a terminal
 * it opens the review.  The table below is the one list of commands, with
 * each command's options, arguments and needs: cli_run() (parse.c) parses
 * and checks a command line by it, --help prints from it, and t1007 checks
 * the manual against it (help --list).
 */
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "cli/cli.h"
#include "util/i18n.h"
#include "util/text.h"

static int	cmd_help(struct cli *, const struct cmd_args *);
static int	cmd_version(struct cli *, const struct cmd_args *);

/* Each command's own options, in the order its usage names them. */
static const struct cmd_option validate_options[] = {
	{ "verbose", 'v', CMD_OPT_FLAG, NULL,
	  N_("on success, print what the plan holds") },
	{ NULL }
};
static const struct cmd_option report_options[] = {
	{ "week", 'w', CMD_OPT_DATE, "DATE",
	  N_("report on the week that holds DATE") },
	{ "dept", 0, CMD_OPT_VALUE, "ID", N_("one department's report") },
	{ "since", 0, CMD_OPT_DATE, "DATE",
	  N_("the earlier date of the week over week") },
	{ "format", 'F', CMD_OPT_VALUE, "FORMAT",
	  N_("text (default), md, html, csv, json or xlsx") },
	{ "bom", 0, CMD_OPT_FLAG, NULL,
	  N_("begin the CSV with a byte-order mark, for Excel") },
	{ "output", 'o', CMD_OPT_VALUE, "FILE",
	  N_("write to FILE (- for standard output)") },
	{ NULL }
};
static const struct cmd_option notice_options[] = {
	{ "dept", 0, CMD_OPT_VALUE, "ID",
	  N_("only the notice to this department") },
	{ "exclude-dept", 0, CMD_OPT_VALUE, "ID",
	  N_("no notice to this department; may be repeated") },
	{ "format", 0, CMD_OPT_VALUE, "FORMAT",
	  N_("text (default), md, html or json") },
	{ "number", 0, CMD_OPT_VALUE, "TEXT",
	  N_("the notice's own number, under its title") },
	{ "contact", 0, CMD_OPT_VALUE, "NAME",
	  N_("the person to contact (default the plan's contact)") },
	{ "phone", 0, CMD_OPT_VALUE, "TEL",
	  N_("their telephone (default the plan's contact_phone)") },
	{ "reply-by", 0, CMD_OPT_DATE, "DATE",
	  N_("the date a reply is asked for (default in 7 days)") },
	{ "output", 'o', CMD_OPT_VALUE, "FILE",
	  N_("write to FILE (- for standard output)") },
	{ NULL }
};
static const struct cmd_option form_options[] = {
	{ "dept", 0, CMD_OPT_VALUE, "ID", N_("the form of this department") },
	{ "all", 0, CMD_OPT_FLAG, NULL,
	  N_("a form for each department, into the directory -o names") },
	{ "format", 0, CMD_OPT_VALUE, "FORMAT", N_("xlsx (default) or csv") },
	{ "reply-by", 0, CMD_OPT_DATE, "DATE",
	  N_("the date to send the form back by (default in 7 days)") },
	{ "output", 'o', CMD_OPT_VALUE, "FILE",
	  N_("write to FILE (a directory with --all)") },
	{ NULL }
};
static const struct cmd_option ics_options[] = {
	{ "output", 'o', CMD_OPT_VALUE, "FILE",
	  N_("write to FILE (- for standard output)") },
	{ NULL }
};
static const struct cmd_option status_options[] = {
	{ "dept", 0, CMD_OPT_VALUE, "ID",
	  N_("only what this department leads or supports") },
	{ "warn-days", 0, CMD_OPT_VALUE, "N",
	  N_("due soon is due within N days (default the plan's)") },
	{ "since", 0, CMD_OPT_DATE, "DATE",
	  N_("compare what needs attention with the list as of DATE") },
	{ "all", 0, CMD_OPT_FLAG, NULL, N_("show every row of every list") },
	{ NULL }
};
static const struct cmd_option check_options[] = {
	{ "quiet", 'q', CMD_OPT_FLAG, NULL,
	  N_("print nothing when the state is OK") },
	{ "format", 0, CMD_OPT_VALUE, "FORMAT", N_("text (default) or json") },
	{ "dept", 0, CMD_OPT_VALUE, "ID",
	  N_("judge only what this department leads or supports") },
	{ "warn-days", 0, CMD_OPT_VALUE, "N",
	  N_("due soon is due within N days (default the plan's)") },
	{ "timeout", 0, CMD_OPT_VALUE, "SECONDS",
	  N_("give up after SECONDS (default 10; 0: never)") },
	{ NULL }
};
/* record, progress and done; reopen applies as of --today and says so
 * when given a --date. */
static const struct cmd_option record_options[] = {
	{ "date", 0, CMD_OPT_DATE, "DATE",
	  N_("the date it is true as of (default --today)") },
	{ "note", 0, CMD_OPT_VALUE, "TEXT", N_("a note kept with the record") },
	{ "source", 0, CMD_OPT_VALUE, "TEXT",
	  N_("where the value came from") },
	{ NULL }
};
static const struct cmd_option reopen_options[] = {
	{ "date", 0, CMD_OPT_VALUE, "DATE", NULL },
	{ "note", 0, CMD_OPT_VALUE, "TEXT", N_("a note kept with the record") },
	{ "source", 0, CMD_OPT_VALUE, "TEXT",
	  N_("where the value came from") },
	{ NULL }
};
static const struct cmd_option void_options[] = {
	{ "note", 0, CMD_OPT_VALUE, "TEXT", N_("why, kept with the void") },
	{ NULL }
};
static const struct cmd_option log_options[] = {
	{ "since", 0, CMD_OPT_DATE, "DATE",
	  N_("only records as of DATE or later") },
	{ "until", 0, CMD_OPT_DATE, "DATE",
	  N_("only records as of DATE or earlier") },
	{ "format", 0, CMD_OPT_VALUE, "FORMAT",
	  N_("text (default), csv or json") },
	{ "limit", 0, CMD_OPT_VALUE, "N", N_("at most N records") },
	{ NULL }
};
static const struct cmd_option import_options[] = {
	{ "encoding", 0, CMD_OPT_VALUE, "NAME",
	  N_("the CSV's encoding (default UTF-8, else GB18030)") },
	{ NULL }
};
static const struct cmd_option export_options[] = {
	{ "format", 0, CMD_OPT_VALUE, "FORMAT", N_("csv (default) or json") },
	{ "bom", 0, CMD_OPT_FLAG, NULL,
	  N_("begin the CSV with a byte-order mark, for Excel") },
	{ "output", 'o', CMD_OPT_VALUE, "FILE",
	  N_("write to FILE (- for standard output)") },
	{ NULL }
};
static const struct cmd_option db_options[] = {
	{ "dept", 0, CMD_OPT_VALUE, "ID",
	  N_("the department the role answers for (grant)") },
	{ NULL }
};
static const struct cmd_option help_options[] = {
	{ "list", 0, CMD_OPT_FLAG, NULL,
	  N_("each command and its options on a line, for scripts") },
	{ NULL }
};

/*
 * The commands: what each is called, its options and arguments, what it
 * needs (cli_run() checks it all before the command runs) and its usage.
 */
static const struct command commands[] = {
	{ .name = "validate", .run = cmd_validate,
	  .options = validate_options, .flags = CMD_NEEDS_PLAN,
	  .usage_status = EXIT_USAGE, .usage = N_("[-f FILE] [-v]"),
	  .summary = N_("check a plan file and report every problem") },
	{ .name = "report", .run = cmd_report, .options = report_options,
	  .flags = CMD_NEEDS_PLAN | CMD_ROLLUP, .usage_status = EXIT_USAGE,
	  .usage = N_("[--week DATE] [--dept ID] [--since DATE] "
	  "[--format text|md|html|csv|json|xlsx] [--bom] [-o FILE]"),
	  .summary = N_("the weekly status report, to print or to share") },
	{ .name = "notice", .run = cmd_notice, .options = notice_options,
	  .flags = CMD_NEEDS_PLAN, .usage_status = EXIT_USAGE,
	  .usage = N_("[--dept ID] [--exclude-dept ID] "
	  "[--format text|md|html|json] [--number TEXT] [--contact NAME] "
	  "[--phone TEL] [--reply-by DATE] [-o FILE]"),
	  .summary = N_("reminder notices to departments that are late") },
	{ .name = "form", .run = cmd_form, .options = form_options,
	  .flags = CMD_NEEDS_PLAN, .usage_status = EXIT_USAGE,
	  .usage = N_("--dept ID [-o FILE] | --all -o DIR "
	  "[--format xlsx|csv] [--reply-by DATE]"),
	  .summary = N_("reporting forms for departments to fill in and send "
	  "back") },
	{ .name = "ics", .run = cmd_ics, .options = ics_options,
	  .flags = CMD_NEEDS_PLAN, .usage_status = EXIT_USAGE,
	  .usage = N_("[-o FILE]"),
	  .summary = N_("the due dates as an iCalendar file") },
	{ .name = "status", .run = cmd_status, .options = status_options,
	  .flags = CMD_NEEDS_PLAN | CMD_ROLLUP, .usage_status = EXIT_USAGE,
	  .usage = N_("[--dept ID] [--warn-days N] [--since DATE] [--all]"),
	  .summary = N_("a one-screen summary: what is overdue, at risk, "
	  "behind") },
	/* Every usage error of a check line is its UNKNOWN (exit 3). */
	{ .name = "check", .run = cmd_check, .options = check_options,
	  .args_extra = N_("unexpected argument; see 'planwatch check "
	  "--help'"), .flags = CMD_NEEDS_PLAN, .usage_status = 3,
	  .usage = N_("[-q] [--format text|json] [--dept ID] [--warn-days N] "
	  "[--timeout SECONDS]"),
	  .summary = N_("the plan's state for cron and monitoring "
	  "(exit 0..3)") },
	{ .name = "record", .run = cmd_record, .options = record_options,
	  .args_min = 2, .args_max = 2,
	  .flags = CMD_NEEDS_PLAN | CMD_WRITES, .usage_status = EXIT_USAGE,
	  .usage = N_("TARGET VALUE [--date DATE] [--note TEXT] "
	  "[--source TEXT]"),
	  .summary = N_("record a target's value as of a date") },
	{ .name = "progress", .run = cmd_progress,
	  .options = record_options, .args_min = 2, .args_max = 2,
	  .flags = CMD_NEEDS_PLAN | CMD_WRITES, .usage_status = EXIT_USAGE,
	  .usage = N_("MILESTONE PERCENT [--date DATE] [--note TEXT] "
	  "[--source TEXT]"),
	  .summary = N_("record a milestone's progress (0..100)") },
	{ .name = "done", .run = cmd_done, .options = record_options,
	  .args_min = 1, .args_max = 1,
	  .flags = CMD_NEEDS_PLAN | CMD_WRITES, .usage_status = EXIT_USAGE,
	  .usage = N_("MILESTONE [--date DATE] [--note TEXT] "
	  "[--source TEXT]"),
	  .summary = N_("mark a milestone done as of a date") },
	{ .name = "reopen", .run = cmd_reopen, .options = reopen_options,
	  .args_min = 1, .args_max = 1,
	  .flags = CMD_NEEDS_PLAN | CMD_WRITES, .usage_status = EXIT_USAGE,
	  .usage = N_("MILESTONE [--note TEXT] [--source TEXT]"),
	  .summary = N_("undo a milestone's completion, as of --today") },
	{ .name = "void", .run = cmd_void, .options = void_options,
	  .args_min = 2, .args_max = 2, .flags = CMD_WRITES,
	  .usage_status = EXIT_USAGE, .usage = N_("ID DATE [--note TEXT]"),
	  .summary = N_("cancel what was recorded for an id as of a date") },
	{ .name = "log", .run = cmd_log, .options = log_options,
	  .args_max = 1, .flags = CMD_NEEDS_DB, .usage_status = EXIT_USAGE,
	  .usage = N_("[ID] [--since DATE] [--until DATE] "
	  "[--format text|csv|json] [--limit N]"),
	  .summary = N_("show the history of what was recorded, newest "
	  "first") },
	{ .name = "import", .run = cmd_import, .options = import_options,
	  .args_min = 1, .args_max = 1,
	  .args_missing = N_("missing the file to import"),
	  .args_extra = N_("unexpected argument"),
	  .flags = CMD_NEEDS_PLAN | CMD_WRITES, .usage_status = EXIT_USAGE,
	  .usage = N_("[--encoding NAME] FILE"),
	  .summary = N_("record every row of a CSV, JSON or filled form "
	  "file, all or nothing") },
	{ .name = "export", .run = cmd_export, .options = export_options,
	  .flags = CMD_NEEDS_DB, .usage_status = EXIT_USAGE,
	  .usage = N_("[--format csv|json] [--bom] [-o FILE]"),
	  .summary = N_("write the current values and progress as CSV or "
	  "JSON") },
	{ .name = "backup", .run = cmd_backup, .args_min = 1,
	  .args_max = 1, .args_missing = N_("missing the file to write"),
	  .args_extra = N_("unexpected argument"), .flags = CMD_NEEDS_DB,
	  .usage_status = EXIT_USAGE, .usage = N_("FILE"),
	  .summary = N_("copy the live database safely to FILE") },
	{ .name = "db", .run = cmd_db, .options = db_options,
	  .args_min = 1, .args_max = 3,
	  .args_missing = N_("missing init, publish, grant or copy"),
	  .flags = CMD_NEEDS_DB, .usage_status = EXIT_USAGE,
	  .usage = N_("init | publish | grant ROLE --dept ID | copy FROM TO"),
	  .summary = N_("set up a PostgreSQL store: schema, plan, "
	  "departments' roles; copy records between stores") },
	{ .name = "review", .run = cmd_review,
	  .flags = CMD_TTY | CMD_NEEDS_PLAN | CMD_WRITES,
	  .usage_status = EXIT_USAGE, .usage = "",
	  .summary = N_("the interactive review (what planwatch runs on a "
	  "terminal)") },
	{ .name = "help", .run = cmd_help, .options = help_options,
	  .args_max = 1, .usage_status = EXIT_USAGE,
	  .usage = N_("[--list] [COMMAND]"),
	  .summary = N_("show the commands, or one command's usage") },
	{ .name = "version", .run = cmd_version, .usage_status = EXIT_USAGE,
	  .usage = "", .summary = N_("show the version") },
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

/* planwatch help --list: each command and its options on a line, as
 * "NAME --long -s ...", for scripts and the manual's test (t1007). */
static void
list_command(const struct command *cmd, FILE *fp)
{
	fputs(cmd->name, fp);
	for (const struct cmd_option *o = cmd->options;
	    o != NULL && o->long_name != NULL; o++) {
		if (o->help == NULL)
			continue;
		fprintf(fp, " --%s", o->long_name);
		if (o->short_name != 0)
			fprintf(fp, " -%c", o->short_name);
	}
	fputc('\n', fp);
}

static int
cmd_help(struct cli *cli, const struct cmd_args *a)
{
	const struct command *cmd = NULL;

	(void)cli;
	if (a->argc > 0 && (cmd = find_command(a->argv[0])) == NULL) {
		char *q = text_quote(a->argv[0]);
		cli_error(_("unknown command '%s'"), q);
		free(q);
		return EXIT_USAGE;
	}
	if (cmd_args_flag(a, "list")) {
		for (size_t i = 0; i < NCOMMANDS; i++)
			if (cmd == NULL || cmd == &commands[i])
				list_command(&commands[i], stdout);
	} else if (cmd != NULL)
		cli_print_help(cmd, stdout);
	else
		print_help(stdout);
	return EXIT_OK;
}

static int
cmd_version(struct cli *cli, const struct cmd_args *a)
{
	(void)cli;
	(void)a;
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
			return cmd_version(&cli, NULL);
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
	if (argc == 0) {
		static char *noargs[] = { "review", NULL };
		return cli_run(&cli, cmd, 1, noargs);
	}
	return cli_run(&cli, cmd, argc, argv);
}
