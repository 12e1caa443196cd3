/* test_factcache.c: the image of a set of facts (db/factcache.c): it
 * reads back what was written, and refuses what the store could never
 * have given. */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "db/factcache.h"
#include "tests/unit/same_facts.h"
#include "util/xalloc.h"

static pw_day
ymd(int y, int m, int d)
{
	return date_from_ymd(y, m, d);
}

/* Facts of every shape the store makes: values with and without levels,
 * progress, completions, an empty list, since set or not, skipped. */
static struct facts *
sample(void)
{
	struct facts *f = facts_new();
	struct fact_list *l;

	l = facts_list(f, "T01");
	l->since = ymd(2024, 1, 1);
	facts_push(f, l, &(struct fact){ FACT_VALUE, ymd(2023, 12, 31), 1.5,
	    NULL, 3 });
	facts_push(f, l, &(struct fact){ FACT_VALUE, ymd(2024, 3, 31), -2e9,
	    NULL, 9 });
	l = facts_list(f, "等级");
	l->skipped = 4;
	facts_push(f, l, &(struct fact){ FACT_VALUE, ymd(2024, 6, 30), 1,
	    "良好", 11 });
	facts_push(f, l, &(struct fact){ FACT_VALUE, ymd(2024, 9, 30), 2,
	    "良好", 12 });
	facts_push(f, l, &(struct fact){ FACT_VALUE, ymd(2024, 12, 31), 0,
	    "", 13 });
	facts_add(f, "M01@2024-03", &(struct fact){ FACT_DONE,
	    ymd(2024, 3, 20), 0, NULL, 20 });
	facts_add(f, "M02", &(struct fact){ FACT_PROGRESS, ymd(2024, 5, 1),
	    40, NULL, 21 });
	facts_add(f, "M02", &(struct fact){ FACT_REOPEN, ymd(2024, 5, 2),
	    0, NULL, 22 });
	l = facts_list(f, "empty");
	l->since = ymd(2025, 1, 1);
	return f;
}

/* What the store could have given: the rules rely on no more. */
static void
plausible(const struct facts *f)
{
	size_t n;
	const struct fact_list *const *l = facts_items(f, &n);
	pw_day min = ymd(DATE_YEAR_MIN, 1, 1), max = ymd(DATE_YEAR_MAX, 12, 31);

	for (size_t i = 0; i < n; i++) {
		assert_true(l[i]->item[0] != '\0');
		assert_ptr_equal(facts_get(f, l[i]->item), l[i]);
		assert_true(l[i]->since == DAY_NONE ||
		    (l[i]->since >= min && l[i]->since <= max + 1));
		for (size_t k = 0; k < l[i]->n; k++) {
			const struct fact *x = &l[i]->v[k];
			assert_true(x->kind <= FACT_REOPEN);
			assert_true(x->date >= min && x->date <= max);
			assert_false(isnan(x->value));
		}
	}
}

/* An image copied into a buffer of exactly its size (ASan sees any read
 * past it). */
static struct facts *
read_exact(const char *img, size_t len)
{
	char *copy = xmalloc(len > 0 ? len : 1);
	struct facts *f;

	memcpy(copy, img, len);
	f = facts_image_read(copy, len);
	free(copy);
	return f;
}

static void
test_roundtrip(void **state)
{
	struct facts *f = sample(), *g;
	struct buf img = BUF_INIT, again = BUF_INIT;

	(void)state;
	facts_image_write(f, &img);
	g = read_exact(img.s, img.len);
	assert_non_null(g);
	same_facts(f, g);
	facts_image_write(g, &again);
	assert_int_equal(img.len, again.len);
	assert_memory_equal(img.s, again.s, img.len);
	facts_free(g);
	/* No facts at all is an image too. */
	facts_free(f);
	f = facts_new();
	buf_reset(&img);
	facts_image_write(f, &img);
	g = read_exact(img.s, img.len);
	assert_non_null(g);
	assert_int_equal(facts_total(g), 0);
	facts_free(g);
	facts_free(f);
	buf_release(&img);
	buf_release(&again);
}

