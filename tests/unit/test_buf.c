/* test_buf.c: the growable string, buf_printf formatting once into spare
 * room and again only when it did not fit. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "util/buf.h"

static void
test_printf_empty(void **state)
{
	struct buf b = BUF_INIT;

	(void)state;
	buf_printf(&b, "%d-%s", 42, "x");
	assert_string_equal(buf_str(&b), "42-x");
	assert_int_equal(b.len, 4);
	buf_printf(&b, "%s", "");
	assert_int_equal(b.len, 4);
	assert_string_equal(buf_str(&b), "42-x");
	buf_release(&b);
}

/* Every length around the spare room left: the result is whole and
 * terminated whether it fitted the first time or not. */
static void
test_printf_edges(void **state)
{
	char want[600], piece[300];

	(void)state;
	for (size_t pre = 0; pre < 140; pre++)
		for (size_t n = 0; n < 300; n += 7) {
			struct buf b = BUF_INIT;

			memset(want, 'a', pre);
			buf_add(&b, want, pre);
			memset(piece, 'b', n);
			piece[n] = '\0';
			buf_printf(&b, "%s|%zu", piece, n);
			snprintf(want + pre, sizeof want - pre, "%s|%zu", piece,
			    n);
			assert_int_equal(b.len, strlen(want));
			assert_string_equal(buf_str(&b), want);
			assert_true(b.len < b.cap);
			buf_release(&b);
		}
}

static void
test_printf_many(void **state)
{
	struct buf b = BUF_INIT;
	char *s;

	(void)state;
	for (int i = 0; i < 10000; i++)
		buf_printf(&b, "%.1f,%.1f ", i / 10.0, -i / 4.0);
	s = buf_detach(&b);
	assert_int_equal(strncmp(s, "0.0,0.0 0.1,-0.2 0.2,-0.5 ", 26), 0);
	assert_non_null(strstr(s, " 999.9,-2499.8 "));
	assert_int_equal(b.len, 0);
	assert_null(b.s);
	free(s);
}

/* Growing an empty buffer keeps it the empty string: buf_str, buf_detach
 * and the next buf_add see "" and not the new storage's garbage. */
static void
test_grow_empty(void **state)
{
	struct buf b = BUF_INIT;
	char *s;

	(void)state;
	buf_grow(&b, 100);
	assert_non_null(b.s);
	assert_int_equal(b.len, 0);
	assert_string_equal(buf_str(&b), "");
	s = buf_detach(&b);
	assert_string_equal(s, "");
	free(s);
	buf_grow(&b, 10);
	buf_add(&b, "ab", 2);
	assert_string_equal(buf_str(&b), "ab");
	buf_release(&b);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_printf_empty),
		cmocka_unit_test(test_printf_edges),
		cmocka_unit_test(test_printf_many),
		cmocka_unit_test(test_grow_empty),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
