/*
 * sqlite.c: the SQLite store of what was recorded, the embedded default
 * backend (backend.h, planwatch-database(5)).  It owns the sqlite3 handle:
 * no SQLite type leaves this file.
 *
 * One table, events, holds every record ever made; nothing is updated but
 * the superseded_by column of a record a later one replaced.  The schema is
 * built by the migrations below, one per version, so a database is moved
 * forward one step at a time and never opened by a build older than it.
 */
#include <sys/stat.h>

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <math.h>
#include <sqlite3.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "db/backend.h"
#include "db/store.h"
#include "util/buf.h"
#include "util/hash.h"
#include "util/i18n.h"
#include "util/strpool.h"
#include "util/text.h"
#include "util/xalloc.h"

/* How long a command waits for another one's write before giving up. */
#define BUSY_TIMEOUT_MS	10000

struct sq {
	struct store	 base;	/* first: the front's part */
	sqlite3		*db;	/* NULL: STORE_READ of a missing file */
	char		*path;
	char		*shown;	/* path made safe, for messages */
	enum store_mode	 mode;
	bool		 empty;	/* no schema yet (an empty file, read) */
	bool		 immutable;	/* read without locks (open_read) */
	long long	 version;	/* its schema's */
};

/* The events table as each schema has it: the kinds its CHECK allows. */
#define EVENTS_TABLE(name, kinds)					\
	"CREATE TABLE " name " ("					\
	" seq INTEGER PRIMARY KEY,"					\
	" kind TEXT NOT NULL CHECK (" kinds "),"			\
	" item TEXT NOT NULL CHECK (length(item) > 0),"		\
	" asof TEXT NOT NULL CHECK (asof GLOB"				\
	"  '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),"		\
	" value REAL,"							\
	" level TEXT,"							\
	" note TEXT,"							\
	" source TEXT,"							\
	" recorded_by TEXT NOT NULL,"					\
	" recorded TEXT NOT NULL,"					\
	" superseded_by INTEGER REFERENCES events(seq)"			\
	");"
#define KINDS_1	"kind = 'value' OR kind = 'progress'"			\
	"  OR kind = 'done' OR kind = 'reopen'"
#define INDEX_ITEM_ASOF	"CREATE INDEX events_item_asof ON events(item, asof);"
#define INDEX_CURRENT	"CREATE INDEX events_current ON events(kind, item,"\
	" asof, seq, value, level, superseded_by) WHERE superseded_by IS NULL;"
#define INDEX_LEVELS	"CREATE INDEX events_levels ON events(kind, item,"\
	" level, asof, superseded_by) WHERE superseded_by IS NULL"	\
	" AND kind = 'value';"
#define GENERATION_TRIGGERS						\
	"CREATE TRIGGER events_updated AFTER UPDATE ON events BEGIN"	\
	" UPDATE generation SET value = random(); END;"			\
	"CREATE TRIGGER events_deleted AFTER DELETE ON events BEGIN"	\
	" UPDATE generation SET value = random(); END;"

/* migrations[i] takes a database from user_version i to i + 1. */
static const char *const migrations[STORE_SCHEMA_VERSION] = {
	EVENTS_TABLE("events", KINDS_1)
	INDEX_ITEM_ASOF,
	/* 2: the current rows by kind, item and date, with what a review
	 * reads, so that a review as of a date seeks once per target and
	 * reads only the rows it needs from the index alone (superseded_by,
	 * always NULL here, makes it a covering index for SQLite). */
	INDEX_CURRENT,
	/* 3: the current values by level, so that the values whose level a
	 * plan's scale does not have are counted with a seek per distinct
	 * level (NULL first), not a walk through a target's history. */
	INDEX_LEVELS,
	/* 4: a number every write sets anew, at random, so that it names
	 * one state of the records: the store's change token.  The
	 * triggers set it for rows changed or deleted by any program
	 * (planwatch never does but to mark a row superseded); rows added
	 * set it from schema 6 on. */
	"CREATE TABLE generation (one INTEGER PRIMARY KEY CHECK (one = 1),"
	" value INTEGER NOT NULL);"
	"INSERT INTO generation VALUES (1, random());"
	GENERATION_TRIGGERS,
	/* 5: the kind 'void' (planwatch void, issue 16.11).  SQLite cannot
	 * change a CHECK in place: the table is copied, row for row with
	 * the same seq, into one that allows it, and its indexes and
	 * triggers made again (foreign keys are not yet on while a
	 * database migrates). */
	EVENTS_TABLE("events_5", KINDS_1 " OR kind = 'void'")
	"INSERT INTO events_5 SELECT seq, kind, item, asof, value, level,"
	" note, source, recorded_by, recorded, superseded_by FROM events;"
	"DROP TABLE events;"
	"ALTER TABLE events_5 RENAME TO events;"
	INDEX_ITEM_ASOF INDEX_CURRENT INDEX_LEVELS GENERATION_TRIGGERS,
	/* 6: rows added by any program set the generation too, so that it
	 * alone names the state of the records (the store's change token,
	 * sq_change_token): a row another program adds, whatever its seq,
	 * is seen as a change. */
	"CREATE TRIGGER events_inserted AFTER INSERT ON events BEGIN"
	" UPDATE generation SET value = random(); END;"
	"UPDATE generation SET value = random();",
};

/* The first schema whose generation every change of a row sets. */
#define STORE_SCHEMA_TOKEN	6

/* The oldest schema a reader can read: later ones only add indexes, and a
 * reader never migrates (it is only slower without them). */
#define STORE_SCHEMA_READABLE	1

static const char *const kind_names[] = {
	[FACT_VALUE] = "value", [FACT_PROGRESS] = "progress",
	[FACT_DONE] = "done", [FACT_REOPEN] = "reopen", [FACT_VOID] = "void"
};

static int
kind_parse(const char *s, enum fact_kind *k)
{
	for (size_t i = 0; i < sizeof kind_names / sizeof kind_names[0]; i++)
		if (s != NULL && strcmp(s, kind_names[i]) == 0) {
			*k = (enum fact_kind)i;
			return 0;
		}
	return -1;
}

/* Keep the kind of a failure in s for the front; returns msg. */
static char *
fail(struct sq *s, enum store_error kind, char *msg)
{
	s->base.error = kind;
	return msg;
}

/* The message for errno, naming the file. */
static char *
errno_error(struct sq *s)
{
	int e = errno;

	return fail(s, store_errno_kind(e), xasprintf("%s: %s", s->shown,
	    strerror(e)));
}

/* The kind of failure a SQLite result code is. */
static enum store_error
result_kind(int rc, int sys)
{
	switch (rc & 0xff) {
	case SQLITE_BUSY:
	case SQLITE_LOCKED:
		return STORE_EBUSY;
	case SQLITE_READONLY:
	case SQLITE_PERM:
	case SQLITE_AUTH:
		return STORE_EREFUSED;
	case SQLITE_CORRUPT:
		return STORE_ECORRUPT;
	case SQLITE_NOTADB:
		return STORE_ENOTOURS;
	case SQLITE_IOERR:
	case SQLITE_FULL:
		return STORE_EIO;
	case SQLITE_CANTOPEN:
		return sys != 0 ? store_errno_kind(sys) : STORE_ENOTFOUND;
	default:
		return STORE_EOTHER;
	}
}

/* The message for the last error on db, naming the file; its kind is
 * kept in s. */
static char *
db_error(struct sq *s, sqlite3 *db)
{
	int rc = db != NULL ? sqlite3_errcode(db) & 0xff : SQLITE_NOMEM;
	const char *msg = db != NULL ? sqlite3_errmsg(db) : "out of memory";

	s->base.error = result_kind(rc, db != NULL ?
	    sqlite3_system_errno(db) : 0);
	switch (rc) {
	case SQLITE_NOTADB:
		return xasprintf(_("%s: not a planwatch database (%s)"),
		    s->shown, msg);
	case SQLITE_CORRUPT:
		return xasprintf(_("%s: the database is damaged (%s); "
		    "restore it from a backup"), s->shown, msg);
	case SQLITE_BUSY:
		return xasprintf(_("%s: the database stayed locked by another "
		    "program for %d seconds (%s)"), s->shown,
		    BUSY_TIMEOUT_MS / 1000, msg);
	case SQLITE_READONLY:
		return xasprintf(_("%s: cannot write: %s"), s->shown, msg);
	case SQLITE_IOERR:
		/* "disk I/O error" alone hides a full disk. */
		if (sqlite3_system_errno(db) != 0)
			return xasprintf("%s: %s: %s", s->shown, msg,
			    strerror(sqlite3_system_errno(db)));
		return xasprintf("%s: %s", s->shown, msg);
	default:
		return xasprintf("%s: %s", s->shown, msg);
	}
}

static int
exec(struct sq *s, const char *sql, char **err)
{
	if (sqlite3_exec(s->db, sql, NULL, NULL, NULL) != SQLITE_OK) {
		*err = db_error(s, s->db);
		return -1;
	}
	return 0;
}

