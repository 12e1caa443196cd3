/* test_config.c: the plan loader: every rule of format 1, every hostile
 * input class, each with the line and column reported. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <cmocka.h>

#include "config/config.h"
#include "config/schema.h"
#include "model/plan.h"
#include "util/buf.h"
#include "util/diag.h"
#include "util/xalloc.h"

/* Six lines: a plan with a start, an end and two departments. */
#define HEAD "plan: P\nstart: 2024-01\nend: 2025-12\ndepartments:\n" \
	"  - {id: health, name: H}\n  - {id: fin, name: F}\n"

static struct plan *
load_len(const char *name, const char *yaml, size_t len, struct diags *d)
{
	struct plan *p;

	diags_init(d, name);
	p = config_load_buffer(name, yaml, len, d);
	/* Every plan loaded holds the rules a cached plan is held to. */
	if (p != NULL)
		assert_int_equal(plan_check(p), 0);
	return p;
}

static struct plan *
load(const char *yaml, struct diags *d)
{
	return load_len("t.yaml", yaml, strlen(yaml), d);
}

static void
dump(const struct diags *d)
{
	diags_print(d, stderr);
}

/* Is there a diagnostic of this level at line:col containing needle? */
static bool
has_diag(const struct diags *d, enum diag_level level, int line, int col,
    const char *needle)
{
	for (size_t i = 0; i < d->n; i++)
		if (d->v[i].level == level && d->v[i].line == line &&
		    d->v[i].col == col && strstr(d->v[i].msg, needle) != NULL)
			return true;
	return false;
}

static void
expect_at_len(int srcline, const char *yaml, size_t len,
    enum diag_level level, int line, int col, const char *needle)
{
	struct diags d;
	struct plan *p = load_len("t.yaml", yaml, len, &d);

	if (!has_diag(&d, level, line, col, needle)) {
		fprintf(stderr, "test line %d: expected %s at %d:%d "
		    "containing '%s'; got:\n", srcline, level == DIAG_ERROR ?
		    "error" : "warning", line, col, needle);
		dump(&d);
		fail();
	}
	if (level == DIAG_ERROR)
		assert_null(p);
	else
		assert_non_null(p);
	plan_free(p);
	diags_release(&d);
}

#define ERR(yaml, line, col, needle) \
	expect_at_len(__LINE__, yaml, strlen(yaml), DIAG_ERROR, line, col, \
	    needle)
#define WARN(yaml, line, col, needle) \
	expect_at_len(__LINE__, yaml, strlen(yaml), DIAG_WARNING, line, col, \
	    needle)

/* Load a plan that must be valid, with no diagnostics at all. */
static struct plan *
load_ok(const char *yaml)
{
	struct diags d;
	struct plan *p = load(yaml, &d);

	if (p == NULL || d.n != 0) {
		dump(&d);
		fail();
	}
	diags_release(&d);
	return p;
}

static void
test_minimal(void **state)
{
	(void)state;
	struct plan *p = load_ok("plan: 标题\n");
	assert_string_equal(p->title, "标题");
	assert_string_equal(p->id, "t");
	assert_int_equal(p->warn_days, WARN_DAYS_DEFAULT);
	assert_true(p->pace_warn == PACE_WARN_DEFAULT);
	assert_true(p->pace_crit == PACE_CRIT_DEFAULT);
	assert_int_equal(p->start.day, DAY_NONE);
	assert_int_equal(p->nphases + p->nms + p->ntargets + p->ndepts, 0);
	plan_free(p);
}

