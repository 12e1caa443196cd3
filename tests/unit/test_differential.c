/*
 * test_differential.c: a review of the facts a partial load reads
 * (store_load_facts_asof with review_query_init's query) is the review of
 * the whole history (store_load_facts), and so is a session's review of
 * the plan file and the store (session/session.h) through its cache,
 * cold (filling it) and warm (reading it), and without it,
 * on random plans, histories and as-of dates.
 *
 * PW_DIFF_PLANS sets how many random plans (default 300, each with a
 * random history and DATES_PER_PLAN as-of dates: a few thousand cases);
 * PW_DIFF_SEED the first seed (default 1).  `make fuzz` runs many more.
 * PW_DIFF_PG, a PostgreSQL URI (with its schema, as a role that may
 * publish and record anything), puts each plan's history there instead
 * of in an SQLite file, as plan dSEED (t8003 runs it so).
 * A failure prints the seed, the plan and the date, to replay it.
 */
#include <sys/stat.h>

#include <dirent.h>
#include <fcntl.h>
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <cmocka.h>

#include "config/config.h"
#include "db/pg.h"
#include "db/store.h"
#include "model/facts.h"
#include "model/status.h"
#include "session/session.h"
#include "tests/unit/same_facts.h"
#include "tests/unit/same_plan.h"
#include "util/buf.h"
#include "util/diag.h"
#include "util/xalloc.h"

#define DATES_PER_PLAN	8

/* In memory where there is a tmpfs: the cases commit often, and a
 * disk's syncs would make them ten times slower. */
static char dir[32];

/* The case under way, said when one fails. */
static struct {
	bool		 on;
	unsigned long long seed;
	pw_day		 asof;
	size_t		 recent;
	struct buf	 yaml;
} now;

/* xorshift64*: the same cases on every machine for a seed. */
static uint64_t rng;

static uint32_t
rnd(uint32_t n)
{
	rng ^= rng >> 12;
	rng ^= rng << 25;
	rng ^= rng >> 27;
	return n == 0 ? 0 : (uint32_t)((rng * 2685821657736338717ULL) >> 32) %
	    n;
}

static bool
chance(uint32_t percent)
{
	return rnd(100) < percent;
}

static pw_day
ymd(int y, int m, int d)
{
	return date_from_ymd(y, m, d);
}

static void
put_day(struct buf *b, pw_day d)
{
	char iso[11];

	date_iso(d, iso);
	buf_puts(b, iso);
}

static const char *const periods[] = { "week", "month", "quarter", "year" };
static const char *const dirs[] = { ">=", ">", "<=", "<", "=" };
static const char *const levels[] = { "L0", "L1", "L2", "L3" };

/* Describes the plan made, for the history. */
struct shape {
	pw_day		 start, end;
	size_t		 ntargets, nms;
};

static void
put_milestone(struct buf *b, const struct shape *sh, int i,
    const char *indent)
{
	pw_day due = sh->start + 30 + (pw_day)rnd(sh->end - sh->start - 30);
	pw_day start = due - 20 - (pw_day)rnd(400);

	buf_printf(b, "%s- id: M%d\n%s  name: m%d\n%s  due: ", indent, i,
	    indent, i, indent);
	put_day(b, due);
	buf_printf(b, "\n%s  owner: d%u\n", indent, rnd(3));
	if (chance(60)) {
		buf_printf(b, "%s  start: ", indent);
		put_day(b, start < sh->start ? sh->start : start);
		buf_putc(b, '\n');
	}
	if (chance(30))
		buf_printf(b, "%s  support: [d%u]\n", indent, rnd(3));
	if (chance(30))
		buf_printf(b, "%s  weight: %u\n", indent, 1 + rnd(4));
	/* Weekly over at most a year or so: few instances. */
	if (chance(40))
		buf_printf(b, "%s  every: %s\n", indent, periods[rnd(4)]);
}

