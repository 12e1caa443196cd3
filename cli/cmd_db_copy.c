/*
 * cmd_db_copy.c: planwatch db copy FROM TO (planwatch-db(1)): every record
 * of the plan's store FROM written into the empty store TO, as it was
 * recorded, whatever their backends (store_copy): a SQLite file moved to
 * a PostgreSQL server, or back.  Both stores work on the plan file's plan.
 */
#include <stdlib.h>

#include "cli/cli.h"
#include "db/store.h"
#include "model/plan.h"
#include "session/session.h"
#include "util/i18n.h"

/* Open where and bind it to plan id; NULL (said) on failure. */
static struct store *
open_for(const char *where, bool write, const char *id)
{
	struct store *s = NULL;
	char *err = NULL;

	if (session_open_store(where, write, &s, &err) == 0 &&
	    store_use_plan(s, id, &err) == 0)
		return s;
	if (err != NULL)
		cli_error("%s", err);
	free(err);
	if (s != NULL)
		store_close(s);
	return NULL;
}

int
cmd_db_copy(struct cli *cli, const char *from, const char *to)
{
	struct history_query one = { .since = DAY_NONE, .until = DAY_NONE,
	    .limit = 1 };
	struct history_row *rows;
	struct store *src = NULL, *dst = NULL;
	struct plan *p;
	char *err = NULL;
	int rc = EXIT_ERROR;
	size_t n;

	if ((p = cli_load_plan(cli, true)) == NULL)
		return EXIT_ERROR;
	if ((src = open_for(from, false, p->id)) == NULL)
		goto done;
	/* Nothing made at TO for a FROM that holds nothing (a mistyped
	 * name): store_copy would refuse it after TO was created. */
	if (store_history(src, &one, &rows, &n, &err) != STORE_OK) {
		cli_error("%s", err);
		free(err);
		goto done;
	}
	history_rows_free(rows, n);
	if (n == 0) {
		cli_error(_("%s holds no record: nothing to copy"),
		    store_location(src));
		goto done;
	}
	if ((dst = open_for(to, true, p->id)) == NULL)
		goto done;
	if (store_copy(src, dst, &n, &err) != STORE_OK) {
		cli_error("%s", err);
		free(err);
		goto done;
	}
	printf(ngettext("copied %zu record from %s to %s\n",
	    "copied %zu records from %s to %s\n", n), n,
	    store_location(src), store_location(dst));
	rc = EXIT_OK;
done:
	store_close(dst);
	store_close(src);
	plan_free(p);
	return rc;
}
