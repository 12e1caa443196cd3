/*
 * cli.h: the command-line front end: shared options and the command table.
 *
 * main.c parses the options every command shares (they may come before or
 * after the command word), picks the command from the table and hands it
 * to cli_run() (parse.c), which parses the rest of the line by the
 * command's entry and runs it with what it found.  Commands print their
 * own results and errors and return the process exit status.
 */
#ifndef CLI_CLI_H
#define CLI_CLI_H

#include <getopt.h>
#include <stdbool.h>
#include <stdio.h>
#include <time.h>

#include "model/date.h"

struct plan;
struct diags;

enum color_mode { COLOR_AUTO, COLOR_ALWAYS, COLOR_NEVER };

/* How many times -f may be given (a directory names more plans). */
#define CLI_PLANS_MAX	64

/* Options shared by every command. */
struct cli {
	const char	*plan_path;	/* -f; NULL: $PLANWATCH_PLAN or plan.yaml */
	const char	*plans[CLI_PLANS_MAX];	/* every -f, in order */
	size_t		 nplans;
	const char	*db_path;	/* -d; NULL: $PLANWATCH_DB or from plan */
	pw_day		 today;		/* --today, else the local date */
	bool		 today_given;
	enum color_mode	 color;		/* --color */
	const char	*by;		/* --by, default $USER */
	const struct command *cmd;
	struct timespec	 started;	/* CLOCK_MONOTONIC first thing in
					   main() */
	char *const	*argv;		/* what getopt_long is parsing: main's,
					   then the command's */
	bool		 check;		/* the command line holds check: a
					   usage error is its UNKNOWN */
	bool		 check_json;	/* check --format json so far */
};

/* Exit statuses of ordinary commands (check has its own, 0..3). */
#define EXIT_OK		0
#define EXIT_ERROR	1
#define EXIT_USAGE	2

/*
 * What a command needs and does (struct command.flags), declared in the
 * table.  cli_run() checks CMD_TTY, CMD_NEEDS_DB and CMD_WRITES before the
 * command runs; CMD_NEEDS_PLAN has nothing to check beforehand (a plan
 * that does not load is the command's own error) and says what the
 * command reads.
 */
#define CMD_TTY		0x1	/* a terminal on standard input and output,
				   and the plan from a file */
#define CMD_NEEDS_PLAN	0x2	/* reads the plan */
#define CMD_NEEDS_DB	0x4	/* cannot run without its database: a plan
				   on standard input needs -d */
#define CMD_WRITES	0x8	/* writes the database (needs it too) */
#define CMD_ROLLUP	0x10	/* takes several plans (-f more than once,
				   or a directory): the roll-up */

/* How an option takes its value. */
enum cmd_opt_kind {
	CMD_OPT_FLAG,		/* none */
	CMD_OPT_VALUE,		/* a value the command checks */
	CMD_OPT_DATE		/* a YYYY-MM-DD date, checked by the parser */
};

/* One of a command's own options; a list of them ends with a NULL
 * long_name. */
struct cmd_option {
	const char	*long_name;	/* "format", without the dashes */
	int		 short_name;	/* 'o', or 0 */
	enum cmd_opt_kind kind;
	const char	*value_name;	/* "FILE"; NULL for a flag */
	const char	*help;		/* N_() one line; NULL: accepted but
					   not shown (help, manual) */
};

struct cmd_args;

/*
 * An entry of the command table (main.c): the one place that says what a
 * command is called, which options and how many arguments it takes and
 * what it needs.  cli_run() parses the command line by it and hands run
 * the result; help and the manual's test read it too.
 */
struct command {
	const char	*name;
	int		(*run)(struct cli *, const struct cmd_args *);
	const struct cmd_option *options;	/* NULL: none */
	int		 args_min;	/* positional arguments */
	int		 args_max;	/* -1: any number */
	const char	*args_missing;	/* N_() fewer than args_min; NULL:
					   "missing argument" */
	const char	*args_extra;	/* N_() more than args_max; NULL:
					   "unexpected argument 'ARG'" */
	unsigned	 flags;		/* CMD_* */
	int		 usage_status;	/* exit status of a usage error */
	const char	*usage;		/* N_() arguments after the name */
	const char	*summary;	/* N_() one-line description */
};

/*
 * A parsed command line: the command's options in the order given and its
 * positional arguments.  Options are named by their long name, which must
 * be in the command's table (else fatal(): a mistake in the program).
 */
struct cmd_optval {
	int		 opt;		/* index in cmd->options */
	const char	*arg;		/* the value; NULL for a flag */
	pw_day		 day;		/* a CMD_OPT_DATE's value */
};
struct cmd_args {
	const struct command *cmd;
	struct cmd_optval *opts;
	size_t		 nopts;
	int		 argc;		/* positional arguments */
	char		**argv;
};
/* The value of the last name option given, or NULL. */
const char	*cmd_args_get(const struct cmd_args *, const char *name);
/* Was the name option given? */
bool		 cmd_args_flag(const struct cmd_args *, const char *name);
/* The last name date option given, or DAY_NONE. */
pw_day		 cmd_args_day(const struct cmd_args *, const char *name);
/* How many times the name option was given, and the value of the i-th. */
size_t		 cmd_args_count(const struct cmd_args *, const char *name);
const char	*cmd_args_nth(const struct cmd_args *, const char *name,
		    size_t i);

