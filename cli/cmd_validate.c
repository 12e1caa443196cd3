/* cmd_validate.c: planwatch validate: check a plan file, report every
 * problem. */
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "config/config.h"
#include "model/plan.h"
#include "session/session.h"
#include "util/diag.h"
#include "util/i18n.h"
#include "util/text.h"
#include "util/xalloc.h"

/* Milestone instances: a recurring milestone counts each period. */
static size_t
count_instances(const struct plan *p)
{
	struct instance *v = NULL;
	size_t n = 0, cap = 0, total = 0;

	for (size_t i = 0; i < p->nms; i++) {
		n = 0;
		plan_instances(p, (int)i, &v, &n, &cap);
		total += n;
	}
	free(v);
	return total;
}

int
cmd_validate(struct cli *cli, const struct cmd_args *a)
{
	bool verbose = cmd_args_flag(a, "verbose");
	int rc;
	const char *path = cli_plan_path(cli);
	struct diags d;
	diags_init(&d, path);
	struct plan *p = session_load_plan(path, false, &d);
	if (p != NULL)
		plan_warn_no_lead(p, &d);
	diags_sort(&d);
	diags_print(&d, stderr);
	if (p != NULL && verbose) {
		char *file = text_safe(path);
		/* "phases: N" needs no plural forms. */
		printf(_("%s: ok: phases: %zu, milestones: %zu (instances: "
		    "%zu), targets: %zu, departments: %zu\n"), file,
		    p->nphases, p->nms, count_instances(p), p->ntargets,
		    p->ndepts);
		free(file);
	}
	rc = p != NULL ? EXIT_OK : EXIT_ERROR;
	plan_free(p);
	diags_release(&d);
	return rc;
}
