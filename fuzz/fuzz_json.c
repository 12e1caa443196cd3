/*
 * fuzz_json.c: the JSON tokenizer that `planwatch import` reads an export
 * with (util/json.h), on any bytes.
 *
 * Checks besides memory errors and hangs: every token but the last makes
 * progress and begins where the reader was, positions only go forward, a
 * string is valid UTF-8 without NUL, a number is JSON's grammar (strtod
 * reads all of it), and after the end or an error the same comes again.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "util/json.h"
#include "util/text.h"

int LLVMFuzzerTestOneInput(const uint8_t *, size_t);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct json_lexer lx;
	enum json_token t;
	size_t pos, line = 0, col = 0;
	char *end;

	json_init(&lx, (const char *)data, size);
	for (;;) {
		pos = lx.pos;
		t = json_next(&lx);
		if (t == JSON_END || t == JSON_ERROR)
			break;
		if (lx.pos <= pos || lx.pos > size)
			abort();
		if (lx.line < line || (lx.line == line && lx.col <= col))
			abort();
		line = lx.line;
		col = lx.col;
		if (t == JSON_STRING &&
		    !utf8_valid(buf_str(&lx.text), lx.text.len))
			abort();
		if (t == JSON_NUMBER) {
			(void)strtod(buf_str(&lx.text), &end);
			if (lx.text.len == 0 || *end != '\0')
				abort();
		}
	}
	if (t == JSON_ERROR && (lx.error == NULL || lx.line == 0 ||
	    lx.col == 0))
		abort();
	if (json_next(&lx) != t)
		abort();
	json_release(&lx);
	return 0;
}