/*
 * Parse argv (argv[0] the command's name) by cmd's entry, the options every
 * command shares included, check the argument count and what the command
 * needs, and run it.  Returns the exit status: the command's, 0 after
 * --help, cmd->usage_status after a usage error, 1 when a need is not met
 * (each said once on stderr, or as check's UNKNOWN).
 */
int		 cli_run(struct cli *, const struct command *, int argc,
		    char **argv);
/* The options every command accepts, as getopt_long takes them: main.c
 * parses them before the command word, cli_run() with the command's own
 * after it. */
enum {
	OPT_TODAY = 0x100, OPT_COLOR, OPT_BY
};
/* The leading ':' keeps getopt_long quiet: cli_common_option() says what
 * is wrong, with the option escaped, and a missing value comes as ':'. */
#define COMMON_SHORTOPTS ":f:d:h"
#define COMMON_LONGOPTS \
	{ "file", required_argument, NULL, 'f' }, \
	{ "db", required_argument, NULL, 'd' }, \
	{ "today", required_argument, NULL, OPT_TODAY }, \
	{ "color", required_argument, NULL, OPT_COLOR }, \
	{ "colour", required_argument, NULL, OPT_COLOR }, \
	{ "by", required_argument, NULL, OPT_BY }, \
	{ "help", no_argument, NULL, 'h' }, \
	{ NULL, 0, NULL, 0 }

/*
 * Handle an option every command shares.  Returns 0 when handled, 1 when
 * --help was asked (usage has been printed; exit 0), -1 on a usage error
 * (the message has been printed; exit with cmd->usage_status).  An unknown
 * option ('?') or a missing value (':') is a usage error, said with the
 * option as typed (cli->argv and getopt's optind and optopt).
 */
int		 cli_common_option(struct cli *, int opt, const char *arg);
/* Print "planwatch: MESSAGE" and the usage line to stderr; on a check
 * command line (cli->check), check's UNKNOWN line to stdout instead.  The
 * message is made safe (text_safe). */
void		 cli_usage_error(const struct cli *, const char *fmt, ...)
		    __attribute__((format(printf, 2, 3)));
/* Print a command's usage, summary and options to fp (its --help). */
void		 cli_print_help(const struct command *, FILE *fp);
/* Print "planwatch: MESSAGE", made safe, to stderr (an error reported at
 * the edge). */
void		 cli_error(const char *fmt, ...)
		    __attribute__((format(printf, 1, 2)));

/* The plan path to use: -f, else $PLANWATCH_PLAN, else "plan.yaml". */
const char	*cli_plan_path(const struct cli *);
/* The database path: -d, else $PLANWATCH_DB, else the plan path with
 * .yaml/.yml replaced by .db; NULL when the plan is standard input. Caller
 * frees. */
char		*cli_db_path(const struct cli *);
/*
 * Load the plan, printing every diagnostic to stderr.  Returns NULL when it
 * has errors.  With quiet_warnings, warnings are not printed.
 */
struct plan	*cli_load_plan(const struct cli *, bool quiet_warnings);
/* Should output to fp be coloured (--color, NO_COLOR, isatty)? */
bool		 cli_use_color(const struct cli *, FILE *fp);
/* Parse a YYYY-MM-DD option value, reporting a usage error. */
int		 cli_parse_date(const struct cli *, const char *opt,
		    const char *arg, pw_day *out);

/* The commands (cmd_*.c). */
int	cmd_validate(struct cli *, const struct cmd_args *);
int	cmd_db(struct cli *, const struct cmd_args *);
/* planwatch db copy FROM TO (cmd_db_copy.c). */
int	cmd_db_copy(struct cli *, const char *from, const char *to);
int	cmd_review(struct cli *, const struct cmd_args *);
int	cmd_record(struct cli *, const struct cmd_args *);
int	cmd_progress(struct cli *, const struct cmd_args *);
int	cmd_done(struct cli *, const struct cmd_args *);
int	cmd_reopen(struct cli *, const struct cmd_args *);
int	cmd_void(struct cli *, const struct cmd_args *);
int	cmd_log(struct cli *, const struct cmd_args *);
int	cmd_import(struct cli *, const struct cmd_args *);
int	cmd_export(struct cli *, const struct cmd_args *);
int	cmd_backup(struct cli *, const struct cmd_args *);
/* Open the command's database (cli_db_path) for writing or reading, or
 * print why not and return NULL (opendb.c). */
/* The command's database, working on plan p's records (store_use_plan)
 * when p is not NULL; NULL after an error was printed. */
