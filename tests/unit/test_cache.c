/* test_cache.c: the session's cache (session/cache.h): the image of a
 * review's inputs gives back the very plan and facts, and bytes that are
 * not a whole image give none, whatever they are; an entry is used only
 * under its whole key. */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <cmocka.h>
#include <sqlite3.h>

#include "config/config.h"
#include "db/store.h"
#include "model/facts.h"
#include "model/plan.h"
#include "session/cache.h"
#include "session/image.h"
#include "session/session.h"
#include "tests/unit/same_facts.h"
#include "tests/unit/same_plan.h"
#include "util/buf.h"
#include "util/cachefile.h"
#include "util/diag.h"

/* Plans of every shape the loader makes: scales, stages, recurring
 * milestones, supporting departments, absent optional fields. */
static const char *const plans[] = {
	"examples/hulunbuir.yaml", "examples/linxiang.yaml",
	"examples/sanya.yaml", "examples/taiyuan.yaml", "examples/yuan.yaml",
	"tests/data/plans/full.yaml", "tests/data/plans/warnings.yaml",
	"tests/cli/t3-plan.yaml", "tests/golden/plan.yaml",
	"tests/golden/long.yaml",
};

static struct plan *
load_plan(const char *rel)
{
	const char *top = getenv("PW_TOP");
	char path[4096];
	struct diags d;
	struct plan *p;

	snprintf(path, sizeof path, "%s/%s", top != NULL ? top : ".", rel);
	diags_init(&d, path);
	p = config_load(path, &d);
	if (p == NULL) {
		diags_print(&d, stderr);
		fail_msg("cannot load %s", path);
	}
	diags_release(&d);
	return p;
}

/* Facts of every kind, a level, a list with nothing but its since. */
static struct facts *
some_facts(void)
{
	struct facts *f = facts_new();
	pw_day d = date_from_ymd(2025, 3, 31);
	struct fact_list *l;

	facts_add(f, "T1", &(struct fact){ FACT_VALUE, d, 12.5, NULL, 3 });
	facts_add(f, "T1", &(struct fact){ FACT_VALUE, d + 7, -0.0, NULL, 9 });
	facts_add(f, "T2", &(struct fact){ FACT_VALUE, d, 1, "良好", 4 });
	facts_add(f, "M@2025-03", &(struct fact){ FACT_PROGRESS, d, 50, NULL,
	    5 });
	facts_add(f, "M", &(struct fact){ FACT_DONE, d, 0, NULL, 6 });
	facts_add(f, "M", &(struct fact){ FACT_REOPEN, d + 1, 0, NULL, 7 });
	l = facts_list(f, "T3");
	l->since = d - 365;
	l->skipped = 2;
	return f;
}

/* The image of p, or of f, in b: one of them is NULL. */
static void
put_image(struct buf *b, const struct plan *p, const struct facts *f)
{
	if (p != NULL)
		image_put_plan(b, p);
	else
		image_put_facts(b, f);
}

/* Is data[0..len) an image of p's kind (or f's)?  What it holds is freed. */
static bool
read_image(const char *data, size_t len, const struct plan *p)
{
	struct plan *q = NULL;
	struct facts *g = NULL;

	if (p != NULL)
		q = image_get_plan(data, len);
	else
		g = image_get_facts(data, len);
	if (q != NULL)
		for (size_t t = 0; t < q->ntargets; t++)
			assert_true(q->targets[t].owner < (int)q->ndepts);
	plan_free(q);
	facts_free(g);
	return q != NULL || g != NULL;
}

static void
test_roundtrip(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof plans / sizeof plans[0]; i++) {
		struct plan *p = load_plan(plans[i]), *q;
		struct buf a = BUF_INIT, b = BUF_INIT;

		/* The plan's cadence: each value, none given included. */
		p->cadence = (enum period)(i % (PERIOD_YEAR + 1));
		image_put_plan(&a, p);
		assert_non_null(q = image_get_plan(a.s, a.len));
		same_plan(p, q);
		/* Looked up as the loaded plan is. */
		for (size_t k = 0; k < q->nms; k++)
			assert_int_equal(plan_find(q, q->ms[k].id).index, k);
		for (size_t k = 0; k < q->ndepts; k++)
			assert_int_equal(plan_find_dept(q, q->depts[k].id), k);
		image_put_plan(&b, q);
		assert_int_equal(a.len, b.len);
		assert_memory_equal(a.s, b.s, a.len);
		buf_release(&a);
		buf_release(&b);
		plan_free(p);
		plan_free(q);
	}
	struct facts *f = some_facts(), *g;
	struct buf a = BUF_INIT, b = BUF_INIT;

	image_put_facts(&a, f);
	assert_non_null(g = image_get_facts(a.s, a.len));
	same_facts(f, g);
	image_put_facts(&b, g);
	assert_int_equal(a.len, b.len);
	assert_memory_equal(a.s, b.s, a.len);
	buf_release(&a);
	buf_release(&b);
	facts_free(f);
	facts_free(g);
}

