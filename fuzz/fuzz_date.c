/* fuzz_date.c: the plan date parser and period labels on any bytes. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "model/date.h"

int LLVMFuzzerTestOneInput(const uint8_t *, size_t);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *s = malloc(size + 1);
	struct pdate a, b;
	const char *why;
	char out[16];
	pw_day day;

	memcpy(s, data, size);
	s[size] = '\0';
	if (date_parse(s, ROLE_START, &a, &why) == 0 &&
	    date_parse(s, ROLE_END, &b, &why) == 0) {
		/* A parsed date formats back and round-trips. */
		if (a.day > b.day)
			abort();
		pdate_format(&a, out);
		if (date_parse(out, ROLE_START, &b, &why) != 0 || b.day != a.day)
			abort();
		for (int p = PERIOD_WEEK; p <= PERIOD_YEAR; p++) {
			period_label((enum period)p, a.day, out);
			if (period_parse_label((enum period)p, out) !=
			    period_start((enum period)p, a.day))
				abort();
		}
	}
	if (date_parse_day(s, &day) == 0) {
		date_iso(day, out);
		if (strcmp(out, s) != 0)
			abort();
	}
	free(s);
	return 0;
}
