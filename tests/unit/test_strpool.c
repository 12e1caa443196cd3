/* test_strpool.c: strings packed in blocks survive until the pool goes. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "util/strpool.h"

/* Thousands of strings, a long one among them: every one still reads back
 * as written once the pool has grown past several blocks. */
static void
test_many(void **state)
{
	struct strpool *pool = NULL;
	char *kept[5000], want[32];
	char *longs = malloc(100000);

	(void)state;
	memset(longs, 'x', 99999);
	longs[99999] = '\0';
	for (int i = 0; i < 5000; i++) {
		snprintf(want, sizeof want, "M%05d@2024-%02d", i, i % 12 + 1);
		kept[i] = strpool_dup(&pool, want);
		if (i == 2500)
			assert_string_equal(strpool_dup(&pool, longs), longs);
	}
	for (int i = 0; i < 5000; i++) {
		snprintf(want, sizeof want, "M%05d@2024-%02d", i, i % 12 + 1);
		assert_string_equal(kept[i], want);
	}
	free(longs);
	strpool_free(pool);
}

/* ndup copies n bytes and terminates them, even from the middle of a
 * longer string. */
static void
test_ndup(void **state)
{
	struct strpool *pool = NULL;

	(void)state;
	assert_string_equal(strpool_ndup(&pool, "卫健委财政局", 6), "卫健");
	assert_string_equal(strpool_ndup(&pool, "abc", 0), "");
	strpool_free(pool);
	strpool_free(NULL);
}

/* Arrays between strings are aligned for any type and keep their
 * contents while the pool grows. */
static void
test_alloc(void **state)
{
	struct strpool *pool = NULL;
	double *v[100];

	(void)state;
	for (int i = 0; i < 100; i++) {
		strpool_dup(&pool, "x");
		v[i] = strpool_alloc(&pool, 1000 * sizeof *v[i]);
		assert_int_equal((uintptr_t)v[i] % _Alignof(max_align_t), 0);
		for (int k = 0; k < 1000; k++)
			v[i][k] = i * 1000 + k;
	}
	for (int i = 0; i < 100; i++)
		for (int k = 0; k < 1000; k++)
			assert_true(v[i][k] == i * 1000 + k);
	strpool_free(pool);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_many),
		cmocka_unit_test(test_ndup),
		cmocka_unit_test(test_alloc),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
