/*
 * session.c: opening, reloading, recording into and releasing a plan, its
 * store, its facts and their review, as of a date (session.h).
 */
#include <sys/stat.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "config/config.h"
#include "db/store.h"
#include "model/facts.h"
#include "model/plan.h"
#include "model/status.h"
#include "session/cache.h"
#include "session/session.h"
#include "util/diag.h"
#include "util/i18n.h"
#include "util/text.h"
#include "util/xalloc.h"

/* The first error of a plan that failed to load, as one line. */
static char *
first_error(const struct diags *d)
{
	char *file = text_safe(d->file != NULL ? d->file : "-"), *msg = NULL;
	char *more = NULL;

	for (size_t i = 0; i < d->n && msg == NULL; i++) {
		const struct diag *g = &d->v[i];
		if (g->level != DIAG_ERROR)
			continue;
		if (g->line > 0)
			msg = xasprintf("%s:%d:%d: %s", file, g->line, g->col,
			    g->msg);
		else
			msg = xasprintf("%s: %s", file, g->msg);
	}
	if (msg == NULL)
		msg = xasprintf(_("%s: the plan has errors"), file);
	free(file);
	if (d->errors > 1) {
		more = xasprintf(_("%s (and %zu more errors)"), msg,
		    d->errors - 1);
		free(msg);
		msg = more;
	}
	return msg;
}

/* Keep *err if set (the first failure is the one to say), else take e. */
static void
keep_first(char **err, char *e)
{
	if (*err == NULL)
		*err = e;
	else
		free(e);
}

struct plan *
session_load_plan(const char *path, bool cached, struct diags *d)
{
	struct cache_key k = { .plan = path };
	struct cache_entry *e;
	struct plan *p;

	if (!cached)
		return config_load(path, d);
	p = cache_plan(&k, &e, d);
	cache_put(e, p, NULL);
	return p;
}

int
session_open_store(const char *where, bool write, struct store **out,
    char **err)
{
	return store_open(where, write ? STORE_WRITE : STORE_READ, out,
	    err) != STORE_OK ? -1 : 0;
}

/* The session's store, working on its plan's records (store_use_plan). */
static int
open_bound(const struct session *s, bool write, struct store **out,
    char **err)
{
	if (session_open_store(s->store_loc, write, out, err) != 0)
		return -1;
	if (store_use_plan(*out, s->plan->id, err) != 0) {
		store_close(*out);
		*out = NULL;
		return -1;
	}
	return 0;
}

static bool
plan_on_stdin(const struct session *s)
{
	return strcmp(s->plan_path, "-") == 0;
}

static void
remember_plan_file(struct session *s)
{
	struct stat st;

	if (stat(s->plan_path, &st) == 0) {
		s->plan_mtime = st.st_mtim;
		s->plan_size = st.st_size;
	}
}

static bool
plan_file_changed(const struct session *s)
{
	struct stat st;

	if (plan_on_stdin(s) || stat(s->plan_path, &st) != 0)
		return false;
	return st.st_size != s->plan_size ||
	    st.st_mtim.tv_sec != s->plan_mtime.tv_sec ||
	    st.st_mtim.tv_nsec != s->plan_mtime.tv_nsec;
}

/*
 * Load what a review of the plan as of s->asof reads, in place of the
 * facts held, from the cache entry e when it holds them (NULL: none); on
 * errors keep them.  The change counter and token are read first, so that
 * a write after them is seen as a change, and the token again after the
 * facts, which are kept only when it has not moved.
 */
static int
load_facts(struct session *s, struct cache_entry *e, char **err)
{
	struct facts *f = facts_new(), *kept;
	long long version = 0;
	uint64_t token, now;
	int rc = 0;

	if (s->store != NULL)
		version = store_data_version(s->store);
	if (s->store != NULL && s->all_facts)
		rc = store_load_facts(s->store, f, err);
	else if (s->store != NULL) {
		struct facts_query q;
		bool tok = e != NULL &&
		    store_change_token(s->store, &token) == 0;
		review_query_init(s->plan, s->asof, s->recent, &q);
		if (tok && (kept = cache_facts(e, token, &q)) != NULL) {
			facts_free(f);
			f = kept;
		} else if ((rc = store_load_facts_asof(s->store, f, &q,
		    err)) == 0 && tok && (store_change_token(s->store,
		    &now) != 0 || now != token))
			/* Written to since the token: the facts may be of a
			 * later state than the one it names. */
			cache_facts_drop(e);
		review_query_release(&q);
	}
	if (rc != 0) {
		facts_free(f);
		return -1;
	}
	facts_free(s->facts);
	s->facts = f;
	s->facts_asof = s->asof;
	s->facts_plan = s->plan;
	s->data_version = version;
	return 0;
}

