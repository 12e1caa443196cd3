/*
 * fuzz_plan.c: the plan loader and validator (config_load_buffer) on any
 * bytes.  Besides memory errors, leaks and hangs, it checks what validate
 * promises: a plan comes back exactly when there are no errors, every
 * diagnostic has a sane position, no message carries a byte a terminal
 * would act on, and every plan passes plan_check.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "config/config.h"
#include "model/plan.h"
#include "util/diag.h"

#include "fuzz/fixture.h"

int LLVMFuzzerTestOneInput(const uint8_t *, size_t);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct diags d;
	struct plan *p;
	size_t lines = 1, outlen;
	char *out;
	FILE *fp;

	/* Every break libyaml counts: CR, LF, and in UTF-8 NEL (U+0085),
	 * LS and PS (U+2028, U+2029). */
	for (size_t i = 0; i < size; i++)
		if (data[i] == '\n' || data[i] == '\r' ||
		    (data[i] == 0xc2 && i + 1 < size && data[i + 1] == 0x85) ||
		    (data[i] == 0xe2 && i + 2 < size && data[i + 1] == 0x80 &&
		    (data[i + 2] == 0xa8 || data[i + 2] == 0xa9)))
			lines++;
	diags_init(&d, "fuzz.yaml");
	p = config_load_buffer("fuzz.yaml", (const char *)data, size, &d);
	if ((p == NULL) != (d.errors > 0))
		abort();
	for (size_t i = 0; i < d.n; i++) {
		const struct diag *g = &d.v[i];

		/* 1-based, 0 only for "no position", never past the end. */
		if (g->line < 0 || g->col < 0 || (size_t)g->line > lines + 1 ||
		    (size_t)g->col > size + 2)
			abort();
	}
	if ((fp = open_memstream(&out, &outlen)) == NULL)
		abort();
	diags_print(&d, fp);
	fclose(fp);
	fixture_check_text(out, true);
	free(out);
	if (p != NULL) {
		/* Every id the plan names can be looked up again. */
		for (size_t i = 0; i < p->ntargets; i++)
			if (plan_find(p, p->targets[i].id).kind != ITEM_TARGET)
				abort();
		for (size_t i = 0; i < p->nms; i++)
			if (plan_find(p, p->ms[i].id).kind != ITEM_MILESTONE)
				abort();
		for (size_t i = 0; i < p->nphases; i++)
			if (plan_find(p, p->phases[i].id).kind != ITEM_PHASE)
				abort();
		/* It holds the rules a cached plan is held to. */
		if (plan_check(p) != 0)
			abort();
		plan_free(p);
	}
	diags_release(&d);
	return 0;
}