static void
put_target(struct buf *b, const struct shape *sh, int i)
{
	pw_day due = sh->start + 60 + (pw_day)rnd(sh->end - sh->start - 60);
	bool scale = chance(35);
	int nst = (int)rnd(3);

	buf_printf(b, "  - id: T%d\n    name: t%d\n    direction: \"%s\"\n",
	    i, i, dirs[scale ? rnd(2) * 2 : rnd(5)]);
	buf_puts(b, "    due: ");
	put_day(b, due);
	buf_printf(b, "\n    owner: d%u\n", rnd(3));
	if (chance(30)) {
		uint32_t a = rnd(3);
		buf_printf(b, "    support: [d%u, d%u]\n", a, (a + 1 + rnd(2)) %
		    3);
	}
	if (chance(60))
		buf_printf(b, "    cadence: %s\n", periods[rnd(4)]);
	if (scale) {
		buf_printf(b, "    scale: [L0, L1, L2, L3]\n    target: %s\n",
		    levels[1 + rnd(3)]);
		if (chance(50))
			buf_printf(b, "    baseline: %s\n", levels[rnd(2)]);
	} else {
		buf_printf(b, "    target: %u\n", rnd(100));
		if (chance(60)) {
			buf_printf(b, "    baseline: %u\n", rnd(100));
			if (chance(70)) {
				buf_puts(b, "    baseline_date: ");
				put_day(b, sh->start - (pw_day)rnd(200));
				buf_putc(b, '\n');
			}
		}
	}
	if (nst > 0 && due - sh->start > 40) {
		pw_day d = sh->start;
		buf_puts(b, "    stages:\n");
		for (int k = 0; k < nst; k++) {
			d += 1 + (pw_day)rnd((due - d - 1) / (nst - k + 1));
			if (d >= due)
				break;
			buf_puts(b, "      - {due: ");
			put_day(b, d);
			if (scale)
				buf_printf(b, ", target: %s}\n",
				    levels[rnd(4)]);
			else
				buf_printf(b, ", target: %u}\n", rnd(100));
		}
	}
}

/* A random plan of a few phases, milestones and targets. */
static struct plan *
random_plan(struct shape *sh, struct buf *yaml)
{
	struct diags d;
	struct plan *p;
	int m = 0;

	sh->start = ymd(2019 + (int)rnd(4), 1 + (int)rnd(12), 1 +
	    (int)rnd(28));
	sh->end = sh->start + 200 + (pw_day)rnd(5 * 365);
	buf_reset(yaml);
	buf_puts(yaml, "format: 1\nplan: p\nstart: ");
	put_day(yaml, sh->start);
	buf_puts(yaml, "\nend: ");
	put_day(yaml, sh->end);
	buf_putc(yaml, '\n');
	if (chance(40))
		buf_printf(yaml, "cadence: %s\n", periods[rnd(4)]);
	if (chance(30))
		buf_printf(yaml, "warn_days: %u\n", rnd(60));
	buf_puts(yaml, "departments:\n  - {id: d0, name: D0}\n"
	    "  - {id: d1, name: D1}\n  - {id: d2, name: D2}\n");
	if (chance(50)) {
		buf_puts(yaml, "phases:\n  - id: P0\n    name: p0\n"
		    "    owner: d0\n    end: ");
		put_day(yaml, sh->end);
		buf_puts(yaml, "\n    milestones:\n");
		for (int n = 1 + (int)rnd(3); n > 0; n--)
			put_milestone(yaml, sh, m++, "      ");
	}
	if (chance(80)) {
		buf_puts(yaml, "milestones:\n");
		for (int n = 1 + (int)rnd(3); n > 0; n--)
			put_milestone(yaml, sh, m++, "  ");
	}
	sh->nms = (size_t)m;
	sh->ntargets = 1 + rnd(5);
	buf_puts(yaml, "targets:\n");
	for (size_t i = 0; i < sh->ntargets; i++)
		put_target(yaml, sh, (int)i);
	diags_init(&d, "random.yaml");
	p = config_load_buffer("random.yaml", buf_str(yaml), yaml->len, &d);
	if (p == NULL) {
		diags_print(&d, stderr);
		fprintf(stderr, "%s", buf_str(yaml));
	}
	diags_release(&d);
	return p;
}