static void
test_every_prefix_refused(void **state)
{
	struct facts *f = sample();
	struct buf img = BUF_INIT;

	(void)state;
	facts_image_write(f, &img);
	for (size_t n = 0; n < img.len; n++)
		assert_null(read_exact(img.s, n));
	/* A byte too many is refused too. */
	buf_putc(&img, 0);
	assert_null(read_exact(img.s, img.len));
	facts_free(f);
	buf_release(&img);
}

static void
test_every_byte_changed(void **state)
{
	struct facts *f = sample(), *g;
	struct buf img = BUF_INIT;
	size_t refused = 0;

	(void)state;
	facts_image_write(f, &img);
	for (size_t i = 0; i < img.len; i++)
		for (int bit = 0; bit < 8; bit++) {
			img.s[i] ^= (char)(1 << bit);
			if ((g = read_exact(img.s, img.len)) == NULL)
				refused++;
			else {
				plausible(g);
				facts_free(g);
			}
			img.s[i] ^= (char)(1 << bit);
		}
	assert_true(refused > 0);
	facts_free(f);
	buf_release(&img);
}

/* Images the store could not have made, each refused. */
static void
test_refusals(void **state)
{
	static const struct {
		const char	*what;
		struct fact	 fact;
		const char	*item;
		pw_day		 since;
	} bad[] = {
		{ "a kind past reopen", { 4, 0, 0, NULL, 1 }, "T", DAY_NONE },
		{ "a date before the years", { FACT_VALUE, 0, 0, NULL, 1 },
		    "T", DAY_NONE },
		{ "a date after them", { FACT_VALUE, 0, 0, NULL, 1 }, "T",
		    DAY_NONE },
		{ "NaN", { FACT_VALUE, 0, NAN, NULL, 1 }, "T", DAY_NONE },
		{ "an empty item", { FACT_VALUE, 0, 0, NULL, 1 }, "", DAY_NONE },
		{ "since out of range", { FACT_VALUE, 0, 0, NULL, 1 }, "T",
		    -2000000000 },
	};
	pw_day good = ymd(2024, 1, 1);

	(void)state;
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		struct facts *f = facts_new();
		struct fact x = bad[i].fact;
		struct fact_list *l = facts_list(f, bad[i].item);
		struct buf img = BUF_INIT;

		x.date = i == 1 ? ymd(DATE_YEAR_MIN, 1, 1) - 1 :
		    i == 2 ? ymd(DATE_YEAR_MAX, 12, 31) + 1 : good;
		l->since = bad[i].since;
		facts_push(f, l, &x);
		facts_image_write(f, &img);
		print_message("%s\n", bad[i].what);
		assert_null(read_exact(img.s, img.len));
		facts_free(f);
		buf_release(&img);
	}
}

/* The same item twice, and counts far beyond the bytes there. */
static void
test_duplicates_and_counts(void **state)
{
	struct facts *f = facts_new();
	struct buf img = BUF_INIT, twice = BUF_INIT;
	uint64_t n;

	(void)state;
	facts_add(f, "T", &(struct fact){ FACT_VALUE, ymd(2024, 1, 1), 1,
	    NULL, 1 });
	facts_image_write(f, &img);
	/* Two lists of "T": the count, then the list twice. */
	n = 2;
	buf_add(&twice, (const char *)&n, 8);
	buf_add(&twice, img.s + 8, img.len - 8);
	buf_add(&twice, img.s + 8, img.len - 8);
	assert_null(read_exact(twice.s, twice.len));
	/* A count of lists no image of this size could hold. */
	n = UINT64_MAX;
	memcpy(img.s, &n, 8);
	assert_null(read_exact(img.s, img.len));
	n = 1;
	memcpy(img.s, &n, 8);
	/* A count of facts no image of this size could hold: after the
	 * count of lists, the item (4 + 1), since (4), skipped (8). */
	n = (uint64_t)1 << 60;
	memcpy(img.s + 8 + 5 + 4 + 8, &n, 8);
	assert_null(read_exact(img.s, img.len));
	facts_free(f);
	buf_release(&img);
	buf_release(&twice);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_roundtrip),
		cmocka_unit_test(test_every_prefix_refused),
		cmocka_unit_test(test_every_byte_changed),
		cmocka_unit_test(test_refusals),
		cmocka_unit_test(test_duplicates_and_counts),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
