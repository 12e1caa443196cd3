/* test_text.c: display widths, cutting and safe text. */
#include <locale.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "util/text.h"

static void
test_width(void **state)
{
	(void)state;
	assert_int_equal(text_width(""), 0);
	assert_int_equal(text_width("abc"), 3);
	assert_int_equal(text_width("卫健委"), 6);
	assert_int_equal(text_width("三府办〔2024〕5号"), 17);
	/* An escape is as wide as what is shown for it. */
	assert_int_equal(text_width("a\x1b[2Jb"), 2 + 4 + 3);
	assert_int_equal(text_width("\xff"), 4);
}

static void
test_safe(void **state)
{
	char *s;

	(void)state;
	s = text_safe("ok\x1b]52;c;aGk=\x07");
	assert_string_equal(s, "ok\\x1b]52;c;aGk=\\x07");
	free(s);
	s = text_safe("abc\xe2\x80\xae" "def");	/* U+202E RLO */
	assert_string_equal(s, "abc\\u202edef");
	free(s);
	s = text_safe("\xc2\x9b" "x");	/* C1 CSI */
	assert_string_equal(s, "\\x9bx");
	free(s);
	s = text_safe("医院 %n %s");
	assert_string_equal(s, "医院 %n %s");
	free(s);
	s = text_safe("\xe4\xb8");	/* truncated sequence */
	assert_string_equal(s, "\\xe4\\xb8");
	free(s);
}

static void
test_fit(void **state)
{
	char *s;

	(void)state;
	s = text_fit("abc", 5, ALIGN_LEFT);
	assert_string_equal(s, "abc  ");
	free(s);
	s = text_fit("abc", 5, ALIGN_RIGHT);
	assert_string_equal(s, "  abc");
	free(s);
	/* Cut at a character boundary: 4 columns hold one CJK char, the
	 * ellipsis and a pad, never half a character. */
	s = text_fit("市卫生健康委员会", 4, ALIGN_LEFT);
	assert_int_equal(text_width(s), 4);
	assert_string_equal(s, "市\xe2\x80\xa6 ");
	free(s);
	s = text_fit("市卫生健康委员会", 16, ALIGN_LEFT);
	assert_string_equal(s, "市卫生健康委员会");
	free(s);
	s = text_fit("市卫生健康委员会", 15, ALIGN_LEFT);
	assert_int_equal(text_width(s), 15);
	free(s);
	s = text_fit("anything", 0, ALIGN_LEFT);
	assert_string_equal(s, "");
	free(s);
}

static void
test_quote(void **state)
{
	char big[4096], *s;

	(void)state;
	memset(big, 'x', sizeof big - 1);
	big[sizeof big - 1] = '\0';
	s = text_quote(big);
	assert_int_equal(text_width(s), TEXT_QUOTE_MAX);
	assert_string_equal(s + strlen(s) - 3, "\xe2\x80\xa6");
	free(s);
	s = text_quote("短\x1b");
	assert_string_equal(s, "短\\x1b");
	free(s);
}

static void
test_utf8(void **state)
{
	unsigned cp;

	(void)state;
	assert_true(utf8_valid("中文 ok", strlen("中文 ok")));
	assert_false(utf8_valid("\xc0\x80", 2));	/* overlong NUL */
	assert_false(utf8_valid("\xed\xa0\x80", 3));	/* surrogate */
	assert_false(utf8_valid("a\0b", 3));
	assert_int_equal(utf8_decode("\xf0\x9f\x98\x80", 4, &cp), 4);
	assert_int_equal(cp, 0x1f600);
	assert_int_equal(utf8_chars("中a文", strlen("中a文")), 3);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_width),
		cmocka_unit_test(test_safe),
		cmocka_unit_test(test_fit),
		cmocka_unit_test(test_quote),
		cmocka_unit_test(test_utf8),
	};

	setlocale(LC_ALL, "C.UTF-8");
	return cmocka_run_group_tests(tests, NULL, NULL);
}
