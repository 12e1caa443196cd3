/* csv.c: an RFC 4180 reader over a buffer in memory (csv.h). */
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "util/csv.h"
#include "util/i18n.h"
#include "util/xalloc.h"

void
csv_init(struct csv_reader *r, const char *data, size_t len)
{
	memset(r, 0, sizeof *r);
	r->data = data;
	r->len = len;
	r->next_line = 1;
	/* Spreadsheets write a byte-order mark before UTF-8. */
	if (len >= 3 && memcmp(data, "\xef\xbb\xbf", 3) == 0)
		r->pos = 3;
}

void
csv_release(struct csv_reader *r)
{
	buf_release(&r->text);
	free(r->off);
	r->off = NULL;
	r->offcap = 0;
}

static void
field_start(struct csv_reader *r)
{
	if (r->nfields == r->offcap) {
		r->offcap = r->offcap ? r->offcap * 2 : 16;
		r->off = xreallocarray(r->off, r->offcap, sizeof *r->off);
	}
	r->off[r->nfields++] = r->text.len;
}

/* At a line break?  Consume it (CRLF, LF or CR) and count the line. */
static int
line_break(struct csv_reader *r)
{
	if (r->pos >= r->len)
		return 0;
	if (r->data[r->pos] == '\r') {
		r->pos++;
		if (r->pos < r->len && r->data[r->pos] == '\n')
			r->pos++;
	} else if (r->data[r->pos] == '\n')
		r->pos++;
	else
		return 0;
	r->next_line++;
	return 1;
}

/* After an error: go on at the next line. */
static int
fail_line(struct csv_reader *r, const char *why)
{
	r->error = why;
	while (r->pos < r->len && !line_break(r))
		r->pos++;
	return -1;
}

/* A quoted field, r->pos just after the opening quote. */
static int
quoted(struct csv_reader *r)
{
	const char *d = r->data;

	for (;;) {
		size_t start = r->pos;

		while (r->pos < r->len && d[r->pos] != '"' &&
		    d[r->pos] != '\n' && d[r->pos] != '\r')
			r->pos++;
		buf_add(&r->text, d + start, r->pos - start);
		if (r->pos >= r->len) {
			r->error = N_("unterminated quoted field");
			return -1;
		}
		if (d[r->pos] == '"') {
			r->pos++;
			if (r->pos < r->len && d[r->pos] == '"') {
				buf_putc(&r->text, '"');
				r->pos++;
				continue;
			}
			break;
		}
		/* A line break inside the quotes is part of the field. */
		start = r->pos;
		line_break(r);
		buf_add(&r->text, d + start, r->pos - start);
	}
	if (r->pos < r->len && d[r->pos] != ',' && d[r->pos] != '\n' &&
	    d[r->pos] != '\r')
		return fail_line(r, N_("text after a closing quote"));
	return 0;
}

int
csv_read(struct csv_reader *r)
{
	const char *d = r->data;

	buf_reset(&r->text);
	r->nfields = 0;
	r->error = NULL;
	while (line_break(r))
		;
	if (r->pos >= r->len)
		return 0;
	r->line = r->next_line;
	for (;;) {
		field_start(r);
		if (d[r->pos] == '"') {
			r->pos++;
			if (quoted(r) != 0)
				return -1;
		} else {
			size_t start = r->pos;

			while (r->pos < r->len && d[r->pos] != ',' &&
			    d[r->pos] != '\n' && d[r->pos] != '\r') {
				if (d[r->pos] == '"')
					return fail_line(r, N_("a quote inside "
					    "an unquoted field (quote the whole "
					    "field and double the quote)"));
				r->pos++;
			}
			buf_add(&r->text, d + start, r->pos - start);
		}
		buf_add(&r->text, "", 1);
		if (r->pos < r->len && d[r->pos] == ',') {
			r->pos++;
			/* A comma at the end of the input or line still ends
			 * an (empty) field. */
			if (r->pos >= r->len || d[r->pos] == '\n' ||
			    d[r->pos] == '\r') {
				field_start(r);
				buf_add(&r->text, "", 1);
				line_break(r);
				return 1;
			}
			continue;
		}
		line_break(r);
		return 1;
	}
}

const char *
csv_field(const struct csv_reader *r, size_t i)
{
	return r->text.s + r->off[i];
}

size_t
csv_field_len(const struct csv_reader *r, size_t i)
{
	size_t end = i + 1 < r->nfields ? r->off[i + 1] : r->text.len;

	return end - r->off[i] - 1;
}

/* s as one quoted field, mark before it inside the quotes. */
static void
put_quoted(struct buf *b, const char *mark, const char *s)
{
	buf_putc(b, '"');
	buf_puts(b, mark);
	for (; *s; s++) {
		if (*s == '"')
			buf_putc(b, '"');
		buf_putc(b, *s);
	}
	buf_putc(b, '"');
}

void
csv_quote(struct buf *b, const char *s)
{
	if (strpbrk(s, ",\"\r\n") == NULL)
		buf_puts(b, s);
	else
		put_quoted(b, "", s);
}

/* Does s, after any run of ', start as a spreadsheet formula? */
static bool
formula_like(const char *s)
{
	s += strspn(s, "'");
	return *s != '\0' && strchr("=+-@\t\r", *s) != NULL;
}

void
csv_quote_cell(struct buf *b, const char *s)
{
	if (formula_like(s))
		put_quoted(b, "'", s);
	else
		csv_quote(b, s);
}

const char *
csv_unprotect(const char *s)
{
	return s[0] == '\'' && formula_like(s + 1) ? s + 1 : s;
}