/* Run a query returning one integer (a PRAGMA, a count). */
static int
query_int(struct sq *s, const char *sql, long long *out, char **err)
{
	sqlite3_stmt *st;
	int rc;

	if (sqlite3_prepare_v2(s->db, sql, -1, &st, NULL) != SQLITE_OK) {
		*err = db_error(s, s->db);
		return -1;
	}
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		*out = sqlite3_column_int64(st, 0);
	else if (rc == SQLITE_DONE)
		*out = 0;
	else {
		*err = db_error(s, s->db);
		sqlite3_finalize(st);
		return -1;
	}
	sqlite3_finalize(st);
	return 0;
}

struct schema_info {
	long long	 app_id, version, tables, events;
};

static int
read_schema(struct sq *s, struct schema_info *si, char **err)
{
	sqlite3_stmt *st;
	int rc;

	/* One statement, so one snapshot: another process may be creating
	 * the schema meanwhile. */
	if (sqlite3_prepare_v2(s->db, "SELECT "
	    "(SELECT application_id FROM pragma_application_id), "
	    "(SELECT user_version FROM pragma_user_version), "
	    "(SELECT count(*) FROM sqlite_master), "
	    "(SELECT count(*) FROM sqlite_master WHERE type = 'table' AND "
	    "name = 'events')", -1, &st, NULL) != SQLITE_OK) {
		*err = db_error(s, s->db);
		return -1;
	}
	if ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		si->app_id = sqlite3_column_int64(st, 0);
		si->version = sqlite3_column_int64(st, 1);
		si->tables = sqlite3_column_int64(st, 2);
		si->events = sqlite3_column_int64(st, 3);
	} else
		*err = db_error(s, s->db);
	sqlite3_finalize(st);
	return rc == SQLITE_ROW ? 0 : -1;
}

/* Is this an empty database, ours, or something else?  Returns 0 for ours
 * (or empty: *fresh set), -1 with a message otherwise. */
static int
judge_schema(struct sq *s, const struct schema_info *si, bool *fresh,
    char **err)
{
	*fresh = false;
	if (si->app_id == 0 && si->version == 0 && si->tables == 0) {
		*fresh = true;
		return 0;
	}
	if (si->app_id != STORE_APPLICATION_ID) {
		*err = fail(s, STORE_ENOTOURS, xasprintf(_("%s: not a "
		    "planwatch database"), s->shown));
		return -1;
	}
	if (si->version > STORE_SCHEMA_VERSION) {
		*err = fail(s, STORE_ETOONEW, xasprintf(_("%s: database was "
		    "written by a newer planwatch (schema %lld); this one "
		    "knows up to %d"), s->shown, si->version,
		    STORE_SCHEMA_VERSION));
		return -1;
	}
	if (si->version >= STORE_SCHEMA_READABLE && si->events == 0) {
		*err = fail(s, STORE_ENOTOURS, xasprintf(_("%s: not a "
		    "planwatch database (no events table)"), s->shown));
		return -1;
	}
	return 0;
}

/* Bring a writable database to STORE_SCHEMA_VERSION in one transaction. */
static int
migrate(struct sq *s, char **err)
{
	struct schema_info si;
	bool fresh;
	char sql[96];

	if (exec(s, "BEGIN IMMEDIATE", err) != 0)
		return -1;
	/* Judge again: another process may have migrated meanwhile. */
	if (read_schema(s, &si, err) != 0 || judge_schema(s, &si, &fresh,
	    err) != 0)
		goto fail;
	for (long long v = si.version; v < STORE_SCHEMA_VERSION; v++)
		if (exec(s, migrations[v], err) != 0)
			goto fail;
	snprintf(sql, sizeof sql, "PRAGMA application_id = %d; "
	    "PRAGMA user_version = %d", STORE_APPLICATION_ID,
	    STORE_SCHEMA_VERSION);
	if (exec(s, sql, err) != 0 || exec(s, "COMMIT", err) != 0)
		goto fail;
	return 0;
fail:
	sqlite3_exec(s->db, "ROLLBACK", NULL, NULL, NULL);
	return -1;
}

/* A file: URI for path with the given query, for immutable opens. */
static char *
path_uri(const char *path, const char *query)
{
	static const char hex[] = "0123456789ABCDEF";
	struct buf b = BUF_INIT;

	buf_puts(&b, "file:");
	for (const unsigned char *p = (const unsigned char *)path; *p; p++) {
		if ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
		    (*p >= '0' && *p <= '9') || strchr("/._-~", *p) != NULL)
			buf_putc(&b, *p);
		else {
			buf_putc(&b, '%');
			buf_putc(&b, hex[*p >> 4]);
			buf_putc(&b, hex[*p & 15]);
		}
	}
	buf_printf(&b, "?%s", query);
	return buf_detach(&b);
}

static int
open_db(struct sq *s, const char *name, int flags, char **err)
{
	/* One thread uses a connection: no mutex around every call. */
	flags |= SQLITE_OPEN_NOMUTEX;
	if (sqlite3_open_v2(name, &s->db, flags, NULL) != SQLITE_OK) {
		*err = db_error(s, s->db);
		sqlite3_close(s->db);
		s->db = NULL;
		return -1;
	}
	sqlite3_extended_result_codes(s->db, 1);
	sqlite3_busy_timeout(s->db, BUSY_TIMEOUT_MS);
	return 0;
}

static bool
file_exists(const char *path)
{
	struct stat st;

	return stat(path, &st) == 0;
}

/*
 * The byte ranges SQLite's unix VFS locks (os_unix.c): a connection to a
 * WAL database holds a read lock on the database file's shared range while
 * it is open, and one on the dead-man-switch byte of the -shm file.
 */
#define SQLITE_SHARED_FIRST	(0x40000000 + 2)
#define SQLITE_SHARED_SIZE	510
#define SQLITE_SHM_DMS		128

/* Take a write lock on len bytes at off of fd, without waiting. */
static bool
lock_range(int fd, off_t off, off_t len)
{
	struct flock fl = { .l_type = F_WRLCK, .l_whence = SEEK_SET,
	    .l_start = off, .l_len = len };

	return fcntl(fd, F_SETLK, &fl) == 0;
}

/* Are there -wal or -shm files beside the database at path? */
static bool
side_files_exist(const char *path)
{
	char *wal = xasprintf("%s-wal", path), *shm = xasprintf("%s-shm", path);
	bool any = file_exists(wal) || file_exists(shm);

	free(wal);
	free(shm);
	return any;
}

/*
 * Remove the -wal and -shm files that a failed open left beside a database
 * that had neither: on a full disk SQLite creates them but cannot size the
 * -shm, and a reader then fails for as long as they are there.  Only when
 * no other connection has the database open (the locks SQLite takes before
 * it removes its own at close), and only an empty -wal: one with frames in
 * it is a writer's.
 */
static void
remove_leftovers(const char *path)
{
	char *wal = xasprintf("%s-wal", path), *shm = xasprintf("%s-shm", path);
	struct stat st;
	int db, fd;

	db = open(path, O_RDWR | O_NOFOLLOW | O_CLOEXEC);
	fd = open(shm, O_RDWR | O_NOFOLLOW | O_CLOEXEC);
	if (db != -1 && fd != -1 &&
	    lock_range(db, SQLITE_SHARED_FIRST, SQLITE_SHARED_SIZE) &&
	    lock_range(fd, SQLITE_SHM_DMS, 1)) {
		if (lstat(wal, &st) == 0 && S_ISREG(st.st_mode) &&
		    st.st_size == 0)
			unlink(wal);
		unlink(shm);
	}
	/* Closing them lets the locks go. */
	if (fd != -1)
		close(fd);
	if (db != -1)
		close(db);
	free(wal);
	free(shm);
}

/*
 * Open for reading.  A reader of a WAL database needs its -shm file; when
 * it cannot have one, in a directory we cannot write or on a full disk, and
 * there is no -wal file (so nothing is waiting to be checkpointed), the
 * database is read as it is on disk (immutable) instead.
 */
static int
open_read(struct sq *s, struct schema_info *si, bool had_sides,
    char **err)
{
	char *wal = xasprintf("%s-wal", s->path);
	char *uri;
	int rc = -1;

	if (open_db(s, s->path, SQLITE_OPEN_READONLY, err) != 0)
		goto out;
	if ((rc = read_schema(s, si, err)) == 0)
		goto out;
	rc = sqlite3_errcode(s->db) & 0xff;
	/* Closed first: its locks would keep the leftovers. */
	sqlite3_close(s->db);
	s->db = NULL;
	if ((rc == SQLITE_IOERR || rc == SQLITE_FULL) && !had_sides)
		remove_leftovers(s->path);
	if ((rc != SQLITE_READONLY && rc != SQLITE_CANTOPEN &&
	    rc != SQLITE_IOERR && rc != SQLITE_FULL) || file_exists(wal)) {
		rc = -1;
		goto out;
	}
	free(*err);
	*err = NULL;
	uri = path_uri(s->path, "immutable=1");
	rc = open_db(s, uri, SQLITE_OPEN_READONLY | SQLITE_OPEN_URI, err);
	free(uri);
	if (rc == 0) {
		s->immutable = true;
		rc = read_schema(s, si, err);
	}
out:
	free(wal);
	return rc;
}

