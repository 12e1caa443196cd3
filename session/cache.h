/*
 * cache.h: the session's cache of a review's inputs, so that a plan is
 * parsed, and the facts a review reads are read from the store, once per
 * change, not once per run (cron runs check every few minutes against a
 * plan that changes weekly).
 *
 * A cache file holds the plan's image and, for a store that offers a
 * change token (store_change_token), the facts a review's query read,
 * each under a key of everything it depends on (cache_key() in cache.c,
 * the one place that says when an entry may be used).  Anything
 * unexpected is a miss: the plan is parsed and the facts read as if there
 * were no cache, and nothing is said.  Where the files live and whose they
 * may be: util/cachefile.h.
 */
#ifndef SESSION_CACHE_H
#define SESSION_CACHE_H

#include <stddef.h>
#include <stdint.h>

#include "model/facts.h"
#include "model/plan.h"
#include "util/diag.h"

/* What a review's inputs are asked for with. */
struct cache_key {
	const char	*plan;		/* the plan file, as named */
	const char	*store;		/* NULL: the plan only; else the
					   store's location, whose facts
					   may be kept too */
	size_t		 recent;	/* which file: one for each count of
					   recent values a command asks */
};

/* A cache file being read, and what it lacked, to write. */
struct cache_entry;

/*
 * The plan at k->plan as config_load() would give it: from the cache
 * file, or parsed (its diagnostics in d).  *e is set to the entry, or NULL
 * when there is no cache to use; the caller asks it for the facts, then
 * puts what was missing.
 */
struct plan	*cache_plan(const struct cache_key *k, struct cache_entry **e,
		    struct diags *d);
/* The facts of q (made of the plan: review_query_init) as the store gave
 * them in the state its change token names (read before anything else of
 * the store), if the entry holds them; NULL on a miss.  The caller frees
 * them. */
struct facts	*cache_facts(struct cache_entry *e, uint64_t token,
		    const struct facts_query *q);
/* The facts read after cache_facts() missed are not to be kept: the
 * store's change token moved while they were read. */
void		 cache_facts_drop(struct cache_entry *e);
/* Write what e lacked: p, parsed, and f, read from the store (NULL for a
 * plan alone); then free e.  Failures only mean no cache. */
void		 cache_put(struct cache_entry *e, const struct plan *p,
		    const struct facts *f);
void		 cache_entry_free(struct cache_entry *);

#endif