/* Every prefix of an image, and the image with a byte more, is refused. */
static void
test_truncated(void **state)
{
	struct plan *p = load_plan("tests/data/plans/full.yaml");
	struct facts *f = some_facts();

	(void)state;
	for (int kind = 0; kind < 2; kind++) {
		const struct plan *which = kind == 0 ? p : NULL;
		struct buf a = BUF_INIT;
		put_image(&a, which, f);
		for (size_t n = 0; n < a.len; n++) {
			/* Exactly n bytes: the sanitizer build sees any
			 * overread. */
			char *copy = malloc(n > 0 ? n : 1);
			memcpy(copy, a.s, n);
			assert_false(read_image(copy, n, which));
			free(copy);
		}
		assert_true(read_image(a.s, a.len, which));
		buf_putc(&a, 0);
		assert_false(read_image(a.s, a.len, which));
		buf_release(&a);
	}
	facts_free(f);
	plan_free(p);
}

/* Any one byte changed gives nothing or what holds together (the
 * sanitizer build checks no read goes astray). */
static void
test_damaged(void **state)
{
	struct plan *p = load_plan("examples/sanya.yaml");
	struct facts *f = some_facts();

	(void)state;
	for (int kind = 0; kind < 2; kind++) {
		const struct plan *which = kind == 0 ? p : NULL;
		struct buf a = BUF_INIT;
		size_t refusals = 0;
		put_image(&a, which, f);
		for (size_t i = 0; i < a.len; i++) {
			static const unsigned char flips[] = { 0xff, 0x80, 1 };
			for (size_t k = 0; k < sizeof flips; k++) {
				a.s[i] ^= (char)flips[k];
				if (!read_image(a.s, a.len, which))
					refusals++;
				a.s[i] ^= (char)flips[k];
			}
		}
		/* Changed lengths and counts are refused. */
		assert_true(refusals > 0);
		buf_release(&a);
	}
	facts_free(f);
	plan_free(p);
}

/* The image of a plan the loader would have refused, or of facts the store
 * could not have given, gives nothing. */
static void
expect_refused(const struct plan *p, const struct facts *f, const char *why)
{
	struct buf a = BUF_INIT;

	put_image(&a, p, f);
	if (read_image(a.s, a.len, p))
		fail_msg("image read though %s", why);
	buf_release(&a);
}

static void
test_loader_rules(void **state)
{
	struct plan *p = load_plan("tests/data/plans/full.yaml");
	char *keep;
	int w;
	size_t first, count;

	(void)state;
	assert_true(p->nphases >= 2 && p->ntargets > 0 && p->nms > 0);

	w = p->warn_days;
	p->warn_days = 2000000000;
	expect_refused(p, NULL, "warn_days is out of range");
	p->warn_days = w;

	keep = p->ms[0].id;
	p->ms[0].id = "M\033[31m";
	expect_refused(p, NULL, "an id has an escape");
	p->ms[0].id = keep;

	keep = p->targets[0].name;
	p->targets[0].name = "\302\233 C1";
	expect_refused(p, NULL, "a name has a C1 control");
	p->targets[0].name = keep;

	keep = p->depts[0].name;
	p->depts[0].name = "\377";
	expect_refused(p, NULL, "a name is not UTF-8");
	p->depts[0].name = keep;

	first = p->phases[1].ms_first;
	count = p->phases[1].ms_count;
	p->phases[1].ms_first = 0;
	p->phases[1].ms_count = p->nms;
	expect_refused(p, NULL, "phases share milestones");
	p->phases[1].ms_first = first;
	p->phases[1].ms_count = count;

	double pace = p->pace_warn;
	p->pace_warn = p->pace_crit + 1;
	expect_refused(p, NULL, "pace warn is above crit");
	p->pace_warn = pace;

	pw_day due = p->ms[0].due.day;
	p->ms[0].due.day = date_from_ymd(3500, 1, 1);
	expect_refused(p, NULL, "a date is out of range");
	p->ms[0].due.day = due;

	if (p->ndepts >= 2) {
		keep = p->depts[1].id;
		p->depts[1].id = p->depts[0].id;
		expect_refused(p, NULL, "two departments share an id");
		p->depts[1].id = keep;
	}
	plan_free(p);
}

