/* opendb.c: opening the database for a command (record, log, import,
 * export, backup), with the error printed once. */
#include <stdlib.h>

#include "cli/cli.h"
#include "db/store.h"
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
	if (store_open(db, write ? STORE_WRITE : STORE_READ, &s, &err) != 0) {
		cli_error("%s", err);
		free(err);
		s = NULL;
	}
	free(db);
	return s;
}