struct store	*cli_open_store(const struct cli *, bool write,
		    const struct plan *p);

int	cmd_report(struct cli *, const struct cmd_args *);
int	cmd_notice(struct cli *, const struct cmd_args *);
int	cmd_ics(struct cli *, const struct cmd_args *);
int	cmd_status(struct cli *, const struct cmd_args *);
int	cmd_check(struct cli *, const struct cmd_args *);
int	cmd_form(struct cli *, const struct cmd_args *);
/*
 * The roll-up of several plans (rollup.c): wanted when -f was given more
 * than once or the plan path is a directory.  status and report call
 * cli_rollup() once they have checked their options' values; it refuses
 * those that work on one plan, opens a session per plan and prints.
 */
struct rollup_args {
	bool		 report;	/* the report's document, else
					   status's */
	int		 warn_days;	/* < 0: each plan's */
	bool		 all;		/* every item of each plan's list */
	int		 format;	/* enum report_format */
	bool		 xlsx, bom;
	const char	*output;	/* -o, or NULL */
};
bool	cli_rollup_wanted(const struct cli *);
int	cli_rollup(struct cli *, const struct cmd_args *,
	    const struct rollup_args *);
/* Make a workbook with make (path: a new file in a private temporary
 * directory, tmpdir: that directory) and write it to out as
 * cli_write_output() does; never to a terminal.  Errors are printed;
 * returns -1 (cmd_form.c). */
typedef int (*cli_xlsx_fn)(const char *path, const char *tmpdir, void *arg,
	    char **err);
int	cli_write_xlsx(const char *out, cli_xlsx_fn make, void *arg);
/* Print check's UNKNOWN result for reason (JSON after --format json) to
 * stdout; returns its exit status, 3. */
int	check_unknown(const struct cli *, const char *reason);

/* Loading and reviewing the plan: a session (session/session.h) as of
 * cli->today (review.c).  The other fields are the session's, borrowed. */
struct buf;
struct facts;
struct review;
struct session;
struct store;
struct review_ctx {
	struct session	*session;
	struct plan	*plan;
	struct facts	*facts;
	struct store	*store;		/* NULL when the plan came on stdin */
	struct review	*rv;
};
/* cli_review_open() for report, notice and ics: the plan's errors and any
 * other failure are printed; returns -1. */
int	cli_review_load(struct cli *, struct review_ctx *);
void	cli_review_release(struct review_ctx *);
/* Free the facts once only the review is needed (it holds what it needs
 * of them); ctx->facts is NULL then. */
void	cli_review_drop_facts(struct review_ctx *);
/* How to load a review. */
struct review_args {
	int		 warn_days;	/* < 0: the plan's */
	const char	*dept;		/* NULL: every department */
	bool		 print_diags;	/* a broken plan's errors to stderr */
	bool		 print_warnings;	/* and its warnings */
	bool		 history;	/* every value up to the date (for
					   charts), not only what the rules
					   read */
	size_t		 recent;	/* without history: at least this
					   many latest values per target (for
					   sparklines) */
};
/* cli_review_load() with other arguments (notice and ics need no series,
 * the report only some). */
int	cli_review_load_args(struct cli *, const struct review_args *,
	    struct review_ctx *);
/*
 * Load the plan and the facts (the database read-only, never created) and
 * review them as of cli->today.  Returns -1 with *err set to a one-line
 * reason the caller prints and frees, or NULL when the plan's errors have
 * been printed already; release ctx with cli_review_release either way.
 */
int	cli_review_open(struct cli *, const struct review_args *,
	    struct review_ctx *, char **err);
/* Where output goes (output.c).  When output is made:
 * $SOURCE_DATE_EPOCH (then *utc) or now. */
int	cli_made_time(time_t *, bool *utc);
/* Write b to path atomically (temporary file and rename; in place when
 * path is a device such as /dev/null or a pipe, which a rename would
 * replace, or a link in a directory only we or root can write), or to
 * standard output when path is NULL or "-".  A link in any other directory
 * is refused, never followed.  Errors are printed; returns -1. */
int	cli_write_output(const char *path, const struct buf *b);
/* Could only we (or root) have put a link in the directory open at dfd? */
bool	dir_private(int dfd);
/*
 * The same for a document written as it is made: cli_out_open() creates
 * the temporary file (or takes standard output), cli_out_write() writes
 * what b holds and empties it, cli_out_close() writes the rest, then
 * renames the file over path; cli_out_abort() removes it instead.  Errors
 * are printed once; open returns NULL, the others -1.  Close and abort
 * free the output.
 */
struct cli_out;
struct cli_out *cli_out_open(const char *path);
int	cli_out_write(struct cli_out *, struct buf *b);
int	cli_out_close(struct cli_out *, struct buf *b);
void	cli_out_abort(struct cli_out *);
/* cli_out_write() as a report's flush (struct rsink, report/report.h). */
int	cli_out_flush(void *out, struct buf *b);

#endif
