/* test_report.c: the report's escaping, wrapping and text tables. */
#include <locale.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "report/report.h"
#include "util/buf.h"
#include "util/text.h"

/* Run an escaper on s; the caller frees the result. */
static char *
esc(void (*fn)(struct buf *, const char *), const char *s)
{
	struct buf b = BUF_INIT;

	fn(&b, s);
	return buf_detach(&b);
}

static void
test_escapes(void **state)
{
	char *s;

	(void)state;
	s = esc(esc_json, "a\"b\\c\x01" "d计划");
	assert_string_equal(s, "\"a\\\"b\\\\c\\\\x01d计划\"");
	free(s);
	s = esc(esc_csv, "plain");
	assert_string_equal(s, "plain");
	free(s);
	s = esc(esc_csv, "a,\"b\"");
	assert_string_equal(s, "\"a,\"\"b\"\"\"");
	free(s);
	s = esc(esc_csv, "=SUM(A1)");
	assert_string_equal(s, "\"'=SUM(A1)\"");
	free(s);
	s = esc(esc_html, "<a href='x'>&\"");
	assert_string_equal(s, "&lt;a href=&#39;x&#39;&gt;&amp;&quot;");
	free(s);
	s = esc(esc_md, "a|b*c_");
	assert_string_equal(s, "a\\|b\\*c\\_");
	free(s);
	s = esc(esc_ics, "a,b;c\\d");
	assert_string_equal(s, "a\\,b\\;c\\\\d");
	free(s);
	/* A terminal escape never goes out raw. */
	s = esc(esc_html, "\x1b[2J");
	assert_null(strchr(s, 0x1b));
	free(s);
}

static void
test_num(void **state)
{
	char out[32];

	(void)state;
	report_num(12, out);
	assert_string_equal(out, "12");
	report_num(12.5, out);
	assert_string_equal(out, "12.5");
	report_num(0.25, out);
	assert_string_equal(out, "0.25");
	/* As given when 15 digits hold it; a computed fraction to two
	 * decimals, never "-0". */
	report_num(-0.001, out);
	assert_string_equal(out, "-0.001");
	report_num(0.0012, out);
	assert_string_equal(out, "0.0012");
	report_num(260.0 / 3, out);
	assert_string_equal(out, "86.67");
	report_num(60.9196312128677, out);	/* a projection, 15 digits */
	assert_string_equal(out, "60.92");
	report_num(7.855, out);
	assert_string_equal(out, "7.855");
	report_num(-0.001 / 3, out);
	assert_string_equal(out, "0");
	report_num(-0.0, out);
	assert_string_equal(out, "0");
	/* Never cut. */
	report_num(1e308, out);
	assert_string_equal(out, "1e+308");
	report_num(-1.7976931348623157e308, out);
	assert_string_equal(out, "-1.7976931348623157e+308");
}

/* Every line of s is at most width columns. */
static int
widest(const char *s)
{
	int max = 0;
	char *copy = strdup(s), *save = NULL;

	for (char *l = strtok_r(copy, "\n", &save); l != NULL;
	    l = strtok_r(NULL, "\n", &save))
		if (text_width(l) > max)
			max = text_width(l);
	free(copy);
	return max;
}

static void
test_wrap(void **state)
{
	struct buf b = BUF_INIT;

	(void)state;
	report_wrap(&b, "关于进一步深化医药卫生体制改革加快推进紧密型城市医疗集团"
	    "建设的实施意见(某政办发〔2025〕12号)", 20, "  ");
	assert_true(widest(buf_str(&b)) <= 20);
	/* No line starts with a closing mark. */
	assert_null(strstr(buf_str(&b), "\n  〕"));
	assert_null(strstr(buf_str(&b), "\n  )"));
	buf_reset(&b);
	report_wrap(&b, "the quick brown fox jumps over the lazy dog", 16, "");
	assert_string_equal(buf_str(&b),
	    "the quick brown\nfox jumps over\nthe lazy dog\n");
	buf_release(&b);
}

/* Width of the line that ends at end (within s). */
static int
line_width(const char *s, const char *end)
{
	const char *start = end;
	char *line;
	int w;

	while (start > s && start[-1] != '\n')
		start--;
	line = strndup(start, (size_t)(end - start));
	w = text_width(line);
	free(line);
	return w;
}

static void
test_table(void **state)
{
	static const struct rcol cols[] = {
		{ "ID", ALIGN_LEFT, 20 },
		{ "Name", ALIGN_LEFT, 60 },
		{ "Due", ALIGN_LEFT, 14 },
		{ "Days", ALIGN_RIGHT, 6 },
	};
	struct rtable t;
	struct buf b = BUF_INIT;

	(void)state;
	rtable_init(&t, cols, 4, 1);
	struct rrow *r = rtable_row(&t, true);
	rcell(r, 0, TONE_NEUTRAL, "%s", "某某市卫生健康委员会");
	r = rtable_row(&t, false);
	rcell(r, 0, TONE_NEUTRAL, "M-1");
	rcell(r, 1, TONE_NEUTRAL, "%s", "完成全市各级各类医疗卫生机构基本情况"
	    "调查摸底并形成分析报告报市委市政府审定后印发");
	rcell(r, 2, TONE_NEUTRAL, "2025-06-30");
	rcell(r, 3, TONE_BAD, "%d", 143);
	r = rtable_row(&t, false);
	rcell(r, 0, TONE_NEUTRAL, "M-2");
	rcell(r, 1, TONE_NEUTRAL, "Survey");
	rcell(r, 2, TONE_NEUTRAL, "2025-11-30");
	rcell(r, 3, TONE_BAD, "%d", 7);
	rtable_text(&b, &t, true, false);
	assert_true(widest(buf_str(&b)) <= 80);
	/* The right-aligned column ends at the same place on both rows. */
	const char *a = strstr(buf_str(&b), "143\n");
	const char *c = strstr(buf_str(&b), "  7\n");
	assert_non_null(a);
	assert_non_null(c);
	assert_int_equal(line_width(buf_str(&b), a + 3),
	    line_width(buf_str(&b), c + 3));
	assert_non_null(strstr(buf_str(&b), "…"));
	buf_reset(&b);
	rtable_md(&b, &t);
	assert_non_null(strstr(buf_str(&b), "| **某某市卫生健康委员会** |"));
	assert_non_null(strstr(buf_str(&b), "| ---: |"));
	buf_release(&b);
	rtable_release(&t);
}

static void
test_spark(void **state)
{
	struct point v[] = { { 1, 0 }, { 2, 5 }, { 3, 10 } };
	struct buf b = BUF_INIT;

	(void)state;
	report_spark(&b, v, 3, 8, true);
	assert_string_equal(buf_str(&b), "▁▅█");
	buf_reset(&b);
	report_spark(&b, v, 3, 2, false);
	assert_string_equal(buf_str(&b), "_#");
	buf_release(&b);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_escapes),
		cmocka_unit_test(test_num),
		cmocka_unit_test(test_wrap),
		cmocka_unit_test(test_table),
		cmocka_unit_test(test_spark),
	};

	setlocale(LC_ALL, "C.UTF-8");
	return cmocka_run_group_tests(tests, NULL, NULL);
}
