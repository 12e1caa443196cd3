/* test_attention.c: the attention list (model/attention.h): every kind,
 * the worst kind of an item with several, the order, departments, levels;
 * week over week: new, resolved, still with its weeks, worse. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "config/config.h"
#include "model/attention.h"
#include "util/diag.h"

#define D(y, m, d)	date_from_ymd(y, m, d)

/* One plan with an item of each kind as of 2025-06-30 (warn_days 14). */
static const char plan_yaml[] =
    "format: 1\n"
    "plan: attention\n"
    "id: att\n"
    "start: 2025-01-01\n"
    "end: 2025-12-31\n"
    "warn_days: 14\n"
    "departments:\n"
    "  - {id: a, name: A}\n"
    "  - {id: b, name: B}\n"
    "milestones:\n"
    "  - {id: M-over, name: over, due: 2025-05-31, owner: a}\n"
    "  - {id: M-soon, name: soon, start: 2025-06-20, due: 2025-07-05,"
    " owner: b, support: [a]}\n"
    "  - {id: M-far, name: far, start: 2025-01-01, due: 2025-09-30,"
    " owner: b}\n"
    "  - {id: M-nolead, name: nolead, due: 2025-06-01}\n"
    "  - {id: M-fine, name: fine, due: 2025-12-31, owner: a}\n"
    "targets:\n"
    "  - {id: T-missed, name: tm, direction: '>=', target: 10,"
    " due: 2025-03-31, owner: a}\n"
    "  - {id: T-stale, name: ts, direction: '>=', target: 10,"
    " due: 2025-12-31, owner: b, support: [a]}\n";

/*
 * Items that enter, leave and worsen between 2025-06-16 and 2025-07-02:
 * M-over is due soon from 2025-05-17, then overdue; M-soon due soon from
 * 2025-06-21; M-fixed due soon (and behind) on 06-16, done on 06-19; M-far behind
 * pace from 2025-05-03 and far behind from 2025-06-25 (35% done);
 * T-stale, in a phase from 2025-01-01, not reported for one quarter from
 * 04-01 and two from 07-01; T-missed missed since 2024-04-01.
 */
static const char weeks_yaml[] =
    "plan: weeks\n"
    "start: 2024-01-01\n"
    "end: 2025-12-31\n"
    "departments:\n"
    "  - {id: a, name: A}\n"
    "phases:\n"
    "  - {id: P, name: P, start: 2025-01-01, end: 2025-12-31}\n"
    "milestones:\n"
    "  - {id: M-over, name: o, start: 2025-05-20, due: 2025-05-31,"
    " owner: a}\n"
    "  - {id: M-soon, name: s, start: 2025-06-28, due: 2025-07-05,"
    " owner: a}\n"
    "  - {id: M-fixed, name: x, start: 2025-06-10, due: 2025-06-20,"
    " owner: a}\n"
    "  - {id: M-far, name: f, start: 2025-01-01, due: 2025-09-30,"
    " owner: a}\n"
    "targets:\n"
    "  - {id: T-stale, name: ts, direction: '>=', target: 10,"
    " due: 2025-12-31, owner: a, phase: P}\n"
    "  - {id: T-missed, name: tm, direction: '>=', target: 10,"
    " due: 2024-03-31, owner: a}\n";

static struct plan *
load_yaml(const char *yaml, size_t len)
{
	struct diags d;
	struct plan *p;

	diags_init(&d, "att.yaml");
	p = config_load_buffer("att.yaml", yaml, len, &d);
	if (p == NULL)
		diags_print(&d, stderr);
	diags_release(&d);
	assert_non_null(p);
	return p;
}

static struct plan *
load(void)
{
	return load_yaml(plan_yaml, sizeof plan_yaml - 1);
}

static void
add(struct facts *f, const char *item, enum fact_kind k, pw_day day,
    double v)
{
	static long long seq;
	struct fact x = { .kind = k, .date = day, .value = v, .seq = ++seq };

	facts_add(f, item, &x);
}

static const struct attn_item *
find(const struct attn_item *v, size_t n, const char *id)
{
	for (size_t i = 0; i < n; i++)
		if (strcmp(v[i].id, id) == 0)
			return &v[i];
	return NULL;
}