static void
test_full(void **state)
{
	(void)state;
	struct plan *p = load_ok(
	    "format: 1\n"
	    "plan: 三亚市公立医院改革\n"
	    "id: sanya-2024\n"
	    "document: 三府办〔2024〕5号\n"
	    "issuer: 三亚市人民政府办公室\n"
	    "issued: 2024-01-09\n"
	    "start: 2023-10\n"
	    "end: 2025-12\n"
	    "warn_days: 7\n"
	    "pace: [5, 20.5]\n"
	    "x-mine: {deep: [1, 2, {x: y}]}\n"
	    "departments:\n"
	    "  - {id: health, name: 市卫生健康委员会, short: 卫健委}\n"
	    "  - {id: finance, name: 市财政局}\n"
	    "phases:\n"
	    "  - id: S1\n"
	    "    name: 准备\n"
	    "    end: 2023-Q4\n"
	    "    owner: health\n"
	    "    milestones:\n"
	    "      - {id: S1-a, name: 方案, due: 2023-11, weight: 2.5}\n"
	    "  - id: S2\n"
	    "    name: 实施\n"
	    "    end: 2025-10\n"
	    "    note: 备注\n"
	    "    milestones:\n"
	    "      - id: S2-council\n"
	    "        name: 理事会议\n"
	    "        due: 2025-10\n"
	    "        start: \"2024-03\"\n"
	    "        owner: health\n"
	    "        support: [finance, health]\n"
	    "        every: month\n"
	    "        x-source: 原文\n"
	    "milestones:\n"
	    "  - {id: M-top, name: 总结, due: 2025}\n"
	    "targets:\n"
	    "  - id: T-share\n"
	    "    name: 占比\n"
	    "    unit: \"%\"\n"
	    "    direction: \">=\"\n"
	    "    target: 50\n"
	    "    due: 2025\n"
	    "    baseline: 41.5\n"
	    "    baseline_date: 2022-12-31\n"
	    "    stages:\n"
	    "      - {due: 2024, target: 45}\n"
	    "    cadence: month\n"
	    "    owner: health\n"
	    "    support: [finance]\n"
	    "    phase: S2\n"
	    "    note: 不低于50%\n"
	    "  - id: T-level\n"
	    "    name: 电子病历\n"
	    "    direction: \">=\"\n"
	    "    scale: [三级, 四级乙等, 四级甲等, 五级乙等]\n"
	    "    target: 四级甲等\n"
	    "    baseline: 三级\n"
	    "    stages: [{due: 2024-06, target: 四级乙等}]\n"
	    "    due: 2025-Q3\n"
	    "    owner: finance\n");

	assert_string_equal(p->id, "sanya-2024");
	assert_string_equal(p->document, "三府办〔2024〕5号");
	assert_int_equal(p->issued.day, date_from_ymd(2024, 1, 9));
	assert_int_equal(p->start.day, date_from_ymd(2023, 10, 1));
	assert_int_equal(p->end.day, date_from_ymd(2025, 12, 31));
	assert_int_equal(p->end.prec, PREC_MONTH);
	assert_int_equal(p->warn_days, 7);
	assert_true(p->pace_warn == 5 && p->pace_crit == 20.5);
	assert_int_equal(p->ndepts, 2);
	assert_string_equal(p->depts[0].short_name, "卫健委");
	assert_null(p->depts[1].short_name);

	/* Phase starts: the plan's start, then the previous end + 1. */
	assert_int_equal(p->nphases, 2);
	assert_int_equal(p->phases[0].start.day, date_from_ymd(2023, 10, 1));
	assert_int_equal(p->phases[0].end.day, date_from_ymd(2023, 12, 31));
	assert_int_equal(p->phases[1].start.day, date_from_ymd(2024, 1, 1));
	assert_int_equal(p->phases[0].owner, 0);
	assert_int_equal(p->phases[1].owner, -1);
	assert_string_equal(p->phases[1].note, "备注");

	/* Milestones phase by phase, then the plan's own. */
	assert_int_equal(p->nms, 3);
	assert_int_equal(p->phases[0].ms_first, 0);
	assert_int_equal(p->phases[0].ms_count, 1);
	assert_int_equal(p->phases[1].ms_first, 1);
	assert_int_equal(p->phases[1].ms_count, 1);
	assert_string_equal(p->ms[0].id, "S1-a");
	assert_true(p->ms[0].weight == 2.5);
	assert_int_equal(p->ms[0].phase, 0);
	const struct milestone *m = &p->ms[1];
	assert_string_equal(m->id, "S2-council");
	assert_int_equal(m->phase, 1);
	assert_int_equal(m->every, PERIOD_MONTH);
	assert_int_equal(m->start.day, date_from_ymd(2024, 3, 1));
	assert_int_equal(m->due.day, date_from_ymd(2025, 10, 31));
	assert_int_equal(m->owner, 0);
	assert_int_equal(m->nsupport, 2);
	assert_int_equal(m->support[0], 1);
	assert_int_equal(m->support[1], 0);
	assert_true(m->weight == 1);
	assert_string_equal(p->ms[2].id, "M-top");
	assert_int_equal(p->ms[2].phase, -1);
	assert_int_equal(p->ms[2].every, PERIOD_NONE);

	/* Targets: numbers, levels as indexes, stages. */
	assert_int_equal(p->ntargets, 2);
	const struct target *t = &p->targets[0];
	assert_string_equal(t->unit, "%");
	assert_int_equal(t->dir, DIR_GE);
	assert_true(t->target == 50);
	assert_true(t->has_baseline && t->baseline == 41.5);
	assert_int_equal(t->baseline_date.day, date_from_ymd(2022, 12, 31));
	assert_int_equal(t->nstages, 1);
	assert_int_equal(t->stages[0].due.day, date_from_ymd(2024, 12, 31));
	assert_true(t->stages[0].target == 45);
	assert_int_equal(t->cadence, PERIOD_MONTH);
	assert_int_equal(t->phase, 1);
	assert_int_equal(t->owner, 0);
	t = &p->targets[1];
	assert_int_equal(t->nscale, 4);
	assert_true(t->target == 2);
	assert_true(t->baseline == 0);
	assert_true(t->stages[0].target == 1);
	assert_int_equal(t->cadence, PERIOD_QUARTER);
	assert_int_equal(t->due.day, date_from_ymd(2025, 9, 30));
	assert_int_equal(t->phase, -1);

	/* The index finds ids and instances. */
	assert_int_equal(plan_find(p, "S2").kind, ITEM_PHASE);
	assert_int_equal(plan_find(p, "T-level").kind, ITEM_TARGET);
	assert_int_equal(plan_find(p, "S2-council@2024-05").kind,
	    ITEM_INSTANCE);
	plan_free(p);
}

