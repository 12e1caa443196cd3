/*
 * fuzz_encoding.c: the GB18030 detection and conversion that `planwatch
 * import` reads a CSV from Chinese Windows with (util/encoding.h), on any
 * bytes.
 *
 * Checks besides memory errors and hangs: what GB18030 converts is valid
 * UTF-8 (NUL aside) and what fails is said at an offset inside the input,
 * with what came before it converted, and that part converts alone to
 * the same; bytes that are UTF-8 come through a UTF-8 decoder unchanged.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "util/buf.h"
#include "util/encoding.h"

int LLVMFuzzerTestOneInput(const uint8_t *, size_t);

static struct decoder *gb, *u8;

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *s = (const char *)data;
	struct buf out = BUF_INIT, half = BUF_INIT;
	char *err = NULL;
	size_t bad = 0;

	if (gb == NULL && (decoder_new(&gb, ENC_FALLBACK, &err) != 0 ||
	    decoder_new(&u8, "UTF-8", &err) != 0))
		abort();
	if (decoder_convert(gb, s, size, &out, &bad) == 0) {
		if (!enc_utf8(out.s != NULL ? out.s : "", out.len))
			abort();
	} else {
		if (bad >= size || !enc_utf8(buf_str(&out), out.len))
			abort();
		/* What came before the bad sequence converts on its own to
		 * the same text. */
		if (decoder_convert(gb, s, bad, &half, NULL) != 0 ||
		    half.len != out.len ||
		    memcmp(buf_str(&half), buf_str(&out), out.len) != 0)
			abort();
	}
	buf_reset(&out);
	/* Not the other way: glibc's UTF-8 decoder takes code points above
	 * U+10FFFF, which import's own check (utf8_valid) then refuses. */
	if (enc_utf8(s, size) && (decoder_convert(u8, s, size, &out,
	    NULL) != 0 || out.len != size ||
	    memcmp(buf_str(&out), s, size) != 0))
		abort();
	buf_release(&out);
	buf_release(&half);
	return 0;
}
