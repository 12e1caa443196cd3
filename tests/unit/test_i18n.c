/* test_i18n.c: dates as people read them (date_human, date_week_human) in
 * English and in Chinese, and the message catalogue switch. */
#include <locale.h>
#include <setjmp.h>
#include <stdbool.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "model/date.h"
#include "report/words.h"
#include "util/i18n.h"

/* The same dates and weeks in each language. */
static const struct {
	int	 y, m, d;
	const char *en, *zh;
} dates[] = {
	{ 2025, 12, 31, "2025-12-31", "2025年12月31日" },
	/* No leading zeros in Chinese, as offices write dates. */
	{ 2026, 3, 5, "2026-03-05", "2026年3月5日" },
	/* The widest date fits the buffers callers give it. */
	{ DATE_YEAR_MAX, 12, 31, "2999-12-31", "2999年12月31日" },
	{ 0, 0, 0, "-", "-" },		/* DAY_NONE */
};
static const struct {
	int	 y, w;
	const char *en, *zh;
} weeks[] = {
	{ 2026, 48, "2026-W48", "2026年第48周" },
	{ 2026, 1, "2026-W01", "2026年第1周" },
};

static void
check_all(bool zh)
{
	char out[32];

	assert_int_equal(i18n_is_chinese(), zh);
	for (size_t i = 0; i < sizeof dates / sizeof dates[0]; i++) {
		date_human(dates[i].y == 0 ? DAY_NONE : date_from_ymd(dates[i].y,
		    dates[i].m, dates[i].d), out);
		assert_string_equal(out, zh ? dates[i].zh : dates[i].en);
	}
	for (size_t i = 0; i < sizeof weeks / sizeof weeks[0]; i++) {
		date_week_human(weeks[i].y, weeks[i].w, out);
		assert_string_equal(out, zh ? weeks[i].zh : weeks[i].en);
	}
}

static void
test_english(void **state)
{
	(void)state;
	assert_non_null(setlocale(LC_ALL, "C"));
	check_all(false);
}

/* The build's catalogues: BUILD/locale beside BUILD/tests/test_i18n. */
static char localedir[4096];

/* Under zh_CN with the catalogue from dir; false when there is no zh_CN
 * locale on this machine. */
static bool
chinese_with(const char *dir)
{
	setenv("LC_ALL", "zh_CN.UTF-8", 1);
	setenv("PLANWATCH_LOCALEDIR", dir, 1);
	i18n_init();
	return strncmp(setlocale(LC_MESSAGES, NULL), "zh", 2) == 0;
}

static void
test_chinese(void **state)
{
	(void)state;
	if (!chinese_with(localedir))
		skip();		/* no zh_CN locale: nothing to test */
	/* The catalogue is built by "make all", the test by "make units". */
	if (*gettext("") == '\0')
		skip();
	check_all(true);
}

static void
test_no_catalogue(void **state)
{
	(void)state;
	/* A Chinese locale without planwatch's catalogue speaks English
	 * throughout: its dates too. */
	if (!chinese_with("/nonexistent"))
		skip();
	check_all(false);
}

static void
test_messages_only(void **state)
{
	char out[32];

	(void)state;
	/* Chinese messages decide, whatever LC_CTYPE or LC_TIME say. */
	if (!chinese_with(localedir) || *gettext("") == '\0')
		skip();
	setlocale(LC_TIME, "C");
	setlocale(LC_CTYPE, "C");
	date_human(date_from_ymd(2025, 1, 2), out);
	assert_string_equal(out, "2025年1月2日");
	setlocale(LC_MESSAGES, "C");
	date_human(date_from_ymd(2025, 1, 2), out);
	assert_string_equal(out, "2025-01-02");
}

int
main(int argc, char **argv)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_english),
		cmocka_unit_test(test_chinese),
		cmocka_unit_test(test_no_catalogue),
		cmocka_unit_test(test_messages_only),
	};
	const char *slash = argc > 0 ? strrchr(argv[0], '/') : NULL;

	snprintf(localedir, sizeof localedir, "%.*s/../locale",
	    slash != NULL ? (int)(slash - argv[0]) : 1,
	    slash != NULL ? argv[0] : ".");

	return cmocka_run_group_tests(tests, NULL, NULL);
}