static void
test_id_default(void **state)
{
	struct diags d;
	const char *y = "plan: x\n";
	struct plan *p = load_len("dir/sub/sanya.plan.yaml", y, strlen(y), &d);

	(void)state;
	assert_non_null(p);
	assert_string_equal(p->id, "sanya.plan");
	assert_string_equal(p->file, "dir/sub/sanya.plan.yaml");
	plan_free(p);
	diags_release(&d);
	p = load_len("-", y, strlen(y), &d);
	assert_string_equal(p->id, "stdin");
	plan_free(p);
	diags_release(&d);
}

static void
test_keys(void **state)
{
	(void)state;
	/* Unknown keys, with a suggestion when one is close. */
	ERR(HEAD "milestones:\n  - {id: m, name: n, deu: 2025}\n",
	    8, 22, "unknown key 'deu' in a milestone; did you mean 'due'?");
	ERR("plan: x\nzzzz: 1\n", 2, 1, "unknown key 'zzzz' in the plan");
	ERR("plan: x\nphase: []\n", 2, 1, "did you mean 'phases'?");
	/* Stages take only due and target. */
	ERR(HEAD "targets:\n  - id: t\n    name: n\n    direction: '>'\n"
	    "    target: 1\n    due: 2025\n    owner: fin\n"
	    "    stages:\n      - {due: 2024, target: 0, note: x}\n",
	    15, 32, "unknown key 'note' in a stage");
	/* Duplicate keys, at the second key. */
	ERR("plan: x\nend: 2024\nend: 2025\n", 3, 1,
	    "duplicate key 'end' (first at line 2)");
	ERR("plan: x\ndepartments:\n  - {id: a, name: b, id: c}\n", 3, 22,
	    "duplicate key 'id'");
	/* Required keys, at the mapping. */
	ERR("end: 2025\n", 1, 1, "the plan needs 'plan'");
	ERR("plan: x\ndepartments:\n  - {id: a}\n", 3, 5,
	    "a department needs 'name'");
	ERR("plan: x\nphases:\n  - id: a\n    name: b\n", 3, 5,
	    "a phase needs 'end'");
	ERR("plan: x\nplan:\n", 2, 1, "duplicate key 'plan'");
	ERR("plan:\n", 1, 6, "'plan' needs a value");
	ERR("plan: ''\n", 1, 7, "'plan' must not be empty");
	/* x- keys and all below them are ignored. */
	struct plan *p = load_ok("x-a: [[[{b: c}]]]\nplan: x\nx-b: not "
	    "ignored\n");
	plan_free(p);
}

static void
test_dates(void **state)
{
	(void)state;
	static const char *const bad[] = { "2025-02-30", "2025-13", "2025-Q5",
	    "1899", "3000-01", "2025-1", "20250101", "2025/01/01", "next" };
	char y[128];

	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		snprintf(y, sizeof y, "plan: x\nissued: %s\n", bad[i]);
		ERR(y, 2, 9, "invalid date");
		snprintf(y, sizeof y, "plan: x\nend: '%s'\n", bad[i]);
		ERR(y, 2, 6, "invalid date");
	}
	struct plan *p = load_ok("plan: x\nstart: 2024-Q2\nend: '2024-Q2'\n"
	    "issued: \"2024\"\n");
	assert_int_equal(p->start.day, date_from_ymd(2024, 4, 1));
	assert_int_equal(p->end.day, date_from_ymd(2024, 6, 30));
	assert_int_equal(p->issued.day, date_from_ymd(2024, 1, 1));
	plan_free(p);
	p = load_ok("plan: x\nend: 2024-02\n");
	assert_int_equal(p->end.day, date_from_ymd(2024, 2, 29));
	plan_free(p);
	ERR("plan: x\nstart: 2025\nend: 2024\n", 3, 6,
	    "the plan starts after it ends");
	ERR("plan: x\nstart: [2025]\n", 2, 8, "'start' must be a date");
}

static void
test_ids(void **state)
{
	char y[256];

	(void)state;
	ERR("plan: x\nid: 'a b'\n", 2, 5, "invalid id 'a b'");
	ERR("plan: x\nid: 中文\n", 2, 5, "invalid id");
	ERR("plan: x\nmilestones:\n  - {id: a@b, name: n, due: 2025}\n",
	    3, 10, "'@' is reserved");
	snprintf(y, sizeof y, "plan: x\nid: %065d\n", 1);
	ERR(y, 2, 5, "invalid id");
	snprintf(y, sizeof y, "plan: x\nid: a%063d\n", 1);
	struct plan *p = load_ok(y);
	assert_int_equal(strlen(p->id), 64);
	plan_free(p);
	p = load_ok("plan: x\nid: A-z_0.9\n");
	plan_free(p);

	/* Departments are unique among themselves... */
	ERR(HEAD "  - {id: fin, name: G}\n", 7, 10,
	    "duplicate id 'fin' (first at line 6)");
	/* ...phases, milestones and targets among all three, reported at
	 * the later one. */
	ERR(HEAD "targets:\n  - {id: S1, name: n, direction: '<', target: 1, "
	    "due: 2025, owner: fin}\n"
	    "phases:\n  - {id: S1, name: n, end: 2025}\n", 10, 10,
	    "duplicate id 'S1' (first at line 8)");
	ERR(HEAD "phases:\n  - id: P\n    name: n\n    end: 2025\n"
	    "    milestones:\n      - {id: P, name: m, due: 2025}\n", 12, 14,
	    "duplicate id 'P' (first at line 8)");
	/* A department may share an id with a phase. */
	p = load_ok(HEAD "phases:\n  - {id: fin, name: n, end: 2025}\n");
	plan_free(p);
}

