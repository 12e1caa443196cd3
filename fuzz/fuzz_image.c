/* fuzz_image.c: a cached plan's image (config/image.h) on any bytes: no
 * crash, and a plan read back writes the very bytes it was read from. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "config/image.h"
#include "model/plan.h"
#include "util/buf.h"

int LLVMFuzzerTestOneInput(const uint8_t *, size_t);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct plan *p = plan_image_read(data, size);
	struct buf b = BUF_INIT;

	if (p == NULL)
		return 0;
	plan_image_write(p, &b);
	if (b.len != size || memcmp(b.s, data, size) != 0)
		abort();
	buf_release(&b);
	plan_free(p);
	return 0;
}
