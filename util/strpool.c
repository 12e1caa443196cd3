/*
 * strpool.c: strings packed in large blocks (see strpool.h).
 */
#include <stdlib.h>
#include <string.h>

#include "util/strpool.h"
#include "util/xalloc.h"

struct strpool {
	struct strpool	*next;
	size_t		 used, cap;
	char		 buf[];
};

/* A little under 64 KiB, so a block and malloc's header share a round
 * size. */
#define POOL_BLOCK	(64 * 1024 - 64)

char *
strpool_ndup(struct strpool **pool, const char *s, size_t n)
{
	struct strpool *b = *pool;
	char *d;

	if (b == NULL || b->cap - b->used <= n) {
		size_t cap = n >= POOL_BLOCK / 4 ? n + 1 : POOL_BLOCK;
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
	}
	d = b->buf + b->used;
	memcpy(d, s, n);
	d[n] = '\0';
	b->used += n + 1;
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
