/*
 * facts.c: what was recorded, keyed by item id.
 *
 * Lists are found by an open-addressing hash of the item id.  Ids and level
 * names are copied into a string pool (util/strpool.h), so loading a
 * history of any size costs a few allocations per item, not one per fact;
 * a level equal to the one before it in the same list is shared, not copied
 * again.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "model/facts.h"
#include "util/hash.h"
#include "util/strpool.h"
#include "util/xalloc.h"

static const char *const kind_words[] = {
	[FACT_VALUE] = "value", [FACT_PROGRESS] = "progress",
	[FACT_DONE] = "done", [FACT_REOPEN] = "reopen", [FACT_VOID] = "void"
};

const char *
fact_kind_word(enum fact_kind k)
{
	return kind_words[k];
}

int
fact_kind_parse(const char *s)
{
	for (size_t k = 0; k < sizeof kind_words / sizeof *kind_words; k++)
		if (strcmp(s, kind_words[k]) == 0)
			return (int)k;
	return -1;
}

/* A slot keeps its list's hash, so that a probe compares ids only when
 * the hashes agree and rarely touches a list (tens of thousands of
 * instances are looked up in a review). */
struct slot {
	uint32_t	   hash;
	struct fact_list  *list;	/* NULL: empty */
};

/* Lists are made LIST_BLOCK at a time. */
#define LIST_BLOCK	256

struct list_block {
	struct list_block *next;
	size_t		   used;
	struct fact_list   lists[LIST_BLOCK];
};

struct facts {
	struct slot	  *slot;	/* open addressing by item */
	size_t		   cap;		/* power of two */
	struct fact_list **items;	/* in order of first appearance */
	size_t		   nitems;
	size_t		   total;
	struct strpool	   *strings;	/* item ids and levels */
	struct list_block  *blocks;	/* the lists, newest block first */
};

struct facts *
facts_new(void)
{
	struct facts *f = xcalloc(1, sizeof *f);

	f->cap = 64;
	f->slot = xcalloc(f->cap, sizeof *f->slot);
	return f;
}

void
facts_free(struct facts *f)
{
	if (f == NULL)
		return;
	for (size_t i = 0; i < f->nitems; i++)
		free(f->items[i]->v);
	while (f->blocks != NULL) {
		struct list_block *next = f->blocks->next;
		free(f->blocks);
		f->blocks = next;
	}
	strpool_free(f->strings);
	free(f->items);
	free(f->slot);
	free(f);
}

static struct slot *
find_slot(struct slot *slot, size_t cap, const char *item, uint32_t hash)
{
	size_t i = hash & (cap - 1);

	while (slot[i].list != NULL && (slot[i].hash != hash ||
	    strcmp(slot[i].list->item, item) != 0))
		i = (i + 1) & (cap - 1);
	return &slot[i];
}

static void
grow(struct facts *f)
{
	size_t cap = f->cap * 2;
	struct slot *slot = xcalloc(cap, sizeof *slot);

	for (size_t i = 0; i < f->cap; i++) {
		struct slot *o = &f->slot[i];
		if (o->list != NULL)
			*find_slot(slot, cap, o->list->item, o->hash) = *o;
	}
	free(f->slot);
	f->slot = slot;
	f->cap = cap;
}

static struct fact_list *
new_list(struct facts *f)
{
	struct list_block *b = f->blocks;

	if (b == NULL || b->used == LIST_BLOCK) {
		b = xcalloc(1, sizeof *b);
		b->next = f->blocks;
		f->blocks = b;
	}
	return &b->lists[b->used++];
}

struct fact_list *
facts_list(struct facts *f, const char *item)
{
	uint32_t hash = hash_str(item);
	struct slot *s = find_slot(f->slot, f->cap, item, hash);
	struct fact_list *l;

	if (s->list != NULL)
		return s->list;
	if ((f->nitems + 1) * 2 > f->cap) {
		grow(f);
		s = find_slot(f->slot, f->cap, item, hash);
	}
	l = new_list(f);
	l->item = strpool_dup(&f->strings, item);
	l->since = DAY_NONE;
	s->hash = hash;
	s->list = l;
	if ((f->nitems & (f->nitems - 1)) == 0)
		f->items = xreallocarray(f->items,
		    f->nitems ? f->nitems * 2 : 1, sizeof *f->items);
	f->items[f->nitems++] = l;
	return l;
}

void
facts_push(struct facts *f, struct fact_list *l, const struct fact *fact)
{
	struct fact *x;

	if (l->n == l->cap) {
		l->cap = l->cap ? l->cap * 2 : 2;
		l->v = xreallocarray(l->v, l->cap, sizeof *l->v);
	}
	x = &l->v[l->n];
	*x = *fact;
	if (fact->level != NULL) {
		const char *prev = l->n > 0 ? l->v[l->n - 1].level : NULL;
		x->level = prev != NULL && strcmp(prev, fact->level) == 0 ?
		    prev : strpool_dup(&f->strings, fact->level);
	}
	l->n++;
	f->total++;
}

void
facts_reserve(struct fact_list *l, size_t n)
{
	if (n > l->cap) {
		l->v = xreallocarray(l->v, n, sizeof *l->v);
		l->cap = n;
	}
}

void
facts_move(struct facts *dst, struct facts *src)
{
	struct facts empty = *dst;

	*dst = *src;
	*src = empty;
	facts_free(src);
}

void
facts_add(struct facts *f, const char *item, const struct fact *fact)
{
	facts_push(f, facts_list(f, item), fact);
}

const struct fact_list *
facts_get(const struct facts *f, const char *item)
{
	return find_slot(f->slot, f->cap, item, hash_str(item))->list;
}

const struct fact_list *const *
facts_items(const struct facts *f, size_t *n)
{
	*n = f->nitems;
	return (const struct fact_list *const *)f->items;
}

size_t
facts_total(const struct facts *f)
{
	return f->total;
}

bool
value_want_counts(const struct value_want *w, const char *level)
{
	if (w->levels == NULL)
		return true;
	for (size_t i = 0; level != NULL && i < w->nlevels; i++)
		if (strcmp(w->levels[i], level) == 0)
			return true;
	return false;
}

bool
value_want_year(const struct value_want *w, const struct fact *latest)
{
	double v = latest->value;

	switch (w->year) {
	case YEAR_ALWAYS:
		return true;
	case YEAR_NEVER:
		return false;
	case YEAR_UNLESS_MET:
		break;
	}
	if (w->levels != NULL) {
		v = -1;
		for (size_t i = 0; latest->level != NULL && i < w->nlevels; i++)
			if (strcmp(w->levels[i], latest->level) == 0) {
				v = (double)i;
				break;
			}
	}
	return !direction_meets(w->year_dir, v, w->year_target);
}
