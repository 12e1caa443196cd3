/*
 * same_facts.h: the unit tests' check that two sets of facts hold the same
 * lists, in the same order, each found by its item, fact for fact (values
 * bit for bit).  Include after <cmocka.h>.
 */
#ifndef TESTS_SAME_FACTS_H
#define TESTS_SAME_FACTS_H

#include "model/facts.h"

static inline void
same_facts(const struct facts *a, const struct facts *b)
{
	size_t na, nb;
	const struct fact_list *const *la = facts_items(a, &na);
	const struct fact_list *const *lb = facts_items(b, &nb);

	assert_int_equal(na, nb);
	assert_int_equal(facts_total(a), facts_total(b));
	for (size_t i = 0; i < na; i++) {
		assert_string_equal(la[i]->item, lb[i]->item);
		assert_ptr_equal(facts_get(b, la[i]->item), lb[i]);
		assert_int_equal(la[i]->since, lb[i]->since);
		assert_int_equal(la[i]->skipped, lb[i]->skipped);
		assert_int_equal(la[i]->n, lb[i]->n);
		for (size_t k = 0; k < la[i]->n; k++) {
			const struct fact *x = &la[i]->v[k], *y = &lb[i]->v[k];
			assert_int_equal(x->kind, y->kind);
			assert_int_equal(x->date, y->date);
			assert_memory_equal(&x->value, &y->value,
			    sizeof x->value);
			assert_int_equal(x->seq, y->seq);
			if (x->level == NULL)
				assert_null(y->level);
			else
				assert_string_equal(x->level, y->level);
		}
	}
}

#endif
