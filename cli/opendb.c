/* opendb.c: opening the database for a command (record, log, import,
 * export, backup), with the error printed once. */
#include <stdlib.h>

#include "cli/cli.h"
#include "session/session.h"
#include "util/i18n.h"

struct store *
cli_open_store(const struct cli *cli, bool write, const struct plan *p)
{
	struct store *s;
	char *db, *err = NULL;

	if ((db = cli_db_path(cli)) == NULL) {
		cli_error(_("no database: the plan comes from standard input; "
		    "name one with -d"));
		return NULL;
	}
	if (session_open_store(db, write, &s, &err) != 0)
		s = NULL;
	else if (p != NULL && store_use_plan(s, p->id, &err) != 0) {
		store_close(s);
		s = NULL;
	}
	if (s == NULL) {
		cli_error("%s", err);
		free(err);
	}
	free(db);
	return s;
}
