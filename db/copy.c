/*
 * copy.c: store_copy (store.h), planwatch db copy: every record of one
 * store written into another that holds none, whatever their backends,
 * as it was recorded.
 *
 * The rows are read oldest first (store_each) and added in that order in
 * one transaction of the destination (the backend's copy_add).  A row's
 * supersession is kept by its seq: the source says which later row
 * superseded each (superseded_by), and when that row comes, it is added
 * with the destination's seq of every row it superseded.  Those waiting
 * are kept in a heap by the seq of the row they wait for, so that a
 * history of any length needs memory only for the links still open.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "db/backend.h"
#include "db/store.h"
#include "util/i18n.h"
#include "util/xalloc.h"

/* A row copied that waits for the row that superseded it. */
struct link {
	long long	 by;	/* the superseding row's seq in the source */
	long long	 seq;	/* the superseded row's seq in the copy */
	long long	 was;	/* and in the source */
};

struct copy {
	struct store	*from;
	struct store_batch *b;
	struct link	*heap;		/* a min-heap by .by */
	size_t		 nheap, heapcap;
	long long	*sup;		/* the current row's supersedes */
	size_t		 supcap;
	size_t		 n;
	char		*err;		/* why copy_row stopped */
	enum store_error kind;
};

static void
heap_push(struct copy *c, struct link l)
{
	size_t i;

	if (c->nheap == c->heapcap) {
		c->heapcap = c->heapcap ? c->heapcap * 2 : 64;
		c->heap = xreallocarray(c->heap, c->heapcap, sizeof *c->heap);
	}
	for (i = c->nheap++; i > 0 && c->heap[(i - 1) / 2].by > l.by;
	    i = (i - 1) / 2)
		c->heap[i] = c->heap[(i - 1) / 2];
	c->heap[i] = l;
}

static void
heap_pop(struct copy *c)
{
	struct link last = c->heap[--c->nheap];
	size_t i = 0, k;

	while ((k = 2 * i + 1) < c->nheap) {
		if (k + 1 < c->nheap && c->heap[k + 1].by < c->heap[k].by)
			k++;
		if (last.by <= c->heap[k].by)
			break;
		c->heap[i] = c->heap[k];
		i = k;
	}
	if (c->nheap > 0)
		c->heap[i] = last;
}

/* A link the source names that no later row of it answers: one to a row
 * not there, or back to the row itself or to one before it (a cycle). */
static int
dangling(struct copy *c, long long seq, long long by)
{
	const char *store = store_location(c->from);

	c->kind = STORE_ECORRUPT;
	if (by > seq)
		c->err = xasprintf(_("%s: record %lld is superseded by record "
		    "%lld, which is not there"), store, seq, by);
	else
		c->err = xasprintf(_("%s: record %lld is superseded by record "
		    "%lld, which is not a later one"), store, seq, by);
	return 1;
}

/* Why the destination refused row seq, naming that row of the source. */
static int
refused(struct copy *c, long long seq)
{
	char *why = c->err;

	c->err = xasprintf(_("%s: record %lld cannot be copied: %s"),
	    store_location(c->from), seq, why != NULL ? why : "?");
	free(why);
	return 1;
}

static int
copy_row(const struct history_row *h, void *arg)
{
	struct copy *c = arg;
	struct store *to = c->b->s;
	struct record_copy rc;
	size_t nsup = 0;
	long long seq;

	/* The rows it superseded, copied already. */
	while (c->nheap > 0 && c->heap[0].by <= h->seq) {
		if (c->heap[0].by < h->seq)
			return dangling(c, c->heap[0].was, c->heap[0].by);
		if (nsup == c->supcap) {
			c->supcap = c->supcap ? c->supcap * 2 : 8;
			c->sup = xreallocarray(c->sup, c->supcap,
			    sizeof *c->sup);
		}
		c->sup[nsup++] = c->heap[0].seq;
		heap_pop(c);
	}
	rc.r.kind = h->kind;
	rc.r.item = h->item;
	rc.r.date = h->date;
	rc.r.value = h->value;
	rc.r.level = h->kind == FACT_VALUE ? h->level : NULL;
	rc.r.note = h->note;
	rc.r.source = h->source;
	rc.r.by = h->by;
	rc.recorded = h->recorded;
	rc.seq = h->seq;
	rc.supersedes = c->sup;
	rc.nsupersedes = nsup;
	if (store_record_check(to, &rc.r, &c->err) != STORE_OK) {
		c->kind = store_error(to);
		return refused(c, h->seq);
	}
	if (to->ops->copy_add(c->b, &rc, &seq, &c->err) != 0) {
		c->kind = store_error(to) != STORE_OK ? store_error(to) :
		    STORE_EOTHER;
		return refused(c, h->seq);
	}
	if (h->superseded_by > h->seq)
		heap_push(c, (struct link){ h->superseded_by, seq, h->seq });
	else if (h->superseded_by != 0)
		return dangling(c, h->seq, h->superseded_by);
	c->n++;
	return 0;
}

enum store_error
store_copy(struct store *from, struct store *to, size_t *n, char **err)
{
	struct history_query q = { .since = DAY_NONE, .until = DAY_NONE,
	    .oldest_first = true };
	struct copy c = { .from = from };
	int rc;

	*n = 0;
	if (to->ops->copy_begin == NULL) {
		*err = xasprintf(_("%s: this store cannot be copied into"),
		    store_location(to));
		return to->error = STORE_EUNSUPPORTED;
	}
	to->error = STORE_OK;
	if (to->ops->copy_begin(to, &c.b, err) != 0)
		return to->error != STORE_OK ? to->error :
		    (to->error = STORE_EOTHER);
	rc = store_each(from, &q, copy_row, &c, err);
	if (rc == 0 && c.nheap > 0)
		rc = dangling(&c, c.heap[0].was, c.heap[0].by);
	if (rc == 0 && c.n == 0) {
		c.kind = STORE_EINVALID;
		c.err = xasprintf(_("%s holds no record: nothing to copy"),
		    store_location(from));
		rc = 1;
	}
	free(c.heap);
	free(c.sup);
	if (rc != 0) {
		to->ops->copy_end(c.b, false, NULL);
		if (rc < 0)	/* from failed */
			return store_error(from);
		*err = c.err;
		return to->error = c.kind;
	}
	to->error = STORE_OK;
	if (to->ops->copy_end(c.b, true, err) != 0)
		return to->error != STORE_OK ? to->error :
		    (to->error = STORE_EOTHER);
	*n = c.n;
	return STORE_OK;
}