/* A date around the plan's: some before it starts, some after it ends. */
static pw_day
some_day(const struct shape *sh)
{
	return sh->start - 90 + (pw_day)rnd(sh->end - sh->start + 180);
}

/*
 * A random history of p: values (levels outside the scale and none among
 * a scale's), progress, done and reopen of milestones and instances, ids
 * the plan does not have, and the same item and date recorded again, in
 * random order, in a few transactions.
 */
static void
random_history(struct store *s, const struct plan *p,
    const struct shape *sh)
{
	struct review_opts o = { .asof = sh->end, .warn_days = -1,
	    .dept = -1 };
	struct facts *none = facts_new();
	struct review *rv = review_new(p, none, &o);
	struct record_in *r;
	size_t n = 0, cap = 16 + rnd(300);
	char *err = NULL;

	r = xcalloc(cap, sizeof *r);
	while (n < cap) {
		struct record_in *x = &r[n++];
		uint32_t what = rnd(100);

		x->by = "tester";
		x->date = some_day(sh);
		if (what < 55) {
			const struct target *t =
			    &p->targets[rnd((uint32_t)p->ntargets)];
			x->kind = FACT_VALUE;
			x->item = t->id;
			x->value = (double)rnd(120) + (chance(20) ? 0.5 : 0);
			if (t->nscale > 0 && chance(90))
				x->level = chance(10) ? "L9" :
				    levels[rnd(4)];
			else if (t->nscale == 0 && chance(5))
				x->level = levels[rnd(4)];
		} else if (what < 95 && rv->nitems > 0) {
			const struct ms_result *m =
			    &rv->items[rnd((uint32_t)rv->nitems)];
			uint32_t k = rnd(10);
			x->kind = k < 5 ? FACT_PROGRESS : k < 8 ? FACT_DONE :
			    FACT_REOPEN;
			x->item = chance(15) ? p->ms[m->in.ms].id : m->name;
			x->value = x->kind == FACT_PROGRESS ?
			    (double)rnd(101) : 0;
		} else {
			x->kind = (enum fact_kind)rnd(4);
			x->item = chance(50) ? "unknown" : "T0@2024";
			x->value = 1;
		}
		/* Again, for the same item and date: superseded. */
		if (n < cap && chance(15)) {
			r[n] = *x;
			r[n].value += 1;
			n++;
		}
	}
	for (size_t i = 0; i < n;) {
		size_t k = 1 + rnd((uint32_t)(n - i));
		assert_int_equal(store_record(s, &r[i], k, &err), 0);
		i += k;
	}
	free(r);
	review_free(rv);
	facts_free(none);
}

static bool
same_double(double a, double b)
{
	return (isnan(a) && isnan(b)) || memcmp(&a, &b, sizeof a) == 0;
}

static void
same_counts(const struct counts *a, const struct counts *b)
{
	assert_memory_equal(a, b, sizeof *a);
}

/*
 * Every field of two reviews the same.  b's series are a's from the date
 * its facts (bf) are whole for each target on: the review trims the older
 * values a partial load reads for the rules alone.
 */