static void
test_refs(void **state)
{
	(void)state;
	ERR(HEAD "phases:\n  - {id: a, name: n, end: 2025, owner: helth}\n",
	    8, 40, "unknown department 'helth'; did you mean 'health'?");
	ERR(HEAD "milestones:\n  - {id: a, name: n, due: 2025, support: "
	    "[fin, zzz]}\n", 8, 48, "unknown department 'zzz'");
	ERR(HEAD "targets:\n  - {id: a, name: n, direction: '<', target: 1, "
	    "due: 2025, owner: fin, phase: S9}\n", 8, 79,
	    "unknown phase 'S9'");
	ERR(HEAD "milestones:\n  - {id: a, name: n, due: 2025, support: "
	    "fin}\n", 8, 42, "'support' must be a list of department ids");
	ERR(HEAD "milestones:\n  - {id: a, name: n, due: 2025, support: "
	    "[fin, fin]}\n", 8, 48, "'fin' appears twice in 'support'");
}

static void
test_enums(void **state)
{
	(void)state;
	ERR(HEAD "targets:\n  - {id: a, name: n, direction: '=>', target: 1, "
	    "due: 2025, owner: fin}\n", 8, 33,
	    "invalid value '=>' for 'direction': expected one of >=, >, <=, "
	    "<, =");
	ERR(HEAD "targets:\n  - {id: a, name: n, direction: '=', target: 1, "
	    "due: 2025, owner: fin, cadence: daily}\n", 8, 81,
	    "invalid value 'daily' for 'cadence'");
	ERR(HEAD "milestones:\n  - {id: a, name: n, due: 2025, every: "
	    "fortnight}\n", 8, 40, "invalid value 'fortnight' for 'every'");
	static const char *const dirs[] = { ">=", ">", "<=", "<", "=" };
	for (int i = 0; i < 5; i++) {
		char y[256];
		snprintf(y, sizeof y, HEAD "targets:\n  - {id: a, name: n, "
		    "direction: '%s', target: 1, due: 2025, owner: fin}\n",
		    dirs[i]);
		struct plan *p = load_ok(y);
		assert_int_equal(p->targets[0].dir, i);
		plan_free(p);
	}
}

static void
test_numbers(void **state)
{
	(void)state;
#define TGT(v) HEAD "targets:\n  - {id: a, name: n, direction: '<', " \
	"owner: fin, due: 2025, target: " v "}\n"
	/* target: starts at column 63 of line 8. */
	ERR(TGT("1e999"), 8, 69, "'target' is not a finite number");
	ERR(TGT("-1e999"), 8, 69, "not a finite number");
	ERR(TGT(".nan"), 8, 69, "'target' must be a number");
	ERR(TGT("nan"), 8, 69, "'target' must be a number");
	ERR(TGT(".inf"), 8, 69, "must be a number");
	ERR(TGT("0x10"), 8, 69, "must be a number");
	ERR(TGT("'1,5'"), 8, 69, "must be a number");
	ERR(TGT("[1]"), 8, 69, "'target' must be a number or a level");
	struct plan *p = load_ok(TGT("-2.5e1"));
	assert_true(p->targets[0].target == -25);
	plan_free(p);
	p = load_ok(TGT("'7'"));
	assert_true(p->targets[0].target == 7);
	plan_free(p);
#undef TGT
	ERR("plan: x\nmilestones:\n  - {id: a, name: n, due: 2025, "
	    "weight: 0}\n", 3, 41, "'weight' must be greater than 0");
	ERR("plan: x\nmilestones:\n  - {id: a, name: n, due: 2025, "
	    "weight: -1}\n", 3, 41, "greater than 0");
	ERR("plan: x\nwarn_days: 366\n", 2, 12, "from 0 to 365");
	ERR("plan: x\nwarn_days: -1\n", 2, 12, "from 0 to 365");
	ERR("plan: x\nwarn_days: 1.5\n", 2, 12, "whole number");
	p = load_ok("plan: x\nwarn_days: 0\n");
	assert_int_equal(p->warn_days, 0);
	plan_free(p);
	ERR("plan: x\nformat: 2\n", 2, 9, "'format' must be 1");
	ERR("plan: x\npace: [30, 10]\n", 2, 7, "0 < warn <= crit <= 100");
	ERR("plan: x\npace: [0, 10]\n", 2, 7, "0 < warn <= crit <= 100");
	ERR("plan: x\npace: [10, 101]\n", 2, 7, "0 < warn <= crit <= 100");
	ERR("plan: x\npace: [10]\n", 2, 7, "a list of two numbers");
	ERR("plan: x\npace: [10, 20, 30]\n", 2, 7, "a list of two numbers");
	ERR("plan: x\npace: [10, x]\n", 2, 12, "a list of two numbers");
	ERR("plan: x\npace: 10\n", 2, 7, "a list of two numbers");
	p = load_ok("plan: x\npace: [20, 20]\n");
	assert_true(p->pace_warn == 20 && p->pace_crit == 20);
	plan_free(p);
}

