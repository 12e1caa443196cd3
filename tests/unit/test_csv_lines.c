/*
 * test_csv_lines.c: the CSV reader counts lines past 2^31.
 *
 * A file of more than 2^31 lines needs gigabytes; the reader's counter is
 * started near INT_MAX instead (csv.h: next_line may be set after
 * csv_init), and a few lines of every kind are read across the boundary:
 * the count was an int (UBSan aborted; the plain build said line
 * -2147483593).
 */
#include <limits.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "util/csv.h"

static const size_t near = (size_t)INT_MAX - 1;

/* Read one record: it gives rc, began on line, and (a record) its first
 * field is first. */
static void
expect(struct csv_reader *r, int rc, size_t line, const char *first)
{
	assert_int_equal(csv_read(r), rc);
	assert_true(r->line == line);
	if (rc > 0)
		assert_string_equal(csv_field(r, 0), first);
	else
		assert_non_null(r->error);
}

static void
test_records_past_int_max(void **state)
{
	static const char in[] = "a,1\nb,2\r\n\nc,3\rd,4\n";
	struct csv_reader r;

	(void)state;
	csv_init(&r, in, sizeof in - 1);
	r.next_line = near;
	expect(&r, 1, near, "a");
	expect(&r, 1, near + 1, "b");		/* INT_MAX */
	expect(&r, 1, near + 3, "c");		/* after an empty line */
	expect(&r, 1, near + 4, "d");		/* after a lone CR */
	assert_int_equal(csv_read(&r), 0);
	csv_release(&r);
}

/* A quoted field's line breaks count, and an error's line is the line its
 * record began on. */
static void
test_errors_past_int_max(void **state)
{
	static const char in[] = "\"x\ny\nz\",1\nbad\"quote\n\"open\n\n";
	struct csv_reader r;

	(void)state;
	csv_init(&r, in, sizeof in - 1);
	r.next_line = near;
	expect(&r, 1, near, "x\ny\nz");
	expect(&r, -1, near + 3, NULL);
	expect(&r, -1, near + 4, NULL);
	assert_string_equal(r.error, "unterminated quoted field");
	assert_true(r.next_line > (size_t)INT_MAX + 1);
	csv_release(&r);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_records_past_int_max),
		cmocka_unit_test(test_errors_past_int_max),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
