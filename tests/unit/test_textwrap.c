/* test_textwrap.c: text_wrap() cuts lines where they fit, and loses
 * nothing: the detail's wrapped lines joined give the text back. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "util/buf.h"
#include "util/text.h"
#include "util/xalloc.h"

/*
 * Wrap s at width as the detail does, line by line, and check each line:
 * never empty unless the text is, no wider than width unless it is one
 * unit alone, and not ending where the next unit would still have fitted.
 * Returns the lines joined with the newlines they ended at.
 */
static char *
wrap_join(const char *s, int width)
{
	struct buf out = BUF_INIT;
	const char *p = s;

	for (;;) {
		size_t k = text_wrap(p, width);
		char *line = xstrndup(p, k);
		int w = text_width(line);

		if (p[k] != '\0' && p[k] != '\n') {
			/* Cut before a unit: it did not fit too. */
			assert_true(k > 0);
			char *more = xstrndup(p, k + text_wrap(p + k, 1));
			assert_true(text_width(more) > width);
			free(more);
		}
		assert_true(w <= width || text_wrap(line, 1) == k);
		buf_add(&out, p, k);
		free(line);
		p += k;
		if (*p == '\n')
			buf_putc(&out, *p++);
		if (*p == '\0')
			break;
	}
	return buf_detach(&out);
}

static void
test_every_width(void **state)
{
	static const char *const texts[] = {
		"support: 市委机构编制委员会办公室, 市财政局, "
		    "市人力资源和社会保障局, 市医疗保障局, 各区人民政府",
		"以三亚中心医院、三亚市人民医院为牵头医院",
		"三府办〔2024〕5号 (2025-12) ≥ 50%，不低于50%",
		"mixed 中文 and ASCII, ñandú café, ＡＢＣ全角",
		"line one\n第二行\n\nafter a blank line\n",
		"a tab\there, a bidi \xe2\x80\xae override, a bad \xff byte",
		"e\xcc\x81 combining, 😀 emoji, 𠀀 plane two",
		"",
		"中",
	};

	(void)state;
	for (size_t i = 0; i < sizeof texts / sizeof texts[0]; i++)
		for (int w = 1; w <= 90; w++) {
			char *j = wrap_join(texts[i], w);
			assert_string_equal(j, texts[i]);
			free(j);
		}
}

static void
test_cuts(void **state)
{
	(void)state;
	/* The 80-column pager's width: the line ends after 市 in 71
	 * columns, since 医 would take 73; 医疗 go to the next line whole. */
	const char *s = "support: 市委机构编制委员会办公室, 市财政局, "
	    "市人力资源和社会保障局, 市医疗保障局, 各区人民政府";
	size_t k = text_wrap(s, 72);
	char *line = xstrndup(s, k);
	assert_int_equal(text_width(line), 71);
	assert_string_equal(s + k, "医疗保障局, 各区人民政府");
	free(line);
	/* A wide character does not straddle the edge. */
	assert_int_equal(text_wrap("ab中文", 3), 2);
	assert_int_equal(text_wrap("ab中文", 4), 5);
	/* Too narrow for even one: it is a line of its own. */
	assert_int_equal(text_wrap("中文", 1), 3);
	/* An escape is one unit, as wide as it is shown. */
	assert_int_equal(text_wrap("a\x1b" "b", 4), 1);
	assert_int_equal(text_wrap("a\x1b" "b", 5), 2);
	/* A newline ends the line and is left to the caller. */
	assert_int_equal(text_wrap("ab\ncd", 10), 2);
	assert_int_equal(text_wrap("\ncd", 10), 0);
	assert_int_equal(text_wrap("", 10), 0);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_every_width),
		cmocka_unit_test(test_cuts),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