static void
test_scale(void **state)
{
	(void)state;
#define SC(rest) HEAD "targets:\n  - id: a\n    name: n\n    " \
	"direction: '>='\n    due: 2025\n    owner: fin\n    scale: [低, 中, " \
	"高]\n" rest
	ERR(SC("    target: 顶\n"), 14, 13,
	    "'顶' for 'target' is not a level of the scale");
	ERR(SC("    target: 高\n    baseline: 2\n"), 15, 15,
	    "'2' for 'baseline' is not a level");
	ERR(SC("    target: 高\n    stages: [{due: 2024, target: 极}]\n"),
	    15, 34, "not a level");
	ERR(SC("    target: 高\n    scale: [a]\n"), 15, 5,
	    "duplicate key 'scale'");
	ERR(HEAD "targets:\n  - {id: a, name: n, direction: '>=', due: 2025, "
	    "owner: fin, target: 1, scale: []}\n", 8, 80,
	    "'scale' must not be empty");
	ERR(HEAD "targets:\n  - {id: a, name: n, direction: '>=', due: 2025, "
	    "owner: fin, target: 1, scale: [a, a]}\n", 8, 84,
	    "'a' appears twice in 'scale'");
	/* Without a scale, a level name is not a number. */
	ERR(HEAD "targets:\n  - {id: a, name: n, direction: '>=', due: 2025, "
	    "owner: fin, target: 高}\n", 8, 70, "levels need a 'scale'");
#undef SC
}

static void
test_stages(void **state)
{
	(void)state;
#define ST(stages) HEAD "targets:\n  - {id: a, name: n, direction: '>=', " \
	"due: 2025-06, owner: fin, target: 9,\n     stages: " stages "}\n"
	ERR(ST("[{due: 2024, target: 1}, {due: 2023, target: 2}]"), 9, 45,
	    "stage dues must be ascending");
	ERR(ST("[{due: 2024, target: 1}, {due: 2024, target: 2}]"), 9, 45,
	    "ascending");
	ERR(ST("[{due: 2025-06, target: 1}]"), 9, 21,
	    "a stage must be due before the target's due date");
	ERR(ST("[{target: 1}]"), 9, 15, "a stage needs 'due'");
	ERR(ST("[{due: 2024}]"), 9, 15, "a stage needs 'target'");
	ERR(ST("[5]"), 9, 15, "each item must be a mapping of keys (a stage)");
	struct plan *p = load_ok(ST("[{due: 2024, target: 1}, {due: 2025-Q1, "
	    "target: 2}]"));
	assert_int_equal(p->targets[0].nstages, 2);
	assert_int_equal(p->targets[0].stages[1].due.day,
	    date_from_ymd(2025, 3, 31));
	plan_free(p);
#undef ST
}

static void
test_phases(void **state)
{
	(void)state;
	/* Without a plan start the first phase has none. */
	struct plan *p = load_ok("plan: x\nphases:\n"
	    "  - {id: a, name: n, end: 2024-03}\n"
	    "  - {id: b, name: n, end: 2024-06-15}\n"
	    "  - {id: c, name: n, start: 2024-05, end: 2024-12}\n");
	assert_int_equal(p->phases[0].start.day, DAY_NONE);
	assert_int_equal(p->phases[1].start.day, date_from_ymd(2024, 4, 1));
	assert_int_equal(p->phases[2].start.day, date_from_ymd(2024, 5, 1));
	plan_free(p);
	ERR("plan: x\nphases:\n  - {id: a, name: n, start: 2024-05, "
	    "end: 2024-04}\n", 3, 43, "phase 'a' starts (2024-05) after it "
	    "ends (2024-04)");
	ERR("plan: x\nphases:\n  - {id: a, name: n, end: 2024-05, "
	    "start: 2024-06}\n", 3, 43, "starts (2024-06) after it ends");
	ERR("plan: x\nphases:\n  - {id: a, name: n, end: 2024-05}\n"
	    "  - {id: b, name: n, end: 2024-05-20}\n", 4, 27,
	    "phase 'b' ends (2024-05-20) before it starts (2024-06-01");
	ERR("plan: x\nphases: {id: a}\n", 2, 9, "'phases' must be a list");
	p = load_ok("plan: x\nphases:\nmilestones: ~\ntargets: []\n");
	assert_int_equal(p->nphases + p->nms + p->ntargets, 0);
	plan_free(p);
}

