/* test_image.c: a plan's image (the plan cache) gives back the very plan,
 * and bytes that are not a whole image give none, whatever they are. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <cmocka.h>

#include "config/config.h"
#include "config/image.h"
#include "model/plan.h"
#include "util/buf.h"
#include "util/diag.h"

/* Plans of every shape the loader makes: scales, stages, recurring
 * milestones, supporting departments, absent optional fields. */
static const char *const plans[] = {
	"examples/hulunbuir.yaml", "examples/linxiang.yaml",
	"examples/sanya.yaml", "examples/taiyuan.yaml", "examples/yuan.yaml",
	"tests/data/plans/full.yaml", "tests/data/plans/warnings.yaml",
	"tests/cli/t3-plan.yaml", "tests/golden/plan.yaml",
	"tests/golden/long.yaml",
};

static struct plan *
load(const char *rel)
{
	const char *top = getenv("PW_TOP");
	char path[4096];
	struct diags d;
	struct plan *p;

	snprintf(path, sizeof path, "%s/%s", top != NULL ? top : ".", rel);
	diags_init(&d, path);
	p = config_load(path, &d);
	if (p == NULL) {
		diags_print(&d, stderr);
		fail_msg("cannot load %s", path);
	}
	diags_release(&d);
	return p;
}

static void
same_str(const char *a, const char *b)
{
	if (a == NULL || b == NULL)
		assert_ptr_equal(a, b);
	else
		assert_string_equal(a, b);
}

static void
same_date(struct pdate a, struct pdate b)
{
	assert_int_equal(a.day, b.day);
	assert_int_equal(a.prec, b.prec);
}

static void
same_pos(struct srcpos a, struct srcpos b)
{
	assert_int_equal(a.line, b.line);
	assert_int_equal(a.col, b.col);
}

static void
same_ints(const int *a, size_t na, const int *b, size_t nb)
{
	assert_int_equal(na, nb);
	for (size_t i = 0; i < na; i++)
		assert_int_equal(a[i], b[i]);
}

static void
same_target(const struct target *a, const struct target *b)
{
	same_str(a->id, b->id);
	same_str(a->name, b->name);
	same_str(a->unit, b->unit);
	same_str(a->note, b->note);
	assert_int_equal(a->dir, b->dir);
	assert_true(a->target == b->target);
	same_date(a->due, b->due);
	assert_int_equal(a->has_baseline, b->has_baseline);
	assert_true(a->baseline == b->baseline);
	same_date(a->baseline_date, b->baseline_date);
	assert_int_equal(a->nstages, b->nstages);
	for (size_t k = 0; k < a->nstages; k++) {
		same_date(a->stages[k].due, b->stages[k].due);
		assert_true(a->stages[k].target == b->stages[k].target);
	}
	assert_int_equal(a->cadence, b->cadence);
	assert_int_equal(a->nscale, b->nscale);
	for (size_t k = 0; k < a->nscale; k++)
		same_str(a->scale[k], b->scale[k]);
	assert_int_equal(a->owner, b->owner);
	same_ints(a->support, a->nsupport, b->support, b->nsupport);
	assert_int_equal(a->phase, b->phase);
	same_pos(a->pos, b->pos);
}

