/* test_store.c: the SQLite store against real files in a temporary
 * directory. */
#include <sys/stat.h>

#include <setjmp.h>
#include <stdarg.h>
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
#include "model/status.h"
#include "tests/unit/same_facts.h"
#include "util/diag.h"
#include "util/xalloc.h"

static char dir[] = "/tmp/pw-store-XXXXXX";

static char *
path(const char *name)
{
	return xasprintf("%s/%s", dir, name);
}

static pw_day
ymd(int y, int m, int d)
{
	return date_from_ymd(y, m, d);
}

static struct record_in
value_in(const char *item, pw_day date, double v)
{
	struct record_in r = { FACT_VALUE, item, date, v, NULL, NULL, NULL,
	    "tester" };
	return r;
}

static void
sql(const char *file, const char *stmt)
{
	sqlite3 *db;

	assert_int_equal(sqlite3_open(file, &db), SQLITE_OK);
	assert_int_equal(sqlite3_exec(db, stmt, NULL, NULL, NULL), SQLITE_OK);
	sqlite3_close(db);
}

static long long
sql_int(const char *file, const char *q)
{
	sqlite3 *db;
	sqlite3_stmt *st;
	long long v = -1;

	assert_int_equal(sqlite3_open(file, &db), SQLITE_OK);
	assert_int_equal(sqlite3_prepare_v2(db, q, -1, &st, NULL), SQLITE_OK);
	if (sqlite3_step(st) == SQLITE_ROW)
		v = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	sqlite3_close(db);
	return v;
}

/* What a review of plan as of asof reads: the query is the rules'
 * (review_query_init), the store only runs it. */
static int
load_review(struct store *s, const struct plan *plan, pw_day asof,
    size_t recent, struct facts *f, char **err)
{
	struct facts_query q;
	int rc;

	review_query_init(plan, asof, recent, &q);
	rc = store_load_facts_asof(s, f, &q, err);
	review_query_release(&q);
	return rc;
}

static void
test_missing_reads_empty(void **state)
{
	char *p = path("missing.db"), *err = NULL;
	struct store *s;
	struct facts *f = facts_new();
	struct history_query q = { NULL, DAY_NONE, DAY_NONE, 0, false, false };
	struct history_row *rows;
	size_t n;

	(void)state;
	assert_int_equal(store_open(p, STORE_READ, &s, &err), 0);
	assert_int_equal(store_load_facts(s, f, &err), 0);
	assert_int_equal(facts_total(f), 0);
	assert_int_equal(store_history(s, &q, &rows, &n, &err), 0);
	assert_int_equal(n, 0);
	assert_int_equal(store_data_version(s), 0);
	free(rows);
	store_close(s);
	assert_int_equal(access(p, F_OK), -1);	/* never created */
	facts_free(f);
	free(p);
}

static void
test_record_supersede_history(void **state)
{
	char *p = path("rec.db"), *err = NULL;
	struct store *s;
	struct facts *f = facts_new();
	struct record_in r[4];
	const struct fact_list *l;
	struct history_row *rows;
	size_t n;
	struct history_query q = { "T1", DAY_NONE, DAY_NONE, 0, false, false };

	(void)state;
	assert_int_equal(store_open(p, STORE_WRITE, &s, &err), 0);
	r[0] = value_in("T1", ymd(2024, 3, 1), 10);
	r[1] = value_in("T1", ymd(2024, 4, 1), 20);
	r[1].note = "第一次，含\"引号\"'; DROP TABLE events; --%n";
	r[2] = value_in("T2", ymd(2024, 4, 1), 5);
	r[2].level = "good";
	assert_int_equal(store_record(s, r, 3, &err), 0);
	/* Again for T1 on 2024-04-01: supersedes the 20. */
	r[3] = value_in("T1", ymd(2024, 4, 1), 25);
	assert_int_equal(store_record(s, &r[3], 1, &err), 0);
	assert_int_equal(store_load_facts(s, f, &err), 0);
	assert_int_equal(facts_total(f), 3);
	l = facts_get(f, "T1");
	assert_non_null(l);
	assert_int_equal(l->n, 2);
	assert_true(l->v[1].value == 25);
	l = facts_get(f, "T2");
	assert_string_equal(l->v[0].level, "good");

	assert_int_equal(store_history(s, &q, &rows, &n, &err), 0);
	assert_int_equal(n, 3);
	assert_true(rows[0].value == 25);	/* newest first */
	assert_false(rows[0].superseded);
	assert_true(rows[1].superseded);
	assert_string_equal(rows[1].note, r[1].note);
	assert_string_equal(rows[1].by, "tester");
	assert_int_equal(strlen(rows[1].recorded), 20);
	assert_null(rows[2].note);
	history_rows_free(rows, n);

	q.current_only = true;
	q.oldest_first = true;
	assert_int_equal(store_history(s, &q, &rows, &n, &err), 0);
	assert_int_equal(n, 2);
	assert_true(rows[0].value == 10);
	history_rows_free(rows, n);
	store_close(s);
	facts_free(f);
	assert_int_equal(sql_int(p, "PRAGMA user_version"),
	    STORE_SCHEMA_VERSION);
	assert_int_equal(sql_int(p, "PRAGMA application_id"),
	    STORE_APPLICATION_ID);
	free(p);
}