static void
test_store_rules(void **state)
{
	struct plan *p = load_plan("tests/data/plans/full.yaml");
	pw_day d = date_from_ymd(2025, 3, 31);
	struct {
		const char	*why, *item;
		struct fact	 x;
	} bad[] = {
		{ "a value is NaN", "T", { FACT_VALUE, d, NAN, NULL, 1 } },
		{ "a void is a fact", "T", { FACT_VOID, d, 0, NULL, 1 } },
		{ "a date is out of range", "T", { FACT_VALUE,
		    date_from_ymd(3500, 1, 1), 1, NULL, 1 } },
		{ "an item is empty", "", { FACT_VALUE, d, 1, NULL, 1 } },
	};

	(void)state;
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		struct facts *f = some_facts();
		facts_add(f, bad[i].item, &bad[i].x);
		expect_refused(NULL, f, bad[i].why);
		facts_free(f);
	}
	plan_free(p);
}

/* Items as small as an image holds them (one-letter ids, empty names, no
 * lists): the reader's bound on counts by the least size of an item must
 * not refuse them. */
static void
test_smallest_items(void **state)
{
	struct plan *p = plan_new(), *q;
	struct buf a = BUF_INIT;
	static char *ids[] = { "a", "b", "c", "d", "e", "f", "g", "h" };
	static char tids[200][8];
	const size_t n = 4, nt = 200;
	pw_day day = date_from_ymd(2025, 1, 1);

	(void)state;
	p->file = "f";
	p->title = "t";
	p->id = "i";
	p->ndepts = p->nphases = p->nms = n;
	p->ntargets = nt;
	p->depts = calloc(n, sizeof *p->depts);
	p->phases = calloc(n, sizeof *p->phases);
	p->ms = calloc(n, sizeof *p->ms);
	p->targets = calloc(nt, sizeof *p->targets);
	for (size_t i = 0; i < n; i++) {
		p->depts[i] = (struct department){ .id = ids[i], .name = "" };
		p->phases[i] = (struct phase){ .id = ids[i], .name = "",
		    .start = { DAY_NONE, PREC_DAY }, .end = { day, PREC_DAY },
		    .owner = -1, .ms_first = i, .ms_count = 1 };
		p->ms[i] = (struct milestone){ .id = ids[n + i], .name = "",
		    .phase = (int)i, .start = { DAY_NONE, PREC_DAY },
		    .due = { day, PREC_DAY }, .owner = -1, .weight = 1 };
	}
	/* Targets, the most of them, each at its least size but its id. */
	for (size_t i = 0; i < nt; i++) {
		snprintf(tids[i], sizeof tids[i], "t%zu", i);
		p->targets[i] = (struct target){ .id = tids[i], .name = "",
		    .due = { day, PREC_DAY }, .baseline_date = { DAY_NONE,
		    PREC_DAY }, .owner = -1, .phase = -1 };
	}
	image_put_plan(&a, p);
	assert_non_null(q = image_get_plan(a.s, a.len));
	plan_free(q);
	buf_release(&a);
	free(p->depts);
	free(p->phases);
	free(p->ms);
	free(p->targets);
	free(p);
}

/* A count larger than the bytes could hold is refused before anything
 * that size is allocated. */
static void
test_huge_counts(void **state)
{
	uint32_t v[8] = { UINT32_MAX, UINT32_MAX, UINT32_MAX, UINT32_MAX };

	(void)state;
	assert_null(image_get_plan(v, sizeof v));
	assert_null(image_get_plan(NULL, 0));
	assert_null(image_get_facts(v, sizeof v));
}

