/*
 * factcache.h: the facts cache, so that what the status rules read of a
 * database is read from SQLite once per change of the database, not once
 * per run (store.c uses it for store_load_facts_cached).
 *
 * A cache file holds a key, everything the facts read depend on (this
 * program's build, the database's real path, the generation its last
 * planwatch write set and its highest record number, and the whole query),
 * and the facts that query read.  It is used only when the key is the
 * very same, byte for byte; anything else is a miss.
 */
#ifndef DB_FACTCACHE_H
#define DB_FACTCACHE_H

#include <stdbool.h>
#include <stddef.h>

#include "model/facts.h"
#include "util/buf.h"

/* The cache file for the database at path and queries with this recent
 * (one file each: the commands ask with a few different ones); NULL when
 * there is none to use. */
char	*factcache_file(const char *path, size_t recent);

/* Append to key what the facts of q depend on. */
void	 factcache_key(struct buf *key, const char *path, long long generation,
	    long long maxseq, const struct facts_query *q);

/* The facts in file, if it holds key; NULL on a miss. */
struct facts *factcache_get(const char *file, const struct buf *key);

/* Replace file with f read under key; failures only mean no cache. */
void	 factcache_put(const char *file, const struct buf *key,
	    const struct facts *f);

/* The image of f (exposed for the tests), and the facts of an image:
 * NULL unless it is whole and every fact in it is one the store can
 * return. */
void	 facts_image_write(const struct facts *f, struct buf *out);
struct facts *facts_image_read(const char *img, size_t len);

#endif