static void
same_reviews(const struct review *a, const struct review *b,
    const struct facts *bf)
{
	assert_int_equal(a->asof, b->asof);
	assert_int_equal(a->warn_days, b->warn_days);
	assert_int_equal(a->dept, b->dept);
	assert_int_equal(a->nitems, b->nitems);
	for (size_t i = 0; i < a->nitems; i++) {
		const struct ms_result *x = &a->items[i], *y = &b->items[i];
		assert_int_equal(x->in.ms, y->in.ms);
		assert_int_equal(x->in.start, y->in.start);
		assert_int_equal(x->in.due, y->in.due);
		assert_int_equal(x->in.period, y->in.period);
		assert_string_equal(x->name, y->name);
		assert_int_equal(x->state, y->state);
		assert_int_equal(x->days_overdue, y->days_overdue);
		assert_int_equal(x->days_left, y->days_left);
		assert_int_equal(x->has_progress, y->has_progress);
		assert_true(same_double(x->progress, y->progress));
		assert_int_equal(x->done_date, y->done_date);
		assert_true(same_double(x->expected, y->expected));
		assert_int_equal(x->pace, y->pace);
		assert_int_equal(x->sev, y->sev);
	}
	assert_int_equal(a->ntargets, b->ntargets);
	for (size_t i = 0; i < a->ntargets; i++) {
		const struct tg_result *x = &a->targets[i], *y = &b->targets[i];
		const struct fact_list *l = facts_get(bf,
		    a->plan->targets[i].id);
		pw_day since = l != NULL ? l->since : DAY_NONE;
		size_t k = 0;
		assert_int_equal(x->target, y->target);
		assert_int_equal(x->state, y->state);
		assert_int_equal(x->has_latest, y->has_latest);
		if (x->has_latest) {
			assert_int_equal(x->latest.date, y->latest.date);
			assert_true(same_double(x->latest.value,
			    y->latest.value));
		}
		assert_int_equal(x->has_deciding, y->has_deciding);
		if (x->has_deciding) {
			assert_int_equal(x->deciding.date, y->deciding.date);
			assert_true(same_double(x->deciding.value,
			    y->deciding.value));
		}
		assert_int_equal(x->stale_periods, y->stale_periods);
		assert_int_equal(x->stale, y->stale);
		assert_int_equal(x->stage_missed, y->stage_missed);
		assert_int_equal(x->has_projection, y->has_projection);
		if (x->has_projection)
			assert_true(same_double(x->projection, y->projection));
		assert_true(same_double(x->expected, y->expected));
		assert_int_equal(x->pace, y->pace);
		assert_int_equal(x->sev, y->sev);
		assert_int_equal(x->in_scope, y->in_scope);
		assert_int_equal(x->ignored, y->ignored);
		/* DAY_NONE is the least day: the whole series. */
		while (k < x->nseries && x->series[k].date < since)
			k++;
		assert_int_equal(x->nseries - k, y->nseries);
		for (size_t j = 0; j < y->nseries; j++, k++) {
			assert_int_equal(x->series[k].date,
			    y->series[j].date);
			assert_true(same_double(x->series[k].value,
			    y->series[j].value));
		}
	}
	assert_int_equal(a->nphases, b->nphases);
	for (size_t i = 0; i < a->nphases; i++) {
		const struct phase_result *x = &a->phases[i],
		    *y = &b->phases[i];
		assert_int_equal(x->phase, y->phase);
		assert_true(same_double(x->progress, y->progress));
		assert_true(same_double(x->expected, y->expected));
		assert_int_equal(x->pace, y->pace);
		assert_int_equal(x->overdue, y->overdue);
		assert_int_equal(x->days_overdue, y->days_overdue);
		assert_int_equal(x->open, y->open);
		assert_int_equal(x->sev, y->sev);
		assert_int_equal(x->in_scope, y->in_scope);
	}
	assert_int_equal(a->ndepts, b->ndepts);
	for (size_t i = 0; i < a->ndepts; i++) {
		const struct dept_result *x = &a->depts[i], *y = &b->depts[i];
		assert_int_equal(x->dept, y->dept);
		same_counts(&x->lead, &y->lead);
		same_counts(&x->support, &y->support);
		assert_int_equal(x->due_so_far, y->due_so_far);
		assert_int_equal(x->on_time, y->on_time);
		assert_true(same_double(x->on_time_rate, y->on_time_rate));
		assert_int_equal(a->dept_rank[i], b->dept_rank[i]);
	}
	same_counts(&a->counts, &b->counts);
	assert_int_equal(a->worst, b->worst);
	assert_int_equal(a->ignored, b->ignored);
}

