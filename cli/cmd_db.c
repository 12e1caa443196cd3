/*
 * cmd_db.c: planwatch db init | publish | grant ROLE --dept ID: what the
 * office does to a PostgreSQL store besides recording (planwatch-db(1)):
 * make or move its schema forward, publish the plan's departments and
 * items with who leads and supports each, and map a server role to a
 * department.  The server enforces the rest (db/pg_schema.sql).  db copy
 * FROM TO, between stores of any kind, is cmd_db_copy.c's.
 */
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "db/pg.h"
#include "model/plan.h"
#include "util/i18n.h"
#include "util/text.h"

/* The PostgreSQL location to work on; NULL (said) when there is none. */
static char *
pg_where(const struct cli *cli)
{
	char *db = cli_db_path(cli);

	if (db != NULL && pg_location(db))
		return db;
	free(db);
	cli_error(_("db works on a PostgreSQL store: name one with "
	    "-d postgresql://..."));
	return NULL;
}

static int
db_init(const char *where)
{
	char *err = NULL;
	int from, to;

	if (pg_db_init(where, &from, &to, &err) != STORE_OK) {
		cli_error("%s", err);
		free(err);
		return EXIT_ERROR;
	}
	if (from == to)
		printf(_("the schema is at version %d already\n"), to);
	else
		printf(_("the schema moved from version %d to %d\n"), from, to);
	return EXIT_OK;
}

static int
db_publish(struct cli *cli, const char *where)
{
	struct plan *p;
	char *err = NULL, *id;
	size_t items;

	if ((p = cli_load_plan(cli, true)) == NULL)
		return EXIT_ERROR;
	if (pg_db_publish(where, p, &err) != STORE_OK) {
		cli_error("%s", err);
		free(err);
		plan_free(p);
		return EXIT_ERROR;
	}
	items = p->nphases + p->nms + p->ntargets;
	id = text_safe(p->id);
	printf(_("published plan '%s': %zu departments, %zu items\n"), id,
	    p->ndepts, items);
	free(id);
	plan_free(p);
	return EXIT_OK;
}

static int
db_grant(struct cli *cli, const char *where, const char *role,
    const char *dept)
{
	struct plan *p;
	char *err = NULL, *r, *d, *id;

	if ((p = cli_load_plan(cli, true)) == NULL)
		return EXIT_ERROR;
	if (pg_db_grant(where, p->id, role, dept, &err) != STORE_OK) {
		cli_error("%s", err);
		free(err);
		plan_free(p);
		return EXIT_ERROR;
	}
	r = text_safe(role);
	d = text_safe(dept);
	id = text_safe(p->id);
	printf(_("role '%s' answers for department '%s' of plan '%s'\n"), r,
	    d, id);
	free(r);
	free(d);
	free(id);
	plan_free(p);
	return EXIT_OK;
}

int
cmd_db(struct cli *cli, const struct cmd_args *a)
{
	const char *what = a->argv[0], *dept = cmd_args_get(a, "dept");
	char *where;
	int rc;

	if (strcmp(what, "copy") == 0 && a->argc == 3 && dept == NULL)
		return cmd_db_copy(cli, a->argv[1], a->argv[2]);
	if (strcmp(what, "grant") == 0 ? a->argc != 2 || dept == NULL :
	    a->argc != 1 || dept != NULL ||
	    (strcmp(what, "init") != 0 && strcmp(what, "publish") != 0)) {
		cli_usage_error(cli, _("expected init, publish, grant ROLE "
		    "--dept ID, or copy FROM TO"));
		return EXIT_USAGE;
	}
	if ((where = pg_where(cli)) == NULL)
		return EXIT_ERROR;
	if (strcmp(what, "init") == 0)
		rc = db_init(where);
	else if (strcmp(what, "publish") == 0)
		rc = db_publish(cli, where);
	else
		rc = db_grant(cli, where, a->argv[1], dept);
	free(where);
	return rc;
}