/*
 * A new database is made whole (WAL, schema) under a temporary name and
 * linked into place, so that processes starting at once on a missing file
 * never see it half made; the one that links first wins, the others use
 * its file.
 */
static int
create_fresh(struct sq *s, char **err)
{
	struct sq tmp = { .shown = s->shown };
	char *side;
	mode_t mask;
	int fd, rc;

	tmp.path = xasprintf("%s.tmp-XXXXXX", s->path);
	if ((fd = mkstemp(tmp.path)) == -1) {
		*err = errno_error(s);
		free(tmp.path);
		return -1;
	}
	mask = umask(0);
	umask(mask);
	(void)fchmod(fd, 0666 & ~mask);
	close(fd);
	rc = open_db(&tmp, tmp.path, SQLITE_OPEN_READWRITE, err);
	if (rc == 0)
		rc = exec(&tmp, "PRAGMA journal_mode = WAL", err);
	if (rc == 0)
		rc = migrate(&tmp, err);
	/* Move the schema into the file now: closing would try too, but
	 * say nothing when the disk is full, and the WAL is removed below. */
	if (rc == 0)
		rc = exec(&tmp, "PRAGMA wal_checkpoint(TRUNCATE)", err);
	if (sqlite3_close(tmp.db) != SQLITE_OK && rc == 0) {
		*err = fail(&tmp, STORE_EIO, xasprintf(_("%s: cannot create "
		    "the database"), s->shown));
		rc = -1;
	}
	s->base.error = tmp.base.error;
	/* Without hard links (some file systems), it is made in place. */
	if (rc == 0 && link(tmp.path, s->path) != 0 && errno != EEXIST &&
	    errno != EPERM && errno != ENOTSUP && errno != ENOSYS) {
		*err = errno_error(s);
		rc = -1;
	}
	unlink(tmp.path);
	side = xasprintf("%s-wal", tmp.path);
	unlink(side);
	free(side);
	side = xasprintf("%s-shm", tmp.path);
	unlink(side);
	free(side);
	free(tmp.path);
	return rc;
}

/*
 * The name a writer opens: path with the links of its directory resolved,
 * so that SQLITE_OPEN_NOFOLLOW refuses only a link in the last place (one
 * put there after we looked); when path is itself a link, the file it
 * leads to, which must exist.  NULL with *err set otherwise.
 */
static char *
write_name(struct sq *s, bool linked, char **err)
{
	const char *slash = strrchr(s->path, '/');
	char *dir, *real;

	if (linked) {
		if ((real = realpath(s->path, NULL)) != NULL)
			return real;
		if (errno == ENOENT)
			*err = fail(s, STORE_ENOTFOUND, xasprintf(_("%s: a "
			    "symbolic link to a file that does not exist; not "
			    "creating a database through it"), s->shown));
		else
			*err = errno_error(s);
		return NULL;
	}
	if (slash == NULL)
		dir = xstrdup(".");
	else
		dir = xstrndup(s->path, slash == s->path ? 1 :
		    (size_t)(slash - s->path));
	real = realpath(dir, NULL);
	free(dir);
	if (real == NULL) {
		*err = errno_error(s);
		return NULL;
	}
	dir = real;
	real = xasprintf("%s/%s", strcmp(dir, "/") == 0 ? "" : dir,
	    slash == NULL ? s->path : slash + 1);
	free(dir);
	return real;
}

/*
 * Open for writing, creating or migrating the database as needed.  A link
 * at the path is followed only to a planwatch database: a link another
 * user planted in a directory they can write, to a file that is not there
 * or to an empty one, would have us create or convert a file where only
 * we may write.
 */
static int
open_write(struct sq *s, struct schema_info *si, char **err)
{
	struct stat st;
	bool fresh, linked;
	char *name;
	int flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOFOLLOW, rc;

	if (lstat(s->path, &st) != 0 && errno == ENOENT &&
	    create_fresh(s, err) != 0)
		return -1;
	/* Looked at again: another process may have made it meanwhile. */
	rc = lstat(s->path, &st);
	linked = rc == 0 && S_ISLNK(st.st_mode);
	/* A file system without hard links: create_fresh made nothing. */
	if (rc != 0 && errno == ENOENT)
		flags |= SQLITE_OPEN_CREATE;
	if ((name = write_name(s, linked, err)) == NULL)
		return -1;
	rc = open_db(s, name, flags, err);
	free(name);
	if (rc != 0)
		return -1;
	if (sqlite3_db_readonly(s->db, "main") == 1) {
		*err = fail(s, STORE_EREFUSED, xasprintf(_("%s: cannot write: "
		    "the database is read-only"), s->shown));
		return -1;
	}
	if (read_schema(s, si, err) != 0 ||
	    judge_schema(s, si, &fresh, err) != 0)
		return -1;
	if (fresh && linked) {
		*err = fail(s, STORE_ENOTOURS, xasprintf(_("%s: a symbolic "
		    "link to a file that is not a planwatch database; not "
		    "converting it"), s->shown));
		return -1;
	}
	if (si->version == STORE_SCHEMA_VERSION)
		return 0;
	/* WAL lets readers go on while one writes; set once, it stays. */
	if (exec(s, "PRAGMA journal_mode = WAL", err) != 0)
		return -1;
	return migrate(s, err);
}

static void	sq_close(struct store *);

static enum store_error
sq_open(const char *path, const char *shown, enum store_mode mode,
    struct store **out, char **err)
{
	struct sq *s = xcalloc(1, sizeof *s);
	struct schema_info si = { 0 };
	bool fresh = false, had_sides = side_files_exist(path);
	enum store_error kind;
	struct stat st;
	int rc;

	s->path = xstrdup(path);
	s->shown = xstrdup(shown);
	s->mode = mode;
	*out = NULL;
	/* SQLite's open() of a FIFO waits for a writer, for ever: one that
	 * another user put in a shared directory would hang cron's check. */
	if (stat(path, &st) == 0 && !S_ISREG(st.st_mode)) {
		*err = fail(s, STORE_ENOTOURS, xasprintf(_("%s: not a "
		    "planwatch database (not a regular file)"), s->shown));
		sq_close(&s->base);
		return STORE_ENOTOURS;
	}
	if (mode == STORE_READ) {
		if (stat(path, &st) != 0 && errno == ENOENT) {
			s->empty = true;
			*out = &s->base;
			return STORE_OK;
		}
		rc = open_read(s, &si, had_sides, err);
		if (rc == 0 && judge_schema(s, &si, &fresh, err) != 0)
			rc = -1;
		if (rc == 0 && !fresh && si.version < STORE_SCHEMA_READABLE) {
			*err = fail(s, STORE_ETOOOLD, xasprintf(_("%s: "
			    "database has an older schema (%lld); record "
			    "something to upgrade it"), s->shown, si.version));
			rc = -1;
		}
		s->empty = fresh;
		s->version = si.version;
	} else {
		rc = open_write(s, &si, err);
		s->version = STORE_SCHEMA_VERSION;
	}
	/* Statement journals and sorts in memory, not in temporary files. */
	if (rc == 0 && s->db != NULL)
		rc = exec(s, "PRAGMA foreign_keys = ON; "
		    "PRAGMA temp_store = MEMORY", err);
	if (rc != 0) {
		kind = s->base.error != STORE_OK ? s->base.error :
		    STORE_EOTHER;
		sq_close(&s->base);
		if (!had_sides)
			remove_leftovers(path);
		return kind;
	}
	*out = &s->base;
	return STORE_OK;
}

static void
sq_close(struct store *base)
{
	struct sq *s = (struct sq *)base;

	sqlite3_close(s->db);
	free(s->path);
	free(s->shown);
	free(s);
}

/* PRAGMA data_version: changes when another connection commits. */
static long long
sq_data_version(struct store *base)
{
	struct sq *s = (struct sq *)base;
	long long v = 0;
	char *err = NULL;

	if (s->db == NULL)
		return 0;
	if (query_int(s, "PRAGMA data_version", &v, &err) != 0)
		free(err);
	return v;
}

static int
prepare(struct sq *s, const char *sql, sqlite3_stmt **st, char **err)
{
	if (sqlite3_prepare_v2(s->db, sql, -1, st, NULL) != SQLITE_OK) {
		*err = db_error(s, s->db);
		return -1;
	}
	return 0;
}

static const char *
text_col(sqlite3_stmt *st, int col)
{
	return (const char *)sqlite3_column_text(st, col);
}

