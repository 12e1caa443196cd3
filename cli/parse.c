/*
 * parse.c: the one parser of a command's line.  A command's entry in the
 * table (struct command) declares its options, how many arguments it takes
 * and what it needs; cli_run() builds getopt_long's tables from it and the
 * options every command shares, checks the arguments and the needs, and
 * runs the command with what it found (struct cmd_args).  --help prints
 * from the same entry.
 */
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli/cli.h"
#include "util/buf.h"
#include "util/i18n.h"
#include "util/xalloc.h"

/* getopt_long's value for the command's option i without a short name. */
#define OPT_CMD_BASE	0x200

static const struct option common_longopts[] = { COMMON_LONGOPTS };
#define NCOMMON (sizeof common_longopts / sizeof common_longopts[0])

static size_t
count_options(const struct command *cmd)
{
	size_t n = 0;

	while (cmd->options != NULL && cmd->options[n].long_name != NULL)
		n++;
	return n;
}

/* The index in cmd->options of what getopt_long returned, or -1: a shared
 * option, or what it found wrong. */
static int
option_index(const struct command *cmd, int c)
{
	size_t n = count_options(cmd);

	if (c >= OPT_CMD_BASE && (size_t)(c - OPT_CMD_BASE) < n)
		return c - OPT_CMD_BASE;
	for (size_t i = 0; i < n && c > 0 && c < 0x100; i++)
		if (cmd->options[i].short_name == c)
			return (int)i;
	return -1;
}

static int
find_option(const struct command *cmd, const char *name)
{
	for (size_t i = 0; i < count_options(cmd); i++)
		if (strcmp(cmd->options[i].long_name, name) == 0)
			return (int)i;
	fatal("no option '--%s' in the table for %s", name, cmd->name);
}

/*
 * getopt_long's tables for cmd: its options, then the shared ones.  A
 * short name the shared options use already is a mistake in the table.
 * Caller frees both.
 */
static void
getopt_tables(const struct command *cmd, char **shortopts,
    struct option **longopts)
{
	size_t n = count_options(cmd);
	struct option *lo = xcalloc(n + NCOMMON, sizeof *lo);
	struct buf s = BUF_INIT;

	buf_puts(&s, COMMON_SHORTOPTS);
	for (size_t i = 0; i < n; i++) {
		const struct cmd_option *o = &cmd->options[i];
		int has = o->kind == CMD_OPT_FLAG ? no_argument :
		    required_argument;

		if (o->short_name != 0) {
			if (strchr(buf_str(&s), o->short_name) != NULL)
				fatal("short option '-%c' twice for %s",
				    o->short_name, cmd->name);
			buf_putc(&s, (char)o->short_name);
			if (has == required_argument)
				buf_putc(&s, ':');
		}
		lo[i] = (struct option){ o->long_name, has, NULL,
		    o->short_name != 0 ? o->short_name :
		    OPT_CMD_BASE + (int)i };
	}
	memcpy(lo + n, common_longopts, sizeof common_longopts);
	*shortopts = buf_detach(&s);
	*longopts = lo;
}

/*
 * check's rule: a usage error on a check line after --format json is JSON
 * too (cli_usage_error), so the format given so far is kept as the line is
 * read; a value check does not know leaves it as it was.
 */
static void
check_format_so_far(struct cli *cli, const struct cmd_option *o,
    const char *arg)
{
	if (!cli->check || strcmp(o->long_name, "format") != 0)
		return;
	if (strcmp(arg, "json") == 0)
		cli->check_json = true;
	else if (strcmp(arg, "text") == 0)
		cli->check_json = false;
}

/* Options and arguments into a; returns -1 with *status set when the
 * command is not to run. */
static int
parse_line(struct cli *cli, const struct command *cmd, int argc,
    char **argv, struct cmd_args *a, int *status)
{
	char *shortopts;
	struct option *longopts;
	int c, i, rc = -1;

	*a = (struct cmd_args){ .cmd = cmd };
	a->opts = xcalloc((size_t)argc + 1, sizeof *a->opts);
	getopt_tables(cmd, &shortopts, &longopts);
	cli->argv = argv;
	optind = 0;
	while ((c = getopt_long(argc, argv, shortopts, longopts, NULL)) !=
	    -1) {
		if ((i = option_index(cmd, c)) < 0) {
			int r = cli_common_option(cli, c, optarg);
			if (r > 0)
				*status = EXIT_OK;
			if (r != 0)
				goto out;
			continue;
		}
		const struct cmd_option *o = &cmd->options[i];
		struct cmd_optval *v = &a->opts[a->nopts++];
		*v = (struct cmd_optval){ i, optarg, DAY_NONE };
		if (o->kind == CMD_OPT_DATE) {
			char *name = xasprintf("--%s", o->long_name);
			int r = cli_parse_date(cli, name, optarg, &v->day);
			free(name);
			if (r != 0)
				goto out;
		}
		if (optarg != NULL)
			check_format_so_far(cli, o, optarg);
	}
	a->argc = argc - optind;
	a->argv = argv + optind;
	/* help and version read no plan: -f is as good as absent. */
	if (cli->nplans > 1 && !(cmd->flags & CMD_ROLLUP) && (cmd->flags &
	    (CMD_TTY | CMD_NEEDS_PLAN | CMD_NEEDS_DB | CMD_WRITES))) {
		cli_usage_error(cli, _("several plans (-f given %zu times) are "
		    "for status and report; %s works on one"), cli->nplans,
		    cmd->name);
		goto out;
	}
	if (a->argc < cmd->args_min) {
		cli_usage_error(cli, "%s", _(cmd->args_missing != NULL ?
		    cmd->args_missing : N_("missing argument")));
		goto out;
	}
	if (cmd->args_max >= 0 && a->argc > cmd->args_max) {
		if (cmd->args_extra != NULL)
			cli_usage_error(cli, "%s", _(cmd->args_extra));
		else
			cli_usage_error(cli, _("unexpected argument '%s'"),
			    a->argv[cmd->args_max]);
		goto out;
	}
	rc = 0;
out:
	if (rc != 0 && *status != EXIT_OK)
		*status = cmd->usage_status;
	free(shortopts);
	free(longopts);
	return rc;
}

