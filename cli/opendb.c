/* opendb.c: opening the database for a command (record, log, import,
 * export, backup), with the error printed once. */
#include <stdlib.h>

#include "cli/cli.h"
#include "session/session.h"
#include "util/i18n.h"

struct store *
cli_open_store(const struct cli *cli, bool write)
{
	struct store *s;
	char *db, *err = NULL;

	if ((db = cli_db_path(cli)) == NULL) {
		cli_error(_("no database: the plan comes from standard input; "
		    "name one with -d"));
		return NULL;
	}
	if (session_open_store(db, write, &s, &err) != 0) {
		cli_error("%s", err);
		free(err);
		s = NULL;
	}
	free(db);
	return s;
}