/* Parse a stored YYYY-MM-DD of len bytes; -1 when it is not one. */
static int
parse_day(const unsigned char *t, int len, pw_day *out)
{
	static const int digits[] = { 0, 1, 2, 3, 5, 6, 8, 9 };
	int y, m, d;

	if (t == NULL || len != 10 || t[4] != '-' || t[7] != '-')
		return -1;
	for (size_t i = 0; i < sizeof digits / sizeof digits[0]; i++)
		if (t[digits[i]] < '0' || t[digits[i]] > '9')
			return -1;
	y = (t[0] - '0') * 1000 + (t[1] - '0') * 100 + (t[2] - '0') * 10 +
	    (t[3] - '0');
	m = (t[5] - '0') * 10 + (t[6] - '0');
	d = (t[8] - '0') * 10 + (t[9] - '0');
	if (!date_valid_ymd(y, m, d))
		return -1;
	*out = date_from_ymd(y, m, d);
	return 0;
}

/* Column col of st as a day; -1 when it is not one. */
static int
day_col(sqlite3_stmt *st, int col, pw_day *out)
{
	const unsigned char *t = sqlite3_column_text(st, col);

	return parse_day(t, sqlite3_column_bytes(st, col), out);
}

static char *
damaged(struct sq *s, sqlite3_stmt *st, int seq_col)
{
	return fail(s, STORE_ECORRUPT, xasprintf(_("%s: record %lld is "
	    "damaged (kind or date)"), s->shown,
	    (long long)sqlite3_column_int64(st, seq_col)));
}

static int
sq_load_facts(struct store *base, struct facts *f, char **err)
{
	struct sq *s = (struct sq *)base;
	sqlite3_stmt *st;
	struct fact fact;
	int rc;

	if (s->db == NULL || s->empty)
		return 0;
	if (prepare(s, "SELECT item, kind, asof, value, level, seq "
	    "FROM events WHERE superseded_by IS NULL AND kind <> 'void' "
	    "ORDER BY seq", &st,
	    err) != 0)
		return -1;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if (kind_parse(text_col(st, 1), &fact.kind) != 0 ||
		    day_col(st, 2, &fact.date) != 0 ||
		    text_col(st, 0) == NULL) {
			*err = damaged(s, st, 5);
			sqlite3_finalize(st);
			return -1;
		}
		fact.value = sqlite3_column_double(st, 3);
		fact.level = text_col(st, 4);
		fact.seq = sqlite3_column_int64(st, 5);
		facts_add(f, text_col(st, 0), &fact);
	}
	if (rc != SQLITE_DONE) {
		*err = db_error(s, s->db);
		sqlite3_finalize(st);
		return -1;
	}
	sqlite3_finalize(st);
	return 0;
}

/*
 * Every item's latest progress, done and reopen on or before asof: one walk
 * of the events_current index over the kinds before 'value' ('done',
 * 'progress', 'reopen': the CHECK constraint allows no others), in which
 * each item's rows of a kind come together, oldest first, so the last of
 * each run is the one to keep.
 */
static int
load_latest_progress(struct sq *s, struct facts *f, pw_day asof,
    const char *day, char **err)
{
	sqlite3_stmt *st;
	struct fact fact, keep;
	struct buf item = BUF_INIT;
	bool have = false;
	const char *it;
	int rc, ret = 0;

	if (prepare(s, "SELECT kind, item, asof, seq, value FROM events "
	    "WHERE superseded_by IS NULL AND kind < 'value' AND asof <= ?1 "
	    "ORDER BY kind, item, asof, seq", &st, err) != 0)
		return -1;
	sqlite3_bind_text(st, 1, day, -1, SQLITE_STATIC);
	fact.level = NULL;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if (kind_parse(text_col(st, 0), &fact.kind) != 0 ||
		    fact.kind == FACT_VALUE || day_col(st, 2, &fact.date) != 0 ||
		    (it = text_col(st, 1)) == NULL) {
			*err = damaged(s, st, 3);
			ret = -1;
			break;
		}
		fact.seq = sqlite3_column_int64(st, 3);
		fact.value = sqlite3_column_double(st, 4);
		if (have && (fact.kind != keep.kind ||
		    strcmp(it, buf_str(&item)) != 0)) {
			struct fact_list *l = facts_list(f, buf_str(&item));
			if (l->n == 0 && l->since == DAY_NONE)
				l->since = asof + 1;
			facts_push(f, l, &keep);
			have = false;
		}
		if (!have) {
			buf_reset(&item);
			buf_puts(&item, it);
			have = true;
		}
		keep = fact;
	}
	if (ret == 0 && rc != SQLITE_DONE) {
		*err = db_error(s, s->db);
		ret = -1;
	}
	if (ret == 0 && have) {
		struct fact_list *l = facts_list(f, buf_str(&item));
		if (l->n == 0 && l->since == DAY_NONE)
			l->since = asof + 1;
		facts_push(f, l, &keep);
	}
	buf_release(&item);
	sqlite3_finalize(st);
	return ret;
}

struct want_ctx {
	struct sq	*s;
	struct facts	*f;
	const struct facts_query *q;
	sqlite3_stmt	*walk;		/* values on or before a day, newest
					   first */
	sqlite3_stmt	*levels;	/* count_skipped's */
	sqlite3_stmt	*count;
};

/* The value row st is on, as a fact; -1 when it is damaged. */
static int
value_row(struct want_ctx *c, struct fact *fact, char **err)
{
	fact->kind = FACT_VALUE;
	if (day_col(c->walk, 0, &fact->date) != 0) {
		*err = damaged(c->s, c->walk, 1);
		return -1;
	}
	fact->seq = sqlite3_column_int64(c->walk, 1);
	fact->value = sqlite3_column_double(c->walk, 2);
	fact->level = text_col(c->walk, 3);
	return 0;
}

static int
step_error(struct want_ctx *c, int rc, char **err)
{
	sqlite3_reset(c->walk);
	if (rc == SQLITE_DONE || rc == SQLITE_ROW)
		return 0;
	*err = db_error(c->s, c->s->db);
	return -1;
}

/* The latest value of w that counts on or before day, added to l unless
 * it is there already (from first on). */
static int
seek_value(struct want_ctx *c, const struct value_want *w,
    struct fact_list *l, size_t first, pw_day day, char **err)
{
	struct fact fact;
	char iso[11];
	int rc;

	date_iso(day, iso);
	sqlite3_bind_text(c->walk, 2, iso, -1, SQLITE_TRANSIENT);
	while ((rc = sqlite3_step(c->walk)) == SQLITE_ROW) {
		if (value_row(c, &fact, err) != 0) {
			sqlite3_reset(c->walk);
			return -1;
		}
		if (!value_want_counts(w, fact.level))
			continue;
		for (size_t i = first; i < l->n; i++)
			if (l->v[i].seq == fact.seq)
				return step_error(c, rc, err);
		facts_push(c->f, l, &fact);
		break;
	}
	return step_error(c, rc, err);
}

/*
 * Count the values of w before l->since whose level is not one of w's
 * (none is not one either): walk the item's distinct levels in
 * events_levels, a seek each, and count the rows of those not
 * in the scale; a handful of seeks per target, where a count over its rows
 * would read its whole history.
 */
static int
count_skipped(struct want_ctx *c, const struct value_want *w,
    struct fact_list *l, char **err)
{
	struct buf level = BUF_INIT;
	char iso[11];
	int rc;

	if ((c->levels == NULL && prepare(c->s, "SELECT level FROM events "
	    "WHERE superseded_by IS NULL AND kind = 'value' AND item = ?1 "
	    "AND level > ?2 ORDER BY level LIMIT 1", &c->levels, err) != 0) ||
	    (c->count == NULL && prepare(c->s, "SELECT count(*) FROM events "
	    "WHERE superseded_by IS NULL AND kind = 'value' AND item = ?1 "
	    "AND level IS ?2 AND asof < ?3", &c->count, err) != 0))
		return -1;
	date_iso(l->since, iso);
	l->skipped = 0;
	sqlite3_bind_text(c->levels, 1, w->item, -1, SQLITE_STATIC);
	sqlite3_bind_text(c->count, 1, w->item, -1, SQLITE_STATIC);
	sqlite3_bind_text(c->count, 3, iso, -1, SQLITE_TRANSIENT);
	/* NULL, then "", then each level after the one before. */
	for (int step = 0;; step++) {
		if (step == 0 || !value_want_counts(w, buf_str(&level))) {
			if (step == 0)
				sqlite3_bind_null(c->count, 2);
			else
				sqlite3_bind_text(c->count, 2, buf_str(&level),
				    -1, SQLITE_TRANSIENT);
			if ((rc = sqlite3_step(c->count)) == SQLITE_ROW)
				l->skipped += (size_t)sqlite3_column_int64(
				    c->count, 0);
			sqlite3_reset(c->count);
			if (rc != SQLITE_ROW)
				break;
		}
		if (step == 0)
			continue;
		sqlite3_bind_text(c->levels, 2, buf_str(&level), -1,
		    SQLITE_TRANSIENT);
		if ((rc = sqlite3_step(c->levels)) != SQLITE_ROW)
			break;
		buf_reset(&level);
		buf_puts(&level, text_col(c->levels, 0));
		sqlite3_reset(c->levels);
	}
	sqlite3_reset(c->levels);
	buf_release(&level);
	if (rc != SQLITE_DONE) {
		*err = db_error(c->s, c->s->db);
		return -1;
	}
	return 0;
}

