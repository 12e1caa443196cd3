/*
 * fuzz_value.c: the value parser behind record, progress, done, reopen and
 * import (model/record.h) on any bytes.
 *
 * Input: one byte choosing what the command accepts, then the id, a
 * newline, and the value text.  Checks: a number that parses is finite and
 * formats back to exactly itself; an accepted value is what the target or
 * milestone allows (a level of the scale, a percent in 0..100); a rejected
 * one has a message that shows the text safely.
 */
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "model/record.h"
#include "report/words.h"
#include "util/text.h"

#include "fuzz/fixture.h"

int LLVMFuzzerTestOneInput(const uint8_t *, size_t);

static void
check_number(const char *s)
{
	char out[32];
	double v, back;

	if (record_parse_number(s, &v) != 0)
		return;
	if (!isfinite(v))
		abort();
	record_format_number(v, out);
	if (record_parse_number(out, &back) != 0 || back != v)
		abort();
}

static void
check_value(const struct plan *p, enum record_accept accept, const char *id,
    const char *text)
{
	struct record_value v;
	char *err = NULL, *safe;

	if (record_parse_msg(p, accept, id, text, &v, &err) != 0) {
		if (err == NULL)
			abort();
		fixture_check_message(err);
		free(err);
		return;
	}
	if (err != NULL || v.item == NULL || !isfinite(v.value))
		abort();
	/* The canonical id names the same thing again. */
	if (plan_find(p, v.item).kind != v.ref.kind)
		abort();
	switch (v.kind) {
	case FACT_VALUE:
		if (v.ref.kind != ITEM_TARGET)
			abort();
		if (p->targets[v.ref.index].nscale > 0 && (v.level == NULL ||
		    v.value < 0 || (size_t)v.value >=
		    p->targets[v.ref.index].nscale))
			abort();
		break;
	case FACT_PROGRESS:
		if (v.value < 0 || v.value > 100)
			abort();
		break;
	default:
		break;
	}
	record_value_release(&v);
	safe = text_safe(id);
	fixture_check_message(safe);
	free(safe);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const struct plan *p = fixture_plan();
	enum record_accept accept;
	char *s, *id, *text;

	if (size == 0)
		return 0;
	accept = (enum record_accept)(data[0] % (ACCEPT_REOPEN + 1));
	s = malloc(size);
	memcpy(s, data + 1, size - 1);
	s[size - 1] = '\0';
	check_number(s);
	id = s;
	if ((text = strchr(s, '\n')) != NULL)
		*text++ = '\0';
	check_value(p, accept, id, accept == ACCEPT_DONE ||
	    accept == ACCEPT_REOPEN ? NULL : text != NULL ? text : "");
	free(s);
	return 0;
}
