/*
 * same_plan.h: the unit tests' check that two plans hold the same fields,
 * made from the field tables of model/plan.h (every field of every struct,
 * doubles bit for bit), so that a field added there is compared here too.
 * Include after <cmocka.h>.
 */
#ifndef TESTS_SAME_PLAN_H
#define TESTS_SAME_PLAN_H

#include <string.h>

#include "model/plan.h"

static inline void
same_str(const char *a, const char *b)
{
	if (a == NULL || b == NULL)
		assert_ptr_equal(a, b);
	else
		assert_string_equal(a, b);
}

#define SAME(kind, ...)		SAME_##kind(__VA_ARGS__)
#define SAME_STR(f)		same_str(a->f, b->f);
#define SAME_OSTR(f)		same_str(a->f, b->f);
#define SAME_DATE(f)		assert_int_equal(a->f.day, b->f.day);	\
				assert_int_equal(a->f.prec, b->f.prec);
#define SAME_POS(f)		assert_int_equal(a->f.line, b->f.line);	\
				assert_int_equal(a->f.col, b->f.col);
#define SAME_INT(f)		assert_int_equal(a->f, b->f);
#define SAME_SIZE(f)		assert_int_equal(a->f, b->f);
#define SAME_F64(f)		assert_memory_equal(&a->f, &b->f, sizeof a->f);
#define SAME_BOOL(f)		assert_int_equal(a->f, b->f);
#define SAME_ENUM(f, type, last) assert_int_equal(a->f, b->f);
#define SAME_DEPTS(f)		assert_int_equal(a->n##f, b->n##f);	\
	for (size_t i = 0; i < a->n##f; i++)				\
		assert_int_equal(a->f[i], b->f[i]);
#define SAME_LIST(f, type)	assert_int_equal(a->n##f, b->n##f);	\
	for (size_t i = 0; i < a->n##f; i++)				\
		same_##type(&a->f[i], &b->f[i]);
#define SAME_STRS(f)		assert_int_equal(a->n##f, b->n##f);	\
	for (size_t i = 0; i < a->n##f; i++)				\
		same_str(a->f[i], b->f[i]);
#define SAME_ITEMS(f, type)	SAME_LIST(f, type)

static inline void
same_department(const struct department *a, const struct department *b)
{
	DEPARTMENT_FIELDS(SAME)
}

static inline void
same_phase(const struct phase *a, const struct phase *b)
{
	PHASE_FIELDS(SAME)
}

static inline void
same_milestone(const struct milestone *a, const struct milestone *b)
{
	MILESTONE_FIELDS(SAME)
}

static inline void
same_stage(const struct stage *a, const struct stage *b)
{
	STAGE_FIELDS(SAME)
}

static inline void
same_target(const struct target *a, const struct target *b)
{
	TARGET_FIELDS(SAME)
}

static inline void
same_plan(const struct plan *a, const struct plan *b)
{
	PLAN_FIELDS(SAME)
}

#endif
