/*
 * store.h: the store of what was recorded (planwatch(1), DATABASE), above
 * any backend: a location names a store, and nothing here is of SQLite or
 * of files (db/backend.h is what a backend implements; db/sqlite.c the
 * embedded default).  All SQL lives in db/.
 *
 * Every write is one transaction: all rows of a call or batch, or none.
 * Fallible functions return STORE_OK (0) or the kind of failure, and on
 * failure set *err to a message naming the store, which the caller prints
 * and frees.
 */
#ifndef DB_STORE_H
#define DB_STORE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "model/date.h"
#include "model/facts.h"
#include "model/plan.h"

struct store;

/* Kinds of failure, whatever the backend. */
enum store_error {
	STORE_OK,
	STORE_EBUSY,		/* locked by another writer past the wait */
	STORE_ENOTFOUND,	/* no store there (a link to nothing, no
				   database of that name) */
	STORE_EREFUSED,		/* no permission: a read-only file or
				   handle, a role that may not */
	STORE_ENOTOURS,		/* not a planwatch store */
	STORE_ECORRUPT,		/* damaged: restore from a backup */
	STORE_EIO,		/* the system failed: I/O, a full disk */
	STORE_ETOONEW,		/* written by a newer planwatch */
	STORE_ETOOOLD,		/* a schema too old to read without
				   upgrading it */
	STORE_EINVALID,		/* a request refused before anything was
				   done (an invalid row, a bad destination) */
	STORE_EUNSUPPORTED,	/* no backend for the location in this
				   build */
	STORE_EOTHER
};

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
					   and date replaced it, or a void
					   cancelled it */
	long long	 superseded_by;	/* that record's seq; 0: none */
};

struct history_query {
	const char	*item;		/* NULL: all; an id also matches its
					   instances (M matches M@...) */
	pw_day		 since, until;	/* as-of date range, DAY_NONE: open */
	size_t		 limit;		/* 0: no limit */
	bool		 current_only;	/* leave superseded rows and voids
					   out: what is in force */
	bool		 oldest_first;	/* order by seq ascending */
};

/*
 * Open the store at where: a PostgreSQL URI (postgresql://, postgres://)
 * or else the path of a SQLite file.  *out is NULL on failure.
 */
enum store_error store_open(const char *where, enum store_mode,
	    struct store **out, char **err);
void	 store_close(struct store *);
/* Where the store is, safe to show (no password): borrowed. */
const char *store_location(const struct store *);
/*
 * Say which plan (its id) the caller works on.  A store that holds several
 * plans (PostgreSQL) refuses when the location names another, or when it
 * chose the one plan published there and that is another: a plan file of
 * another id never reads or writes that plan's records.  Where several
 * are published and the location names none, the one of this id is
 * chosen (refused when it is not one of them); without this call such a
 * store reads and writes nothing.  A no-op for a store of one plan
 * (SQLite).
 */
int		 store_use_plan(struct store *, const char *plan_id,
		    char **err);
/* Does the store keep several plans' records apart, by the plan's id?
 * (Else it holds one plan's: two plans must not share it.) */
bool		 store_keeps_plans(const struct store *);
/* The kind of the last failure on the store (STORE_OK when none): for
 * store_each, which returns -1. */
enum store_error store_error(const struct store *);
/* Load every current fact (superseded values left out) into f. */
enum store_error store_load_facts(struct store *, struct facts *f,
	    char **err);
/*
 * Load into f only the current facts q asks for (model/facts.h, struct
 * facts_query), as of q->asof, by index seeks.  The store knows nothing of
 * the rules: the caller computes q (a review's: review_query_init).
 */
enum store_error store_load_facts_asof(struct store *, struct facts *f,
	    const struct facts_query *q, char **err);
/*
 * A number that names the state of everything the store holds, for a
 * cache of what was read from it (session/cache.c): it changes with every
 * row written, by any program, and two states never share one.  Read it
 * before what it is to vouch for.  0, or -1 when the store offers none
 * (then nothing read from it is to be kept): nothing is said.
 */
int		 store_change_token(struct store *, uint64_t *token);
/* Record n rows in one transaction: all or none. */
enum store_error store_record(struct store *, const struct record_in *,
	    size_t n, char **err);
/*
 * The same, row by row, for imports of any size: begin a write transaction,
 * add rows (each superseding as store_record does), then commit all, or
 * abort to leave the database as it was.  Commit and abort free the batch;
 * after a failed add, only abort is allowed.
 */
struct store_batch;
enum store_error store_batch_begin(struct store *, struct store_batch **,
	    char **err);
enum store_error store_batch_add(struct store_batch *,
	    const struct record_in *, char **err);
enum store_error store_batch_commit(struct store_batch *, char **err);
void	 store_batch_abort(struct store_batch *);
/* The rows a query selects (struct history_query), allocated. */
enum store_error store_history(struct store *, const struct history_query *,
	    struct history_row **rows, size_t *n, char **err);
void	 history_rows_free(struct history_row *, size_t n);
/*
 * The same rows streamed: fn is called for each, in order, with a row whose
 * strings are valid only during the call.  A non-zero return from fn stops
 * the walk and is returned (0 when every row was seen, -1 on a store error
 * with *err set and store_error() its kind).  For exports of any size in
 * constant memory.
 */
int	 store_each(struct store *, const struct history_query *,
	    int (*fn)(const struct history_row *, void *), void *arg,
	    char **err);
/*
 * Copy every record of from into to (planwatch db copy), oldest first, as
 * it was recorded: its recorder and time, what it superseded, its note
 * and source; the seq numbers are to's own (kept where to can, as a
 * SQLite file can).  One transaction in to: all rows or none.  to must
 * hold no record yet (STORE_EINVALID otherwise, nothing written), and
 * from at least one.  *n is how many were copied.
 */
enum store_error store_copy(struct store *from, struct store *to,
	    size_t *n, char **err);
/* A consistent copy of the live store into the file dest, which is
 * either left as it was or replaced whole. */
enum store_error store_backup(struct store *, const char *dest, char **err);
/* The schema version this build writes. */
#define STORE_SCHEMA_VERSION	6
/* The application id of a planwatch SQLite file ("PWDB"). */
#define STORE_APPLICATION_ID	0x50574442

/* A number that changes whenever another connection commits, for reloading
 * (a change counter); 0 for a store that holds nothing yet. */
long long store_data_version(struct store *);
/*
 * Told of changes instead of asking (PostgreSQL: LISTEN).  A descriptor
 * that becomes readable when another connection may have recorded, for a
 * loop to poll() beside its input, or -1 when the store cannot tell
 * (SQLite; a hot standby; a lost connection); and whether another
 * connection recorded since the last call: 1 (or may have), 0 (none), -1
 * (cannot tell: compare store_data_version).  Neither waits.
 */
int	 store_change_fd(struct store *);
int	 store_changed(struct store *);
/* Whether the store's server refuses every write (a PostgreSQL hot
 * standby); not said of a store merely opened for reading. */
bool	 store_read_only(struct store *);

#endif