/* What the command needs and the line does not give; said on stderr. */
static int
check_needs(const struct cli *cli, const struct command *cmd)
{
	if (cmd->flags & CMD_TTY) {
		if (!isatty(STDIN_FILENO) || !isatty(STDOUT_FILENO)) {
			cli_error("%s", _("no terminal; use 'planwatch "
			    "status', 'report' or 'check'"));
			return -1;
		}
		if (strcmp(cli_plan_path(cli), "-") == 0) {
			cli_error("%s", _("the review reads its keys from "
			    "standard input; give the plan as a file"));
			return -1;
		}
	}
	if (cmd->flags & (CMD_NEEDS_DB | CMD_WRITES)) {
		char *db = cli_db_path(cli);
		if (db == NULL) {
			cli_error(_("no database: the plan comes from standard "
			    "input; name one with -d"));
			return -1;
		}
		free(db);
	}
	return 0;
}

int
cli_run(struct cli *cli, const struct command *cmd, int argc, char **argv)
{
	struct cmd_args a;
	int status = -1, rc;

	rc = parse_line(cli, cmd, argc, argv, &a, &status);
	if (rc == 0 && check_needs(cli, cmd) != 0) {
		status = EXIT_ERROR;
		rc = -1;
	}
	if (rc == 0)
		status = cmd->run(cli, &a);
	free(a.opts);
	return status;
}

/* The last name option given, or NULL. */
static const struct cmd_optval *
last_given(const struct cmd_args *a, const char *name)
{
	int i = find_option(a->cmd, name);

	for (size_t k = a->nopts; k > 0; k--)
		if (a->opts[k - 1].opt == i)
			return &a->opts[k - 1];
	return NULL;
}

const char *
cmd_args_get(const struct cmd_args *a, const char *name)
{
	const struct cmd_optval *v = last_given(a, name);

	return v != NULL ? v->arg : NULL;
}

bool
cmd_args_flag(const struct cmd_args *a, const char *name)
{
	return last_given(a, name) != NULL;
}

pw_day
cmd_args_day(const struct cmd_args *a, const char *name)
{
	const struct cmd_optval *v = last_given(a, name);

	return v != NULL ? v->day : DAY_NONE;
}

size_t
cmd_args_count(const struct cmd_args *a, const char *name)
{
	int i = find_option(a->cmd, name);
	size_t n = 0;

	for (size_t k = 0; k < a->nopts; k++)
		if (a->opts[k].opt == i)
			n++;
	return n;
}

const char *
cmd_args_nth(const struct cmd_args *a, const char *name, size_t nth)
{
	int i = find_option(a->cmd, name);

	for (size_t k = 0; k < a->nopts; k++)
		if (a->opts[k].opt == i && nth-- == 0)
			return a->opts[k].arg;
	return NULL;
}

/* "-o, --output FILE" or "    --dept ID". */
static char *
option_text(const struct cmd_option *o)
{
	struct buf b = BUF_INIT;

	if (o->short_name != 0)
		buf_printf(&b, "-%c, ", o->short_name);
	else
		buf_puts(&b, "    ");
	buf_printf(&b, "--%s", o->long_name);
	if (o->value_name != NULL)
		buf_printf(&b, " %s", o->value_name);
	return buf_detach(&b);
}

void
cli_print_help(const struct command *cmd, FILE *fp)
{
	size_t n = count_options(cmd), w = 0;

	fprintf(fp, "%s: planwatch %s %s\n", _("usage"), cmd->name,
	    _(cmd->usage));
	fprintf(fp, "%s\n", _(cmd->summary));
	for (size_t i = 0; i < n; i++) {
		char *t = option_text(&cmd->options[i]);
		if (cmd->options[i].help != NULL && strlen(t) > w)
			w = strlen(t);
		free(t);
	}
	if (w > 0)
		fprintf(fp, "\n%s\n", _("Options:"));
	for (size_t i = 0; i < n; i++) {
		const struct cmd_option *o = &cmd->options[i];
		if (o->help == NULL)
			continue;
		char *t = option_text(o);
		fprintf(fp, "  %-*s  %s\n", (int)w, t, _(o->help));
		free(t);
	}
	fprintf(fp, "\n%s\n", _("Options for every command: see "
	    "'planwatch --help'."));
}