static void
reverse(struct fact *v, size_t n)
{
	for (size_t i = 0; i + 1 < n - i; i++) {
		struct fact x = v[i];
		v[i] = v[n - 1 - i];
		v[n - 1 - i] = x;
	}
}

/*
 * One target's values (struct value_want): walk back from asof while the
 * values are from q->since on (and w->year wants them), or fewer than
 * q->recent counting ones have been seen; the list is complete from the day
 * after the first value left.
 * Then seek each day of w->at that no value read answers.
 */
static int
load_want(struct want_ctx *c, const struct value_want *w, const char *asof,
    char **err)
{
	const struct facts_query *q = c->q;
	struct fact_list *l = facts_list(c->f, w->item);
	struct fact fact;
	pw_day oldest = DAY_NONE;
	size_t counted = 0, first;
	bool year = true;
	int rc;

	l->since = DAY_NONE;
	sqlite3_bind_text(c->walk, 1, w->item, -1, SQLITE_STATIC);
	sqlite3_bind_text(c->walk, 2, asof, -1, SQLITE_STATIC);
	while ((rc = sqlite3_step(c->walk)) == SQLITE_ROW) {
		if (value_row(c, &fact, err) != 0) {
			sqlite3_reset(c->walk);
			return -1;
		}
		if ((fact.date < q->since || !year) && counted >= q->recent) {
			l->since = fact.date + 1;
			break;
		}
		facts_push(c->f, l, &fact);
		if (value_want_counts(w, fact.level)) {
			if (counted++ == 0)
				year = value_want_year(w, &fact);
			oldest = fact.date;
		}
	}
	if (step_error(c, rc, err) != 0)
		return -1;
	if (l->since == DAY_NONE) {
		reverse(l->v, l->n);	/* oldest first */
		return 0;		/* the whole history was read */
	}
	first = l->n;
	for (size_t i = 0; i < w->nat; i++) {
		pw_day d = w->at[i];
		if (counted > 0 && oldest <= d)
			continue;
		if (seek_value(c, w, l, first, d < l->since ? d :
		    l->since - 1, err) != 0)
			return -1;
	}
	/* Oldest first: the days of at are newest first (asof, due, the
	 * stage), so their values usually are too. */
	reverse(l->v, l->n);
	if (w->levels != NULL)
		return count_skipped(c, w, l, err);
	return 0;
}

/* store_load_facts_asof within a read transaction begun by the caller. */
static int
load_asof(struct sq *s, struct facts *f, const struct facts_query *q,
    char **err)
{
	struct want_ctx c = { .s = s, .f = f, .q = q };
	char asof[11];
	int ret = -1;

	date_iso(q->asof, asof);
	if (load_latest_progress(s, f, q->asof, asof, err) != 0)
		goto done;
	if (q->nwants > 0 && prepare(s, "SELECT asof, seq, value, level "
	    "FROM events WHERE superseded_by IS NULL AND kind = 'value' "
	    "AND item = ?1 AND asof <= ?2 ORDER BY asof DESC, seq DESC",
	    &c.walk, err) != 0)
		goto done;
	for (size_t i = 0; i < q->nwants; i++)
		if (load_want(&c, &q->wants[i], asof, err) != 0)
			goto done;
	ret = 0;
done:
	sqlite3_finalize(c.walk);
	sqlite3_finalize(c.levels);
	sqlite3_finalize(c.count);
	return ret;
}

/* The facts of q, in one read transaction: one snapshot for all the
 * statements. */
static int
sq_load_asof(struct store *base, struct facts *f,
    const struct facts_query *q, char **err)
{
	struct sq *s = (struct sq *)base;
	int ret;

	if (s->db == NULL || s->empty)
		return 0;
	if (exec(s, "BEGIN", err) != 0)
		return -1;
	ret = load_asof(s, f, q, err);
	sqlite3_exec(s->db, "COMMIT", NULL, NULL, NULL);
	return ret;
}

/* The generation, which every change of a row sets to a new random number
 * (schema 6); none when the schema is older (a reader never migrates), or
 * the file is read without locks (a read may then see a writer's pages
 * half done: fine for one run, not to be kept). */
static int
sq_change_token(struct store *base, uint64_t *token)
{
	struct sq *s = (struct sq *)base;
	sqlite3_stmt *st;
	int ret = -1;

	if (s->db == NULL || s->empty || s->immutable ||
	    s->version < STORE_SCHEMA_TOKEN ||
	    sqlite3_prepare_v2(s->db, "SELECT value FROM generation "
	    "WHERE one = 1", -1, &st, NULL) != SQLITE_OK)
		return -1;
	if (sqlite3_step(st) == SQLITE_ROW &&
	    sqlite3_column_type(st, 0) == SQLITE_INTEGER) {
		*token = (uint64_t)sqlite3_column_int64(st, 0);
		ret = 0;
	}
	sqlite3_finalize(st);
	return ret;
}

static void
bind_text(sqlite3_stmt *st, int i, const char *t)
{
	if (t == NULL || *t == '\0')
		sqlite3_bind_null(st, i);
	else
		sqlite3_bind_text(st, i, t, -1, SQLITE_STATIC);
}

/* The UTC time now as YYYY-MM-DDTHH:MM:SSZ. */
static void
utc_now(char out[static 21])
{
	time_t now = time(NULL);
	struct tm tm;

	gmtime_r(&now, &tm);
	strftime(out, 21, "%Y-%m-%dT%H:%M:%SZ", &tm);
}

/*
 * The latest date recorded for an item, as far as a batch knows (the
 * database's at the item's first row in the batch, then the batch's own):
 * a record dated after it has nothing to supersede, so the lookup of
 * find_current, a seek per row, is left out for it.  An import of new
 * dates then seeks once per item, not once per row.
 */
struct latest {
	const char	*item;		/* NULL: a free slot */
	uint32_t	 hash;
	pw_day		 day;		/* DAY_NONE: no record yet */
};

/* A stored latest date that is not one: look up every record. */
#define LATEST_UNKNOWN	INT_MAX

/*
 * Of the rows pending (below), those dated after the latest of their item
 * supersede nothing: they are inserted GROUP_ROWS to a statement (fewer,
 * GROUP_SOME to one, when fewer are left).  The trigger that sets the
 * generation for every row added (schema 6) makes an INSERT a statement
 * of several writes, which SQLite gives a statement journal of its own,
 * each page it changes copied there first, once per statement: a
 * statement per row took the import of a province's year, rows by id,
 * from 3.3 s to 5.3 s.  A row that may supersede is inserted alone, after
 * the rows before it, so that its look-up sees them.
 */
#define GROUP_ROWS	256
#define GROUP_SOME	16

struct sq_batch {
	struct store_batch base;	/* first: the front's part */
	struct sq	*s;
	sqlite3_stmt	*ins, *sup, *max;
	sqlite3_stmt	*cur[4];	/* find_current's, by CUR_* */
	char		 now[21];
	struct latest	*latest;	/* open addressing by item */
	size_t		 nlatest, latest_cap;	/* cap: a power of two */
	struct strpool	*strings;	/* their items */
	struct pending	*pend;		/* rows added, not inserted yet */
	size_t		 npend;
	struct strpool	*pstrings;	/* their strings */
	long long	 next_seq;	/* the seq of the next row added */
	long long	 cache_kib;	/* the page cache before the batch, or
					   0: left as it was */
	sqlite3_stmt	*grp, *some;	/* GROUP_ROWS, GROUP_SOME rows */
	const struct pending *group[GROUP_ROWS];	/* rows for grp */
	char		 gday[GROUP_ROWS][11];
	size_t		 ngroup;
};

/* A row added to a batch, with the seq it is to have. */
struct pending {
	struct record_in r;
	long long	 seq;
};

/*
 * Rows are inserted PENDING_MAX at a time, each item's together (in the
 * order they were added, with the seq they would have had): rows that
 * come in date order, as weekly reports do, are spread over every item,
 * and inserted as they come they would change a page of each index per
 * row, over indexes larger than SQLite's page cache at province scale,
 * each page read and spilled again.  Inserted by item, a page takes all
 * of an item's rows of the group at once.  The table's pages of the rows
 * pending (about 100 bytes a row), written in that order, stay in a page
 * cache of PENDING_CACHE_KIB while the batch lasts.
 */
#define PENDING_MAX	32768
#define PENDING_CACHE_KIB	6144
#define PENDING_CACHE_SQL	"6144"		/* the same, for SQL */