/* Every field of the struct plan. */
static void
same_plan(const struct plan *a, const struct plan *b)
{
	same_str(a->file, b->file);
	same_str(a->title, b->title);
	same_str(a->id, b->id);
	same_str(a->document, b->document);
	same_str(a->issuer, b->issuer);
	same_date(a->issued, b->issued);
	same_date(a->start, b->start);
	same_date(a->end, b->end);
	assert_int_equal(a->warn_days, b->warn_days);
	assert_true(a->pace_warn == b->pace_warn);
	assert_true(a->pace_crit == b->pace_crit);
	assert_int_equal(a->cadence, b->cadence);
	assert_int_equal(a->ndepts, b->ndepts);
	for (size_t i = 0; i < a->ndepts; i++) {
		same_str(a->depts[i].id, b->depts[i].id);
		same_str(a->depts[i].name, b->depts[i].name);
		same_str(a->depts[i].short_name, b->depts[i].short_name);
		same_pos(a->depts[i].pos, b->depts[i].pos);
	}
	assert_int_equal(a->nphases, b->nphases);
	for (size_t i = 0; i < a->nphases; i++) {
		const struct phase *x = &a->phases[i], *y = &b->phases[i];
		same_str(x->id, y->id);
		same_str(x->name, y->name);
		same_str(x->note, y->note);
		same_date(x->start, y->start);
		same_date(x->end, y->end);
		assert_int_equal(x->owner, y->owner);
		assert_int_equal(x->ms_first, y->ms_first);
		assert_int_equal(x->ms_count, y->ms_count);
		same_pos(x->pos, y->pos);
	}
	assert_int_equal(a->nms, b->nms);
	for (size_t i = 0; i < a->nms; i++) {
		const struct milestone *x = &a->ms[i], *y = &b->ms[i];
		same_str(x->id, y->id);
		same_str(x->name, y->name);
		same_str(x->note, y->note);
		assert_int_equal(x->phase, y->phase);
		same_date(x->start, y->start);
		same_date(x->due, y->due);
		assert_int_equal(x->owner, y->owner);
		same_ints(x->support, x->nsupport, y->support, y->nsupport);
		assert_true(x->weight == y->weight);
		assert_int_equal(x->every, y->every);
		same_pos(x->pos, y->pos);
	}
	assert_int_equal(a->ntargets, b->ntargets);
	for (size_t i = 0; i < a->ntargets; i++)
		same_target(&a->targets[i], &b->targets[i]);
}

static void
test_roundtrip(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof plans / sizeof plans[0]; i++) {
		struct plan *p = load(plans[i]), *q;
		struct buf a = BUF_INIT, b = BUF_INIT;

		/* The plan's cadence: each value, none given included. */
		p->cadence = (enum period)(i % (PERIOD_YEAR + 1));
		plan_image_write(p, &a);
		q = plan_image_read(a.s, a.len);
		assert_non_null(q);
		same_plan(p, q);
		/* Looked up as the loaded plan is. */
		for (size_t k = 0; k < q->nms; k++)
			assert_int_equal(plan_find(q, q->ms[k].id).index, k);
		for (size_t k = 0; k < q->ndepts; k++)
			assert_int_equal(plan_find_dept(q, q->depts[k].id), k);
		plan_image_write(q, &b);
		assert_int_equal(a.len, b.len);
		assert_memory_equal(a.s, b.s, a.len);
		buf_release(&a);
		buf_release(&b);
		plan_free(p);
		plan_free(q);
	}
}

/* Every prefix of an image, and the image with a byte more, is refused. */
static void
test_truncated(void **state)
{
	struct plan *p = load("tests/data/plans/full.yaml");
	struct buf a = BUF_INIT;

	(void)state;
	plan_image_write(p, &a);
	for (size_t n = 0; n < a.len; n++) {
		/* Exactly n bytes: the sanitizer build sees any overread. */
		char *copy = malloc(n > 0 ? n : 1);
		memcpy(copy, a.s, n);
		assert_null(plan_image_read(copy, n));
		free(copy);
	}
	buf_putc(&a, 0);
	assert_null(plan_image_read(a.s, a.len));
	buf_release(&a);
	plan_free(p);
}

/* Any one byte changed gives no plan or a plan that holds together (the
 * sanitizer build checks no read goes astray). */
static void
test_damaged(void **state)
{
	struct plan *p = load("examples/sanya.yaml");
	struct buf a = BUF_INIT;
	size_t refused = 0;

	(void)state;
	plan_image_write(p, &a);
	for (size_t i = 0; i < a.len; i++) {
		static const unsigned char flips[] = { 0xff, 0x80, 0x01 };
		for (size_t f = 0; f < sizeof flips; f++) {
			struct plan *q;
			a.s[i] ^= (char)flips[f];
			if ((q = plan_image_read(a.s, a.len)) == NULL)
				refused++;
			else {
				for (size_t k = 0; k < q->ntargets; k++)
					assert_true(q->targets[k].owner <
					    (int)q->ndepts);
				plan_free(q);
			}
			a.s[i] ^= (char)flips[f];
		}
	}
	/* Changed lengths and counts are refused. */
	assert_true(refused > 0);
	buf_release(&a);
	plan_free(p);
}