static void
test_milestones(void **state)
{
	(void)state;
	ERR("plan: x\nmilestones:\n  - {id: a, name: n, due: 2024-05, "
	    "start: 2024-06}\n", 3, 43, "milestone 'a' starts (2024-06) after "
	    "it is due (2024-05)");
	ERR("plan: x\nmilestones:\n  - {id: a, name: n, start: 2024-06, "
	    "due: 2024-05}\n", 3, 43, "after it is due");
	/* Same month: start is its first day, due its last. */
	struct plan *p = load_ok("plan: x\nmilestones:\n  - {id: a, name: n, "
	    "start: 2024-06, due: 2024-06}\n");
	plan_free(p);
	/* A recurring milestone needs a start from somewhere. */
	ERR("plan: x\nmilestones:\n  - {id: a, name: n, due: 2024, "
	    "every: week}\n", 3, 40, "recurring milestone 'a' has no start");
	ERR("plan: x\nphases:\n  - id: p\n    name: n\n    end: 2024\n"
	    "    milestones: [{id: a, name: n, due: 2024, every: quarter}]\n",
	    6, 53, "has no start");
	p = load_ok("plan: x\nphases:\n  - id: p\n    name: n\n"
	    "    start: 2024-02\n    end: 2024\n"
	    "    milestones: [{id: a, name: n, due: 2024, every: quarter}]\n");
	assert_int_equal(plan_ms_start(p, &p->ms[0]),
	    date_from_ymd(2024, 2, 1));
	assert_int_equal(plan_find(p, "a@2024-Q1").kind, ITEM_INSTANCE);
	plan_free(p);
	p = load_ok("plan: x\nstart: 2024-03\nmilestones:\n  - {id: a, name: "
	    "n, due: 2024, every: year}\n");
	plan_free(p);
	/* The plan's own milestones come after every phase's, whatever the
	 * order in the file. */
	p = load_ok("plan: x\nmilestones: [{id: top, name: n, due: 2025}]\n"
	    "phases:\n  - id: p\n    name: n\n    end: 2025\n"
	    "    milestones: [{id: in, name: n, due: 2025}]\n");
	assert_string_equal(p->ms[0].id, "in");
	assert_string_equal(p->ms[1].id, "top");
	assert_int_equal(p->ms[1].phase, -1);
	plan_free(p);
	/* Moved with what is resolved later: owners, support, the index. */
	p = load_ok(HEAD "milestones:\n"
	    "  - {id: t1, name: n, due: 2025, owner: fin}\n"
	    "  - {id: t2, name: n, due: 2025, support: [health, fin]}\n"
	    "phases:\n"
	    "  - {id: p, name: n, end: 2024, milestones: [{id: a, name: n, "
	    "due: 2024, owner: health}]}\n"
	    "  - {id: q, name: n, end: 2025-06}\n"
	    "  - {id: r, name: n, end: 2025, milestones: [{id: b, name: n, "
	    "due: 2025, support: [fin]}, {id: c, name: n, due: 2025}]}\n");
	assert_int_equal(p->nms, 5);
	const char *order[] = { "a", "b", "c", "t1", "t2" };
	for (int i = 0; i < 5; i++) {
		assert_string_equal(p->ms[i].id, order[i]);
		assert_int_equal(plan_find(p, order[i]).kind, ITEM_MILESTONE);
		assert_int_equal(plan_find(p, order[i]).index, i);
	}
	assert_int_equal(p->phases[0].ms_first, 0);
	assert_int_equal(p->phases[0].ms_count, 1);
	assert_int_equal(p->phases[1].ms_first, 1);
	assert_int_equal(p->phases[1].ms_count, 0);
	assert_int_equal(p->phases[2].ms_first, 1);
	assert_int_equal(p->phases[2].ms_count, 2);
	assert_int_equal(p->ms[0].owner, 0);
	assert_int_equal(p->ms[1].nsupport, 1);
	assert_int_equal(p->ms[1].support[0], 1);
	assert_int_equal(p->ms[2].nsupport, 0);
	assert_int_equal(p->ms[3].owner, 1);
	assert_int_equal(p->ms[4].nsupport, 2);
	assert_int_equal(p->ms[4].support[0], 0);
	assert_int_equal(p->ms[4].support[1], 1);
	plan_free(p);
	/* Their messages still come in the order read. */
	struct diags d;
	p = load("plan: x\nmilestones:\n  - {id: t1, name: n, due: 2025, "
	    "owner: nobody}\nphases:\n  - {id: p, name: n, end: 2024, "
	    "milestones: [{id: a, name: n, due: 2024, owner: none}]}\n", &d);
	assert_null(p);
	assert_int_equal(d.n, 2);
	assert_int_equal(d.v[0].line, 3);
	assert_int_equal(d.v[1].line, 5);
	diags_release(&d);
}

static void
test_warnings(void **state)
{
	(void)state;
	WARN(HEAD "phases:\n  - id: p\n    name: n\n    end: 2024-06\n"
	    "    milestones:\n      - {id: m, name: n, due: 2024-07}\n", 12,
	    31, "milestone 'm' is due (2024-07) after its phase 'p' ends "
	    "(2024-06)");
	WARN(HEAD "targets:\n  - {id: t, name: n, direction: '<', target: 1, "
	    "due: 2026, owner: fin}\n", 8, 54, "target 't' is due (2026) "
	    "after the plan ends (2025-12)");
	WARN(HEAD "targets:\n  - {id: t, name: n, direction: '<', target: 1, "
	    "due: 2025}\n", 8, 5, "target 't' has no owner");
}