static void
write_file(const char *path, const char *text)
{
	FILE *fp = fopen(path, "w");

	assert_non_null(fp);
	fputs(text, fp);
	assert_int_equal(fclose(fp), 0);
}

/* A query with the date asof and recent, and a want of T1's values. */
static struct facts_query *
query(pw_day asof, size_t recent)
{
	static struct value_want w = { .item = "T1", .year = YEAR_ALWAYS };
	static struct facts_query q;

	q = (struct facts_query){ .asof = asof, .since = asof - 365,
	    .recent = recent, .wants = &w, .nwants = 1 };
	return &q;
}

/*
 * Load k through the cache: the plan's title (the caller frees it); with a
 * store, the facts of q under token too (*got, NULL on a miss, when f is
 * put in their place).  A planted plan read shows that the plan was the
 * cache's.
 */
static char *
load(const struct cache_key *k, uint64_t token, const struct facts_query *q,
    const struct facts *f, struct facts **got)
{
	struct cache_entry *e;
	struct diags d;
	struct plan *p;
	char *t;

	diags_init(&d, k->plan);
	p = cache_plan(k, &e, &d);
	assert_non_null(p);
	assert_int_equal(d.n, 0);
	diags_release(&d);
	assert_non_null(e);
	*got = k->store != NULL ? cache_facts(e, token, q) : NULL;
	t = strdup(p->title);
	cache_put(e, p, *got != NULL ? *got : f);
	plan_free(p);
	return t;
}

/* A load gives the title and, with a store, whether the facts were the
 * cache's. */
#define LOADS(k, token, q, title, facts_hit) do {			\
	char *t_ = load(k, token, q, f, &got);				\
	assert_string_equal(t_, title);					\
	assert_int_equal(got != NULL, facts_hit);			\
	if (got != NULL)						\
		same_facts(f, got);					\
	facts_free(got);						\
	free(t_);							\
} while (0)

/* Plant the plan of yaml (and f) in a new entry for k, under the plan
 * file's bytes now: the cache directory cache is emptied first. */
static void
plant(const char *cache, const struct cache_key *k, const char *yaml,
    uint64_t token, const struct facts_query *q, const struct facts *f)
{
	struct cache_entry *e;
	struct diags d;
	struct plan *p;
	char cmd[128];

	snprintf(cmd, sizeof cmd, "rm -rf '%s'", cache);
	assert_int_equal(system(cmd), 0);
	diags_init(&d, k->plan);
	p = cache_plan(k, &e, &d);
	plan_free(p);
	if (k->store != NULL)
		facts_free(cache_facts(e, token, q));
	p = config_load_buffer(k->plan, yaml, strlen(yaml), &d);
	assert_non_null(p);
	diags_release(&d);
	cache_put(e, p, f);
	plan_free(p);
}

/* A new directory dir (a mkdtemp template) with the cache in dir/cache. */
static void
temp_cache(char *dir, char *cache, size_t size)
{
	assert_non_null(mkdtemp(dir));
	snprintf(cache, size, "%s/cache", dir);
	setenv("PLANWATCH_CACHE", cache, 1);
}

/*
 * A cache file is read: what an entry holds is what the next load with
 * its key gives (a planted entry is believed), until its part of the key
 * changes: the plan file's bytes (the same length) for the plan; the
 * change token or the query for the facts; each part kept when only the
 * other changed.
 */
