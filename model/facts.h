/*
 * facts.h: what was recorded, as the status rules see it.
 *
 * The store (db/) reads its rows into a struct facts; the rules (status.c)
 * read them back by item id.  Facts are keyed by the id as recorded (a
 * target, a milestone, or an instance "M@2024-03").  Superseded values are
 * not the store's concern here: for a target and date, the fact with the
 * highest seq wins (the rules apply that).
 *
 * A struct facts holds either the whole history (store_load_facts) or only
 * what the rules read as of one date (store_load_facts_asof with a struct
 * facts_query): then each target's list is complete from its since date,
 * with a few older values before it, and each milestone or instance has its
 * latest progress, done and reopen only.  Strings and lists belong to the
 * struct facts and live until facts_free.
 */
#ifndef MODEL_FACTS_H
#define MODEL_FACTS_H

#include <stdbool.h>
#include <stddef.h>

#include "model/date.h"
#include "model/plan.h"

enum fact_kind {
	FACT_VALUE,	/* a target's value: value, or level for a scale */
	FACT_PROGRESS,	/* a milestone's progress: value is 0..100 */
	FACT_DONE,	/* completed on date */
	FACT_REOPEN,	/* completion undone as of date */
	FACT_VOID	/* the store's only: cancels the current records of
			   its item and date (planwatch void); never a fact */
};

/* The kind's word in files and the database: "value", "progress", "done",
 * "reopen", "void"; never translated. */
const char	*fact_kind_word(enum fact_kind);
/* The kind a word names; -1 for none. */
int		 fact_kind_parse(const char *);

struct fact {
	enum fact_kind	 kind;
	pw_day		 date;		/* the date it is true as of */
	double		 value;
	const char	*level;		/* FACT_VALUE of a scale: the level
					   name as recorded; else NULL */
	long long	 seq;		/* order of recording */
};

struct fact_list {
	struct fact	*v;
	size_t		 n, cap;
	const char	*item;		/* the id they were recorded for */
	pw_day		 since;		/* every value dated on or after it
					   is here; before it, only those a
					   facts_query asked for.  DAY_NONE:
					   the whole history */
	size_t		 skipped;	/* values before since left out as
					   not counting (a level not in the
					   scale asked for, or none) */
};

/*
 * What the status rules read of one target's values as of a date: the
 * latest value that counts on or before each day in at; at least the
 * query.recent latest that count; and every value from query.since on, as
 * year says (the rules read the year only for a target not yet met and not
 * yet due).  A value counts when levels is NULL, or when its level is one
 * of levels.  The want is plain data, computed above the store
 * (review_query_init) from the plan, the date and recent alone: what the
 * session's cache keys the facts by.
 */
enum year_want {
	YEAR_ALWAYS,		/* read the year's values */
	YEAR_NEVER,		/* only the recent and the days of at */
	YEAR_UNLESS_MET		/* the year unless the latest value that
				   counts meets year_target in year_dir
				   (with levels: its level's index) */
};

struct value_want {
	const char	 *item;		/* borrowed */
	const pw_day	 *at;
	size_t		  nat;
	char *const	 *levels;	/* a scale's levels, borrowed, or NULL */
	size_t		  nlevels;
	enum year_want	  year;
	enum direction	  year_dir;
	double		  year_target;
};

/*
 * The facts to load as of asof: nothing dated after asof; for every item,
 * its latest progress, done and reopen; and for each want, its values.
 */
struct facts_query {
	pw_day		  asof;
	pw_day		  since;
	size_t		  recent;
	struct value_want *wants;
	size_t		  nwants;
	pw_day		 *days;		/* storage for the wants' at */
};

struct facts	*facts_new(void);
void		 facts_free(struct facts *);
/* Add a copy of f (its level is copied) under item. */
void		 facts_add(struct facts *, const char *item, const struct fact *f);
/* The list of item, made (empty, since DAY_NONE) when there is none. */
struct fact_list *facts_list(struct facts *, const char *item);
/* Add a copy of f to a list of these facts: facts_add without the lookup. */
void		 facts_push(struct facts *, struct fact_list *,
		    const struct fact *f);
/* Room in l for n facts in all, made at once. */
void		 facts_reserve(struct fact_list *, size_t n);
/* dst, which holds nothing yet, takes everything of src; src is freed. */
void		 facts_move(struct facts *dst, struct facts *src);
/* The facts of item, in the order added; NULL when it has no list. */
const struct fact_list *facts_get(const struct facts *, const char *item);
/* Every item's list, for reporting orphans: *n set to the count. */
const struct fact_list *const *facts_items(const struct facts *, size_t *n);
/* Total number of facts held. */
size_t		 facts_total(const struct facts *);
/* Does a value with this level count for want (value_want)? */
bool		 value_want_counts(const struct value_want *, const char *level);
/* Is the year to be read, latest being the latest value that counts? */
bool		 value_want_year(const struct value_want *,
		    const struct fact *latest);

#endif
