/*
 * cmd_record.c: planwatch record, progress, done and reopen: one value or
 * one milestone change, checked against the plan, written in one
 * transaction.
 */
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "db/store.h"
#include "model/plan.h"
#include "model/record.h"
#include "report/words.h"
#include "util/i18n.h"
#include "util/text.h"
#include "util/xalloc.h"

enum { OPT_DATE = OPT_COMMON_LAST, OPT_NOTE, OPT_SOURCE };

struct request {
	enum record_accept accept;
	const char	*id, *text;
	const char	*note, *source;
	pw_day		 date;
	bool		 date_given;
};

/* Is the milestone marked done now (its latest completion record)? */
static int
is_done(struct store *s, const char *item, bool *done, char **err)
{
	struct history_query q = { .item = item, .since = DAY_NONE,
	    .until = DAY_NONE, .current_only = true };
	struct history_row *rows;
	size_t n;

	*done = false;
	if (store_history(s, &q, &rows, &n, err) != 0)
		return -1;
	for (size_t i = 0; i < n; i++) {
		if (strcmp(rows[i].item, item) != 0 ||
		    (rows[i].kind != FACT_DONE && rows[i].kind != FACT_REOPEN))
			continue;
		*done = rows[i].kind == FACT_DONE;
		break;
	}
	history_rows_free(rows, n);
	return 0;
}

static void
print_result(const struct record_value *v, const struct record_in *in)
{
	char day[11], num[32], *item = text_quote(v->item), *lv;

	date_iso(in->date, day);
	switch (v->kind) {
	case FACT_VALUE:
		if (v->level != NULL) {
			lv = text_quote(v->level);
			printf(_("recorded %s = %s as of %s\n"), item, lv, day);
			free(lv);
		} else {
			record_format_number(v->value, num);
			printf(_("recorded %s = %s as of %s\n"), item, num, day);
		}
		break;
	case FACT_PROGRESS:
		record_format_number(v->value, num);
		printf(_("recorded %s at %s%% as of %s\n"), item, num, day);
		break;
	case FACT_DONE:
		printf(_("marked %s done as of %s\n"), item, day);
		break;
	case FACT_REOPEN:
		printf(_("reopened %s as of %s\n"), item, day);
		break;
	}
	free(item);
}

static int
check_text(const char *opt, const char *s)
{
	if (s == NULL || utf8_valid(s, strlen(s)))
		return 0;
	cli_error(_("%s is not valid UTF-8"), opt);
	return -1;
}

/* Check the request against the plan, then write it. */
static int
run(struct cli *cli, struct request *rq)
{
	struct record_value v;
	struct record_in in;
	struct store *s = NULL;
	struct plan *p;
	char *err = NULL;
	bool done;
	int rc = EXIT_ERROR;

	if (check_text("--note", rq->note) != 0 ||
	    check_text("--source", rq->source) != 0)
		return EXIT_ERROR;
	if ((p = cli_load_plan(cli, true)) == NULL)
		return EXIT_ERROR;
	if (!rq->date_given)
		rq->date = cli->today;
	if (record_parse_msg(p, rq->accept, rq->id, rq->text, &v, &err) != 0) {
		cli_error("%s", err);
		free(err);
		plan_free(p);
		return EXIT_ERROR;
	}
	if (record_check_date_msg(p, rq->date, cli->today, &err) != 0)
		goto out;
	if ((s = cli_open_store(cli, true)) == NULL)
		goto out;
	if (v.kind == FACT_REOPEN) {
		if (is_done(s, v.item, &done, &err) != 0)
			goto out;
		if (!done) {
			char *safe = text_quote(v.item);
			err = xasprintf(_("'%s' is not marked done"), safe);
			free(safe);
			goto out;
		}
	}
	in = (struct record_in){ v.kind, v.item, rq->date, v.value, v.level,
	    rq->note, rq->source, cli->by };
	if (store_record(s, &in, 1, &err) != 0)
		goto out;
	print_result(&v, &in);
	rc = EXIT_OK;
out:
	if (err != NULL) {
		cli_error("%s", err);
		free(err);
	}
	store_close(s);
	record_value_release(&v);
	plan_free(p);
	return rc;
}

/* Parse the options and nargs positional arguments into rq. */
static int
parse(struct cli *cli, int argc, char **argv, bool with_date,
    struct request *rq, const char **args, int nargs)
{
	static const struct option longopts[] = {
		{ "date", required_argument, NULL, OPT_DATE },
		{ "note", required_argument, NULL, OPT_NOTE },
		{ "source", required_argument, NULL, OPT_SOURCE },
		COMMON_LONGOPTS
	};
	int c, rc;

	while ((c = getopt_long(argc, argv, COMMON_SHORTOPTS, longopts,
	    NULL)) != -1) {
		switch (c) {
		case OPT_DATE:
			if (!with_date) {
				cli_usage_error(cli, _("%s takes no --date: "
				    "it applies as of --today"), cli->cmd->name);
				return cli->cmd->usage_status;
			}
			if (cli_parse_date(cli, "--date", optarg, &rq->date) !=
			    0)
				return cli->cmd->usage_status;
			rq->date_given = true;
			break;
		case OPT_NOTE:
			rq->note = optarg;
			break;
		case OPT_SOURCE:
			rq->source = optarg;
			break;
		default:
			if ((rc = cli_common_option(cli, c, optarg)) != 0)
				return rc > 0 ? EXIT_OK :
				    cli->cmd->usage_status;
		}
	}
	if (argc - optind != nargs) {
		if (argc - optind < nargs)
			cli_usage_error(cli, _("missing argument"));
		else
			cli_usage_error(cli, _("unexpected argument '%s'"),
			    argv[optind + nargs]);
		return cli->cmd->usage_status;
	}
	for (int i = 0; i < nargs; i++)
		args[i] = argv[optind + i];
	return -1;
}

static int
record_cmd(struct cli *cli, int argc, char **argv, enum record_accept accept,
    int nargs)
{
	struct request rq = { .accept = accept };
	const char *args[2] = { NULL, NULL };
	int rc;

	if ((rc = parse(cli, argc, argv, accept != ACCEPT_REOPEN, &rq, args,
	    nargs)) >= 0)
		return rc;
	rq.id = args[0];
	rq.text = args[1];
	return run(cli, &rq);
}

int
cmd_record(struct cli *cli, int argc, char **argv)
{
	return record_cmd(cli, argc, argv, ACCEPT_VALUE, 2);
}

int
cmd_progress(struct cli *cli, int argc, char **argv)
{
	return record_cmd(cli, argc, argv, ACCEPT_PROGRESS, 2);
}

int
cmd_done(struct cli *cli, int argc, char **argv)
{
	return record_cmd(cli, argc, argv, ACCEPT_DONE, 1);
}

int
cmd_reopen(struct cli *cli, int argc, char **argv)
{
	return record_cmd(cli, argc, argv, ACCEPT_REOPEN, 1);
}
