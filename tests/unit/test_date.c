/* test_date.c: plan dates, ISO weeks and calendar periods. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "model/date.h"

static pw_day
ymd(int y, int m, int d)
{
	return date_from_ymd(y, m, d);
}

static void
test_roundtrip(void **state)
{
	(void)state;
	for (pw_day d = ymd(1900, 1, 1); d <= ymd(2999, 12, 31); d += 17) {
		int y, m, dd;
		date_to_ymd(d, &y, &m, &dd);
		assert_int_equal(date_from_ymd(y, m, dd), d);
	}
	assert_int_equal(ymd(1970, 1, 1), 0);
	assert_int_equal(date_weekday(ymd(2026, 11, 23)), 1);	/* Monday */
}

static void
test_parse_forms(void **state)
{
	static const struct {
		const char *in;
		enum date_role role;
		int y, m, d;
		enum date_prec prec;
	} ok[] = {
		{ "2025-03-31", ROLE_START, 2025, 3, 31, PREC_DAY },
		{ "2025-03", ROLE_START, 2025, 3, 1, PREC_MONTH },
		{ "2025-03", ROLE_END, 2025, 3, 31, PREC_MONTH },
		{ "2024-02", ROLE_END, 2024, 2, 29, PREC_MONTH },
		{ "2023-02", ROLE_END, 2023, 2, 28, PREC_MONTH },
		{ "2025-Q1", ROLE_START, 2025, 1, 1, PREC_QUARTER },
		{ "2025-Q1", ROLE_END, 2025, 3, 31, PREC_QUARTER },
		{ "2025-Q4", ROLE_END, 2025, 12, 31, PREC_QUARTER },
		{ "2025", ROLE_START, 2025, 1, 1, PREC_YEAR },
		{ "2025", ROLE_END, 2025, 12, 31, PREC_YEAR },
		{ "1900", ROLE_START, 1900, 1, 1, PREC_YEAR },
		{ "2999-12-31", ROLE_END, 2999, 12, 31, PREC_DAY },
		{ "2000-02-29", ROLE_START, 2000, 2, 29, PREC_DAY },
	};
	static const char *bad[] = {
		"2025-02-30", "2025-13", "2025-Q5", "2025-Q0", "1899",
		"3000-01-01", "2025-1-01", "25-01-01", "2025/01/01", "",
		"2025-02-29", "1900-02-29", "2025-00", "2025-03-00",
		"2025-03-31x", "２０２５",
	};
	struct pdate pd;
	const char *why;

	(void)state;
	for (size_t i = 0; i < sizeof ok / sizeof ok[0]; i++) {
		assert_int_equal(date_parse(ok[i].in, ok[i].role, &pd, &why), 0);
		assert_int_equal(pd.day, ymd(ok[i].y, ok[i].m, ok[i].d));
		assert_int_equal(pd.prec, ok[i].prec);
	}
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
		assert_int_equal(date_parse(bad[i], ROLE_START, &pd, &why), -1);
}

static void
test_format(void **state)
{
	char out[16];
	struct pdate pd;
	const char *why;

	(void)state;
	date_iso(ymd(2024, 2, 29), out);
	assert_string_equal(out, "2024-02-29");
	assert_int_equal(date_parse("2025-Q3", ROLE_END, &pd, &why), 0);
	pdate_format(&pd, out);
	assert_string_equal(out, "2025-Q3");
	date_iso(DAY_NONE, out);
	assert_string_equal(out, "-");
}

static void
test_iso_week(void **state)
{
	int y, w;

	(void)state;
	date_iso_week(ymd(2026, 11, 23), &y, &w);
	assert_int_equal(y, 2026);
	assert_int_equal(w, 48);
	/* 2021-01-03 belongs to 2020-W53; 2024-12-30 to 2025-W01. */
	date_iso_week(ymd(2021, 1, 3), &y, &w);
	assert_int_equal(y, 2020);
	assert_int_equal(w, 53);
	date_iso_week(ymd(2024, 12, 30), &y, &w);
	assert_int_equal(y, 2025);
	assert_int_equal(w, 1);
}

static void
test_periods(void **state)
{
	char out[16];

	(void)state;
	assert_int_equal(period_start(PERIOD_WEEK, ymd(2026, 11, 29)),
	    ymd(2026, 11, 23));
	assert_int_equal(period_end(PERIOD_WEEK, ymd(2026, 11, 23)),
	    ymd(2026, 11, 29));
	assert_int_equal(period_end(PERIOD_MONTH, ymd(2024, 2, 10)),
	    ymd(2024, 2, 29));
	assert_int_equal(period_next(PERIOD_MONTH, ymd(2024, 12, 5)),
	    ymd(2025, 1, 1));
	assert_int_equal(period_start(PERIOD_QUARTER, ymd(2025, 12, 31)),
	    ymd(2025, 10, 1));
	assert_int_equal(period_next(PERIOD_QUARTER, ymd(2025, 11, 1)),
	    ymd(2026, 1, 1));
	assert_int_equal(period_end(PERIOD_YEAR, ymd(2024, 6, 1)),
	    ymd(2024, 12, 31));
	period_label(PERIOD_WEEK, ymd(2024, 2, 26), out);
	assert_string_equal(out, "2024-W09");
	period_label(PERIOD_MONTH, ymd(2024, 3, 9), out);
	assert_string_equal(out, "2024-03");
	period_label(PERIOD_QUARTER, ymd(2024, 3, 9), out);
	assert_string_equal(out, "2024-Q1");
	period_label(PERIOD_YEAR, ymd(2024, 3, 9), out);
	assert_string_equal(out, "2024");
	assert_int_equal(period_parse_label(PERIOD_WEEK, "2024-W09"),
	    ymd(2024, 2, 26));
	assert_int_equal(period_parse_label(PERIOD_WEEK, "2020-W53"),
	    ymd(2020, 12, 28));
	assert_int_equal(period_parse_label(PERIOD_WEEK, "2021-W53"), DAY_NONE);
	assert_int_equal(period_parse_label(PERIOD_MONTH, "2024-Q1"), DAY_NONE);
	assert_int_equal(period_parse_label(PERIOD_QUARTER, "2024-Q1"),
	    ymd(2024, 1, 1));
	assert_int_equal(period_parse_label(PERIOD_YEAR, "2024-01"), DAY_NONE);
	assert_int_equal(period_from_name("quarter"), PERIOD_QUARTER);
	assert_int_equal(period_from_name("fortnight"), PERIOD_NONE);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_roundtrip),
		cmocka_unit_test(test_parse_forms),
		cmocka_unit_test(test_format),
		cmocka_unit_test(test_iso_week),
		cmocka_unit_test(test_periods),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
