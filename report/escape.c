/* escape.c: one escaping helper per output format, written once. */
#include <stdlib.h>
#include <string.h>

#include "report/report.h"
#include "util/buf.h"
#include "util/text.h"

/* JSON string with its quotes; text_safe has already replaced controls and
 * invalid bytes, but escape every control anyway. */
void
esc_json(struct buf *b, const char *s)
{
	char *safe = text_safe(s);

	buf_putc(b, '"');
	for (const unsigned char *p = (const unsigned char *)safe; *p; p++) {
		switch (*p) {
		case '"':
			buf_puts(b, "\\\"");
			break;
		case '\\':
			buf_puts(b, "\\\\");
			break;
		case '\n':
			buf_puts(b, "\\n");
			break;
		case '\t':
			buf_puts(b, "\\t");
			break;
		default:
			if (*p < 0x20)
				buf_printf(b, "\\u%04x", *p);
			else
				buf_putc(b, *p);
		}
	}
	buf_putc(b, '"');
	free(safe);
}

/*
 * A CSV field (RFC 4180): quoted when it holds a comma, quote or line
 * break.  A text starting with = + - @ is prefixed with ' so that a
 * spreadsheet does not run it as a formula.
 */
void
esc_csv(struct buf *b, const char *s)
{
	char *safe = text_safe(s);
	bool formula = strchr("=+-@", safe[0]) != NULL && safe[0] != '\0';
	bool quote = formula || strpbrk(safe, ",\"\r\n") != NULL;

	if (quote)
		buf_putc(b, '"');
	if (formula)
		buf_putc(b, '\'');
	for (const char *p = safe; *p; p++) {
		if (*p == '"')
			buf_putc(b, '"');
		buf_putc(b, *p);
	}
	if (quote)
		buf_putc(b, '"');
	free(safe);
}

void
esc_html(struct buf *b, const char *s)
{
	char *safe = text_safe(s);

	for (const char *p = safe; *p; p++) {
		switch (*p) {
		case '&':
			buf_puts(b, "&amp;");
			break;
		case '<':
			buf_puts(b, "&lt;");
			break;
		case '>':
			buf_puts(b, "&gt;");
			break;
		case '"':
			buf_puts(b, "&quot;");
			break;
		case '\'':
			buf_puts(b, "&#39;");
			break;
		default:
			buf_putc(b, *p);
		}
	}
	free(safe);
}

/* A Markdown table cell: characters that would start markup or end the
 * cell are backslash-escaped, line breaks become spaces. */
void
esc_md(struct buf *b, const char *s)
{
	char *safe = text_safe(s);

	for (const char *p = safe; *p; p++) {
		if (*p == '\n' || *p == '\r') {
			buf_putc(b, ' ');
			continue;
		}
		if (strchr("\\|*_`[]<>#", *p) != NULL)
			buf_putc(b, '\\');
		buf_putc(b, *p);
	}
	free(safe);
}

/* An iCalendar TEXT value (RFC 5545 3.3.11). */
void
esc_ics(struct buf *b, const char *s)
{
	char *safe = text_safe(s);

	for (const char *p = safe; *p; p++) {
		switch (*p) {
		case '\\':
			buf_puts(b, "\\\\");
			break;
		case ';':
			buf_puts(b, "\\;");
			break;
		case ',':
			buf_puts(b, "\\,");
			break;
		case '\n':
			buf_puts(b, "\\n");
			break;
		default:
			buf_putc(b, *p);
		}
	}
	free(safe);
}