static void
test_milestones_and_instances(void **state)
{
	char *p = path("ms.db"), *err = NULL;
	struct store *s;
	struct record_in r[5] = {
		{ FACT_PROGRESS, "M1", ymd(2024, 5, 1), 40, NULL, NULL, NULL,
		  "a" },
		{ FACT_DONE, "M1", ymd(2024, 5, 1), 0, NULL, NULL, NULL, "a" },
		{ FACT_REOPEN, "M1", ymd(2024, 5, 1), 0, NULL, NULL, NULL, "a" },
		{ FACT_DONE, "R@2024-03", ymd(2024, 3, 30), 0, NULL, NULL, NULL,
		  "a" },
		{ FACT_DONE, "R@2024-04", ymd(2024, 4, 30), 0, NULL, NULL, NULL,
		  "a" },
	};
	struct history_query q = { "R", DAY_NONE, DAY_NONE, 0, false, false };
	struct history_row *rows;
	struct facts *f = facts_new();
	const struct fact_list *l;
	size_t n;

	(void)state;
	assert_int_equal(store_open(p, STORE_WRITE, &s, &err), 0);
	assert_int_equal(store_record(s, r, 5, &err), 0);
	assert_int_equal(store_load_facts(s, f, &err), 0);
	/* Progress stays beside the completion; reopen replaced done. */
	l = facts_get(f, "M1");
	assert_int_equal(l->n, 2);
	assert_int_equal(l->v[0].kind, FACT_PROGRESS);
	assert_int_equal(l->v[1].kind, FACT_REOPEN);
	/* An id's history includes its instances, and only those. */
	assert_int_equal(store_history(s, &q, &rows, &n, &err), 0);
	assert_int_equal(n, 2);
	history_rows_free(rows, n);
	q.item = "R@2024-03";
	assert_int_equal(store_history(s, &q, &rows, &n, &err), 0);
	assert_int_equal(n, 1);
	history_rows_free(rows, n);
	q.item = NULL;
	q.since = ymd(2024, 4, 1);
	q.until = ymd(2024, 4, 30);
	assert_int_equal(store_history(s, &q, &rows, &n, &err), 0);
	assert_int_equal(n, 1);
	assert_string_equal(rows[0].item, "R@2024-04");
	history_rows_free(rows, n);
	store_close(s);
	facts_free(f);
	free(p);
}

static void
test_all_or_nothing(void **state)
{
	char *p = path("atomic.db"), *err = NULL;
	struct store *s;
	struct record_in r[3];

	(void)state;
	assert_int_equal(store_open(p, STORE_WRITE, &s, &err), 0);
	r[0] = value_in("T1", ymd(2024, 1, 1), 1);
	r[1] = value_in("T1", ymd(2024, 1, 2), 2);
	r[2] = value_in("", ymd(2024, 1, 3), 3);
	assert_int_equal(store_record(s, r, 3, &err), STORE_EINVALID);
	assert_non_null(err);
	free(err);
	err = NULL;
	r[2] = value_in("T1", DAY_NONE, 3);
	assert_int_equal(store_record(s, r, 3, &err), STORE_EINVALID);
	free(err);
	err = NULL;
	/* A year a stored date cannot hold (it would be written modulo
	 * 10000) nor the store read back. */
	r[2] = value_in("T1", ymd(DATE_YEAR_MAX + 1, 1, 1), 3);
	assert_int_equal(store_record(s, r, 3, &err), STORE_EINVALID);
	assert_non_null(strstr(err, "invalid date"));
	free(err);
	err = NULL;
	r[2] = value_in("T1", ymd(DATE_YEAR_MIN, 1, 1) - 1, 3);
	assert_int_equal(store_record(s, r, 3, &err), STORE_EINVALID);
	free(err);
	err = NULL;
	store_close(s);
	assert_int_equal(sql_int(p, "SELECT count(*) FROM events"), 0);
	free(p);
}

static void
test_refusals(void **state)
{
	char *p, *err = NULL;
	struct store *s;
	FILE *fp;

	(void)state;
	/* Another application's database. */
	p = path("other.db");
	sql(p, "CREATE TABLE t (x)");
	assert_int_equal(store_open(p, STORE_WRITE, &s, &err),
	    STORE_ENOTOURS);
	assert_null(s);
	assert_non_null(strstr(err, "not a planwatch database"));
	assert_non_null(strstr(err, p));
	free(err);
	err = NULL;
	assert_int_equal(store_open(p, STORE_READ, &s, &err),
	    STORE_ENOTOURS);
	free(err);
	err = NULL;
	free(p);

	/* A newer schema. */
	p = path("newer.db");
	assert_int_equal(store_open(p, STORE_WRITE, &s, &err), 0);
	store_close(s);
	sql(p, "PRAGMA user_version = 99");
	assert_int_equal(store_open(p, STORE_READ, &s, &err), STORE_ETOONEW);
	assert_non_null(strstr(err, "newer planwatch (schema 99); this one "
	    "knows up to 6"));
	free(err);
	err = NULL;
	assert_int_equal(store_open(p, STORE_WRITE, &s, &err), STORE_ETOONEW);
	free(err);
	err = NULL;
	free(p);

	/* Not SQLite at all. */
	p = path("text.db");
	fp = fopen(p, "w");
	assert_non_null(fp);
	for (int i = 0; i < 200; i++)
		fputs("this is not a database at all\n", fp);
	fclose(fp);
	assert_int_equal(store_open(p, STORE_READ, &s, &err), STORE_ENOTOURS);
	assert_non_null(strstr(err, p));
	assert_non_null(strstr(err, "not a planwatch database"));
	free(err);
	err = NULL;
	assert_int_equal(store_open(p, STORE_WRITE, &s, &err), STORE_ENOTOURS);
	free(err);
	free(p);
}

