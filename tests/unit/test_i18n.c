/* test_i18n.c: dates as people read them (date_human, date_week_human) in
 * English and in Chinese, and the message catalogue switch. */
#include <locale.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "model/date.h"
#include "util/i18n.h"

static void
test_english(void **state)
{
	char out[32];

	(void)state;
	assert_non_null(setlocale(LC_ALL, "C"));
	assert_false(i18n_is_chinese());
	date_human(date_from_ymd(2025, 12, 31), out);
	assert_string_equal(out, "2025-12-31");
	date_human(date_from_ymd(2026, 3, 5), out);
	assert_string_equal(out, "2026-03-05");
	date_human(DAY_NONE, out);
	assert_string_equal(out, "-");
	date_week_human(2026, 48, out);
	assert_string_equal(out, "2026-W48");
	date_week_human(2026, 1, out);
	assert_string_equal(out, "2026-W01");
}

static void
test_chinese(void **state)
{
	char out[32];

	(void)state;
	if (setlocale(LC_ALL, "zh_CN.UTF-8") == NULL) {
		/* No zh_CN locale on this machine: nothing to test. */
		skip();
	}
	assert_true(i18n_is_chinese());
	date_human(date_from_ymd(2025, 12, 31), out);
	assert_string_equal(out, "2025年12月31日");
	/* No leading zeros, as offices write dates. */
	date_human(date_from_ymd(2026, 3, 5), out);
	assert_string_equal(out, "2026年3月5日");
	date_human(DAY_NONE, out);
	assert_string_equal(out, "-");
	date_week_human(2026, 48, out);
	assert_string_equal(out, "2026年第48周");
	date_week_human(2026, 1, out);
	assert_string_equal(out, "2026年第1周");
	/* The widest date fits the buffers callers give it. */
	date_human(date_from_ymd(DATE_YEAR_MAX, 12, 31), out);
	assert_string_equal(out, "2999年12月31日");
	setlocale(LC_ALL, "C");
}

static void
test_messages_only(void **state)
{
	char out[32];

	(void)state;
	/* Chinese messages decide, whatever LC_CTYPE or LC_TIME say. */
	if (setlocale(LC_MESSAGES, "zh_CN.UTF-8") == NULL)
		skip();
	setlocale(LC_TIME, "C");
	date_human(date_from_ymd(2025, 1, 2), out);
	assert_string_equal(out, "2025年1月2日");
	setlocale(LC_MESSAGES, "C");
	date_human(date_from_ymd(2025, 1, 2), out);
	assert_string_equal(out, "2025-01-02");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_english),
		cmocka_unit_test(test_chinese),
		cmocka_unit_test(test_messages_only),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
