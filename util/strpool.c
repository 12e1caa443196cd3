/*
 * strpool.c: strings packed in large blocks (see strpool.h).
 */
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include "util/strpool.h"
#include "util/xalloc.h"

struct strpool {
	struct strpool	*next;
	size_t		 used, cap;
	max_align_t	 buf[];		/* bytes, aligned for any array */
};

/* A little under 64 KiB, so a block and malloc's header share a round
 * size. */
#define POOL_BLOCK	(64 * 1024 - 64)

/* n bytes at a multiple of align (a power of two, at most max_align_t's). */
static void *
take(struct strpool **pool, size_t n, size_t align)
{
	struct strpool *b = *pool;
	size_t at = b != NULL ? (b->used + align - 1) & ~(align - 1) : 0;

	if (b == NULL || at > b->cap || b->cap - at < n) {
		size_t cap = n > POOL_BLOCK / 4 ? n : POOL_BLOCK;
		struct strpool *nb = xmalloc(sizeof *nb + cap);

		nb->used = 0;
		nb->cap = cap;
		if (cap > POOL_BLOCK && b != NULL) {
			/* A long string gets a block of its own, behind the
			 * one still being filled. */
			nb->next = b->next;
			b->next = nb;
		} else {
			nb->next = b;
			*pool = nb;
		}
		b = nb;
		at = 0;
	}
	b->used = at + n;
	return (char *)b->buf + at;
}

void *
strpool_alloc(struct strpool **pool, size_t n)
{
	return take(pool, n, _Alignof(max_align_t));
}

char *
strpool_ndup(struct strpool **pool, const char *s, size_t n)
{
	char *d = take(pool, n + 1, 1);

	memcpy(d, s, n);
	d[n] = '\0';
	return d;
}

char *
strpool_dup(struct strpool **pool, const char *s)
{
	return strpool_ndup(pool, s, strlen(s));
}

void
strpool_free(struct strpool *pool)
{
	while (pool != NULL) {
		struct strpool *next = pool->next;
		free(pool);
		pool = next;
	}
}