static void
test_empty_file_and_migration(void **state)
{
	char *p = path("empty.db"), *err = NULL;
	struct store *s;
	struct facts *f = facts_new();
	struct record_in r = value_in("T", ymd(2024, 1, 1), 1);
	FILE *fp = fopen(p, "w");

	(void)state;
	fclose(fp);
	/* A zero-byte file reads as empty and is made a store on write
	 * (migration from version 0). */
	assert_int_equal(store_open(p, STORE_READ, &s, &err), 0);
	assert_int_equal(store_load_facts(s, f, &err), 0);
	assert_int_equal(facts_total(f), 0);
	store_close(s);
	assert_int_equal(store_open(p, STORE_WRITE, &s, &err), 0);
	assert_int_equal(store_record(s, &r, 1, &err), 0);
	store_close(s);
	assert_int_equal(sql_int(p, "SELECT count(*) FROM events"), 1);
	assert_int_equal(sql_int(p, "SELECT count(*) FROM pragma_journal_mode "
	    "WHERE journal_mode = 'wal'"), 1);
	facts_free(f);
	free(p);
}

static void
test_backup_and_data_version(void **state)
{
	char *p = path("live.db"), *b = path("copy.db"), *err = NULL;
	struct store *s, *r;
	struct record_in in = value_in("T", ymd(2024, 1, 1), 7);
	long long v1, v2;

	(void)state;
	assert_int_equal(store_open(p, STORE_WRITE, &s, &err), 0);
	assert_int_equal(store_record(s, &in, 1, &err), 0);
	assert_int_equal(store_open(p, STORE_READ, &r, &err), 0);
	v1 = store_data_version(r);
	in.value = 8;
	assert_int_equal(store_record(s, &in, 1, &err), 0);
	v2 = store_data_version(r);
	assert_true(v1 != v2);
	assert_int_equal(store_backup(r, b, &err), 0);
	assert_int_equal(sql_int(b, "SELECT count(*) FROM events"), 2);
	assert_int_equal(sql_int(b, "SELECT count(*) FROM events WHERE "
	    "superseded_by IS NULL"), 1);
	/* Never onto the database itself. */
	assert_int_equal(store_backup(r, p, &err), STORE_EINVALID);
	free(err);
	store_close(r);
	store_close(s);
	free(p);
	free(b);
}

static struct record_in
level_in(const char *item, pw_day date, const char *level)
{
	struct record_in r = { FACT_VALUE, item, date, 0, level, NULL, NULL,
	    "tester" };
	return r;
}

static struct record_in
ms_in(enum fact_kind kind, const char *item, pw_day date, double v)
{
	struct record_in r = { kind, item, date, v, NULL, NULL, NULL,
	    "tester" };
	return r;
}

/* Is there a fact of kind with this date and value in l? */
static bool
has_fact(const struct fact_list *l, enum fact_kind kind, pw_day date,
    double v)
{
	for (size_t i = 0; l != NULL && i < l->n; i++)
		if (l->v[i].kind == kind && l->v[i].date == date &&
		    (kind != FACT_VALUE && kind != FACT_PROGRESS ?
		    true : l->v[i].value == v))
			return true;
	return false;
}

/* The records of the store_load_facts_asof tests, as of 2024-06-30. */
static void
record_asof_fixture(struct store *s)
{
	static const char *bad = "坏", *low = "低", *mid = "中",
	    *high = "高", *other = "甲", *unknown = "未知";
	struct record_in r[] = {
		value_in("T", ymd(2020, 1, 1), 1),
		value_in("T", ymd(2020, 1, 1), 1.5),	/* supersedes */
		value_in("T", ymd(2021, 6, 1), 2),
		value_in("T", ymd(2023, 1, 1), 3),
		value_in("T", ymd(2023, 1, 1), 3.5),
		value_in("T", ymd(2024, 2, 1), 3.8),
		value_in("T", ymd(2024, 3, 1), 4),
		value_in("T", ymd(2024, 7, 1), 5),	/* after the date */
		value_in("S", ymd(2019, 5, 1), 2),	/* no level */
		level_in("S", ymd(2019, 6, 1), bad),
		level_in("S", ymd(2019, 7, 1), high),
		level_in("S", ymd(2019, 8, 1), other),
		level_in("S", ymd(2020, 1, 1), bad),
		level_in("S", ymd(2020, 2, 1), low),
		level_in("S", ymd(2024, 5, 1), mid),
		level_in("S", ymd(2024, 6, 1), unknown),
		value_in("U", ymd(2022, 1, 1), 7),
		value_in("U", ymd(2024, 6, 1), 9),
		ms_in(FACT_PROGRESS, "M", ymd(2024, 1, 1), 10),
		ms_in(FACT_PROGRESS, "M", ymd(2024, 5, 1), 40),
		ms_in(FACT_PROGRESS, "M", ymd(2024, 8, 1), 80),
		ms_in(FACT_DONE, "M", ymd(2024, 6, 1), 0),
		ms_in(FACT_REOPEN, "M", ymd(2024, 6, 15), 0),
		ms_in(FACT_DONE, "M@2024-03", ymd(2024, 3, 31), 0),
	};
	char *err = NULL;

	assert_int_equal(store_record(s, r, sizeof r / sizeof r[0], &err), 0);
}

