/*
 * strpool.h: strings packed in large blocks, freed all at once.
 *
 * For the many short strings that live exactly as long as their owner (a
 * plan's names, a history's item ids, a review's instance ids): one
 * allocation for thousands of strings, and one free for all of them.
 * A pool starts as a NULL pointer owned by the caller.
 */
#ifndef PLANWATCH_STRPOOL_H
#define PLANWATCH_STRPOOL_H

#include <stddef.h>

struct strpool;

/* Room for n bytes aligned as malloc's (for small arrays that live as long
 * as the strings), not zeroed, from *pool. */
void	*strpool_alloc(struct strpool **pool, size_t n);
/* A copy of the n bytes of s, NUL-terminated, from *pool; valid until
 * strpool_free(*pool). */
char	*strpool_ndup(struct strpool **pool, const char *s, size_t n);
/* The same for the string s. */
char	*strpool_dup(struct strpool **pool, const char *s);
/* Frees every string of the pool; NULL is fine. */
void	 strpool_free(struct strpool *pool);

#endif
