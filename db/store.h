/*
 * store.h: the SQLite store of what was recorded (planwatch(1), DATABASE).
 *
 * One module owns the sqlite3 handle; all SQL lives in db/.  Every write is
 * one BEGIN IMMEDIATE transaction (all rows of a call or none); statements
 * are prepared with bound parameters.  Fallible functions return 0 or -1
 * and, on -1, set *err to a message the caller prints and frees.
 */
#ifndef DB_STORE_H
#define DB_STORE_H

#include <stdbool.h>
#include <stddef.h>

#include "model/date.h"
#include "model/facts.h"
#include "model/plan.h"

struct store;

enum store_mode {
	STORE_READ,	/* read only; a missing file reads as empty and is
			   never created */
	STORE_WRITE	/* create or migrate as needed */
};

/* A row to record.  Strings are borrowed. */
struct record_in {
	enum fact_kind	 kind;
	const char	*item;	/* target, milestone or instance id */
	pw_day		 date;	/* as of */
	double		 value;	/* FACT_VALUE number, FACT_PROGRESS percent */
	const char	*level;	/* FACT_VALUE of a scale target, or NULL */
	const char	*note;	/* or NULL */
	const char	*source;/* or NULL */
	const char	*by;
};

/* A row of the history, newest first.  Owned by the array it is in. */
struct history_row {
	long long	 seq;
	char		*recorded;	/* UTC, YYYY-MM-DDTHH:MM:SSZ */
	char		*by;
	enum fact_kind	 kind;
	char		*item;
	pw_day		 date;
	double		 value;
	char		*level;		/* NULL unless a level was recorded */
	char		*note;		/* NULL when none */
	char		*source;
	bool		 superseded;	/* a later record for the same item
					   and date replaced it */
};

struct history_query {
	const char	*item;		/* NULL: all; an id also matches its
					   instances (M matches M@...) */
	pw_day		 since, until;	/* as-of date range, DAY_NONE: open */
	size_t		 limit;		/* 0: no limit */
	bool		 current_only;	/* leave superseded rows out */
	bool		 oldest_first;	/* order by seq ascending */
};

int	 store_open(const char *path, enum store_mode, struct store **,
	    char **err);
void	 store_close(struct store *);
/* Load every current fact (superseded values left out) into f. */
int	 store_load_facts(struct store *, struct facts *f, char **err);
/*
 * Load into f only the current facts q asks for (model/facts.h, struct
 * facts_query), as of q->asof, by index seeks.  The store knows nothing of
 * the rules: the caller computes q (a review's: review_query_init).
 */
int	 store_load_facts_asof(struct store *, struct facts *f,
	    const struct facts_query *q, char **err);
/* The same through the facts cache (db/factcache.h), for the queries a
 * command makes at every run; f must hold nothing yet for the cache to be
 * used. */
int	 store_load_facts_cached(struct store *, struct facts *f,
	    const struct facts_query *q, char **err);
/* Record n rows in one transaction: all or none. */
int	 store_record(struct store *, const struct record_in *, size_t n,
	    char **err);
/*
 * The same, row by row, for imports of any size: begin a write transaction,
 * add rows (each superseding as store_record does), then commit all, or
 * abort to leave the database as it was.  Commit and abort free the batch;
 * after a failed add, only abort is allowed.
 */
struct store_batch;
int	 store_batch_begin(struct store *, struct store_batch **, char **err);
int	 store_batch_add(struct store_batch *, const struct record_in *,
	    char **err);
int	 store_batch_commit(struct store_batch *, char **err);
void	 store_batch_abort(struct store_batch *);
int	 store_history(struct store *, const struct history_query *,
	    struct history_row **rows, size_t *n, char **err);
void	 history_rows_free(struct history_row *, size_t n);
/*
 * The same rows streamed: fn is called for each, in order, with a row whose
 * strings are valid only during the call.  A non-zero return from fn stops
 * the walk and is returned (0 when every row was seen, -1 on a database
 * error with *err set).  For exports of any size in constant memory.
 */
int	 store_each(struct store *, const struct history_query *,
	    int (*fn)(const struct history_row *, void *), void *arg,
	    char **err);
/* The file the store was opened on (borrowed). */
const char *store_path(const struct store *);
/* A consistent copy of the live database (SQLite's online backup). */
int	 store_backup(struct store *, const char *dest, char **err);
/* The schema version this build writes (PRAGMA user_version). */
#define STORE_SCHEMA_VERSION	4
/* PRAGMA application_id of a planwatch database ("PWDB"). */
#define STORE_APPLICATION_ID	0x50574442

/* A number that changes whenever another connection commits, for reloading
 * (PRAGMA data_version); 0 for a store with no file. */
long long store_data_version(struct store *);

#endif