static void
test_load_asof(void **state)
{
	static char *levels[] = { "低", "中", "高" };
	char *p = path("asof.db"), *err = NULL;
	pw_day asof = ymd(2024, 6, 30);
	pw_day t_at[] = { asof, ymd(2020, 6, 30), ymd(2021, 12, 31) };
	pw_day s_at[] = { asof };
	pw_day u_at[] = { asof, ymd(2024, 1, 1) };
	struct value_want w[] = {
		{ "T", t_at, 3, NULL, 0, YEAR_ALWAYS, DIR_GE, 0 },
		{ "S", s_at, 1, levels, 3, YEAR_ALWAYS, DIR_GE, 0 },
		{ "U", u_at, 2, NULL, 0, YEAR_ALWAYS, DIR_GE, 0 },
	};
	struct facts_query q = { asof, asof - 365, 0, w, 3, NULL };
	const struct fact_list *l;
	struct store *s;
	struct facts *f = facts_new();

	(void)state;
	assert_int_equal(store_open(p, STORE_WRITE, &s, &err), 0);
	record_asof_fixture(s);
	assert_int_equal(store_load_facts_asof(s, f, &q, &err), 0);

	/* The year's values, the due date's and the stage's before it. */
	l = facts_get(f, "T");
	assert_non_null(l);
	assert_int_equal(l->n, 4);
	assert_true(has_fact(l, FACT_VALUE, ymd(2024, 3, 1), 4));
	assert_true(has_fact(l, FACT_VALUE, ymd(2024, 2, 1), 3.8));
	assert_true(has_fact(l, FACT_VALUE, ymd(2020, 1, 1), 1.5));
	assert_true(has_fact(l, FACT_VALUE, ymd(2021, 6, 1), 2));
	assert_false(has_fact(l, FACT_VALUE, ymd(2024, 7, 1), 5));
	assert_int_equal(l->since, ymd(2023, 1, 2));
	assert_int_equal(l->skipped, 0);

	/* A scale: levels not in it are loaded in the year, counted before
	 * it: no level, and each level not in the scale, however often. */
	l = facts_get(f, "S");
	assert_non_null(l);
	assert_int_equal(l->n, 2);
	assert_string_equal(l->v[0].level, "中");
	assert_string_equal(l->v[1].level, "未知");
	assert_int_equal(l->since, ymd(2020, 2, 2));
	assert_int_equal(l->skipped, 4);

	/* A stage within the year before its first value. */
	l = facts_get(f, "U");
	assert_int_equal(l->n, 2);
	assert_true(has_fact(l, FACT_VALUE, ymd(2022, 1, 1), 7));

	/* Milestones: the latest progress, done and reopen by the date. */
	l = facts_get(f, "M");
	assert_int_equal(l->n, 3);
	assert_true(has_fact(l, FACT_PROGRESS, ymd(2024, 5, 1), 40));
	assert_true(has_fact(l, FACT_DONE, ymd(2024, 6, 1), 0));
	assert_true(has_fact(l, FACT_REOPEN, ymd(2024, 6, 15), 0));
	assert_true(has_fact(facts_get(f, "M@2024-03"), FACT_DONE,
	    ymd(2024, 3, 31), 0));
	facts_free(f);

	/* At least three recent values; and no year when year says so. */
	f = facts_new();
	q.recent = 3;
	assert_int_equal(store_load_facts_asof(s, f, &q, &err), 0);
	l = facts_get(f, "T");
	assert_true(has_fact(l, FACT_VALUE, ymd(2023, 1, 1), 3.5));
	assert_int_equal(l->since, ymd(2021, 6, 2));
	facts_free(f);
	f = facts_new();
	q.recent = 0;
	w[0].year = YEAR_NEVER;
	assert_int_equal(store_load_facts_asof(s, f, &q, &err), 0);
	l = facts_get(f, "T");
	assert_true(has_fact(l, FACT_VALUE, ymd(2024, 3, 1), 4));
	assert_false(has_fact(l, FACT_VALUE, ymd(2024, 2, 1), 3.8));
	assert_int_equal(l->since, ymd(2024, 2, 2));
	facts_free(f);
	store_close(s);
	free(p);
}


/*
 * A batch supersedes what it should whatever it knows of an item's latest
 * date: the same date as the database's latest, a later one twice in one
 * batch, an earlier one, done then reopen, and an item whose latest stored
 * date is not a date.
 */