/* Hostile and broken input: each class with its position. */
static void
test_syntax(void **state)
{
	(void)state;
	ERR("plan: x\nend: [2024\n", 3, 1, "syntax error:");
	ERR("plan: x\n  end: 2024\n", 2, 6, "syntax error:");
	ERR("plan: \"x\n", 2, 1, "syntax error:");
	ERR("- a\n- b\n", 1, 1, "the top level must be a mapping");
	ERR("just text\n", 1, 1, "the top level must be a mapping");
	ERR("plan: x\n---\nplan: y\n", 2, 1, "a second document");
	ERR("", 1, 1, "empty plan");
	ERR("# only a comment\n\n", 1, 1, "empty plan");
	ERR("---\n...\n", 1, 1, "empty plan");
	ERR("~\n", 1, 1, "empty plan");
	ERR("plan: x\nphases:\n\t- id: a\n", 3, 1, "a tab in indentation");
	ERR("plan: x\n? [a]\n: b\n", 2, 3, "a key must be a plain name");
	ERR("plan: !!str x\n", 1, 7, "tags are not supported");
}

static void
test_bytes(void **state)
{
	(void)state;
	ERR("plan: x\nend: 20\xff\n", 2, 8, "invalid UTF-8 (byte 0xff)");
	ERR("plan: 中文\xe4\xb8\n", 1, 9, "invalid UTF-8");
	ERR("\xff\xfep\0l\0", 1, 1, "invalid UTF-8");
	expect_at_len(__LINE__, "plan: x\nend: 2024\0\n", 18, DIAG_ERROR,
	    2, 10, "NUL byte");
	ERR("plan: a\x1b[2Jb\n", 1, 8, "control character U+001B is not "
	    "allowed");
	ERR("plan: a\xc2\x9b" "b\n", 1, 8, "control character U+009B");
	/* Escapes in double quotes make controls too: refused at the
	 * value. */
	ERR("plan: x\nnote_ok: 1\nissuer: \"a\\e]52;c;YQ==\\a\"\n", 3, 9,
	    "control character U+001B in text");
	ERR("plan: \"a\\0b\"\n", 1, 7, "control character U+0000");
	ERR("plan: \"a\\x85b\"\n", 1, 7, "control character U+0085");
	/* A byte-order mark and CRLF line ends are fine, and do not shift
	 * columns. */
	struct plan *p = load_ok("\xef\xbb\xbfplan: x\r\nend: 2024\r\n");
	assert_string_equal(p->title, "x");
	plan_free(p);
	ERR("\xef\xbb\xbfplan: x\r\nend: 2024\r\nzz: 1\r\n", 3, 1,
	    "unknown key 'zz'");
	ERR("\xef\xbb\xbfplan: x\r\nend: 20x\r\n", 2, 6, "invalid date");
	/* Columns count characters, not bytes. */
	ERR("plan: 中文中文\nphases:\n  - {name: 阶段一, id: a, end: bad}\n",
	    3, 29, "invalid date 'bad'");
	/* Bidirectional overrides are kept (text_safe() shows them
	 * escaped); newlines and tabs in notes too. */
	p = load_ok("plan: \"a\\u202eb\"\ndocument: \"x\\ty\\nz\"\n");
	assert_string_equal(p->title, "a\xe2\x80\xae" "b");
	plan_free(p);
}

static void
test_anchors(void **state)
{
	(void)state;
	ERR("plan: &a x\n", 1, 7, "anchors are not supported (&a)");
	ERR("plan: x\nx-a: &a [1]\nend: *a\n", 3, 6,
	    "aliases are not supported (*a)");
	/* A billion laughs is refused without expanding anything. */
	struct buf b = BUF_INIT;
	buf_puts(&b, "plan: x\nx-0: &a0 [lol, lol, lol, lol, lol]\n");
	for (int i = 1; i < 10; i++)
		buf_printf(&b, "x-%d: &a%d [*a%d, *a%d, *a%d, *a%d, *a%d]\n",
		    i, i, i - 1, i - 1, i - 1, i - 1, i - 1);
	struct diags d;
	struct plan *p = load(buf_str(&b), &d);
	assert_null(p);
	/* x- subtrees are skipped, but anchors and aliases are still
	 * refused where they are. */
	assert_true(has_diag(&d, DIAG_ERROR, 2, 6, "anchors are not"));
	assert_true(has_diag(&d, DIAG_ERROR, 11, 11, "aliases are not"));
	diags_release(&d);
	buf_release(&b);
}

