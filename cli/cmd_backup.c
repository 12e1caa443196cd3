/* cmd_backup.c: planwatch backup FILE: a consistent copy of the live
 * database through SQLite's online backup, safe while others write. */
#include <stdlib.h>

#include "cli/cli.h"
#include "db/store.h"
#include "util/i18n.h"
#include "util/text.h"
#include "util/xalloc.h"

int
cmd_backup(struct cli *cli, const struct cmd_args *a)
{
	struct store *s;
	char *err = NULL, *safe;
	int rc;

	if ((s = cli_open_store(cli, false, NULL)) == NULL)
		return EXIT_ERROR;
	rc = store_backup(s, a->argv[0], &err);
	store_close(s);
	if (rc != 0) {
		cli_error("%s", err);
		free(err);
		return EXIT_ERROR;
	}
	safe = text_safe(a->argv[0]);
	printf(_("backed up to %s\n"), safe);
	free(safe);
	return EXIT_OK;
}
