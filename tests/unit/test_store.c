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

#include "db/store.h"
#include "model/facts.h"
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
	assert_int_equal(store_record(s, r, 3, &err), -1);
	assert_non_null(err);
	free(err);
	err = NULL;
	r[2] = value_in("T1", DAY_NONE, 3);
	assert_int_equal(store_record(s, r, 3, &err), -1);
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
	assert_int_equal(store_open(p, STORE_WRITE, &s, &err), -1);
	assert_non_null(strstr(err, "not a planwatch database"));
	assert_non_null(strstr(err, p));
	free(err);
	err = NULL;
	assert_int_equal(store_open(p, STORE_READ, &s, &err), -1);
	free(err);
	err = NULL;
	free(p);

	/* A newer schema. */
	p = path("newer.db");
	assert_int_equal(store_open(p, STORE_WRITE, &s, &err), 0);
	store_close(s);
	sql(p, "PRAGMA user_version = 99");
	assert_int_equal(store_open(p, STORE_READ, &s, &err), -1);
	assert_non_null(strstr(err, "newer planwatch (schema 99); this one "
	    "knows up to 2"));
	free(err);
	err = NULL;
	assert_int_equal(store_open(p, STORE_WRITE, &s, &err), -1);
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
	assert_int_equal(store_open(p, STORE_READ, &s, &err), -1);
	assert_non_null(strstr(err, p));
	assert_non_null(strstr(err, "not a planwatch database"));
	free(err);
	err = NULL;
	assert_int_equal(store_open(p, STORE_WRITE, &s, &err), -1);
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
	assert_int_equal(store_backup(r, p, &err), -1);
	free(err);
	store_close(r);
	store_close(s);
	free(p);
	free(b);
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
	};

	if (mkdtemp(dir) == NULL)
		return 1;
	return cmocka_run_group_tests(tests, NULL, teardown);
}
