/* facts.c: what was recorded, keyed by item id. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "model/facts.h"
#include "util/xalloc.h"

struct facts {
	struct fact_list **slot;	/* open addressing by item */
	size_t		   cap;		/* power of two */
	struct fact_list **items;	/* in order of first appearance */
	size_t		   nitems;
	size_t		   total;
};

static uint32_t
hash_str(const char *s)
{
	uint32_t h = 2166136261u;

	while (*s)
		h = (h ^ (unsigned char)*s++) * 16777619u;
	return h;
}

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
	for (size_t i = 0; i < f->nitems; i++) {
		struct fact_list *l = f->items[i];
		for (size_t k = 0; k < l->n; k++)
			free(l->v[k].level);
		free(l->v);
		free(l->item);
		free(l);
	}
	free(f->items);
	free(f->slot);
	free(f);
}

static struct fact_list **
find_slot(struct fact_list **slot, size_t cap, const char *item)
{
	size_t i = hash_str(item) & (cap - 1);

	while (slot[i] != NULL && strcmp(slot[i]->item, item) != 0)
		i = (i + 1) & (cap - 1);
	return &slot[i];
}

static void
grow(struct facts *f)
{
	size_t cap = f->cap * 2;
	struct fact_list **slot = xcalloc(cap, sizeof *slot);

	for (size_t i = 0; i < f->nitems; i++)
		*find_slot(slot, cap, f->items[i]->item) = f->items[i];
	free(f->slot);
	f->slot = slot;
	f->cap = cap;
}

void
facts_add(struct facts *f, const char *item, const struct fact *fact)
{
	struct fact_list **s = find_slot(f->slot, f->cap, item), *l;

	if (*s == NULL) {
		if ((f->nitems + 1) * 2 > f->cap) {
			grow(f);
			s = find_slot(f->slot, f->cap, item);
		}
		l = xcalloc(1, sizeof *l);
		l->item = xstrdup(item);
		*s = l;
		if ((f->nitems & (f->nitems - 1)) == 0)
			f->items = xreallocarray(f->items,
			    f->nitems ? f->nitems * 2 : 1, sizeof *f->items);
		f->items[f->nitems++] = l;
	}
	l = *s;
	if (l->n == l->cap) {
		l->cap = l->cap ? l->cap * 2 : 8;
		l->v = xreallocarray(l->v, l->cap, sizeof *l->v);
	}
	l->v[l->n] = *fact;
	l->v[l->n].level = fact->level ? xstrdup(fact->level) : NULL;
	l->n++;
	f->total++;
}

const struct fact_list *
facts_get(const struct facts *f, const char *item)
{
	return *find_slot(f->slot, f->cap, item);
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