static void
batch_finalize(struct sq_batch *b)
{
	sqlite3_finalize(b->ins);
	for (size_t i = 0; i < sizeof b->cur / sizeof b->cur[0]; i++) {
		sqlite3_finalize(b->cur[i]);
		b->cur[i] = NULL;
	}
	sqlite3_finalize(b->sup);
	sqlite3_finalize(b->max);
	sqlite3_finalize(b->grp);
	sqlite3_finalize(b->some);
	b->ins = b->sup = b->max = b->grp = b->some = NULL;
}

static void
batch_free(struct sq_batch *b)
{
	char sql[64];

	/* As it was for the rest of the connection's life. */
	if (b->cache_kib != 0) {
		snprintf(sql, sizeof sql, "PRAGMA cache_size = %lld",
		    b->cache_kib);
		sqlite3_exec(b->s->db, sql, NULL, NULL, NULL);
	}
	free(b->latest);
	strpool_free(b->strings);
	free(b->pend);
	strpool_free(b->pstrings);
	free(b);
}

static struct latest *
latest_slot(struct latest *v, size_t cap, const char *item, uint32_t hash)
{
	size_t i = hash & (cap - 1);

	while (v[i].item != NULL && (v[i].hash != hash ||
	    strcmp(v[i].item, item) != 0))
		i = (i + 1) & (cap - 1);
	return &v[i];
}

/* The latest date of item, from the database the first time it is asked
 * for in this batch; -1 on a database error. */
static int
batch_latest(struct sq_batch *b, const char *item, struct latest **out)
{
	uint32_t hash = hash_str(item);
	struct latest *l;
	int rc;

	if (b->latest_cap > 0) {
		l = latest_slot(b->latest, b->latest_cap, item, hash);
		if (l->item != NULL) {
			*out = l;
			return 0;
		}
	}
	if ((b->nlatest + 1) * 2 > b->latest_cap) {
		size_t cap = b->latest_cap ? b->latest_cap * 2 : 64;
		struct latest *v = xcalloc(cap, sizeof *v);
		for (size_t i = 0; i < b->latest_cap; i++)
			if (b->latest[i].item != NULL)
				*latest_slot(v, cap, b->latest[i].item,
				    b->latest[i].hash) = b->latest[i];
		free(b->latest);
		b->latest = v;
		b->latest_cap = cap;
	}
	l = latest_slot(b->latest, b->latest_cap, item, hash);
	l->item = strpool_dup(&b->strings, item);
	l->hash = hash;
	l->day = DAY_NONE;
	b->nlatest++;
	sqlite3_bind_text(b->max, 1, item, -1, SQLITE_STATIC);
	/* Not a date as text (a blob sorts after every text): unknown. */
	rc = sqlite3_step(b->max);
	if (rc != SQLITE_ROW || (sqlite3_column_type(b->max, 0) !=
	    SQLITE_NULL && (sqlite3_column_type(b->max, 0) != SQLITE_TEXT ||
	    day_col(b->max, 0, &l->day) != 0)))
		l->day = LATEST_UNKNOWN;
	sqlite3_reset(b->max);
	*out = l;
	return rc == SQLITE_ROW || rc == SQLITE_DONE ? 0 : -1;
}

/*
 * find_current's look-up of the current rows of one kind, an item and a
 * date: a seek in events_current, which holds current rows only (in the
 * index of every row, an id and date recorded N times is N rows to walk,
 * and an import of them quadratic).  The kind is written in the SQL: bound
 * as a parameter, SQLite would prepare the statement again at every new
 * binding, since the value decides which partial index may be used.
 */
#define CUR_SQL(kind)	"SELECT seq FROM events WHERE kind = " kind \
	" AND item = ?1 AND asof = ?2 AND superseded_by IS NULL"
enum { CUR_VALUE, CUR_PROGRESS, CUR_COMPLETION, CUR_ANY };

#define INSERT_SQL	"INSERT INTO events (kind, item, asof, value, level, " \
	"note, source, recorded_by, seq, recorded) VALUES "

static void	sq_batch_abort(struct store_batch *);

/* Prepare an INSERT of n rows: row i's values are ?(9i+1) to ?(9i+9),
 * and the time, shared, is ?(9n+1). */
static int
prepare_insert(struct sq *s, int n, sqlite3_stmt **st, char **err)
{
	struct buf sql = BUF_INIT;
	int rc;

	buf_puts(&sql, INSERT_SQL);
	for (int i = 0; i < n; i++) {
		buf_puts(&sql, i > 0 ? ", (" : "(");
		for (int k = 1; k <= 9; k++)
			buf_printf(&sql, "?%d, ", 9 * i + k);
		buf_printf(&sql, "?%d)", 9 * n + 1);
	}
	rc = prepare(s, buf_str(&sql), st, err);
	buf_release(&sql);
	return rc;
}

static int
sq_batch_begin(struct store *base, struct store_batch **out, char **err)
{
	struct sq *s = (struct sq *)base;
	struct sq_batch *b;

	*out = NULL;
	if (s->db == NULL || s->mode != STORE_WRITE) {
		*err = fail(s, STORE_EREFUSED, xasprintf(_("%s: opened "
		    "read-only"), s->shown));
		return -1;
	}
	if (exec(s, "BEGIN IMMEDIATE", err) != 0)
		return -1;
	b = xcalloc(1, sizeof *b);
	b->base.s = &s->base;
	b->s = s;
	utc_now(b->now);
	if (prepare_insert(s, GROUP_ROWS, &b->grp, err) != 0 ||
	    prepare_insert(s, GROUP_SOME, &b->some, err) != 0 ||
	    prepare_insert(s, 1, &b->ins, err) != 0 ||
	    query_int(s, "PRAGMA cache_size", &b->cache_kib, err) != 0 ||
	    query_int(s, "SELECT max(seq) FROM events", &b->next_seq,
	    err) != 0 ||
	    prepare(s, CUR_SQL("'value'"), &b->cur[CUR_VALUE], err) != 0 ||
	    prepare(s, CUR_SQL("'progress'"), &b->cur[CUR_PROGRESS],
	    err) != 0 ||
	    prepare(s, CUR_SQL("'done'") " UNION ALL " CUR_SQL("'reopen'"),
	    &b->cur[CUR_COMPLETION], err) != 0 ||
	    prepare(s, CUR_SQL("'value'") " UNION ALL " CUR_SQL("'progress'")
	    " UNION ALL " CUR_SQL("'done'") " UNION ALL " CUR_SQL("'reopen'")
	    " UNION ALL " CUR_SQL("'void'"), &b->cur[CUR_ANY], err) != 0 ||
	    prepare(s, "UPDATE events SET superseded_by = ?1 WHERE seq = ?2",
	    &b->sup, err) != 0 ||
	    prepare(s, "SELECT max(asof) FROM events WHERE item = ?1",
	    &b->max, err) != 0) {
		sq_batch_abort(&b->base);
		return -1;
	}
	sqlite3_bind_text(b->ins, 10, b->now, -1, SQLITE_STATIC);
	sqlite3_bind_text(b->grp, 9 * GROUP_ROWS + 1, b->now, -1,
	    SQLITE_STATIC);
	sqlite3_bind_text(b->some, 9 * GROUP_SOME + 1, b->now, -1,
	    SQLITE_STATIC);
	/* A cache set in pages (positive) is left as it is. */
	if (b->cache_kib < 0 && -b->cache_kib < PENDING_CACHE_KIB)
		sqlite3_exec(s->db, "PRAGMA cache_size = -" PENDING_CACHE_SQL,
		    NULL, NULL, NULL);
	else
		b->cache_kib = 0;
	b->pend = xreallocarray(NULL, PENDING_MAX, sizeof *b->pend);
	b->next_seq++;
	*out = &b->base;
	return 0;
}

/* The current record of the same sort for this item and date, which r
 * will supersede: a value, a progress, or a completion (done and reopen
 * replace each other); a void supersedes every current row of its item
 * and date, an earlier void too.  A seek per kind in events_current; a
 * lookup, not an UPDATE that might touch many rows, so no statement
 * journal is needed.  Sets *found to how many (while the store is
 * consistent, at most one, or for a void one of each sort). */
static int
find_current(struct sq_batch *b, const struct record_in *r,
    const char *day, long long seq[static 8], size_t *found)
{
	sqlite3_stmt *cur = b->cur[r->kind == FACT_VALUE ? CUR_VALUE :
	    r->kind == FACT_PROGRESS ? CUR_PROGRESS :
	    r->kind == FACT_VOID ? CUR_ANY : CUR_COMPLETION];
	int rc;

	*found = 0;
	sqlite3_bind_text(cur, 1, r->item, -1, SQLITE_STATIC);
	sqlite3_bind_text(cur, 2, day, -1, SQLITE_STATIC);
	while ((rc = sqlite3_step(cur)) == SQLITE_ROW) {
		if (*found < 8)
			seq[*found] = sqlite3_column_int64(cur, 0);
		(*found)++;
	}
	sqlite3_reset(cur);
	return rc == SQLITE_DONE ? 0 : -1;
}

