/*
 * config.h: reading plan files (format 1, planwatch-plan(5)).
 *
 * The loader is one pass over libyaml's event stream straight into a
 * struct plan, driven by the schema table in schema.c; libyaml types never
 * leave this folder.  Every problem found is added to the caller's diags
 * with its 1-based line and column; the load goes on after an error so that
 * validate can report them all.
 */
#ifndef CONFIG_CONFIG_H
#define CONFIG_CONFIG_H

#include <stddef.h>

#include "model/plan.h"
#include "util/diag.h"

/* Largest plan file accepted, in bytes, and deepest nesting. */
#define CONFIG_MAX_FILE		(64u * 1024 * 1024)
#define CONFIG_MAX_DEPTH	64
/* Longest single value (a name, a note), in bytes. */
#define CONFIG_MAX_SCALAR	(64u * 1024)

/*
 * Load the plan in path ("-" reads standard input).  Returns the plan, which
 * the caller frees with plan_free(), or NULL when the file had errors (all
 * of them are in d; warnings are added either way).
 */
struct plan	*config_load(const char *path, struct diags *d);
/* The same from a buffer in memory; name is used as the plan's file. */
struct plan	*config_load_buffer(const char *name, const char *data,
		    size_t len, struct diags *d);
/* Read the whole plan file (as config_load does) into *data, which the
 * caller frees; -1 with the reason in d. */
int		 config_read(const char *path, char **data, size_t *len,
		    struct diags *d);

/* What the loader's results depend on beside this program: libyaml's
 * version (a shared library can change under the same program). */
const char	*config_version(void);

/* Add a warning to d for each milestone with no lead (owner), at its
 * position (warn.c): validate's, not the loader's, so that such a plan is
 * still cached and loads without a word. */
void		 plan_warn_no_lead(const struct plan *, struct diags *d);

#endif