static void
test_batch_supersedes(void **state)
{
	char *p = path("latest.db"), *err = NULL;
	struct store *s;
	struct record_in r[7];

	(void)state;
	assert_int_equal(store_open(p, STORE_WRITE, &s, &err), 0);
	r[0] = value_in("T", ymd(2024, 1, 1), 1);
	r[1] = ms_in(FACT_DONE, "M", ymd(2024, 3, 1), 0);
	assert_int_equal(store_record(s, r, 2, &err), 0);
	sql(p, "INSERT INTO events (kind, item, asof, value, recorded_by, "
	    "recorded) VALUES ('value', 'W', '2024-99-99', 1, 'x', "
	    "'2024-01-01T00:00:00Z'), ('value', 'W', '2024-01-01', 2, 'x', "
	    "'2024-01-01T00:00:00Z')");
	r[0] = value_in("T", ymd(2024, 1, 1), 2);	/* the latest date */
	r[1] = value_in("T", ymd(2024, 2, 1), 3);	/* a later one */
	r[2] = value_in("T", ymd(2024, 2, 1), 4);	/* again, in the batch */
	r[3] = value_in("T", ymd(2023, 12, 1), 0);	/* an earlier one */
	r[4] = ms_in(FACT_REOPEN, "M", ymd(2024, 3, 1), 0);
	r[5] = value_in("W", ymd(2024, 1, 1), 3);
	r[6] = value_in("N", ymd(2024, 1, 1), 9);	/* a new item */
	assert_int_equal(store_record(s, r, 7, &err), 0);
	/* A date stored as a blob by another program sorts after every
	 * date: it must not hide a later one. */
	r[0] = value_in("B", ymd(2024, 6, 1), 1);
	assert_int_equal(store_record(s, r, 1, &err), 0);
	sql(p, "PRAGMA ignore_check_constraints = 1;"
	    "INSERT INTO events (kind, item, asof, value, recorded_by, "
	    "recorded) VALUES ('value', 'B', CAST('2020-01-01' AS BLOB), 5, "
	    "'x', '2024-01-01T00:00:00Z')");
	r[0] = value_in("B", ymd(2024, 6, 1), 2);
	assert_int_equal(store_record(s, r, 1, &err), 0);
	store_close(s);
	assert_int_equal(sql_int(p, "SELECT value FROM events WHERE "
	    "superseded_by IS NULL AND item = 'B' AND asof = '2024-06-01'"), 2);
	assert_int_equal(sql_int(p, "SELECT count(*) FROM events WHERE "
	    "superseded_by IS NULL AND item = 'B' AND asof = '2024-06-01'"), 1);
	assert_int_equal(sql_int(p, "SELECT count(*) FROM events WHERE "
	    "superseded_by IS NULL AND item = 'T'"), 3);
	assert_int_equal(sql_int(p, "SELECT value FROM events WHERE "
	    "superseded_by IS NULL AND item = 'T' AND asof = '2024-01-01'"), 2);
	assert_int_equal(sql_int(p, "SELECT value FROM events WHERE "
	    "superseded_by IS NULL AND item = 'T' AND asof = '2024-02-01'"), 4);
	assert_int_equal(sql_int(p, "SELECT count(*) FROM events WHERE "
	    "superseded_by IS NULL AND item = 'M'"), 1);
	assert_int_equal(sql_int(p, "SELECT count(*) FROM events WHERE "
	    "superseded_by IS NULL AND item = 'M' AND kind = 'reopen'"), 1);
	assert_int_equal(sql_int(p, "SELECT value FROM events WHERE "
	    "superseded_by IS NULL AND item = 'W' AND asof = '2024-01-01'"), 3);
	assert_int_equal(sql_int(p, "SELECT count(*) FROM events WHERE "
	    "superseded_by IS NOT NULL"), 5);
	free(p);
}

/* A plan whose targets meet every rule that reads old values. */
static const char asof_plan[] =
    "format: 1\nplan: p\nstart: 2019-01-01\nend: 2026-12-31\n"
    "departments:\n  - {id: d, name: D}\n"
    "milestones:\n"
    "  - {id: M, name: m, start: 2024-01-01, due: 2024-09-30, owner: d}\n"
    "  - {id: R, name: r, start: 2024-01-01, due: 2024-12-31, every: month,"
    " owner: d}\n"
    "targets:\n"
    "  - {id: T, name: t, direction: \">=\", target: 5, due: 2020-06-30,"
    " owner: d, baseline: 0, baseline_date: 2019-01-01}\n"
    "  - id: S\n    name: s\n    direction: \">=\"\n    target: 高\n"
    "    due: 2025-12-31\n    scale: [低, 中, 高]\n    owner: d\n"
    "    cadence: month\n    stages:\n      - {due: 2021-12-31, target: 中}\n"
    "  - {id: U, name: u, direction: \"<=\", target: 1, due: 2026-12-31,"
    " owner: d, cadence: week, baseline: 10, baseline_date: 2021-01-01}\n";

static void
same_review(const struct review *a, const struct review *b)
{
	assert_int_equal(a->nitems, b->nitems);
	for (size_t i = 0; i < a->nitems; i++) {
		assert_string_equal(a->items[i].name, b->items[i].name);
		assert_int_equal(a->items[i].state, b->items[i].state);
		assert_true(a->items[i].progress == b->items[i].progress);
		assert_int_equal(a->items[i].pace, b->items[i].pace);
	}
	for (size_t i = 0; i < a->ntargets; i++) {
		const struct tg_result *x = &a->targets[i], *y = &b->targets[i];
		assert_int_equal(x->state, y->state);
		assert_int_equal(x->has_latest, y->has_latest);
		assert_true(!x->has_latest || (x->latest.date ==
		    y->latest.date && x->latest.value == y->latest.value));
		assert_int_equal(x->has_deciding, y->has_deciding);
		assert_true(!x->has_deciding || x->deciding.value ==
		    y->deciding.value);
		assert_int_equal(x->stale_periods, y->stale_periods);
		assert_int_equal(x->stage_missed, y->stage_missed);
		assert_int_equal(x->has_projection, y->has_projection);
		assert_true(!x->has_projection || x->projection ==
		    y->projection);
		assert_int_equal(x->pace, y->pace);
		assert_int_equal(x->sev, y->sev);
		assert_int_equal(x->ignored, y->ignored);
	}
	assert_int_equal(a->ignored, b->ignored);
	assert_int_equal(a->worst, b->worst);
}

