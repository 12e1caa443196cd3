/* fuzz_facts.c: a cached set of facts (db/factcache.h) on any bytes: no
 * crash; facts read back write the very bytes they were read from, and
 * the status rules and a report run on them with the fixture plan. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "db/factcache.h"
#include "fuzz/fixture.h"
#include "model/status.h"
#include "report/report.h"
#include "util/buf.h"

int LLVMFuzzerTestOneInput(const uint8_t *, size_t);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct facts *f = facts_image_read((const char *)data, size);
	struct plan *p = fixture_plan();
	struct buf b = BUF_INIT;

	if (f == NULL)
		return 0;
	facts_image_write(f, &b);
	if (b.len != size || memcmp(b.s, data, size) != 0)
		abort();
	buf_release(&b);
	struct review_opts o = { .asof = date_from_ymd(2025, 6, 30),
	    .warn_days = -1, .dept = -1 };
	struct review *rv = review_new(p, f, &o);
	struct report_opts ro = { .week = DAY_NONE, .utf8 = true };
	struct report *r = report_new(rv, &ro);
	report_write(r, REPORT_HTML, &b);
	report_write(r, REPORT_TEXT, &b);
	buf_release(&b);
	report_free(r);
	review_free(rv);
	facts_free(f);
	return 0;
}
