/* fuzz_image.c: the images of a review's inputs (session/image.h), the
 * session cache's, on any bytes (the first says which: a plan's or
 * facts'): no crash; what is read back writes the very bytes it was read
 * from, and the status rules and a report run on it. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz/fixture.h"
#include "model/facts.h"
#include "model/plan.h"
#include "model/status.h"
#include "report/report.h"
#include "session/image.h"
#include "util/buf.h"

int LLVMFuzzerTestOneInput(const uint8_t *, size_t);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct buf b = BUF_INIT;
	struct facts *f = NULL;
	struct plan *p = NULL;

	if (size < 1)
		return 0;
	if (data[0] & 1) {
		if ((f = image_get_facts(data + 1, size - 1)) == NULL)
			return 0;
		image_put_facts(&b, f);
		p = fixture_plan();
	} else {
		if ((p = image_get_plan(data + 1, size - 1)) == NULL)
			return 0;
		image_put_plan(&b, p);
		f = facts_new();
	}
	if (b.len != size - 1 || memcmp(b.s, data + 1, size - 1) != 0)
		abort();
	buf_release(&b);
	/* The rules and the printouts index the plan by what it holds. */
	struct review_opts o = { .asof = p->start.day != DAY_NONE ?
	    p->start.day + 200 : date_from_ymd(2025, 6, 30),
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
	if (!(data[0] & 1))
		plan_free(p);
	return 0;
}
