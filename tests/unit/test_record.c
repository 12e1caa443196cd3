/* test_record.c: parsing recorded values against a plan. */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "model/plan.h"
#include "model/record.h"
#include "report/words.h"
#include "util/xalloc.h"

/* A plan built by hand: targets T1 (number) and Q (scale), milestone M1,
 * recurring milestone R (monthly), phase P. */
static struct plan *
small_plan(void)
{
	struct plan *p = plan_new();

	p->start.day = date_from_ymd(2024, 1, 1);
	p->phases = xcalloc(1, sizeof *p->phases);
	p->nphases = 1;
	p->phases[0].id = xstrdup("P");
	p->phases[0].start.day = p->start.day;
	p->phases[0].end.day = date_from_ymd(2025, 12, 31);
	p->ms = xcalloc(2, sizeof *p->ms);
	p->nms = 2;
	p->ms[0].id = xstrdup("M1");
	p->ms[0].phase = -1;
	p->ms[0].start.day = DAY_NONE;
	p->ms[0].due.day = date_from_ymd(2024, 6, 30);
	p->ms[1].id = xstrdup("R");
	p->ms[1].phase = -1;
	p->ms[1].start.day = date_from_ymd(2024, 1, 1);
	p->ms[1].due.day = date_from_ymd(2024, 12, 31);
	p->ms[1].every = PERIOD_MONTH;
	p->targets = xcalloc(2, sizeof *p->targets);
	p->ntargets = 2;
	p->targets[0].id = xstrdup("T1");
	p->targets[0].phase = -1;
	p->targets[1].id = xstrdup("Q");
	p->targets[1].phase = -1;
	p->targets[1].nscale = 3;
	p->targets[1].scale = xcalloc(3, sizeof(char *));
	p->targets[1].scale[0] = xstrdup("差");
	p->targets[1].scale[1] = xstrdup("中");
	p->targets[1].scale[2] = xstrdup("good");
	assert_int_equal(plan_index(p), 0);
	return p;
}

static void
test_numbers(void **state)
{
	static const struct { const char *in; double v; } good[] = {
		{ "0", 0 }, { "12.5", 12.5 }, { "-3", -3 }, { "+4.", 4 },
		{ ".25", 0.25 }, { "1e3", 1000 }, { " 7 ", 7 },
		{ "1E-2", 0.01 },
	};
	static const char *bad[] = {
		"", " ", "nan", "NaN", "inf", "-Infinity", "1e999", "0x10",
		"12abc", "1,5", "1.2.3", "e5", "1e", "--1", ".", "１２",
	};
	double v;
	char out[32];

	(void)state;
	for (size_t i = 0; i < sizeof good / sizeof good[0]; i++) {
		assert_int_equal(record_parse_number(good[i].in, &v), 0);
		assert_true(v == good[i].v);
	}
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
		assert_int_equal(record_parse_number(bad[i], &v), -1);
	/* Formatting reads back exactly. */
	static const double vals[] = { 0.1, 1.0 / 3, 12.5, -1e300, 5e-324,
	    123456789012345678.0, 2 };
	for (size_t i = 0; i < sizeof vals / sizeof vals[0]; i++) {
		record_format_number(vals[i], out);
		assert_int_equal(record_parse_number(out, &v), 0);
		assert_true(v == vals[i]);
	}
	record_format_number(12.5, out);
	assert_string_equal(out, "12.5");
	record_format_number(0.1, out);
	assert_string_equal(out, "0.1");
}

/*
 * What record_format_number prints: the first of %.15g, %.16g and %.17g
 * that reads back exactly.  Every value must come out the same, whether
 * the short decimals are written directly or not.
 */
static void
want_format(double v, char want[static 32])
{
	double back;

	snprintf(want, 32, "%.15g", v);
	if (record_parse_number(want, &back) != 0 || back != v)
		snprintf(want, 32, "%.16g", v);
	if (record_parse_number(want, &back) != 0 || back != v)
		snprintf(want, 32, "%.17g", v);
}

static void
expect_format(double v)
{
	char want[32], got[32];

	want_format(v, want);
	record_format_number(v, got);
	if (strcmp(got, want) != 0)
		fail_msg("%.17g: '%s', not '%s'", v, got, want);
}