/* Keep a copy of the newest history rows as of the date. */
static int
load_history(struct session *s, char **err)
{
	history_rows_free(s->hist, s->nhist);
	s->hist = NULL;
	s->nhist = 0;
	if (s->history_max == 0)
		return 0;
	if (session_history(s, NULL, s->history_max, &s->hist, &s->nhist,
	    err) != 0) {
		s->hist = NULL;
		s->nhist = 0;
		return -1;
	}
	return 0;
}

/* Review as of s->asof, loading the facts again when they are those of
 * another date or plan, and the history.  On errors the review is still
 * made, from the facts held. */
static int
rebuild(struct session *s, char **err)
{
	struct review_opts o = { .asof = s->asof, .warn_days = s->warn_days,
	    .dept = s->dept };
	char *e = NULL;
	int rc = 0;

	*err = NULL;
	if (s->facts == NULL || s->facts_asof != s->asof ||
	    s->facts_plan != s->plan) {
		if (load_facts(s, NULL, &e) != 0) {
			keep_first(err, e);
			rc = -1;
		}
	}
	review_free(s->rv);
	free(s->attn);
	s->attn = NULL;
	s->nattn = 0;
	s->attn_done = false;
	s->rv = review_new(s->plan, s->facts, &o);
	s->generation++;
	e = NULL;
	if (load_history(s, &e) != 0) {
		keep_first(err, e);
		rc = -1;
	}
	return rc;
}

/* Load the plan file again; on errors keep the plan in use. */
static int
reload_plan(struct session *s, char **err)
{
	struct diags d;
	struct plan *p;

	remember_plan_file(s);
	if (plan_on_stdin(s))
		return 0;
	diags_init(&d, s->plan_path);
	p = session_load_plan(s->plan_path, true, &d);
	diags_sort(&d);
	if (p == NULL) {
		char *e = first_error(&d);
		*err = xasprintf(_("plan not reloaded: %s"), e);
		free(e);
		diags_release(&d);
		return -1;
	}
	diags_release(&d);
	plan_free(s->retired);
	s->retired = s->plan;
	s->plan = p;
	return 0;
}

/* Open the store again (a database that did not exist may now). */
static int
reopen_store(struct session *s, char **err)
{
	struct store *st;

	if (open_bound(s, s->writable, &st, err) != 0)
		return -1;
	if (s->store != NULL)
		store_close(s->store);
	s->store = st;
	return 0;
}

/* Whether a store that held nothing may have been created since. */
static bool
store_may_have_appeared(const struct session *s)
{
	struct stat st;

	return s->store_loc != NULL && stat(s->store_loc, &st) == 0 &&
	    (s->store == NULL || store_data_version(s->store) == 0);
}

int
session_open(const struct session_args *a, struct session **out,
    char **err)
{
	struct session *s;
	struct diags d;
	struct cache_key k = { .plan = a->plan };
	struct cache_entry *e = NULL;

	*out = NULL;
	*err = NULL;
	s = xcalloc(1, sizeof *s);
	s->plan_path = xstrdup(a->plan);
	s->store_loc = a->store != NULL ? xstrdup(a->store) : NULL;
	s->asof = a->asof;
	s->warn_days = a->warn_days;
	s->dept = -1;
	s->all_facts = a->all_facts;
	s->recent = a->recent;
	s->history_max = a->history;
	remember_plan_file(s);

	/* A review's plan and facts are kept together; the whole history
	 * (all_facts) is not kept. */
	if (!s->all_facts) {
		k.store = s->store_loc;
		k.recent = s->recent;
	}
	diags_init(&d, s->plan_path);
	s->plan = cache_plan(&k, &e, &d);
	diags_sort(&d);
	if (a->print_diags && (s->plan == NULL || a->print_warnings))
		diags_print(&d, stderr);
	if (s->plan == NULL) {
		if (!a->print_diags)
			*err = first_error(&d);
		diags_release(&d);
		goto fail;
	}
	diags_release(&d);
	if (a->dept != NULL &&
	    (s->dept = plan_find_dept(s->plan, a->dept)) < 0) {
		char *id = text_safe(a->dept);
		*err = xasprintf(_("unknown department '%s'"), id);
		free(id);
		goto fail;
	}
	if (s->store_loc != NULL &&
	    (open_bound(s, false, &s->store, err) != 0 ||
	    load_facts(s, e, err) != 0))
		goto fail;
	cache_put(e, s->plan, k.store != NULL ? s->facts : NULL);
	/* The facts are loaded: only the history can fail here, and the
	 * review goes on without it, as after a reload. */
	if (rebuild(s, err) != 0) {
		free(*err);
		*err = NULL;
	}
	*out = s;
	return 0;
fail:
	cache_entry_free(e);
	session_free(s);
	return -1;
}

