/*
 * cmd_void.c: planwatch void ID DATE (planwatch-record(1)): cancel what is
 * recorded for an id as of a date, by a new row of the kind void that the
 * history keeps.  Nothing is deleted.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "db/store.h"
#include "model/record.h"
#include "util/buf.h"
#include "util/i18n.h"
#include "util/text.h"
#include "util/xalloc.h"

/*
 * What is in force for id as of day, in words ("value 12, done"), into b;
 * how many rows.  The id is matched exactly, not its instances.
 */
static int
in_force(struct store *s, const char *id, pw_day day, struct buf *b,
    size_t *count, char **err)
{
	struct history_query q = { .item = id, .since = day, .until = day,
	    .current_only = true, .oldest_first = true };
	struct history_row *rows;
	char num[32];
	size_t n;

	*count = 0;
	if (store_history(s, &q, &rows, &n, err) != 0)
		return -1;
	for (size_t i = 0; i < n; i++) {
		const struct history_row *r = &rows[i];

		if (strcmp(r->item, id) != 0)
			continue;
		if ((*count)++ > 0)
			buf_puts(b, ", ");
		buf_puts(b, fact_kind_word(r->kind));
		if (r->kind == FACT_VALUE && r->level != NULL) {
			char *lv = text_quote(r->level);

			buf_printf(b, " %s", lv);
			free(lv);
		} else if (r->kind == FACT_VALUE) {
			record_format_number(r->value, num);
			buf_printf(b, " %s", num);
		} else if (r->kind == FACT_PROGRESS) {
			record_format_number(r->value, num);
			buf_printf(b, " %s%%", num);
		}
	}
	history_rows_free(rows, n);
	return 0;
}

int
cmd_void(struct cli *cli, const struct cmd_args *a)
{
	const char *id = a->argv[0], *note = cmd_args_get(a, "note");
	struct store *s = NULL;
	struct record_in in;
	struct buf what = BUF_INIT;
	char *err = NULL, *safe = NULL, day[11];
	size_t n;
	pw_day date;
	int rc = EXIT_ERROR;

	if (cli_parse_date(cli, "DATE", a->argv[1], &date) != 0)
		return cli->cmd->usage_status;
	if (note != NULL && !utf8_valid(note, strlen(note))) {
		cli_error(_("%s is not valid UTF-8"), "--note");
		return EXIT_ERROR;
	}
	date_iso(date, day);
	safe = text_quote(id);
	if ((s = cli_open_store(cli, true, NULL)) == NULL)
		goto out;
	if (in_force(s, id, date, &what, &n, &err) != 0)
		goto out;
	if (n == 0) {
		err = xasprintf(_("nothing is recorded for '%s' as of %s: "
		    "nothing to void"), safe, day);
		goto out;
	}
	in = (struct record_in){ .kind = FACT_VOID, .item = id, .date = date,
	    .note = note, .by = cli->by };
	if (store_record(s, &in, 1, &err) != 0)
		goto out;
	/* TRANSLATORS: the last %s lists what was cancelled, in the
	 * machine's words: "value 12", "progress 40%", "done". */
	printf(_("voided '%s' as of %s (%s)\n"), safe, day, buf_str(&what));
	rc = EXIT_OK;
out:
	if (err != NULL) {
		cli_error("%s", err);
		free(err);
	}
	free(safe);
	buf_release(&what);
	store_close(s);
	return rc;
}