/* A review of what load_review loads is the review of the
 * whole history, on any date. */
static void
test_review_asof_same(void **state)
{
	char *p = path("same.db"), *err = NULL;
	struct diags d;
	struct plan *plan;
	struct store *s;
	static const pw_day dates[][3] = { { 2019, 6, 1 }, { 2020, 6, 30 },
	    { 2020, 7, 1 }, { 2021, 12, 31 }, { 2022, 1, 1 },
	    { 2023, 6, 30 }, { 2024, 6, 30 }, { 2024, 12, 31 },
	    { 2026, 12, 31 } };

	(void)state;
	diags_init(&d, "asof.yaml");
	plan = config_load_buffer("asof.yaml", asof_plan, strlen(asof_plan),
	    &d);
	assert_non_null(plan);
	diags_release(&d);
	assert_int_equal(store_open(p, STORE_WRITE, &s, &err), 0);
	record_asof_fixture(s);
	for (int w = 0; w < 300; w++) {
		struct record_in r = value_in("U", ymd(2020, 1, 6) + 7 * w,
		    10 - w / 40.0);
		if (w % 13 != 5)	/* gaps */
			assert_int_equal(store_record(s, &r, 1, &err), 0);
	}
	for (size_t i = 0; i < sizeof dates / sizeof dates[0]; i++) {
		pw_day asof = ymd(dates[i][0], dates[i][1], dates[i][2]);
		struct review_opts o = { .asof = asof, .warn_days = -1,
		    .dept = -1 };
		struct facts *all = facts_new(), *some = facts_new();
		struct review *a, *b;

		assert_int_equal(store_load_facts(s, all, &err), 0);
		assert_int_equal(load_review(s, plan, asof, 0,
		    some, &err), 0);
		assert_true(facts_total(some) < facts_total(all));
		a = review_new(plan, all, &o);
		b = review_new(plan, some, &o);
		same_review(a, b);
		review_free(a);
		review_free(b);
		facts_free(all);
		facts_free(some);
	}
	store_close(s);
	plan_free(plan);
	free(p);
}


/* The store's change token, which must be there. */
static uint64_t
token(struct store *s)
{
	uint64_t t = 0;

	assert_int_equal(store_change_token(s, &t), 0);
	return t;
}

/*
 * The change token moves with every row written, by planwatch or by any
 * other program: a row added with a seq below the highest (the hole of
 * the facts cache keyed by the highest seq), a row changed, a row
 * deleted; a batch rolled back leaves it.  A database of schema 5 and a
 * file read without locks offer none.
 */
static void
test_change_token(void **state)
{
	char *p = path("token.db"), *err = NULL;
	struct record_in r = value_in("U", ymd(2024, 6, 2), 11);
	struct store_batch *b;
	struct store *s;
	uint64_t t, t2;

	(void)state;
	assert_int_equal(store_open(p, STORE_WRITE, &s, &err), 0);
	record_asof_fixture(s);
	t = token(s);
	assert_int_equal(store_batch_begin(s, &b, &err), 0);
	assert_int_equal(store_batch_add(b, &r, &err), 0);
	store_batch_abort(b);
	assert_true(token(s) == t);
	assert_int_equal(store_record(s, &r, 1, &err), 0);
	assert_true((t2 = token(s)) != t);
	t = t2;

	/* Another program: a row in a gap below the highest seq. */
	sql(p, "DELETE FROM events WHERE seq = 1");
	assert_true((t2 = token(s)) != t);
	t = t2;
	sql(p, "INSERT INTO events (seq, kind, item, asof, value, "
	    "recorded_by, recorded) VALUES (1, 'value', 'U', '2024-06-03', 12, "
	    "'x', '2024-06-03T00:00:00Z')");
	assert_true((t2 = token(s)) != t);
	t = t2;
	sql(p, "UPDATE events SET value = 14 WHERE seq = 1");
	assert_true(token(s) != t);
	store_close(s);

	/* Schema 5, before the insert trigger: no token. */
	sql(p, "DROP TRIGGER events_inserted; PRAGMA user_version = 5");
	assert_int_equal(store_open(p, STORE_READ, &s, &err), 0);
	assert_int_equal(store_change_token(s, &t), -1);
	store_close(s);
	free(p);
}

