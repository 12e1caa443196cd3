/*
 * fuzz_xlsx.c: the workbook reader that `planwatch import` reads a form
 * sent back with (util/xlsx.h), on any bytes.
 *
 * Checks besides memory errors, hangs and memory: every sheet is read; a
 * row's number and its cells' columns are in Excel's range, a cell's text
 * is NUL-terminated at its length and valid UTF-8 (expat's output, shared
 * strings and the _xHHHH_ escapes decoded), and an error has a message.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "util/text.h"
#include "util/xlsx.h"

int LLVMFuzzerTestOneInput(const uint8_t *, size_t);

static int
check_row(void *arg, const struct xlsx_row *r)
{
	uint32_t *last = arg;

	if (r->row < 1 || r->row > 1048576 || r->ncells == 0)
		abort();
	for (size_t i = 0; i < r->ncells; i++) {
		const struct xlsx_cell *c = &r->cells[i];

		if (c->col >= XLSX_MAX_COLS || c->text[c->len] != '\0' ||
		    c->len > XLSX_MAX_TEXT)
			abort();
		if (c->type == XLSX_TEXT && strlen(c->text) == c->len &&
		    !utf8_valid(c->text, c->len))
			abort();
	}
	*last = r->row;
	return 0;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct xlsx *x;
	char *err = NULL;
	uint32_t last = 0;

	if (xlsx_open(&x, (const char *)data, size, &err) != 0) {
		if (err == NULL || *err == '\0')
			abort();
		free(err);
		return 0;
	}
	if (xlsx_nsheets(x) == 0)
		abort();
	for (size_t i = 0; i < xlsx_nsheets(x); i++) {
		if (xlsx_sheet_name(x, i) == NULL)
			abort();
		if (xlsx_read_sheet(x, i, check_row, &last, &err) != 0) {
			if (err == NULL || *err == '\0')
				abort();
			free(err);
			err = NULL;
		}
	}
	xlsx_free(x);
	return 0;
}
