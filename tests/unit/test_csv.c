/* test_csv.c: the RFC 4180 reader. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "util/buf.h"
#include "util/csv.h"

static void
test_plain_bom_crlf(void **state)
{
	static const char in[] = "\xef\xbb\xbfid,date,value\r\n"
	    "a,2024-01-01,1.5\r\n\r\nb,2024-01-02,\r\n";
	struct csv_reader r;

	(void)state;
	csv_init(&r, in, sizeof in - 1);
	assert_int_equal(csv_read(&r), 1);
	assert_int_equal(r.line, 1);
	assert_int_equal(r.nfields, 3);
	assert_string_equal(csv_field(&r, 0), "id");
	assert_string_equal(csv_field(&r, 2), "value");
	assert_int_equal(csv_read(&r), 1);
	assert_int_equal(r.line, 2);
	assert_string_equal(csv_field(&r, 2), "1.5");
	assert_int_equal(csv_read(&r), 1);
	assert_int_equal(r.line, 4);	/* the empty line 3 is skipped */
	assert_int_equal(r.nfields, 3);
	assert_string_equal(csv_field(&r, 2), "");
	assert_int_equal(csv_read(&r), 0);
	csv_release(&r);
}

static void
test_quoted(void **state)
{
	static const char in[] = "x,\"a \"\"b\"\", c\",\"line1\nline2\r\n"
	    "line3\"\n\"\",end\nlast,\"no newline at end\"";
	struct csv_reader r;

	(void)state;
	csv_init(&r, in, sizeof in - 1);
	assert_int_equal(csv_read(&r), 1);
	assert_int_equal(r.nfields, 3);
	assert_string_equal(csv_field(&r, 1), "a \"b\", c");
	assert_string_equal(csv_field(&r, 2), "line1\nline2\r\nline3");
	assert_int_equal(csv_read(&r), 1);
	assert_int_equal(r.line, 4);
	assert_string_equal(csv_field(&r, 0), "");
	assert_string_equal(csv_field(&r, 1), "end");
	assert_int_equal(csv_read(&r), 1);
	assert_int_equal(r.line, 5);
	assert_string_equal(csv_field(&r, 1), "no newline at end");
	assert_int_equal(csv_read(&r), 0);
	csv_release(&r);
}

static void
test_errors(void **state)
{
	static const char in[] = "a,b\"c,d\nok,1\n\"x\"y,2\nfine,3\n\"open,4\n";
	struct csv_reader r;

	(void)state;
	csv_init(&r, in, sizeof in - 1);
	assert_int_equal(csv_read(&r), -1);
	assert_int_equal(r.line, 1);
	assert_non_null(r.error);
	assert_int_equal(csv_read(&r), 1);
	assert_int_equal(r.line, 2);
	assert_string_equal(csv_field(&r, 0), "ok");
	assert_int_equal(csv_read(&r), -1);
	assert_int_equal(r.line, 3);
	assert_int_equal(csv_read(&r), 1);
	assert_int_equal(r.line, 4);
	assert_int_equal(csv_read(&r), -1);
	assert_int_equal(r.line, 5);
	assert_string_equal(r.error, "unterminated quoted field");
	assert_int_equal(csv_read(&r), 0);
	csv_release(&r);
}

static void
test_nul_and_trailing_comma(void **state)
{
	static const char in[] = "a\0b,c,\n";
	struct csv_reader r;

	(void)state;
	csv_init(&r, in, sizeof in - 1);
	assert_int_equal(csv_read(&r), 1);
	assert_int_equal(r.nfields, 3);
	assert_int_equal(csv_field_len(&r, 0), 3);
	assert_int_equal(csv_field_len(&r, 1), 1);
	assert_int_equal(csv_field_len(&r, 2), 0);
	assert_int_equal(csv_read(&r), 0);
	csv_release(&r);

	csv_init(&r, "", 0);
	assert_int_equal(csv_read(&r), 0);
	csv_release(&r);
	csv_init(&r, "\xef\xbb\xbf", 3);
	assert_int_equal(csv_read(&r), 0);
	csv_release(&r);
}

static void
test_quote_roundtrip(void **state)
{
	static const char *fields[] = { "plain", "with,comma", "say \"hi\"",
	    "two\nlines", "", "中文，备注" };
	struct buf b = BUF_INIT;
	struct csv_reader r;
	size_t n = sizeof fields / sizeof fields[0];

	(void)state;
	for (size_t i = 0; i < n; i++) {
		if (i > 0)
			buf_putc(&b, ',');
		csv_quote(&b, fields[i]);
	}
	buf_puts(&b, "\r\n");
	csv_init(&r, b.s, b.len);
	assert_int_equal(csv_read(&r), 1);
	assert_int_equal(r.nfields, n);
	for (size_t i = 0; i < n; i++)
		assert_string_equal(csv_field(&r, i), fields[i]);
	csv_release(&r);
	buf_release(&b);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_plain_bom_crlf),
		cmocka_unit_test(test_quoted),
		cmocka_unit_test(test_errors),
		cmocka_unit_test(test_nul_and_trailing_comma),
		cmocka_unit_test(test_quote_roundtrip),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