/* A database of schema 1 is read as it is, and moved to 2 on writing. */
static void
test_migrate_v1(void **state)
{
	char *p = path("v1.db"), *err = NULL;
	struct store *s;
	struct facts *f;
	pw_day asof = ymd(2024, 6, 30);
	pw_day at[] = { asof };
	struct value_want w = { "T", at, 1, NULL, 0, YEAR_ALWAYS, DIR_GE, 0 };
	struct facts_query q = { asof, asof - 365, 0, &w, 1, NULL };
	struct record_in r = value_in("T", ymd(2024, 6, 1), 9);

	(void)state;
	sql(p, "PRAGMA journal_mode = WAL;"
	    "CREATE TABLE events (seq INTEGER PRIMARY KEY, kind TEXT NOT NULL "
	    "CHECK (kind = 'value' OR kind = 'progress' OR kind = 'done' OR "
	    "kind = 'reopen'), item TEXT NOT NULL CHECK (length(item) > 0), "
	    "asof TEXT NOT NULL CHECK (asof GLOB '[0-9][0-9][0-9][0-9]-"
	    "[0-9][0-9]-[0-9][0-9]'), value REAL, level TEXT, note TEXT, "
	    "source TEXT, recorded_by TEXT NOT NULL, recorded TEXT NOT NULL, "
	    "superseded_by INTEGER REFERENCES events(seq));"
	    "CREATE INDEX events_item_asof ON events(item, asof);"
	    "INSERT INTO events (kind, item, asof, value, recorded_by, recorded)"
	    " VALUES ('value', 'T', '2020-01-01', 1, 'x', '2020-01-01T00:00:00Z'),"
	    " ('value', 'T', '2024-03-01', 4, 'x', '2024-03-01T00:00:00Z'),"
	    " ('progress', 'M', '2024-03-01', 30, 'x', '2024-03-01T00:00:00Z');"
	    "PRAGMA application_id = 1347896386; PRAGMA user_version = 1;");

	/* Read as it is: never changed by a reader. */
	assert_int_equal(store_open(p, STORE_READ, &s, &err), 0);
	f = facts_new();
	assert_int_equal(store_load_facts_asof(s, f, &q, &err), 0);
	assert_int_equal(facts_total(f), 2);
	assert_true(has_fact(facts_get(f, "T"), FACT_VALUE, ymd(2024, 3, 1),
	    4));
	assert_true(has_fact(facts_get(f, "M"), FACT_PROGRESS, ymd(2024, 3, 1),
	    30));
	facts_free(f);
	store_close(s);
	assert_int_equal(sql_int(p, "PRAGMA user_version"), 1);

	/* Written: migrated, the rows kept, the new indexes in use. */
	assert_int_equal(store_open(p, STORE_WRITE, &s, &err), 0);
	assert_int_equal(store_record(s, &r, 1, &err), 0);
	store_close(s);
	assert_int_equal(sql_int(p, "PRAGMA user_version"),
	    STORE_SCHEMA_VERSION);
	assert_int_equal(sql_int(p, "SELECT count(*) FROM sqlite_master WHERE "
	    "name IN ('events_current', 'events_levels', 'generation')"), 3);
	assert_int_equal(sql_int(p, "SELECT count(*) FROM generation"), 1);
	assert_int_equal(sql_int(p, "SELECT count(*) FROM events"), 4);
	assert_int_equal(store_open(p, STORE_READ, &s, &err), 0);
	f = facts_new();
	assert_int_equal(store_load_facts_asof(s, f, &q, &err), 0);
	assert_int_equal(facts_total(f), 3);
	assert_true(has_fact(facts_get(f, "T"), FACT_VALUE, ymd(2024, 6, 1),
	    9));
	facts_free(f);
	store_close(s);
	free(p);
}

/* Failures in the store's own terms, whatever the backend; a location
 * with a scheme is not a file, and its password is never shown. */
static void
test_error_kinds(void **state)
{
	char *p = path("kinds.db"), *link = path("kinds-link.db");
	char *gone = path("kinds-gone.db"), *err = NULL;
	struct record_in r = value_in("T", ymd(2024, 1, 1), 1);
	struct facts *f = facts_new();
	struct store *s;

	(void)state;
	/* No server: a socket in a directory that is not there. */
	assert_int_equal(store_open("postgresql://u:pw9@/db?host=/nonexistent"
	    "-planwatch&password=pw9", STORE_READ, &s, &err), STORE_EIO);
	assert_null(s);
	assert_non_null(strstr(err, "postgresql://u@/db?host=/nonexistent-"
	    "planwatch: "));
	assert_null(strstr(err, "pw9"));
	assert_null(strchr(err, '\n'));
	free(err);
	err = NULL;
	assert_int_equal(store_open("postgres:///db?host=/nonexistent-"
	    "planwatch", STORE_WRITE, &s, &err), STORE_EIO);
	free(err);
	err = NULL;

	/* Written, then refused through a reader. */
	assert_int_equal(store_open(p, STORE_WRITE, &s, &err), STORE_OK);
	assert_string_equal(store_location(s), p);
	assert_int_equal(store_record(s, &r, 1, &err), STORE_OK);
	store_close(s);
	assert_int_equal(store_open(p, STORE_READ, &s, &err), STORE_OK);
	assert_int_equal(store_record(s, &r, 1, &err), STORE_EREFUSED);
	assert_int_equal(store_error(s), STORE_EREFUSED);
	free(err);
	err = NULL;
	store_close(s);

	/* A damaged row. */
	sql(p, "INSERT INTO events (kind, item, asof, value, recorded_by, "
	    "recorded) VALUES ('value', 'T', '2024-13-45', 1, 'x', 'y')");
	assert_int_equal(store_open(p, STORE_READ, &s, &err), STORE_OK);
	assert_int_equal(store_load_facts(s, f, &err), STORE_ECORRUPT);
	assert_int_equal(store_error(s), STORE_ECORRUPT);
	free(err);
	err = NULL;
	store_close(s);

	/* A link to nothing, for a writer. */
	assert_int_equal(symlink(gone, link), 0);
	assert_int_equal(store_open(link, STORE_WRITE, &s, &err),
	    STORE_ENOTFOUND);
	free(err);
	facts_free(f);
	free(gone);
	free(link);
	free(p);
}