/* The image of a plan the loader would have refused gives no plan: each
 * rule of plan_check the front ends rely on, broken in turn. */
static void
expect_refused(struct plan *p, const char *why)
{
	struct buf a = BUF_INIT;
	struct plan *q;

	plan_image_write(p, &a);
	if ((q = plan_image_read(a.s, a.len)) != NULL) {
		plan_free(q);
		fail_msg("image read though %s", why);
	}
	buf_release(&a);
}

static void
test_loader_rules(void **state)
{
	struct plan *p = load("tests/data/plans/full.yaml");
	struct buf a = BUF_INIT;
	char *keep;
	int w;
	size_t first, count;

	(void)state;
	assert_true(p->nphases >= 2 && p->ntargets > 0 && p->nms > 0);
	plan_image_write(p, &a);
	assert_non_null(p = (plan_free(p), plan_image_read(a.s, a.len)));
	buf_release(&a);

	w = p->warn_days;
	p->warn_days = 2000000000;
	expect_refused(p, "warn_days is out of range");
	p->warn_days = w;

	keep = p->ms[0].id;
	p->ms[0].id = "M\033[31m";
	expect_refused(p, "an id has an escape");
	p->ms[0].id = keep;

	keep = p->targets[0].name;
	p->targets[0].name = "\302\233 C1";
	expect_refused(p, "a name has a C1 control");
	p->targets[0].name = keep;

	keep = p->depts[0].name;
	p->depts[0].name = "\377";
	expect_refused(p, "a name is not UTF-8");
	p->depts[0].name = keep;

	first = p->phases[1].ms_first;
	count = p->phases[1].ms_count;
	p->phases[1].ms_first = 0;
	p->phases[1].ms_count = p->nms;
	expect_refused(p, "phases share milestones");
	p->phases[1].ms_first = first;
	p->phases[1].ms_count = count;

	double pace = p->pace_warn;
	p->pace_warn = p->pace_crit + 1;
	expect_refused(p, "pace warn is above crit");
	p->pace_warn = pace;

	pw_day due = p->ms[0].due.day;
	p->ms[0].due.day = date_from_ymd(3500, 1, 1);
	expect_refused(p, "a date is out of range");
	p->ms[0].due.day = due;

	if (p->ndepts >= 2) {
		keep = p->depts[1].id;
		p->depts[1].id = p->depts[0].id;
		expect_refused(p, "two departments share an id");
		p->depts[1].id = keep;
	}
	plan_free(p);
}

/* Items as small as an image holds them (one-letter ids, empty names, no
 * lists): the reader's bound on counts by the least size of an item must
 * not refuse them. */