static void
test_every_kind(void **state)
{
	struct plan *p = load();
	struct facts *f = facts_new();
	struct review_opts o = { .asof = D(2025, 6, 30), .warn_days = -1,
	    .dept = -1 };
	struct attn_item *v;
	const struct attn_item *a;
	struct review *rv;
	size_t n;
	bool led;

	(void)state;
	add(f, "M-far", FACT_PROGRESS, D(2025, 6, 1), 5);
	add(f, "M-soon", FACT_PROGRESS, D(2025, 6, 29), 90);
	add(f, "T-missed", FACT_VALUE, D(2025, 3, 31), 4);
	add(f, "M-fine", FACT_DONE, D(2025, 6, 1), 0);
	rv = review_new(p, f, &o);
	n = attention_list(rv, SEV_WARNING, &v);

	a = find(v, n, "M-over");
	assert_non_null(a);
	assert_int_equal(a->kind, ATTN_OVERDUE);
	assert_int_equal(a->sev, SEV_CRITICAL);
	assert_int_equal(a->late_by, 30);
	assert_int_equal(attn_kind_level(a->kind), ATTN_RED);

	a = find(v, n, "M-soon");
	assert_non_null(a);
	assert_int_equal(a->kind, ATTN_DUE_SOON);
	assert_int_equal(a->late_by, -5);
	assert_true(attn_involves(a, 0, &led));
	assert_false(led);
	assert_true(attn_involves(a, 1, &led));
	assert_true(led);

	a = find(v, n, "M-far");
	assert_non_null(a);
	assert_true(a->kinds & (1u << ATTN_FAR_BEHIND));
	assert_int_equal(a->kind, ATTN_FAR_BEHIND);
	assert_false(attn_involves(a, 0, &led));

	a = find(v, n, "M-nolead");
	assert_non_null(a);
	assert_int_equal(a->lead, -1);
	assert_int_equal(a->kind, ATTN_OVERDUE);

	a = find(v, n, "T-missed");
	assert_non_null(a);
	assert_int_equal(a->item, ITEM_TARGET);
	assert_int_equal(a->kind, ATTN_MISSED);

	a = find(v, n, "T-stale");
	assert_non_null(a);
	assert_true(a->kinds & (1u << ATTN_STALE));

	assert_null(find(v, n, "M-fine"));
	assert_string_equal(attn_level_key(attn_level_of(v, n)), "red");

	/* Worst first: no warning before a critical. */
	for (size_t i = 1; i < n; i++)
		assert_true(v[i - 1].sev >= v[i].sev);
	/* Critical only leaves the due-soon milestone out. */
	free(v);
	n = attention_list(rv, SEV_CRITICAL, &v);
	assert_null(find(v, n, "M-soon"));
	assert_non_null(find(v, n, "M-over"));
	free(v);
	review_free(rv);
	facts_free(f);
	plan_free(p);
}

static const struct attn_diff *
find_diff(const struct attn_diff *v, size_t n, const char *id)
{
	for (size_t i = 0; i < n; i++) {
		const struct attn_item *a = v[i].now != NULL ? v[i].now :
		    v[i].then;
		if (strcmp(a->id, id) == 0)
			return &v[i];
	}
	return NULL;
}

/* Free two lists, their reviews, the facts and the plan. */
static void
release(struct attn_item *now, struct attn_item *then, struct review *rv,
    struct review *rs, struct facts *f, struct plan *p)
{
	free(now);
	free(then);
	review_free(rv);
	review_free(rs);
	facts_free(f);
	plan_free(p);
}

