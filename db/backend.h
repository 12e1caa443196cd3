/*
 * backend.h: what a store backend implements (db/ only; store.h is the
 * API above it).  Like SQLite's VFS: the front (store.c) chooses a backend
 * by the location's scheme and calls it through a table of functions,
 * without knowing what is below.  sqlite.c is the embedded default.
 *
 * A backend's handle begins with a struct store (the front's part), and
 * its batch with a struct store_batch, so that the front holds both by
 * those and the backend casts them back.  Functions return 0 or -1 and,
 * on -1, set *err to a message naming the store (its shown location) and
 * the handle's error to the kind of failure (STORE_EOTHER when they set
 * none); open returns the kind itself, having no handle to keep it in.
 */
#ifndef DB_BACKEND_H
#define DB_BACKEND_H

#include "db/store.h"

/* A row to copy (copy_add): as it was recorded.  Strings are
 * borrowed. */
struct record_copy {
	struct record_in r;		/* r.by: who recorded it */
	const char	*recorded;	/* when, as history_row has it */
	long long	 seq;		/* its seq where it comes from: kept by
					   a backend that can */
	const long long	*supersedes;	/* the rows of this copy it
					   superseded, by their seq here */
	size_t		 nsupersedes;
};

struct store_ops {
	const char	*name;		/* "sqlite" */
	/* Open where, which this backend claims, into a handle of its own
	 * whose struct store it leaves to the front to fill. */
	enum store_error (*open)(const char *where, const char *shown,
			    enum store_mode, struct store **, char **err);
	void		(*close)(struct store *);
	/* store_load_facts; store_load_facts_asof. */
	int		(*load_facts)(struct store *, struct facts *, char **err);
	int		(*load_asof)(struct store *, struct facts *,
			    const struct facts_query *, char **err);
	/* One write transaction: begin, add each row (superseding the
	 * current one of its item, date and sort), commit or abort.  The
	 * rows reach add checked (store_record_check). */
	int		(*batch_begin)(struct store *, struct store_batch **,
			    char **err);
	int		(*batch_add)(struct store_batch *,
			    const struct record_in *, char **err);
	int		(*batch_commit)(struct store_batch *, char **err);
	void		(*batch_abort)(struct store_batch *);
	int		(*each)(struct store *, const struct history_query *,
			    int (*)(const struct history_row *, void *),
			    void *, char **err);
	int		(*backup)(struct store *, const char *dest, char **err);
	long long	(*data_version)(struct store *);
	/* store_change_token; NULL for a backend that offers none. */
	int		(*change_token)(struct store *, uint64_t *);
	/* A copy (store_copy, db/copy.c): one write transaction into a
	 * store that holds no record (refused with STORE_EINVALID when it
	 * holds any), adding rows as they were recorded, oldest first, with
	 * nothing else; *seq is the row's seq here.  End commits it, or
	 * rolls it back when commit is false, and frees the batch. */
	int		(*copy_begin)(struct store *, struct store_batch **,
			    char **err);
	int		(*copy_add)(struct store_batch *,
			    const struct record_copy *, long long *seq,
			    char **err);
	int		(*copy_end)(struct store_batch *, bool commit,
			    char **err);
	/* Work on the plan of this id (store_use_plan); NULL for a
	 * backend that holds one plan, as a SQLite file does. */
	int		(*use_plan)(struct store *, const char *id,
			    char **err);
	/* Optional (NULL: not offered).  store_read_only: a server that
	 * refuses every write.  store_change_fd and store_changed: told
	 * of other connections' writes without a query (LISTEN); without
	 * them the front answers -1, "ask data_version". */
	bool		(*read_only)(struct store *);
	int		(*change_fd)(struct store *);
	int		(*changed)(struct store *);
};

/* The front's part of every handle. */
struct store {
	const struct store_ops *ops;
	char		*where;		/* as given */
	char		*shown;		/* made safe, without a password */
	enum store_mode	 mode;
	enum store_error error;		/* of the last failure */
};

struct store_batch {
	struct store	*s;
};

extern const struct store_ops store_sqlite_ops;
extern const struct store_ops store_postgres_ops;

/* Refuse a row no backend should see (store_batch_add's check). */
enum store_error store_record_check(struct store *,
		    const struct record_in *, char **err);
/* Where, safe to show: control characters escaped, and the password of
 * a URI's user (postgresql://user:secret@host) and of a password=
 * parameter left out.  Allocated. */
char		*store_shown(const char *where);
/* The kind of failure an errno value is. */
enum store_error store_errno_kind(int);

#endif