/* The as-of dates of a case: random ones, and the days the rules turn on
 * (a target's due and stages, the day before and after). */
static pw_day
case_day(const struct plan *p, const struct shape *sh)
{
	const struct target *t = &p->targets[rnd((uint32_t)p->ntargets)];
	pw_day d;

	if (chance(50))
		return some_day(sh);
	d = t->nstages > 0 && chance(50) ?
	    t->stages[rnd((uint32_t)t->nstages)].due.day : t->due.day;
	return d - 1 + (pw_day)rnd(3);
}

/* A session's review of the plan file and the store as of asof, through
 * the cache in dir cache ("": none). */
static struct session *
session_review(const char *plan, const char *db, pw_day asof, size_t recent,
    const struct review_opts *o, const char *cache)
{
	struct session_args a = { .plan = plan, .store = db, .asof = asof,
	    .warn_days = o->warn_days, .recent = recent };
	struct session *s;
	char dept[16], *err = NULL;
	int rc;

	if (o->dept >= 0) {
		snprintf(dept, sizeof dept, "d%d", o->dept);
		a.dept = dept;
	}
	setenv("PLANWATCH_CACHE", cache, 1);
	rc = session_open(&a, &s, &err);
	setenv("PLANWATCH_CACHE", "", 1);
	if (rc != 0)
		fail_msg("session: %s", err != NULL ? err : "plan errors");
	return s;
}

/* Sessions cold (the cache filled), warm (read) and without the cache
 * hold the same plan and facts, and review as b does. */
static void
same_sessions(const char *file, const char *db, pw_day asof, size_t recent,
    const struct review_opts *o, const char *cache, const struct review *b)
{
	struct session *cold, *warm, *none;

	cold = session_review(file, db, asof, recent, o, cache);
	warm = session_review(file, db, asof, recent, o, cache);
	none = session_review(file, db, asof, recent, o, "");
	same_plan(none->plan, cold->plan);
	same_plan(none->plan, warm->plan);
	same_facts(none->facts, cold->facts);
	same_facts(none->facts, warm->facts);
	same_reviews(b, none->rv, none->facts);
	same_reviews(b, cold->rv, cold->facts);
	same_reviews(b, warm->rv, warm->facts);
	session_free(cold);
	session_free(warm);
	session_free(none);
}