static void
test_week_over_week(void **state)
{
	struct plan *p = load_yaml(weeks_yaml, sizeof weeks_yaml - 1);
	struct facts *f = facts_new();
	struct review_opts o = { .asof = D(2025, 7, 2), .warn_days = -1,
	    .dept = -1 }, os = o;
	struct attn_item *now, *then;
	struct attn_diff *v;
	const struct attn_diff *d;
	struct review *rv, *rs;
	size_t nnow, nthen, n;

	(void)state;
	add(f, "M-far", FACT_PROGRESS, D(2025, 3, 1), 35);
	add(f, "M-fixed", FACT_DONE, D(2025, 6, 19), 0);
	os.asof = D(2025, 6, 16);
	rv = review_new(p, f, &o);
	rs = review_new(p, f, &os);
	nnow = attention_list(rv, SEV_WARNING, &now);
	nthen = attention_list(rs, SEV_WARNING, &then);
	n = attn_compare(now, nnow, then, nthen, &v);
	assert_int_equal(n, 6);
	attn_weeks(p, f, &o, SEV_WARNING, v, n);

	d = find_diff(v, n, "M-soon");
	assert_non_null(d);
	assert_int_equal(d->what, ATTN_NEW);
	assert_null(d->then);
	assert_int_equal(d->weeks, 0);

	d = find_diff(v, n, "M-fixed");
	assert_non_null(d);
	assert_int_equal(d->what, ATTN_RESOLVED);
	assert_null(d->now);
	/* Due soon and, with nothing recorded past half its window,
	 * behind: the worse of the two is its kind. */
	assert_int_equal(d->then->kind, ATTN_BEHIND);
	assert_true(d->then->kinds & (1u << ATTN_DUE_SOON));

	d = find_diff(v, n, "M-over");
	assert_non_null(d);
	assert_int_equal(d->what, ATTN_STILL);
	assert_false(d->worse);		/* overdue on both dates */
	assert_int_equal(d->weeks, 6);	/* 05-21 on, 05-14 off */

	d = find_diff(v, n, "M-far");
	assert_int_equal(d->what, ATTN_STILL);
	assert_true(d->worse);		/* behind, then far behind */
	assert_int_equal(d->then->kind, ATTN_BEHIND);
	assert_int_equal(d->now->kind, ATTN_FAR_BEHIND);
	assert_int_equal(d->weeks, 8);	/* 05-07 on, 04-30 off */

	d = find_diff(v, n, "T-stale");
	assert_int_equal(d->what, ATTN_STILL);
	assert_true(d->worse);		/* one quarter, then two */
	assert_int_equal(d->weeks, 13);	/* 04-02 on, 03-26 off */

	d = find_diff(v, n, "T-missed");
	assert_int_equal(d->what, ATTN_STILL);
	assert_false(d->worse);
	assert_int_equal(d->weeks, ATTN_WEEKS_MAX);	/* no further */

	/* The new and the still in D's order, then the resolved. */
	for (size_t i = 0; i < nnow; i++)
		assert_ptr_equal(v[i].now, &now[i]);
	assert_int_equal(v[n - 1].what, ATTN_RESOLVED);

	/* Against itself everything is still on it, nothing worse. */
	free(v);
	n = attn_compare(now, nnow, now, nnow, &v);
	assert_int_equal(n, nnow);
	for (size_t i = 0; i < n; i++)
		assert_true(v[i].what == ATTN_STILL && !v[i].worse);
	free(v);
	assert_int_equal(attn_compare(NULL, 0, NULL, 0, &v), 0);
	assert_null(v);

	release(now, then, rv, rs, f, p);
}

static unsigned long rnd_state = 20251231;

static unsigned long
rnd(unsigned long n)
{
	rnd_state = rnd_state * 6364136223846793005ul + 1442695040888963407ul;
	return (rnd_state >> 33) % n;
}

/* A plan of milestones (some recurring) and targets with random dates,
 * each led or supported by one of three departments. */
static struct plan *
random_plan(void)
{
	static const char *const every[] = { "", ", every: week",
	    ", every: month", ", every: quarter" };
	char *y = NULL, line[256];
	size_t len = 0;
	FILE *fp = open_memstream(&y, &len);
	struct plan *p;

	assert_non_null(fp);
	fputs("plan: random\nstart: 2024-01-01\nend: 2025-12-31\n"
	    "warn_days: 10\ndepartments:\n  - {id: a, name: A}\n"
	    "  - {id: b, name: B}\n  - {id: c, name: C}\nmilestones:\n", fp);
	for (int i = 0; i < 30; i++) {
		pw_day st = D(2024, 1, 1) + (pw_day)rnd(500);
		pw_day due = st + 7 + (pw_day)rnd(150);
		int y0, m0, d0, y1, m1, d1;

		date_to_ymd(st, &y0, &m0, &d0);
		date_to_ymd(due, &y1, &m1, &d1);
		snprintf(line, sizeof line, "  - {id: M%d, name: m, start: "
		    "%04d-%02d-%02d, due: %04d-%02d-%02d, owner: %c, "
		    "support: [%c]%s}\n", i, y0, m0, d0, y1, m1, d1,
		    "abc"[i % 3], "abc"[(i + 1) % 3], every[rnd(4)]);
		fputs(line, fp);
	}
	fputs("targets:\n", fp);
	for (int i = 0; i < 12; i++) {
		int y1, m1, d1;

		date_to_ymd(D(2024, 3, 1) + (pw_day)rnd(600), &y1, &m1, &d1);
		snprintf(line, sizeof line, "  - {id: T%d, name: t, "
		    "direction: '>=', target: 100, due: %04d-%02d-%02d, "
		    "owner: %c}\n", i, y1, m1, d1, "abc"[i % 3]);
		fputs(line, fp);
	}
	assert_int_equal(fclose(fp), 0);
	p = load_yaml(y, len);
	free(y);
	return p;
}

