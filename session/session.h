/*
 * session.h: the one owner of a plan, its store, its facts, the review, the
 * attention list and the history, as of a date.
 *
 * Every command and the curses review open a session; nothing else loads a
 * plan or opens a store (git's setup_git_directory()).  A session loads the
 * plan (through the plan cache), opens the store read-only, computes what
 * the rules read (review_query_init: the store knows nothing of the rules),
 * loads those facts and reviews them.  It reloads when the plan file or the
 * database changed, moves to another date, and records: the store is
 * opened for writing on the first record, and the facts and the review are
 * loaded again after it.
 *
 * The fields of struct session are read-only to callers; the plan, review
 * and history they point to are replaced by every call that reloads, so a
 * caller keeps no pointer into them across such a call.  Errors are
 * returned as one line (char **err, the caller's to print and free).
 */
#ifndef SESSION_SESSION_H
#define SESSION_SESSION_H

#include <sys/types.h>

#include <stdbool.h>
#include <stddef.h>
#include <time.h>

#include "db/store.h"
#include "model/attention.h"
#include "model/date.h"

struct diags;
struct facts;
struct plan;
struct review;

/* How to open a session.  Strings are copied. */
struct session_args {
	const char	*plan;		/* a path, or "-": standard input */
	const char	*store;		/* the store's location; NULL: none
					   (the plan came on stdin) */
	pw_day		 asof;
	int		 warn_days;	/* < 0: the plan's */
	const char	*dept;		/* NULL: every department */
	bool		 print_diags;	/* a broken plan's errors to stderr */
	bool		 print_warnings;	/* and its warnings */
	bool		 all_facts;	/* every current fact (for charts), not
					   only what the rules read */
	size_t		 recent;	/* without all_facts: at least this
					   many latest values per target */
	size_t		 history;	/* keep the newest rows of the history
					   as of the date, up to this many
					   (0: none) */
};

struct session {
	char		*plan_path;
	char		*store_loc;	/* NULL: no store */
	pw_day		 asof;
	int		 warn_days;
	int		 dept;		/* -1: every department */
	bool		 all_facts;
	size_t		 recent;
	size_t		 history_max;

	struct plan	*plan;
	struct store	*store;		/* NULL until the store exists */
	bool		 writable;	/* store opened for writing */
	struct facts	*facts;		/* what a review as of facts_asof of
					   facts_plan reads */
	struct review	*rv;
	struct history_row *hist;	/* newest first, as of asof */
	size_t		 nhist;
	unsigned long	 generation;	/* counts the reviews made: what a
					   caller took is stale when this
					   moved */

	/* Private: what was loaded from what. */
	pw_day		 facts_asof;
	const struct plan *facts_plan;
	struct plan	*retired;	/* the plan a reload replaced, kept
					   until session_free_retired() or
					   the next reload: the caller's views
					   may still read it while they
					   rebuild */
	struct attn_item *attn;
	size_t		 nattn;
	bool		 attn_done;
	long long	 data_version;
	struct timespec	 plan_mtime;
	off_t		 plan_size;
};

/*
 * Load the plan, open the store (read-only, never created) and review the
 * facts as of a->asof.  Returns -1 with *err set to a one-line reason, or
 * NULL when the plan's errors have been printed already (print_diags); *out
 * is NULL then.
 */
int	 session_open(const struct session_args *a, struct session **out,
	    char **err);
void	 session_free(struct session *);

/* What session_reload_if_changed() found (bits of *changed). */
#define SESSION_PLAN	0x1	/* the plan file changed */
#define SESSION_STORE	0x2	/* a store that did not exist now does */
#define SESSION_FACTS	0x4	/* another process recorded */

/*
 * Reload what changed since the last load: the plan file (its size or
 * time), the store's change counter, or a store that has appeared.  On an
 * error the session keeps what it held, returns -1 and says why; *changed
 * says what was found changed either way (0: nothing).
 */
int	 session_reload_if_changed(struct session *, int *changed,
	    char **err);
/*
 * A descriptor to poll() beside the terminal: readable when another
 * process may have recorded (a PostgreSQL store listening), then call
 * session_reload_if_changed(), which asks the server nothing otherwise.
 * -1 when there is none (SQLite, a hot standby, a lost connection): call
 * it at every tick, and it compares the store's change counter.
 */
int	 session_change_fd(struct session *);
/* Whether the store's server refuses every write (a hot standby): the
 * review's forms cannot record there. */
bool	 session_read_only(struct session *);
/* Reload the plan and the facts whatever changed.  A plan that fails to
 * load again is kept, and said as "plan not reloaded: FILE:LINE:COL:
 * MESSAGE" here and in session_reload_if_changed(). */
int	 session_reload(struct session *, char **err);
/* Review as of day, loading the facts again when the date or the plan
 * changed; the review and the history are rebuilt either way. */
int	 session_set_asof(struct session *, pw_day day, char **err);
/* Record n rows in one transaction (the store opened for writing on the
 * first record), then load the facts again and rebuild the review. */
int	 session_record(struct session *, const struct record_in *, size_t n,
	    char **err);
/* The newest rows (at most limit, 0: all) recorded for item (an id also
 * matches its instances), as of the session's date; *rows allocated
 * (history_rows_free), none without a store. */
int	 session_history(struct session *, const char *item, size_t limit,
	    struct history_row **rows, size_t *n, char **err);
/* Free the plan a reload replaced, once nothing reads it any more. */
void	 session_free_retired(struct session *);
/* Free the facts once only the review is needed (it holds what it needs
 * of them); the next rebuild loads them again. */
void	 session_drop_facts(struct session *);
/* The review's attention list (attention_list(rv, SEV_WARNING)), made on
 * the first call after a rebuild; borrowed, returns the count. */
size_t	 session_attention(struct session *, const struct attn_item **);

/*
 * For the commands that need only one of the two: load the plan at path
 * into d's diagnostics (cached: through the plan cache), or open the
 * store at where (write: created or migrated as needed).
 */
struct plan *session_load_plan(const char *path, bool cached,
	    struct diags *d);
int	 session_open_store(const char *where, bool write,
	    struct store **out, char **err);

#endif
