/* fuzz_image.c: the image of a review's inputs (session/image.h), the
 * session cache's, on any bytes: no crash; a plan and facts read back
 * write the very bytes they were read from, and the status rules and a
 * report run on them. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

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
	struct facts *f;
	struct plan *p;

	if (image_read(data, size, &p, &f) != 0)
		return 0;
	image_write(&b, p, f);
	if (b.len != size || memcmp(b.s, data, size) != 0)
		abort();
	buf_release(&b);
	/* The rules and the printouts index the plan by what it holds. */
	if (f == NULL)
		f = facts_new();
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
	plan_free(p);
	return 0;
}