void
session_free(struct session *s)
{
	if (s == NULL)
		return;
	history_rows_free(s->hist, s->nhist);
	free(s->attn);
	review_free(s->rv);
	facts_free(s->facts);
	if (s->store != NULL)
		store_close(s->store);
	plan_free(s->plan);
	plan_free(s->retired);
	free(s->store_loc);
	free(s->plan_path);
	free(s);
}

int
session_set_asof(struct session *s, pw_day day, char **err)
{
	s->asof = day;
	return rebuild(s, err);
}

/* Load the facts again (the store changed) and rebuild. */
static int
reload_facts(struct session *s, char **err)
{
	if (load_facts(s, NULL, err) != 0)
		return -1;
	return rebuild(s, err);
}

/* Whether another process recorded since the facts were loaded.  The
 * change counter is a query on a server: asked only when the store cannot
 * tell by itself (SQLite, a hot standby), or says it may have (LISTEN). */
static bool
store_moved(struct session *s)
{
	return store_changed(s->store) != 0 &&
	    store_data_version(s->store) != s->data_version;
}

int
session_change_fd(struct session *s)
{
	return s->store != NULL ? store_change_fd(s->store) : -1;
}

bool
session_read_only(struct session *s)
{
	return s->store != NULL && store_read_only(s->store);
}

int
session_reload_if_changed(struct session *s, int *changed, char **err)
{
	*changed = 0;
	*err = NULL;
	if (plan_file_changed(s)) {
		*changed = SESSION_PLAN;
		if (reload_plan(s, err) != 0)
			return -1;
		return rebuild(s, err);
	}
	if (store_may_have_appeared(s)) {
		if (reopen_store(s, err) != 0)
			return -1;
		if (s->store != NULL && store_data_version(s->store) != 0) {
			*changed = SESSION_STORE;
			return reload_facts(s, err);
		}
	}
	if (s->store != NULL && store_moved(s)) {
		*changed = SESSION_FACTS;
		return reload_facts(s, err);
	}
	return 0;
}

int
session_reload(struct session *s, char **err)
{
	char *e = NULL;

	*err = NULL;
	/* A store that cannot be opened yet is tried again by the next
	 * session_reload_if_changed(); the plan and the facts held are
	 * reloaded all the same. */
	if (store_may_have_appeared(s) && reopen_store(s, &e) != 0)
		free(e);
	if (reload_plan(s, err) != 0)
		return -1;
	return reload_facts(s, err);
}

int
session_record(struct session *s, const struct record_in *rec, size_t n,
    char **err)
{
	*err = NULL;
	if (!s->writable) {
		struct store *st;
		if (s->store_loc == NULL) {
			*err = xstrdup(_("no database to record in (the plan "
			    "came from standard input; use -d)"));
			return -1;
		}
		if (open_bound(s, true, &st, err) != 0)
			return -1;
		if (s->store != NULL)
			store_close(s->store);
		s->store = st;
		s->writable = true;
	}
	if (store_record(s->store, rec, n, err) != 0)
		return -1;
	return reload_facts(s, err);
}

int
session_history(struct session *s, const char *item, size_t limit,
    struct history_row **rows, size_t *n, char **err)
{
	/* Nothing recorded after the as-of date: the review travels in
	 * time. */
	struct history_query q = { .item = item, .since = DAY_NONE,
	    .until = s->asof, .limit = limit };

	*rows = NULL;
	*n = 0;
	if (s->store == NULL)
		return 0;
	if (store_history(s->store, &q, rows, n, err) != 0) {
		*rows = NULL;
		*n = 0;
		return -1;
	}
	return 0;
}

size_t
session_attention(struct session *s, const struct attn_item **out)
{
	if (!s->attn_done) {
		s->nattn = attention_list(s->rv, SEV_WARNING, &s->attn);
		s->attn_done = true;
	}
	*out = s->attn;
	return s->nattn;
}

void
session_free_retired(struct session *s)
{
	plan_free(s->retired);
	s->retired = NULL;
}

void
session_drop_facts(struct session *s)
{
	facts_free(s->facts);
	s->facts = NULL;
}