/* Bind r, dated day, as seq to ?(at+1) to ?(at+9) of the INSERT st. */
static void
bind_row(sqlite3_stmt *st, int at, const struct record_in *r,
    const char *day, long long seq)
{
	sqlite3_bind_text(st, at + 1, kind_names[r->kind], -1, SQLITE_STATIC);
	sqlite3_bind_text(st, at + 2, r->item, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, at + 3, day, -1, SQLITE_STATIC);
	if (r->kind == FACT_DONE || r->kind == FACT_REOPEN ||
	    r->kind == FACT_VOID)
		sqlite3_bind_null(st, at + 4);
	else
		sqlite3_bind_double(st, at + 4, r->value);
	bind_text(st, at + 5, r->kind == FACT_VALUE ? r->level : NULL);
	bind_text(st, at + 6, r->note);
	bind_text(st, at + 7, r->source);
	sqlite3_bind_text(st, at + 8, r->by, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, at + 9, seq);
}

/* Insert one row with st, an INSERT of one row. */
static int
insert_one(sqlite3_stmt *st, const struct pending *p, const char *day)
{
	int rc;

	bind_row(st, 0, &p->r, day, p->seq);
	rc = sqlite3_step(st);
	sqlite3_reset(st);
	return rc == SQLITE_DONE ? 0 : -1;
}

/* Insert n of the rows grouped, from the ith, with st, an INSERT of n
 * rows. */
static int
insert_some(struct sq_batch *b, sqlite3_stmt *st, size_t i, size_t n)
{
	int rc;

	for (size_t k = 0; k < n; k++)
		bind_row(st, 9 * (int)k, &b->group[i + k]->r, b->gday[i + k],
		    b->group[i + k]->seq);
	rc = sqlite3_step(st);
	sqlite3_reset(st);
	return rc == SQLITE_DONE ? 0 : -1;
}

/* Insert the rows grouped so far: GROUP_ROWS in one statement, fewer
 * GROUP_SOME to one, the rest one by one. */
static int
flush_group(struct sq_batch *b)
{
	size_t i = 0, n;
	int rc = 0;

	if (b->ngroup == GROUP_ROWS)
		rc = insert_some(b, b->grp, 0, GROUP_ROWS);
	else
		while (rc == 0 && i < b->ngroup) {
			n = b->ngroup - i >= GROUP_SOME ? GROUP_SOME : 1;
			rc = insert_some(b, n > 1 ? b->some : b->ins, i, n);
			i += n;
		}
	b->ngroup = 0;
	return rc;
}

/* Insert p, superseding as store_record says; -1 on a database error. */
static int
insert_row(struct sq_batch *b, const struct pending *p)
{
	const struct record_in *r = &p->r;
	struct latest *latest;
	long long old[8];
	size_t nold;
	char day[11];
	int rc;

	if (batch_latest(b, r->item, &latest) != 0)
		return -1;
	if (latest->day == DAY_NONE || (latest->day != LATEST_UNKNOWN &&
	    r->date > latest->day)) {
		latest->day = r->date;
		date_iso(r->date, b->gday[b->ngroup]);
		b->group[b->ngroup++] = p;
		return b->ngroup < GROUP_ROWS ? 0 : flush_group(b);
	}
	date_iso(r->date, day);
	if (flush_group(b) != 0 || find_current(b, r, day, old, &nold) != 0 ||
	    insert_one(b->ins, p, day) != 0)
		return -1;
	for (size_t i = 0; i < nold && i < 8; i++) {
		sqlite3_bind_int64(b->sup, 1, p->seq);
		sqlite3_bind_int64(b->sup, 2, old[i]);
		rc = sqlite3_step(b->sup);
		sqlite3_reset(b->sup);
		if (rc != SQLITE_DONE)
			return -1;
	}
	return 0;
}

static int
pending_cmp(const void *x, const void *y)
{
	const struct pending *a = x, *b = y;
	int c = strcmp(a->r.item, b->r.item);

	return c != 0 ? c : (a->seq > b->seq) - (a->seq < b->seq);
}

/* Insert the rows pending, by item, each item's in the order added. */
static int
flush_pending(struct sq_batch *b, char **err)
{
	int rc = 0;

	qsort(b->pend, b->npend, sizeof *b->pend, pending_cmp);
	for (size_t i = 0; i < b->npend && rc == 0; i++)
		rc = insert_row(b, &b->pend[i]);
	if (rc == 0)
		rc = flush_group(b);
	b->npend = 0;
	b->ngroup = 0;
	strpool_free(b->pstrings);
	b->pstrings = NULL;
	if (rc != 0)
		*err = db_error(b->s, b->s->db);
	return rc;
}

static const char *
pool_dup(struct strpool **pool, const char *s)
{
	return s != NULL ? strpool_dup(pool, s) : NULL;
}

static int
sq_batch_add(struct store_batch *base, const struct record_in *r,
    char **err)
{
	struct sq_batch *b = (struct sq_batch *)base;
	struct pending *p = &b->pend[b->npend++];

	p->r = *r;
	p->r.item = strpool_dup(&b->pstrings, r->item);
	p->r.level = pool_dup(&b->pstrings, r->level);
	p->r.note = pool_dup(&b->pstrings, r->note);
	p->r.source = pool_dup(&b->pstrings, r->source);
	p->r.by = pool_dup(&b->pstrings, r->by);
	p->seq = b->next_seq++;
	return b->npend < PENDING_MAX ? 0 : flush_pending(b, err);
}

static int
sq_batch_commit(struct store_batch *base, char **err)
{
	struct sq_batch *b = (struct sq_batch *)base;
	struct sq *s = b->s;

	if (flush_pending(b, err) != 0) {
		sq_batch_abort(base);
		return -1;
	}
	batch_finalize(b);
	if (exec(s, "COMMIT", err) != 0) {
		sq_batch_abort(base);
		return -1;
	}
	batch_free(b);
	return 0;
}

static void
sq_batch_abort(struct store_batch *base)
{
	struct sq_batch *b = (struct sq_batch *)base;

	batch_finalize(b);
	sqlite3_exec(b->s->db, "ROLLBACK", NULL, NULL, NULL);
	batch_free(b);
}

/*
 * A copy (backend.h): a transaction of its own into a store that holds no
 * record, whose rows keep their seq (they come in its order), recorder,
 * time and supersessions.
 */
struct sq_copy {
	struct store_batch base;	/* first: the front's part */
	struct sq	*s;
	sqlite3_stmt	*ins, *sup;
	long long	 next_seq;
};

static int	sq_copy_end(struct store_batch *, bool, char **);

static int
sq_copy_begin(struct store *base, struct store_batch **out, char **err)
{
	struct sq *s = (struct sq *)base;
	struct sq_copy *c;
	long long last;

	*out = NULL;
	if (s->db == NULL || s->mode != STORE_WRITE) {
		*err = fail(s, STORE_EREFUSED, xasprintf(_("%s: opened "
		    "read-only"), s->shown));
		return -1;
	}
	if (exec(s, "BEGIN IMMEDIATE", err) != 0)
		return -1;
	c = xcalloc(1, sizeof *c);
	c->base.s = &s->base;
	c->s = s;
	*out = &c->base;
	if (query_int(s, "SELECT max(seq) FROM events", &last, err) != 0 ||
	    prepare(s, "INSERT INTO events (seq, kind, item, asof, value, "
	    "level, note, source, recorded_by, recorded) VALUES (?1, ?2, ?3, "
	    "?4, ?5, ?6, ?7, ?8, ?9, ?10)", &c->ins, err) != 0 ||
	    prepare(s, "UPDATE events SET superseded_by = ?1 WHERE seq = ?2 "
	    "AND superseded_by IS NULL", &c->sup, err) != 0)
		goto fail;
	if (last != 0) {
		*err = fail(s, STORE_EINVALID, xasprintf(_("%s holds records "
		    "already: a copy goes only into an empty store"),
		    s->shown));
		goto fail;
	}
	c->next_seq = 1;
	return 0;
fail:
	sq_copy_end(&c->base, false, NULL);
	*out = NULL;
	return -1;
}