/* The rows of the groups test, by item, kind, date and order added. */
static const struct record_in *group_rows;

static int
group_cmp(const void *x, const void *y)
{
	size_t i = *(const size_t *)x, j = *(const size_t *)y;
	const struct record_in *a = &group_rows[i], *b = &group_rows[j];
	int c = strcmp(a->item, b->item);

	if (c == 0)
		c = (int)a->kind - (int)b->kind;
	if (c == 0)
		c = (a->date > b->date) - (a->date < b->date);
	return c != 0 ? c : (i > j) - (i < j);
}

/*
 * A batch inserts its rows in groups, each item's together: the records
 * are still those of the rows in the order added (seq), and a row is
 * superseded exactly when a later one has its item, kind and date, across
 * groups, in any order of dates.
 */
static void
test_batch_groups_same(void **state)
{
	char *p = path("groups.db"), *err = NULL;
	struct history_query hq = { .since = DAY_NONE, .until = DAY_NONE,
	    .oldest_first = true };
	struct history_row *h;
	size_t nh, n = 40000, *order = xcalloc(n, sizeof *order);
	struct record_in *r = xcalloc(n, sizeof *r);
	bool *superseded = xcalloc(n, sizeof *superseded);
	struct store_batch *batch;
	struct store *s;
	char (*ids)[16] = xcalloc(97, sizeof *ids);
	uint64_t x = 7;

	(void)state;
	for (int i = 0; i < 97; i++)
		snprintf(ids[i], sizeof ids[i], "T%02d", i);
	for (size_t i = 0; i < n; i++) {
		x = x * 6364136223846793005ULL + 1442695040888963407ULL;
		/* Weeks in order mostly, some again, some back. */
		r[i] = value_in(ids[(x >> 33) % 97], ymd(2024, 1, 1) +
		    (pw_day)(i / 97) - (pw_day)((x >> 20) % 4 == 0 ?
		    (x >> 40) % 30 : 0), (double)(i % 1000));
		if ((x >> 50) % 10 == 0)
			r[i].kind = FACT_PROGRESS;
		order[i] = i;
	}
	group_rows = r;
	qsort(order, n, sizeof *order, group_cmp);
	for (size_t k = 0; k + 1 < n; k++) {
		const struct record_in *a = &r[order[k]], *b = &r[order[k + 1]];
		superseded[order[k]] = strcmp(a->item, b->item) == 0 &&
		    a->kind == b->kind && a->date == b->date;
	}
	assert_int_equal(store_open(p, STORE_WRITE, &s, &err), 0);
	assert_int_equal(store_batch_begin(s, &batch, &err), 0);
	for (size_t i = 0; i < n; i++)
		assert_int_equal(store_batch_add(batch, &r[i], &err), 0);
	assert_int_equal(store_batch_commit(batch, &err), 0);
	assert_int_equal(store_history(s, &hq, &h, &nh, &err), 0);
	assert_int_equal(nh, n);
	for (size_t i = 0; i < n; i++) {
		assert_int_equal(h[i].seq, (long long)i + 1);
		assert_int_equal(h[i].kind, r[i].kind);
		assert_string_equal(h[i].item, r[i].item);
		assert_int_equal(h[i].date, r[i].date);
		assert_true(h[i].value == r[i].value);
		assert_int_equal(h[i].superseded, superseded[i]);
	}
	assert_true(sql_int(p, "SELECT count(*) FROM events WHERE "
	    "superseded_by IS NOT NULL") > 1000);
	/* Each by the next of its kind, item and date. */
	assert_int_equal(sql_int(p, "SELECT count(*) FROM events x JOIN "
	    "events y ON y.seq = x.superseded_by WHERE y.item != x.item OR "
	    "y.asof != x.asof OR y.kind != x.kind OR y.seq <= x.seq OR "
	    "EXISTS (SELECT 1 FROM events z WHERE z.item = x.item AND "
	    "z.asof = x.asof AND z.kind = x.kind AND z.seq > x.seq AND "
	    "z.seq < y.seq)"), 0);
	history_rows_free(h, nh);
	store_close(s);
	free(superseded);
	free(order);
	free(ids);
	free(r);
	free(p);
}

static int
teardown(void **state)
{
	char *cmd = xasprintf("rm -rf '%s'", dir);
	int rc;

	(void)state;
	rc = system(cmd);
	free(cmd);
	return rc == 0 ? 0 : -1;
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_missing_reads_empty),
		cmocka_unit_test(test_record_supersede_history),
		cmocka_unit_test(test_milestones_and_instances),
		cmocka_unit_test(test_all_or_nothing),
		cmocka_unit_test(test_refusals),
		cmocka_unit_test(test_empty_file_and_migration),
		cmocka_unit_test(test_backup_and_data_version),
		cmocka_unit_test(test_load_asof),
		cmocka_unit_test(test_review_asof_same),
		cmocka_unit_test(test_migrate_v1),
		cmocka_unit_test(test_change_token),
		cmocka_unit_test(test_batch_supersedes),
		cmocka_unit_test(test_error_kinds),
		cmocka_unit_test(test_batch_groups_same),
	};

	/* No cache unless a test asks for one (never the user's). */
	setenv("PLANWATCH_CACHE", "", 1);
	if (mkdtemp(dir) == NULL)
		return 1;
	return cmocka_run_group_tests(tests, NULL, teardown);
}