static void
test_cache_key(void **state)
{
	char dir[] = "/tmp/pw-test-cache.XXXXXX", path[64], cache[64];
	char cmd[128];
	static const char plan_a[] = "plan: A\nstart: 2024-01\n"
	    "end: 2025-12\n", plan_b[] = "plan: B\nstart: 2024-01\n"
	    "end: 2025-12\n", plan_c[] = "plan: C\nstart: 2024-01\n"
	    "end: 2025-12\n";
	struct cache_key k = { .plan = path };
	pw_day day = date_from_ymd(2025, 6, 30);
	struct facts *f = some_facts(), *got;

	(void)state;
	temp_cache(dir, cache, sizeof cache);
	snprintf(path, sizeof path, "%s/plan.yaml", dir);
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
	write_file(path, plan_a);

	/* The plan alone: B's plan planted under A's bytes is read, until
	 * the file's bytes change (the same length). */
	plant(cache, &k, plan_b, 0, NULL, NULL);
	LOADS(&k, 0, NULL, "B", false);
	write_file(path, plan_c);
	LOADS(&k, 0, NULL, "C", false);
	LOADS(&k, 0, NULL, "C", false);

	/* With a store: the facts read under the token and query they were
	 * put with, and only there. */
	k.store = "a.db";
	write_file(path, plan_a);
	LOADS(&k, 1, query(day, 0), "A", false);
	LOADS(&k, 1, query(day, 0), "A", true);
	LOADS(&k, 2, query(day, 0), "A", false);
	LOADS(&k, 2, query(day, 0), "A", true);
	LOADS(&k, 2, query(day + 1, 0), "A", false);
	LOADS(&k, 2, query(day + 1, 2), "A", false);
	LOADS(&k, 2, query(day + 1, 2), "A", true);
	/* A new token keeps the plan's part: B planted stays. */
	plant(cache, &k, plan_b, 2, query(day + 1, 2), f);
	LOADS(&k, 2, query(day + 1, 2), "B", true);
	LOADS(&k, 3, query(day + 1, 2), "B", false);
	LOADS(&k, 3, query(day + 1, 2), "B", true);
	/* Another plan, the same query: the facts' part is kept. */
	write_file(path, plan_c);
	LOADS(&k, 3, query(day + 1, 2), "C", true);
	LOADS(&k, 3, query(day + 1, 2), "C", true);
	/* Another store: a file of its own. */
	k.store = "b.db";
	LOADS(&k, 3, query(day + 1, 2), "C", false);
	LOADS(&k, 3, query(day + 1, 2), "C", true);

	facts_free(f);
	unsetenv("PLANWATCH_CACHE");
	assert_int_equal(system(cmd), 0);
}

/* The id of the plan at path, loaded through the cache, which keeps it. */
static char *
cached_id(const char *path)
{
	struct cache_key k = { .plan = path };
	struct cache_entry *e;
	struct diags d;
	struct plan *p;
	char *id;

	diags_init(&d, path);
	p = cache_plan(&k, &e, &d);
	assert_non_null(p);
	assert_string_equal(p->file, path);
	id = strdup(p->id);
	cache_put(e, p, NULL);
	plan_free(p);
	diags_release(&d);
	return id;
}

/*
 * The plan's name is in its part's key, not only in the cache file's
 * name (a hash of it): a file found under another name, as two names
 * whose hashes collide would find it, gives that name's plan (its file
 * and default id) only when the name is the same.
 */
static void
test_cache_name(void **state)
{
	char dir[] = "/tmp/pw-test-cache.XXXXXX", a[64], b[64], cache[64];
	char cmd[256], *fa, *fb, *id;
	static const char yaml[] = "plan: A\nstart: 2024-01\n"
	    "end: 2025-12\n";

	(void)state;
	temp_cache(dir, cache, sizeof cache);
	snprintf(a, sizeof a, "%s/a.yaml", dir);
	snprintf(b, sizeof b, "%s/b.yaml", dir);
	write_file(a, yaml);
	write_file(b, yaml);
	id = cached_id(a);
	assert_string_equal(id, "a");
	free(id);
	/* a.yaml's file where b.yaml's would be. */
	fa = cachefile_name(cache, a, ".plan");
	fb = cachefile_name(cache, b, ".plan");
	assert_true(fa != NULL && fb != NULL);
	snprintf(cmd, sizeof cmd, "cp -p '%s' '%s'", fa, fb);
	assert_int_equal(system(cmd), 0);
	id = cached_id(b);
	assert_string_equal(id, "b");
	free(id);

	free(fa);
	free(fb);
	unsetenv("PLANWATCH_CACHE");
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
	assert_int_equal(system(cmd), 0);
}

/*
 * A write between the session's reads of the change token and of the
 * facts: every SQLite connection traces its statements, and the first
 * BEGIN after a read of the generation (the facts' read transaction)
 * records first, through a store of its own.
 */
static struct {
	const char	*db;
	bool		 armed, token_read, wrote;
} race;

