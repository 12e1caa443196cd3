/*
 * facts.h: what was recorded, as the status rules see it.
 *
 * The store (db/) reads its rows into a struct facts; the rules (status.c)
 * read them back by item id.  Facts are keyed by the id as recorded (a
 * target, a milestone, or an instance "M@2024-03"), so readings for ids the
 * plan no longer has are kept and can be reported.  Superseded values are
 * not the store's concern here: for a target and date, the fact with the
 * highest seq wins (the rules apply that).
 */
#ifndef MODEL_FACTS_H
#define MODEL_FACTS_H

#include <stddef.h>

#include "model/date.h"

enum fact_kind {
	FACT_VALUE,	/* a target's value: value, or level for a scale */
	FACT_PROGRESS,	/* a milestone's progress: value is 0..100 */
	FACT_DONE,	/* completed on date */
	FACT_REOPEN	/* completion undone as of date */
};

struct fact {
	enum fact_kind	 kind;
	pw_day		 date;		/* the date it is true as of */
	double		 value;
	char		*level;		/* FACT_VALUE of a scale: the level
					   name as recorded; else NULL */
	long long	 seq;		/* order of recording */
};

struct fact_list {
	struct fact	*v;
	size_t		 n, cap;
	char		*item;		/* the id they were recorded for */
};

struct facts;

struct facts	*facts_new(void);
void		 facts_free(struct facts *);
/* Add a copy of f (its level is copied) under item. */
void		 facts_add(struct facts *, const char *item, const struct fact *f);
/* The facts of item, in the order added; NULL when there are none. */
const struct fact_list *facts_get(const struct facts *, const char *item);
/* Every item's list, for reporting orphans: *n set to the count. */
const struct fact_list *const *facts_items(const struct facts *, size_t *n);
/* Total number of facts held. */
size_t		 facts_total(const struct facts *);

#endif
