/*
 * cache.h: the session's cache of a review's inputs, so that a plan is
 * parsed, and the facts a review reads are read from the store, once per
 * change, not once per run (cron runs check every few minutes against a
 * plan that changes weekly).
 *
 * A cache file holds the plan's image and, for a store that offers a
 * change token (store_change_token), the facts a review as of a date read,
 * under a key of everything they depend on (cache_key in cache.c, the one
 * place that says when an entry may be used).  Anything unexpected is a
 * miss: the plan is parsed and the facts read as if there were no cache,
 * and nothing is said.  Where the files live and whose they may be:
 * util/cachefile.h.
 */
#ifndef SESSION_CACHE_H
#define SESSION_CACHE_H

#include <stddef.h>
#include <stdint.h>

#include "model/date.h"
#include "model/facts.h"
#include "model/plan.h"
#include "util/diag.h"

/* What a review's inputs are asked for with. */
struct cache_key {
	const char	*plan;		/* the plan file, as named */
	const char	*store;		/* NULL: the plan only; else the
					   store's location, whose facts
					   are cached too */
	uint64_t	 token;		/* the store's change token, read
					   before anything else of it */
	pw_day		 asof;		/* the facts query's date */
	size_t		 recent;	/* and latest values per target */
};

/* An entry to write once the facts are read (cache_fill_put). */
struct cache_fill;

/*
 * The plan at k->plan as config_load() would give it, and with k->store
 * the facts of review_query_init(plan, k->asof, k->recent) as that store
 * gives them.  On a hit, *facts is set (NULL without k->store) and *fill
 * is NULL.  On a miss the plan is parsed (its diagnostics in d), *facts is
 * NULL, and *fill set when the entry may be written: the caller then
 * reads the facts and calls cache_fill_put().
 */
struct plan	*cache_load(const struct cache_key *k, struct facts **facts,
		    struct cache_fill **fill, struct diags *d);
/* Write the entry of p and f (NULL without k->store), then free fill;
 * failures only mean no cache.  A NULL fill is nothing to write. */
void		 cache_fill_put(struct cache_fill *fill, const struct plan *p,
		    const struct facts *f);
void		 cache_fill_free(struct cache_fill *);

#endif
