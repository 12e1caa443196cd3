/* common.c: what every command shares: options, paths, loading the plan. */
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli/cli.h"
#include "config/config.h"
#include "session/session.h"
#include "util/buf.h"
#include "util/diag.h"
#include "util/i18n.h"
#include "util/text.h"
#include "util/xalloc.h"

/*
 * "planwatch: MESSAGE" on stderr, the whole message made safe: it quotes
 * what the command line, the environment, a file or the database gave,
 * and no control character of theirs reaches the terminal.
 */
static void
put_error(const char *fmt, va_list ap)
{
	struct buf msg = BUF_INIT, out = BUF_INIT;

	buf_vprintf(&msg, fmt, ap);
	buf_puts(&out, "planwatch: ");
	text_safe_buf(&out, buf_str(&msg));
	buf_putc(&out, '\n');
	fputs(buf_str(&out), stderr);
	buf_release(&msg);
	buf_release(&out);
}

void
cli_error(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	put_error(fmt, ap);
	va_end(ap);
}

void
cli_usage_error(const struct cli *cli, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	if (cli->check) {
		/* A monitoring system reads the verdict on stdout. */
		struct buf msg = BUF_INIT;
		buf_vprintf(&msg, fmt, ap);
		check_unknown(cli, buf_str(&msg));
		buf_release(&msg);
	} else
		put_error(fmt, ap);
	va_end(ap);
	if (!cli->check && cli->cmd != NULL)
		fprintf(stderr, "%s: planwatch %s %s\n", _("usage"),
		    cli->cmd->name, _(cli->cmd->usage));
}

/*
 * What getopt_long found wrong with the option before optind, said with
 * the option as typed, escaped (getopt itself prints nothing:
 * COMMON_SHORTOPTS starts with ':').  A ':' is a missing value; a '?' with
 * optopt 0 an unknown or ambiguous long option, else an unknown short
 * option or a long option given a value it does not take.
 */
static void
option_error(const struct cli *cli, int opt)
{
	char *const *argv = cli->argv;
	const char *w = argv != NULL && optind > 0 ? argv[optind - 1] : NULL;
	const char *next = argv != NULL ? argv[optind] : NULL;
	char shortopt[3] = { '-', (char)optopt, '\0' }, *opt_text, *q;
	bool islong = w != NULL && strncmp(w, "--", 2) == 0 && w[2] != '\0';
	/* An unknown short option inside a cluster (-Zq): getopt is still
	 * on that word, and the word before is another. */
	bool incluster = optopt > 0 && optopt < 0x100 && next != NULL &&
	    next[0] == '-' && next[1] != '-' && strchr(next + 1, optopt);

	if (opt == '?' && optopt != 0 && (!islong || incluster ||
	    strchr(w, '=') == NULL))
		islong = false;
	opt_text = islong ? xstrndup(w, strcspn(w, "=")) : xstrdup(shortopt);
	q = text_quote(opt_text);
	free(opt_text);
	if (opt == ':')
		cli_usage_error(cli, _("option '%s' needs a value"), q);
	else if (islong && optopt != 0)
		cli_usage_error(cli, _("option '%s' takes no value"), q);
	else
		cli_usage_error(cli, _("unknown option '%s'"), q);
	free(q);
}

int
cli_parse_date(const struct cli *cli, const char *opt, const char *arg,
    pw_day *out)
{
	if (date_parse_day(arg, out) != 0) {
		char *q = text_quote(arg);
		cli_usage_error(cli, _("invalid date '%s' for %s: expected "
		    "YYYY-MM-DD"), q, opt);
		free(q);
		return -1;
	}
	return 0;
}

int
cli_common_option(struct cli *cli, int opt, const char *arg)
{
	switch (opt) {
	case 'f':
		if (cli->nplans == CLI_PLANS_MAX) {
			cli_usage_error(cli, _("-f given more than %d times: "
			    "name a directory of plans"), CLI_PLANS_MAX);
			return -1;
		}
		cli->plans[cli->nplans++] = arg;
		cli->plan_path = arg;
		return 0;
	case 'd':
		cli->db_path = arg;
		return 0;
	case OPT_TODAY:
		if (cli_parse_date(cli, "--today", arg, &cli->today) != 0)
			return -1;
		cli->today_given = true;
		return 0;
	case OPT_COLOR:
		if (strcmp(arg, "auto") == 0)
			cli->color = COLOR_AUTO;
		else if (strcmp(arg, "always") == 0)
			cli->color = COLOR_ALWAYS;
		else if (strcmp(arg, "never") == 0)
			cli->color = COLOR_NEVER;
		else {
			char *q = text_quote(arg);
			cli_usage_error(cli, _("invalid value '%s' for "
			    "--color: expected auto, always or never"), q);
			free(q);
			return -1;
		}
		return 0;
	case OPT_BY:
		cli->by = arg;
		return 0;
	case 'h':
		if (cli->cmd != NULL)
			cli_print_help(cli->cmd, stdout);
		return 1;
	default:
		option_error(cli, opt);
		return -1;
	}
}

const char *
cli_plan_path(const struct cli *cli)
{
	const char *env;

	if (cli->plan_path != NULL)
		return cli->plan_path;
	env = getenv("PLANWATCH_PLAN");
	if (env != NULL && *env != '\0')
		return env;
	return "plan.yaml";
}

char *
cli_db_path(const struct cli *cli)
{
	const char *env, *plan, *dot, *slash;

	if (cli->db_path != NULL)
		return xstrdup(cli->db_path);
	env = getenv("PLANWATCH_DB");
	if (env != NULL && *env != '\0')
		return xstrdup(env);
	plan = cli_plan_path(cli);
	if (strcmp(plan, "-") == 0)
		return NULL;
	slash = strrchr(plan, '/');
	dot = strrchr(plan, '.');
	if (dot != NULL && (slash == NULL || dot > slash) &&
	    (strcmp(dot, ".yaml") == 0 || strcmp(dot, ".yml") == 0))
		return xasprintf("%.*s.db", (int)(dot - plan), plan);
	return xasprintf("%s.db", plan);
}

struct plan *
cli_load_plan(const struct cli *cli, bool quiet_warnings)
{
	struct diags d;
	struct plan *p;

	diags_init(&d, cli_plan_path(cli));
	p = session_load_plan(cli_plan_path(cli), true, &d);
	diags_sort(&d);
	if (p == NULL || !quiet_warnings)
		diags_print(&d, stderr);
	diags_release(&d);
	return p;
}

bool
cli_use_color(const struct cli *cli, FILE *fp)
{
	const char *nc;

	switch (cli->color) {
	case COLOR_ALWAYS:
		return true;
	case COLOR_NEVER:
		return false;
	default:
		nc = getenv("NO_COLOR");
		if (nc != NULL && *nc != '\0')
			return false;
		return isatty(fileno(fp));
	}
}
