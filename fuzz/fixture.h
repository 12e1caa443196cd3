/*
 * fixture.h: the plan the CSV and value harnesses check rows against, with
 * a target of each kind, one-off and recurring milestones and a phase, so
 * that every branch of record_parse() can be reached.
 */
#ifndef FUZZ_FIXTURE_H
#define FUZZ_FIXTURE_H

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "config/config.h"
#include "util/text.h"

/* The fixture plan, loaded once; a broken fixture is a harness bug. */
static inline struct plan *
fixture_plan(void)
{
	static const char yaml[] =
	    "plan: fuzz\n"
	    "start: 2024-01-01\n"
	    "end: 2025-12-31\n"
	    "departments: [{id: office, name: 办公室}]\n"
	    "phases:\n"
	    "  - id: P1\n"
	    "    name: 第一阶段\n"
	    "    end: 2024-12-31\n"
	    "    milestones:\n"
	    "      - {id: M-plan, name: 方案, due: 2024-06-30}\n"
	    "      - {id: M-week, name: 周报, due: 2024-12-31, every: week}\n"
	    "milestones:\n"
	    "  - {id: M-report, name: 月报, start: 2024-01-01, due: 2025-12-31,"
	    " every: month}\n"
	    "  - {id: M-q, name: 季报, start: 2024-01, due: 2025-Q4, every: quarter}\n"
	    "  - {id: M-y, name: 年报, start: 2024, due: 2025, every: year}\n"
	    "targets:\n"
	    "  - {id: T-beds, name: 床位, direction: \">=\", target: 6.5,"
	    " due: 2025-12}\n"
	    "  - {id: T-emr, name: 电子病历, direction: \">=\", target: 四级,"
	    " scale: [零级, 一级, 二级, 三级, 四级, 五级], due: 2025-12}\n";
	static struct plan *p;
	struct diags d;

	if (p != NULL)
		return p;
	diags_init(&d, "fixture.yaml");
	p = config_load_buffer("fixture.yaml", yaml, sizeof yaml - 1, &d);
	if (p == NULL || d.errors > 0) {
		diags_print(&d, stderr);
		abort();
	}
	diags_release(&d);
	return p;
}

/* Text for a person: valid UTF-8, nothing a terminal would act on but
 * line ends between whole messages. */
static inline void
fixture_check_text(const char *msg, bool newlines)
{
	size_t n = strlen(msg), len;
	unsigned cp;

	if (!utf8_valid(msg, n))
		abort();
	for (size_t i = 0; i < n; i += len) {
		len = utf8_decode(msg + i, n - i, &cp);
		if (len == 0 || (text_unsafe_cp(cp) && !(newlines &&
		    cp == '\n')))
			abort();
	}
}

static inline void
fixture_check_message(const char *msg)
{
	fixture_check_text(msg, false);
}

#endif