/* The weeks of d counted by whole reviews, one a week back. */
static int
weeks_whole(const struct plan *p, const struct facts *f,
    const struct review_opts *o, const struct attn_diff *d)
{
	int w;

	if (d->what != ATTN_STILL)
		return 0;
	for (w = 1; w <= ATTN_WEEKS_MAX; w++) {
		struct review_opts ow = *o;
		struct attn_item *at;
		struct review *rv;
		bool on = false;
		size_t nat;

		ow.asof = o->asof - 7 * w;
		rv = review_new(p, f, &ow);
		nat = attention_list(rv, SEV_WARNING, &at);
		for (size_t i = 0; i < nat; i++)
			if (at[i].item == d->now->item &&
			    strcmp(at[i].id, d->now->id) == 0)
				on = true;
		free(at);
		review_free(rv);
		if (!on)
			return w - 1;
	}
	return ATTN_WEEKS_MAX;
}

/* attn_weeks() reviews only the items still counting (review_opts
 * ms_only, tg_only): the same weeks as whole reviews, on random plans,
 * facts, dates and departments. */
static void
test_weeks_partial(void **state)
{
	size_t still = 0, counted = 0;

	(void)state;
	for (int round = 0; round < 12; round++) {
		struct plan *p = random_plan();
		struct facts *f = facts_new();
		struct review_opts o = { .asof = D(2024, 4, 1) +
		    (pw_day)rnd(600), .warn_days = -1,
		    .dept = round % 4 == 3 ? (int)rnd(3) : -1 }, os = o;
		struct attn_item *now, *then;
		struct attn_diff *v;
		struct review *rv, *rs;
		size_t nnow, nthen, n;
		char id[16];

		for (int i = 0; i < 120; i++) {
			pw_day day = D(2024, 1, 1) + (pw_day)rnd(700);

			if (rnd(3) == 0) {
				snprintf(id, sizeof id, "T%lu", rnd(12));
				add(f, id, FACT_VALUE, day, (double)rnd(140));
			} else {
				snprintf(id, sizeof id, "M%lu", rnd(30));
				add(f, id, rnd(4) == 0 ? FACT_DONE :
				    FACT_PROGRESS, day, (double)rnd(101));
			}
		}
		os.asof = o.asof - 7;
		rv = review_new(p, f, &o);
		rs = review_new(p, f, &os);
		nnow = attention_list(rv, SEV_WARNING, &now);
		nthen = attention_list(rs, SEV_WARNING, &then);
		n = attn_compare(now, nnow, then, nthen, &v);
		attn_weeks(p, f, &o, SEV_WARNING, v, n);
		for (size_t i = 0; i < n; i++) {
			int want = weeks_whole(p, f, &o, &v[i]);

			if (v[i].weeks != want)
				fail_msg("round %d, %s: %d weeks, whole reviews "
				    "%d", round, v[i].now->id, v[i].weeks,
				    want);
			still += v[i].what == ATTN_STILL;
			counted += v[i].weeks > 1;
		}
		free(v);
		release(now, then, rv, rs, f, p);
	}
	/* The plans put items on the list for weeks, or it proves little. */
	assert_true(still > 20 && counted > 10);
}

static void
test_keys_and_levels(void **state)
{
	(void)state;
	assert_string_equal(attn_kind_key(ATTN_STALE), "stale");
	assert_string_equal(attn_kind_key(ATTN_FAR_BEHIND), "far-behind");
	assert_int_equal(attn_kind_level(ATTN_DUE_SOON), ATTN_BLUE);
	assert_int_equal(attn_kind_level(ATTN_AT_RISK), ATTN_YELLOW);
	assert_int_equal(attn_kind_level(ATTN_MISSED), ATTN_RED);
	assert_int_equal(attn_level_of(NULL, 0), ATTN_BLUE);
	assert_string_equal(attn_kind_symbol(ATTN_FAR_BEHIND, false), "[<<]");
	assert_string_equal(attn_kind_symbol(ATTN_OVERDUE, true), "✖");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_every_kind),
		cmocka_unit_test(test_week_over_week),
		cmocka_unit_test(test_weeks_partial),
		cmocka_unit_test(test_keys_and_levels),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
