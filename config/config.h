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

/*
 * config_load through the plan cache (cache.c): when the cache holds an
 * image of this very file (the same name and the same bytes), the plan is
 * read from it instead of parsed; otherwise the file is parsed and, when
 * it loads with no diagnostic at all, its image is cached for next time.
 * Either way the plan and the errors are those config_load would give.
 */
struct plan	*config_load_cached(const char *path, struct diags *d);
/* Its two halves: the plan cached for the plan file at path as the file
 * is now, or NULL; and caching p, loaded from data (len bytes read from
 * path).  Neither reports anything: a cache that cannot be used is none. */
struct plan	*config_cache_get(const char *path);
void		 config_cache_put(const char *path, const struct plan *p,
		    const char *data, size_t len);

/* Add a warning to d for each milestone with no lead (owner), at its
 * position (warn.c): validate's, not the loader's, so that such a plan is
 * still cached and loads without a word. */
void		 plan_warn_no_lead(const struct plan *, struct diags *d);

#endif
