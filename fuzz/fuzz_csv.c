/*
 * fuzz_csv.c: the CSV import path on any bytes: the RFC 4180 reader
 * (util/csv.h) and the checks `planwatch import` makes of each row (UTF-8,
 * an id, a YYYY-MM-DD date not after today nor before the plan's start, a
 * value the id accepts; model/record.h).
 *
 * Checks besides memory errors and hangs: every read makes progress, lines
 * only go forward, a field's length matches its bytes, and every record
 * written back fully quoted reads back the same.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "model/record.h"
#include "report/words.h"
#include "util/buf.h"
#include "util/csv.h"
#include "util/text.h"

#include "fuzz/fixture.h"

int LLVMFuzzerTestOneInput(const uint8_t *, size_t);

/* Quote every field, so that even one empty field is a record. */
static void
requote(const struct csv_reader *r, struct buf *b)
{
	buf_reset(b);
	for (size_t i = 0; i < r->nfields; i++) {
		const char *f = csv_field(r, i);
		size_t n = csv_field_len(r, i);

		buf_puts(b, i > 0 ? ",\"" : "\"");
		for (size_t k = 0; k < n; k++) {
			if (f[k] == '"')
				buf_putc(b, '"');
			buf_putc(b, f[k]);
		}
		buf_putc(b, '"');
	}
	buf_putc(b, '\n');
}

static void
round_trip(const struct csv_reader *r, struct buf *b)
{
	struct csv_reader back;

	requote(r, b);
	csv_init(&back, b->s, b->len);
	if (csv_read(&back) != 1 || back.nfields != r->nfields)
		abort();
	for (size_t i = 0; i < r->nfields; i++)
		if (csv_field_len(&back, i) != csv_field_len(r, i) ||
		    memcmp(csv_field(&back, i), csv_field(r, i),
		    csv_field_len(r, i)) != 0)
			abort();
	if (csv_read(&back) != 0)
		abort();
	csv_release(&back);
}

/* The row checks of cmd_import.c, columns id,date,value[,note,source]. */
static void
check_row(const struct plan *p, const struct csv_reader *r)
{
	struct record_value v;
	char *err = NULL;
	pw_day day, today = date_from_ymd(2025, 1, 1);

	if (r->nfields < 3)
		return;
	for (size_t i = 0; i < r->nfields; i++)
		if (!utf8_valid(csv_field(r, i), csv_field_len(r, i)))
			return;
	if (*csv_field(r, 0) == '\0' ||
	    date_parse_day(csv_field(r, 1), &day) != 0)
		return;
	if (record_check_date_msg(p, day, today, &err) != 0) {
		fixture_check_message(err);
		free(err);
		return;
	}
	if (record_parse_msg(p, ACCEPT_ANY, csv_field(r, 0), csv_field(r, 2),
	    &v, &err) != 0) {
		fixture_check_message(err);
		free(err);
		return;
	}
	record_value_release(&v);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const struct plan *p = fixture_plan();
	struct csv_reader r;
	struct buf b = BUF_INIT;
	size_t pos, line = 0;
	int rc;

	csv_init(&r, (const char *)data, size);
	for (;;) {
		pos = r.pos;
		rc = csv_read(&r);
		if (rc == 0)
			break;
		if (r.pos <= pos || r.line <= line || r.pos > size)
			abort();
		line = r.line;
		if (rc < 0) {
			if (r.error == NULL)
				abort();
			continue;
		}
		for (size_t i = 0; i < r.nfields; i++)
			if (strlen(csv_field(&r, i)) > csv_field_len(&r, i))
				abort();
		round_trip(&r, &b);
		check_row(p, &r);
	}
	if (r.pos != size)
		abort();
	csv_release(&r);
	buf_release(&b);
	return 0;
}