static void
one_plan(unsigned long long seed, const char *cache)
{
	const char *pg = getenv("PW_DIFF_PG");
	char *db = xasprintf("%s/d%llu.db", dir, seed), *err = NULL;
	char *id = NULL, *plan_id = NULL;
	struct facts *all;
	struct shape sh;
	struct plan *p;
	struct store *s;
	char *file = xasprintf("%s/d%llu.yaml", dir, seed);
	FILE *fp;

	rng = seed * 0x9E3779B97F4A7C15ULL + 1;
	p = random_plan(&sh, &now.yaml);
	assert_non_null(p);
	/* The plan's file, for the sessions: its id, dSEED, from the name. */
	assert_non_null(fp = fopen(file, "w"));
	fputs(buf_str(&now.yaml), fp);
	assert_int_equal(fclose(fp), 0);
	if (pg != NULL && *pg != '\0') {
		/* A plan of its own on the server, named in the location. */
		free(db);
		id = xasprintf("d%llu", seed);
		plan_id = p->id;
		p->id = id;
		db = xasprintf("%s%coptions=-c%%20planwatch.plan%%3D%s", pg,
		    strchr(pg, '?') != NULL ? '&' : '?', id);
		if (pg_db_publish(pg, p, &err) != STORE_OK)
			fail_msg("%s", err);
	}
	assert_int_equal(store_open(db, STORE_WRITE, &s, &err), 0);
	random_history(s, p, &sh);
	store_close(s);
	assert_int_equal(store_open(db, STORE_READ, &s, &err), 0);
	all = facts_new();
	assert_int_equal(store_load_facts(s, all, &err), 0);
	for (int i = 0; i < DATES_PER_PLAN; i++) {
		pw_day asof = case_day(p, &sh);
		size_t recent = chance(50) ? 0 : rnd(12);
		struct review_opts o = { .asof = asof,
		    .warn_days = chance(20) ? (int)rnd(30) : -1,
		    .dept = chance(25) ? (int)rnd(3) : -1 };
		struct facts *part = facts_new();
		struct review *a, *b;
		struct facts_query q;
		review_query_init(p, asof, recent, &q);
		assert_int_equal(store_load_facts_asof(s, part, &q, &err), 0);
		review_query_release(&q);
		a = review_new(p, all, &o);
		b = review_new(p, part, &o);
		now.asof = asof;
		now.recent = recent;
		same_reviews(a, b, part);
		/* The sessions on two dates of each plan: each a new key. */
		if (i % (DATES_PER_PLAN / 2) == 0)
			same_sessions(file, db, asof, recent, &o, cache, b);
		review_free(a);
		review_free(b);
		facts_free(part);
	}
	facts_free(all);
	store_close(s);
	if (id != NULL) {
		p->id = plan_id;
		free(id);
	}
	/* A reader leaves the -wal and -shm files of a database. */
	for (size_t i = 0; i < 3; i++) {
		char *f = xasprintf("%s%s", db, (const char *[]){ "", "-wal",
		    "-shm" }[i]);
		unlink(f);
		free(f);
	}
	unlink(file);
	free(file);
	free(db);
	plan_free(p);
}

static unsigned long long
env_number(const char *name, unsigned long long dflt)
{
	const char *v = getenv(name);

	return v != NULL && *v != '\0' ? strtoull(v, NULL, 10) : dflt;
}

static void
test_partial_is_whole(void **state)
{
	unsigned long long first = env_number("PW_DIFF_SEED", 1);
	unsigned long long n = env_number("PW_DIFF_PLANS", 300);
	char *cache = xasprintf("%s/cache", dir);

	(void)state;
	assert_int_equal(mkdir(cache, 0700), 0);
	for (unsigned long long seed = first; seed < first + n; seed++) {
		now.on = true;
		now.seed = seed;
		now.asof = DAY_NONE;
		one_plan(seed, cache);
		now.on = false;
	}
	buf_release(&now.yaml);
	free(cache);
}

/* Say how to replay a failed case, then remove what the cases left: the
 * cache's files (the databases are removed case by case). */
static int
teardown(void **state)
{
	char *cache = xasprintf("%s/cache", dir);
	struct dirent *e;
	DIR *d;

	(void)state;
	if (now.on) {
		char iso[11] = "-";
		if (now.asof != DAY_NONE)
			date_iso(now.asof, iso);
		fprintf(stderr, "# failed: PW_DIFF_SEED=%llu PW_DIFF_PLANS=1, "
		    "as of %s, recent %zu, plan:\n%s", now.seed, iso,
		    now.recent, buf_str(&now.yaml));
	}
	if ((d = opendir(cache)) != NULL) {
		while ((e = readdir(d)) != NULL)
			if (e->d_name[0] != '.')
				unlinkat(dirfd(d), e->d_name, 0);
		closedir(d);
	}
	rmdir(cache);
	free(cache);
	return rmdir(dir);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_partial_is_whole),
	};

	setenv("PLANWATCH_CACHE", "", 1);
	strcpy(dir, "/dev/shm/pw-diff-XXXXXX");
	if (mkdtemp(dir) == NULL) {
		strcpy(dir, "/tmp/pw-diff-XXXXXX");
		if (mkdtemp(dir) == NULL)
			return 1;
	}
	return cmocka_run_group_tests(tests, NULL, teardown);
}