static void
test_limits(void **state)
{
	(void)state;
	/* Nesting: refused at the first level over the cap. */
	size_t n = 100000;
	char *deep = xmalloc(n + 16);
	memcpy(deep, "x-a: ", 5);
	memset(deep + 5, '[', n);
	memcpy(deep + 5 + n, "\n", 2);
	clock_t t0 = clock();
	ERR(deep, 1, 5 + CONFIG_MAX_DEPTH, "nesting deeper than");
	assert_true((double)(clock() - t0) / CLOCKS_PER_SEC < 2.0);
	free(deep);
	/* The deepest nesting the format needs loads. */
	struct plan *p = load_ok("plan: x\ndepartments: [{id: d, name: n}]\n"
	    "targets:\n  - {id: a, name: n, owner: d, "
	    "direction: '>', target: 1, due: 2025, stages: [{due: 2024, "
	    "target: 0}], scale: null}\n");
	plan_free(p);

	/* A value over the scalar limit, at the value. */
	size_t big = CONFIG_MAX_SCALAR + 1;
	char *s = xmalloc(big + 32);
	memcpy(s, "plan: x\nnote_x: 1\nissuer: ", 26);
	memset(s + 26, 'a', big);
	memcpy(s + 26 + big, "\n", 2);
	ERR(s, 3, 9, "value longer than the limit");
	/* One byte less is fine. */
	s[26 + big - 1] = '\n';
	s[26 + big] = '\0';
	struct diags d;
	p = load(s, &d);
	assert_true(has_diag(&d, DIAG_ERROR, 2, 1, "unknown key 'note_x'"));
	assert_int_equal(d.errors, 1);
	plan_free(p);
	diags_release(&d);
	free(s);

	/* Too many errors stop the reading. */
	struct buf b = BUF_INIT;
	buf_puts(&b, "plan: x\n");
	for (int i = 0; i < 1000; i++)
		buf_printf(&b, "bad%d: 1\n", i);
	p = load(buf_str(&b), &d);
	assert_null(p);
	assert_true(d.errors < 300);
	assert_true(has_diag(&d, DIAG_ERROR, 201, 1, "too many errors"));
	diags_release(&d);
	buf_release(&b);

	/* The file limit. */
	p = load_len("t.yaml", "plan: x\n", (size_t)CONFIG_MAX_FILE + 1, &d);
	assert_null(p);
	assert_true(has_diag(&d, DIAG_ERROR, 0, 0, "file larger than"));
	diags_release(&d);
}

static void
test_names(void **state)
{
	(void)state;
	ERR("plan: x\ndepartments:\n  - {id: a, name: [x]}\n", 3, 19,
	    "'name' must be text");
	ERR("plan: x\ndepartments:\n  - {id: a, name: n, short: ''}\n", 3,
	    29, "'short' must not be empty");
	ERR("plan: x\ndepartments: [a, b]\n", 2, 15,
	    "each item must be a mapping of keys (a department)");
}

/* Every key of the schema is described in planwatch-plan(5). */
static void
test_manual(void **state)
{
	static const struct schema *const all[] = { &schema_plan,
	    &schema_dept, &schema_phase, &schema_ms, &schema_target,
	    &schema_stage };
	const char *top = getenv("PW_TOP");
	char path[4096];

	(void)state;
	snprintf(path, sizeof path, "%s/man/planwatch-plan.5",
	    top != NULL ? top : ".");
	FILE *fp = fopen(path, "r");
	if (fp == NULL) {
		skip();
		return;
	}
	struct buf b = BUF_INIT;
	char line[1024];
	while (fgets(line, sizeof line, fp) != NULL)
		buf_puts(&b, line);
	fclose(fp);
	for (size_t i = 0; i < sizeof all / sizeof all[0]; i++)
		for (size_t k = 0; k < all[i]->nkeys; k++) {
			char want[128];
			snprintf(want, sizeof want, ".It Ic %s",
			    all[i]->keys[k].key);
			if (strstr(buf_str(&b), want) == NULL) {
				fprintf(stderr, "man page lacks '%s'\n", want);
				fail();
			}
		}
	buf_release(&b);
}

static void
test_distance(void **state)
{
	(void)state;
	assert_int_equal(schema_distance("deu", "due", 2), 1);
	assert_int_equal(schema_distance("due", "due", 2), 0);
	assert_int_equal(schema_distance("owner", "onwer", 2), 1);
	assert_int_equal(schema_distance("a", "abcdef", 2), 3);
	assert_string_equal(schema_suggest(&schema_target, "direktion"),
	    "direction");
	assert_null(schema_suggest(&schema_target, "zzzzzz"));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_minimal),
		cmocka_unit_test(test_full),
		cmocka_unit_test(test_id_default),
		cmocka_unit_test(test_keys),
		cmocka_unit_test(test_dates),
		cmocka_unit_test(test_ids),
		cmocka_unit_test(test_refs),
		cmocka_unit_test(test_enums),
		cmocka_unit_test(test_numbers),
		cmocka_unit_test(test_scale),
		cmocka_unit_test(test_stages),
		cmocka_unit_test(test_phases),
		cmocka_unit_test(test_milestones),
		cmocka_unit_test(test_warnings),
		cmocka_unit_test(test_syntax),
		cmocka_unit_test(test_bytes),
		cmocka_unit_test(test_anchors),
		cmocka_unit_test(test_limits),
		cmocka_unit_test(test_names),
		cmocka_unit_test(test_manual),
		cmocka_unit_test(test_distance),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
