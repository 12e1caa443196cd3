/* cmd_backup.c: planwatch backup FILE: a consistent copy of the live
 * database through SQLite's online backup, safe while others write. */
#include <stdlib.h>

#include "cli/cli.h"
#include "db/store.h"
#include "util/i18n.h"
#include "util/text.h"
#include "util/xalloc.h"

int
cmd_backup(struct cli *cli, int argc, char **argv)
{
	static const struct option longopts[] = { COMMON_LONGOPTS };
	struct store *s;
	char *err = NULL, *safe;
	int c, rc;

	while ((c = getopt_long(argc, argv, COMMON_SHORTOPTS, longopts,
	    NULL)) != -1)
		if ((rc = cli_common_option(cli, c, optarg)) != 0)
			return rc > 0 ? EXIT_OK : cli->cmd->usage_status;
	if (argc - optind != 1) {
		cli_usage_error(cli, argc - optind < 1 ?
		    _("missing the file to write") :
		    _("unexpected argument"));
		return cli->cmd->usage_status;
	}
	if ((s = cli_open_store(cli, false)) == NULL)
		return EXIT_ERROR;
	rc = store_backup(s, argv[optind], &err);
	store_close(s);
	if (rc != 0) {
		cli_error("%s", err);
		free(err);
		return EXIT_ERROR;
	}
	safe = text_safe(argv[optind]);
	printf(_("backed up to %s\n"), safe);
	free(safe);
	return EXIT_OK;
}