static void
test_smallest_items(void **state)
{
	struct plan *p = plan_new(), *q;
	struct buf a = BUF_INIT;
	static char *ids[] = { "a", "b", "c", "d", "e", "f", "g", "h" };
	static char tids[200][8];
	const size_t n = 4, nt = 200;
	pw_day day = date_from_ymd(2025, 1, 1);

	(void)state;
	p->file = "f";
	p->title = "t";
	p->id = "i";
	p->ndepts = p->nphases = p->nms = n;
	p->ntargets = nt;
	p->depts = calloc(n, sizeof *p->depts);
	p->phases = calloc(n, sizeof *p->phases);
	p->ms = calloc(n, sizeof *p->ms);
	p->targets = calloc(nt, sizeof *p->targets);
	for (size_t i = 0; i < n; i++) {
		p->depts[i] = (struct department){ .id = ids[i], .name = "" };
		p->phases[i] = (struct phase){ .id = ids[i], .name = "",
		    .start = { DAY_NONE, PREC_DAY }, .end = { day, PREC_DAY },
		    .owner = -1, .ms_first = i, .ms_count = 1 };
		p->ms[i] = (struct milestone){ .id = ids[n + i], .name = "",
		    .phase = (int)i, .start = { DAY_NONE, PREC_DAY },
		    .due = { day, PREC_DAY }, .owner = -1, .weight = 1 };
	}
	/* Targets, the most of them, each at its least size but its id. */
	for (size_t i = 0; i < nt; i++) {
		snprintf(tids[i], sizeof tids[i], "t%zu", i);
		p->targets[i] = (struct target){ .id = tids[i], .name = "",
		    .due = { day, PREC_DAY }, .baseline_date = { DAY_NONE,
		    PREC_DAY }, .owner = -1, .phase = -1 };
	}
	plan_image_write(p, &a);
	assert_non_null(q = plan_image_read(a.s, a.len));
	plan_free(q);
	buf_release(&a);
	free(p->depts);
	free(p->phases);
	free(p->ms);
	free(p->targets);
	free(p);
}

static void
write_file(const char *path, const char *text)
{
	FILE *fp = fopen(path, "w");

	assert_non_null(fp);
	fputs(text, fp);
	assert_int_equal(fclose(fp), 0);
}

/* A cache file is read: a plan cached under a plan file's bytes is what
 * the next load of that file gives, until the file's bytes change. */
static void
test_cache_hit(void **state)
{
	char dir[] = "/tmp/pw-test-cache.XXXXXX", path[64], cache[64];
	static const char plan_a[] = "plan: A\nstart: 2024-01\n"
	    "end: 2025-12\n", plan_b[] = "plan: B\nstart: 2024-01\n"
	    "end: 2025-12\n", plan_c[] = "plan: C\nstart: 2024-01\n"
	    "end: 2025-12\n";
	struct diags d;
	struct plan *b, *p;

	(void)state;
	assert_non_null(mkdtemp(dir));
	snprintf(path, sizeof path, "%s/plan.yaml", dir);
	snprintf(cache, sizeof cache, "%s/cache", dir);
	setenv("PLANWATCH_CACHE", cache, 1);
	write_file(path, plan_a);
	diags_init(&d, "b.yaml");
	assert_non_null(b = config_load_buffer(path, plan_b, strlen(plan_b),
	    &d));
	diags_release(&d);
	assert_null(config_cache_get(path));
	/* B's image, as if it had been loaded from A's bytes. */
	config_cache_put(path, b, plan_a, strlen(plan_a));
	assert_non_null(p = config_cache_get(path));
	assert_string_equal(p->title, "B");
	plan_free(p);
	diags_init(&d, path);
	assert_non_null(p = config_load_cached(path, &d));
	assert_string_equal(p->title, "B");
	plan_free(p);
	/* The same length, other bytes: parsed, and cached anew. */
	write_file(path, plan_c);
	assert_null(config_cache_get(path));
	assert_non_null(p = config_load_cached(path, &d));
	assert_string_equal(p->title, "C");
	plan_free(p);
	assert_non_null(p = config_cache_get(path));
	assert_string_equal(p->title, "C");
	plan_free(p);
	diags_release(&d);
	plan_free(b);
	unsetenv("PLANWATCH_CACHE");
	char cmd[128];
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
	assert_int_equal(system(cmd), 0);
}

/* A count larger than the bytes could hold is refused before anything
 * that size is allocated. */
static void
test_huge_counts(void **state)
{
	uint32_t v[8] = { UINT32_MAX, UINT32_MAX, UINT32_MAX, UINT32_MAX };

	(void)state;
	assert_null(plan_image_read(v, sizeof v));
	assert_null(plan_image_read(NULL, 0));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_roundtrip),
		cmocka_unit_test(test_truncated),
		cmocka_unit_test(test_damaged),
		cmocka_unit_test(test_huge_counts),
		cmocka_unit_test(test_loader_rules),
		cmocka_unit_test(test_smallest_items),
		cmocka_unit_test(test_cache_hit),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