static void
test_format(void **state)
{
	static const struct { double v; const char *s; } fixed[] = {
		{ 0, "0" }, { -0.0, "-0" }, { 1, "1" }, { -7.85, "-7.85" },
		{ 86.67, "86.67" }, { 0.0001, "0.0001" }, { 0.00001, "1e-05" },
		{ 0.000123456789012345, "0.000123456789012345" },
		{ 999999999999999, "999999999999999" }, { 1e15, "1e+15" },
		{ 123456789012.345, "123456789012.345" },
		{ 0.1 + 0.2, "0.30000000000000004" }, { 1.0 / 3,
		"0.3333333333333333" }, { 2.675, "2.675" }, { 1e22, "1e+22" },
		{ 5e-324, "4.94065645841247e-324" },
		{ 0x1p-54, "5.551115123125783e-17" }, { 1e308, "1e+308" },
		{ -2.2250738585072014e-308, "-2.2250738585072014e-308" },
	};
	char out[32];

	(void)state;
	for (size_t i = 0; i < sizeof fixed / sizeof fixed[0]; i++) {
		record_format_number(fixed[i].v, out);
		assert_string_equal(out, fixed[i].s);
		expect_format(fixed[i].v);
		expect_format(-fixed[i].v);
		expect_format(nextafter(fixed[i].v, 0));
		expect_format(nextafter(fixed[i].v, HUGE_VAL));
	}
	/* Decimals of every length and scale, and their neighbours (which
	 * need 16 or 17 digits), from a fixed xorshift sequence. */
	uint64_t x = 88172645463325252u;
	for (int i = 0; i < 50000; i++) {
		char text[48];
		double v;

		x ^= x << 13;
		x ^= x >> 7;
		x ^= x << 17;
		snprintf(text, sizeof text, "%llue-%d",
		    (unsigned long long)(x % 100000000000000000u) >>
		    (x >> 58), (int)(x >> 40) % 22);
		assert_int_equal(record_parse_number(text, &v), 0);
		expect_format(v);
		expect_format(-v);
		expect_format(nextafter(v, HUGE_VAL));
	}
	for (int i = -5000; i <= 5000; i++) {
		expect_format(i / 100.0);
		expect_format(i / 7.0);
		expect_format(i * 1e10);
	}
}

static void
expect_error(const struct plan *p, enum record_accept a, const char *id,
    const char *text, const char *needle)
{
	struct record_value v;
	char *err = NULL;

	assert_int_equal(record_parse_msg(p, a, id, text, &v, &err), -1);
	assert_non_null(err);
	if (strstr(err, needle) == NULL)
		fail_msg("'%s' not in '%s'", needle, err);
	free(err);
}

static void
test_parse(void **state)
{
	struct plan *p = small_plan();
	struct record_value v;
	char *err = NULL;

	(void)state;
	assert_int_equal(record_parse_msg(p, ACCEPT_VALUE, "T1", "42", &v,
	    &err), 0);
	assert_int_equal(v.kind, FACT_VALUE);
	assert_true(v.value == 42);
	assert_null(v.level);
	assert_string_equal(v.item, "T1");
	record_value_release(&v);

	assert_int_equal(record_parse_msg(p, ACCEPT_ANY, "Q", "中", &v, &err),
	    0);
	assert_string_equal(v.level, "中");
	assert_true(v.value == 1);
	record_value_release(&v);

	assert_int_equal(record_parse_msg(p, ACCEPT_ANY, "M1", "55%", &v, &err),
	    0);
	assert_int_equal(v.kind, FACT_PROGRESS);
	assert_true(v.value == 55);
	record_value_release(&v);
	assert_int_equal(record_parse_msg(p, ACCEPT_ANY, "M1", "done", &v,
	    &err), 0);
	assert_int_equal(v.kind, FACT_DONE);
	record_value_release(&v);
	assert_int_equal(record_parse_msg(p, ACCEPT_REOPEN, "R@2024-03", NULL,
	    &v, &err), 0);
	assert_int_equal(v.kind, FACT_REOPEN);
	assert_int_equal(v.ref.kind, ITEM_INSTANCE);
	assert_string_equal(v.item, "R@2024-03");
	record_value_release(&v);

	expect_error(p, ACCEPT_VALUE, "T2", "1", "unknown id 'T2'; did you "
	    "mean 'T1'");
	expect_error(p, ACCEPT_VALUE, "T1", "nan", "'nan' is not a number");
	expect_error(p, ACCEPT_VALUE, "T1", "1e999", "is not a number");
	expect_error(p, ACCEPT_VALUE, "T1", "", "no value given");
	expect_error(p, ACCEPT_VALUE, "Q", "great", "not a level of target "
	    "'Q' (差, 中, good)");
	expect_error(p, ACCEPT_VALUE, "M1", "5", "is a milestone");
	expect_error(p, ACCEPT_PROGRESS, "T1", "5", "is a target");
	expect_error(p, ACCEPT_PROGRESS, "M1", "101", "outside 0..100");
	expect_error(p, ACCEPT_PROGRESS, "M1", "-1", "outside 0..100");
	expect_error(p, ACCEPT_PROGRESS, "M1", "half", "not a percent");
	expect_error(p, ACCEPT_DONE, "R", NULL, "recurs every month");
	expect_error(p, ACCEPT_DONE, "R@2026-01", NULL, "unknown id");
	expect_error(p, ACCEPT_DONE, "P", NULL, "is a phase");
	expect_error(p, ACCEPT_VALUE, "\x1b[2J", "1", "\\x1b[2J");
	plan_free(p);
}

static void
test_dates(void **state)
{
	struct plan *p = small_plan();
	pw_day today = date_from_ymd(2024, 6, 1);
	char *err = NULL;

	(void)state;
	assert_int_equal(record_check_date_msg(p, today, today, &err), 0);
	assert_int_equal(record_check_date_msg(p, p->start.day, today, &err),
	    0);
	assert_int_equal(record_check_date_msg(p, today + 1, today, &err), -1);
	assert_non_null(strstr(err, "2024-06-02 is in the future"));
	free(err);
	assert_int_equal(record_check_date_msg(p, p->start.day - 1, today,
	    &err), -1);
	assert_non_null(strstr(err, "before the plan's start (2024-01-01)"));
	free(err);
	plan_free(p);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_numbers),
		cmocka_unit_test(test_format),
		cmocka_unit_test(test_parse),
		cmocka_unit_test(test_dates),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
