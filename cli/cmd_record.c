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

struct request {
	enum record_accept accept;
	const char	*id, *text;
	const char	*note, *source;
	pw_day		 date;		/* DAY_NONE: --today */
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
	case FACT_VOID:	/* planwatch void's (cmd_void.c) */
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
	if (rq->date == DAY_NONE)
		rq->date = cli->today;
	if (record_parse_msg(p, rq->accept, rq->id, rq->text, &v, &err) != 0) {
		cli_error("%s", err);
		free(err);
		plan_free(p);
		return EXIT_ERROR;
	}
	if (record_check_date_msg(p, rq->date, cli->today, &err) != 0)
		goto out;
	if ((s = cli_open_store(cli, true, p)) == NULL)
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

/* The request of a's line; reopen applies as of --today. */
static int
record_cmd(struct cli *cli, const struct cmd_args *a,
    enum record_accept accept)
{
	struct request rq = { .accept = accept, .id = a->argv[0],
	    .text = a->argc > 1 ? a->argv[1] : NULL,
	    .note = cmd_args_get(a, "note"),
	    .source = cmd_args_get(a, "source"), .date = DAY_NONE };

	if (accept == ACCEPT_REOPEN && cmd_args_flag(a, "date")) {
		cli_usage_error(cli, _("%s takes no --date: it applies as of "
		    "--today"), cli->cmd->name);
		return cli->cmd->usage_status;
	}
	if (accept != ACCEPT_REOPEN)
		rq.date = cmd_args_day(a, "date");
	return run(cli, &rq);
}

int
cmd_record(struct cli *cli, const struct cmd_args *a)
{
	return record_cmd(cli, a, ACCEPT_VALUE);
}

int
cmd_progress(struct cli *cli, const struct cmd_args *a)
{
	return record_cmd(cli, a, ACCEPT_PROGRESS);
}

int
cmd_done(struct cli *cli, const struct cmd_args *a)
{
	return record_cmd(cli, a, ACCEPT_DONE);
}

int
cmd_reopen(struct cli *cli, const struct cmd_args *a)
{
	return record_cmd(cli, a, ACCEPT_REOPEN);
}