static int
sq_copy_add(struct store_batch *base, const struct record_copy *c,
    long long *seq, char **err)
{
	struct sq_copy *b = (struct sq_copy *)base;
	const struct record_in *r = &c->r;
	char day[11];
	int rc;

	*seq = c->seq >= b->next_seq ? c->seq : b->next_seq;
	b->next_seq = *seq + 1;
	date_iso(r->date, day);
	sqlite3_bind_int64(b->ins, 1, *seq);
	sqlite3_bind_text(b->ins, 2, kind_names[r->kind], -1, SQLITE_STATIC);
	sqlite3_bind_text(b->ins, 3, r->item, -1, SQLITE_STATIC);
	sqlite3_bind_text(b->ins, 4, day, -1, SQLITE_STATIC);
	if (r->kind == FACT_VALUE || r->kind == FACT_PROGRESS)
		sqlite3_bind_double(b->ins, 5, r->value);
	else
		sqlite3_bind_null(b->ins, 5);
	bind_text(b->ins, 6, r->level);
	bind_text(b->ins, 7, r->note);
	bind_text(b->ins, 8, r->source);
	sqlite3_bind_text(b->ins, 9, r->by, -1, SQLITE_STATIC);
	sqlite3_bind_text(b->ins, 10, c->recorded, -1, SQLITE_STATIC);
	rc = sqlite3_step(b->ins);
	sqlite3_reset(b->ins);
	for (size_t i = 0; i < c->nsupersedes && rc == SQLITE_DONE; i++) {
		sqlite3_bind_int64(b->sup, 1, *seq);
		sqlite3_bind_int64(b->sup, 2, c->supersedes[i]);
		rc = sqlite3_step(b->sup);
		sqlite3_reset(b->sup);
		if (rc == SQLITE_DONE && sqlite3_changes(b->s->db) != 1) {
			*err = fail(b->s, STORE_EINVALID, xasprintf(_("%s: a "
			    "copied record supersedes a row that the copy "
			    "has not added"), b->s->shown));
			return -1;
		}
	}
	if (rc != SQLITE_DONE) {
		*err = db_error(b->s, b->s->db);
		return -1;
	}
	return 0;
}

static int
sq_copy_end(struct store_batch *base, bool commit, char **err)
{
	struct sq_copy *c = (struct sq_copy *)base;
	struct sq *s = c->s;
	int rc = 0;

	sqlite3_finalize(c->ins);
	sqlite3_finalize(c->sup);
	free(c);
	if (commit && (rc = exec(s, "COMMIT", err)) == 0)
		return 0;
	sqlite3_exec(s->db, "ROLLBACK", NULL, NULL, NULL);
	return rc;
}

static int
sq_each(struct store *base, const struct history_query *q,
    int (*fn)(const struct history_row *, void *), void *arg, char **err)
{
	struct sq *s = (struct sq *)base;
	struct buf sql = BUF_INIT;
	struct history_row row;
	sqlite3_stmt *st;
	char since[11], until[11];
	int rc, ret = 0;

	if (s->db == NULL || s->empty)
		return 0;
	/* Only fixed fragments go into the SQL; every value is bound. */
	buf_puts(&sql, "SELECT seq, recorded, recorded_by, kind, item, asof, "
	    "value, level, note, source, superseded_by IS NOT NULL, "
	    "superseded_by FROM events WHERE 1");
	if (q->item != NULL)
		buf_puts(&sql, " AND (item = ?1 OR "
		    "(item > ?1 || '@' AND item < ?1 || 'A'))");
	if (q->since != DAY_NONE)
		buf_puts(&sql, " AND asof >= ?2");
	if (q->until != DAY_NONE)
		buf_puts(&sql, " AND asof <= ?3");
	if (q->current_only)
		buf_puts(&sql, " AND superseded_by IS NULL AND kind <> 'void'");
	buf_puts(&sql, q->oldest_first ? " ORDER BY seq" :
	    " ORDER BY seq DESC");
	if (q->limit > 0)
		buf_puts(&sql, " LIMIT ?4");
	rc = prepare(s, buf_str(&sql), &st, err);
	buf_release(&sql);
	if (rc != 0)
		return -1;
	if (q->item != NULL)
		sqlite3_bind_text(st, 1, q->item, -1, SQLITE_STATIC);
	if (q->since != DAY_NONE) {
		date_iso(q->since, since);
		sqlite3_bind_text(st, 2, since, -1, SQLITE_STATIC);
	}
	if (q->until != DAY_NONE) {
		date_iso(q->until, until);
		sqlite3_bind_text(st, 3, until, -1, SQLITE_STATIC);
	}
	if (q->limit > 0)
		sqlite3_bind_int64(st, 4, (long long)q->limit);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		row.seq = sqlite3_column_int64(st, 0);
		row.recorded = (char *)text_col(st, 1);
		row.by = (char *)text_col(st, 2);
		if (kind_parse(text_col(st, 3), &row.kind) != 0)
			row.kind = FACT_VALUE;
		row.item = (char *)text_col(st, 4);
		if (day_col(st, 5, &row.date) != 0)
			row.date = DAY_NONE;
		row.value = sqlite3_column_type(st, 6) == SQLITE_NULL ? NAN :
		    sqlite3_column_double(st, 6);
		row.level = (char *)text_col(st, 7);
		row.note = (char *)text_col(st, 8);
		row.source = (char *)text_col(st, 9);
		row.superseded = sqlite3_column_int(st, 10) != 0;
		row.superseded_by = sqlite3_column_int64(st, 11);
		if (row.recorded == NULL)
			row.recorded = (char *)"";
		if (row.by == NULL)
			row.by = (char *)"";
		if (row.item == NULL)
			row.item = (char *)"";
		if ((ret = fn(&row, arg)) != 0)
			break;
	}
	if (ret == 0 && rc != SQLITE_DONE) {
		*err = db_error(s, s->db);
		ret = -1;
	}
	sqlite3_finalize(st);
	return ret;
}

static bool
same_file(const char *a, const char *b)
{
	struct stat sa, sb;

	return stat(a, &sa) == 0 && stat(b, &sb) == 0 &&
	    sa.st_dev == sb.st_dev && sa.st_ino == sb.st_ino;
}

static int
sq_backup(struct store *base, const char *dest, char **err)
{
	struct sq *s = (struct sq *)base;
	sqlite3_backup *bk;
	sqlite3 *dst = NULL;
	struct stat st;
	char *tmp, *shown;
	int fd, rc, waited = 0;

	if (s->db == NULL) {
		*err = fail(s, STORE_ENOTFOUND, xasprintf(_("%s: no database "
		    "to back up"), s->shown));
		return -1;
	}
	shown = text_safe(dest);
	if (same_file(s->path, dest)) {
		*err = fail(s, STORE_EINVALID, xasprintf(_("%s: is the "
		    "database itself"), shown));
		free(shown);
		return -1;
	}
	if (stat(dest, &st) == 0 && !S_ISREG(st.st_mode)) {
		/* Renaming the copy over a device or a directory would
		 * replace it. */
		*err = fail(s, STORE_EINVALID, xasprintf(_("%s: not a regular "
		    "file"), shown));
		free(shown);
		return -1;
	}
	/* Copy into a temporary file beside dest, then rename: dest is
	 * either the old file or a complete copy, never half of one. */
	tmp = xasprintf("%s.tmp-XXXXXX", dest);
	if ((fd = mkstemp(tmp)) == -1) {
		s->base.error = store_errno_kind(errno);
		*err = xasprintf("%s: %s", shown, strerror(errno));
		free(shown);
		free(tmp);
		return -1;
	}
	close(fd);
	if (sqlite3_open_v2(tmp, &dst, SQLITE_OPEN_READWRITE, NULL) !=
	    SQLITE_OK)
		goto dsterr;
	if ((bk = sqlite3_backup_init(dst, "main", s->db, "main")) == NULL)
		goto dsterr;
	while ((rc = sqlite3_backup_step(bk, -1)) == SQLITE_BUSY ||
	    rc == SQLITE_LOCKED) {
		if (waited >= BUSY_TIMEOUT_MS)
			break;
		sqlite3_sleep(50);
		waited += 50;
	}
	sqlite3_backup_finish(bk);
	if (rc != SQLITE_DONE) {
		*err = fail(s, result_kind(rc, 0), xasprintf(_("%s: backup "
		    "failed: %s"), shown, sqlite3_errstr(rc)));
		goto fail;
	}
	if (sqlite3_close(dst) != SQLITE_OK) {
		dst = NULL;
		*err = fail(s, STORE_EIO, xasprintf(_("%s: backup failed"),
		    shown));
		goto fail;
	}
	dst = NULL;
	if (rename(tmp, dest) != 0) {
		s->base.error = store_errno_kind(errno);
		*err = xasprintf("%s: %s", shown, strerror(errno));
		goto fail;
	}
	free(tmp);
	free(shown);
	return 0;
dsterr:
	s->base.error = dst != NULL ? result_kind(sqlite3_errcode(dst),
	    sqlite3_system_errno(dst)) : STORE_EOTHER;
	*err = xasprintf("%s: %s", shown, dst != NULL ? sqlite3_errmsg(dst) :
	    "out of memory");
fail:
	sqlite3_close(dst);
	unlink(tmp);
	free(tmp);
	free(shown);
	return -1;
}

const struct store_ops store_sqlite_ops = {
	.name = "sqlite",
	.open = sq_open,
	.close = sq_close,
	.load_facts = sq_load_facts,
	.load_asof = sq_load_asof,
	.batch_begin = sq_batch_begin,
	.batch_add = sq_batch_add,
	.batch_commit = sq_batch_commit,
	.batch_abort = sq_batch_abort,
	.each = sq_each,
	.backup = sq_backup,
	.copy_begin = sq_copy_begin,
	.copy_add = sq_copy_add,
	.copy_end = sq_copy_end,
	.data_version = sq_data_version,
	.change_token = sq_change_token,
};