static int
race_trace(unsigned type, void *ctx, void *p, void *x)
{
	const char *sql = x;
	struct store *st;
	char *err = NULL;

	(void)type;
	(void)ctx;
	(void)p;
	if (!race.armed || sql == NULL)
		return 0;
	if (strstr(sql, "FROM generation") != NULL)
		race.token_read = true;
	else if (race.token_read && strncmp(sql, "BEGIN", 5) == 0) {
		race.armed = false;
		assert_int_equal(store_open(race.db, STORE_WRITE, &st, &err),
		    STORE_OK);
		assert_int_equal(store_record(st, &(struct record_in){
		    FACT_VALUE, "T1", date_from_ymd(2025, 3, 1), 20, NULL,
		    NULL, NULL, "test" }, 1, &err), STORE_OK);
		store_close(st);
		race.wrote = true;
	}
	return 0;
}

static int
race_init(sqlite3 *db, char **err, const void *api)
{
	(void)err;
	(void)api;
	sqlite3_trace_v2(db, SQLITE_TRACE_STMT, race_trace, NULL);
	return SQLITE_OK;
}

/* A session's facts of plan and db as of 2025-06-30, through the cache in
 * cache ("": none); the caller frees them. */
static struct facts *
session_facts(const char *plan, const char *db, const char *cache)
{
	struct session_args a = { .plan = plan, .store = db,
	    .asof = date_from_ymd(2025, 6, 30), .warn_days = -1 };
	struct session *s;
	struct facts *f;
	char *err = NULL;

	setenv("PLANWATCH_CACHE", cache, 1);
	if (session_open(&a, &s, &err) != 0)
		fail_msg("session: %s", err != NULL ? err : "plan errors");
	unsetenv("PLANWATCH_CACHE");
	f = s->facts;
	s->facts = NULL;
	session_free(s);
	return f;
}

/*
 * Facts are kept only under the token of the state they were read in: a
 * row recorded after the token was read but before the facts were is in
 * the facts, not in the state the token names.  The database restored to
 * that state (a backup taken then) gives its own facts, not the row.
 */
static void
test_token_race(void **state)
{
	char dir[] = "/tmp/pw-test-cache.XXXXXX", cache[64], plan[64];
	char db[64], cmd[512];
	static const char yaml[] = "format: 1\nplan: Race\n"
	    "start: 2025-01-01\nend: 2025-12-31\n"
	    "departments:\n  - {id: d, name: D}\n"
	    "targets:\n  - id: T1\n    name: Rate\n    direction: \">=\"\n"
	    "    target: 90\n    due: 2025-12-31\n    owner: d\n";
	struct store *st;
	struct facts *f, *g;
	char *err = NULL;

	(void)state;
	temp_cache(dir, cache, sizeof cache);
	snprintf(plan, sizeof plan, "%s/plan.yaml", dir);
	snprintf(db, sizeof db, "%s/plan.db", dir);
	write_file(plan, yaml);
	assert_int_equal(store_open(db, STORE_WRITE, &st, &err), STORE_OK);
	assert_int_equal(store_record(st, &(struct record_in){ FACT_VALUE,
	    "T1", date_from_ymd(2025, 2, 1), 10, NULL, NULL, NULL, "test" },
	    1, &err), STORE_OK);
	store_close(st);
	snprintf(cmd, sizeof cmd, "cp '%s' '%s.bak'", db, db);
	assert_int_equal(system(cmd), 0);

	race.db = db;
	race.armed = true;
	assert_int_equal(sqlite3_auto_extension((void (*)(void))race_init),
	    SQLITE_OK);
	f = session_facts(plan, db, cache);
	sqlite3_cancel_auto_extension((void (*)(void))race_init);
	assert_true(race.wrote);
	facts_free(f);

	/* The backup taken before the row: the state the token named. */
	snprintf(cmd, sizeof cmd, "rm -f '%s-wal' '%s-shm' && cp '%s.bak' "
	    "'%s'", db, db, db, db);
	assert_int_equal(system(cmd), 0);
	f = session_facts(plan, db, cache);
	g = session_facts(plan, db, "");
	same_facts(g, f);
	facts_free(f);
	facts_free(g);

	snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
	assert_int_equal(system(cmd), 0);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_roundtrip),
		cmocka_unit_test(test_truncated),
		cmocka_unit_test(test_damaged),
		cmocka_unit_test(test_huge_counts),
		cmocka_unit_test(test_loader_rules),
		cmocka_unit_test(test_store_rules),
		cmocka_unit_test(test_smallest_items),
		cmocka_unit_test(test_cache_key),
		cmocka_unit_test(test_cache_name),
		cmocka_unit_test(test_token_race),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
