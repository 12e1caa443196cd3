/* escape.c: one escaping helper per output format, written once. */
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "report/report.h"
#include "util/buf.h"
#include "util/text.h"
#include "util/xalloc.h"

/*
 * Append s made safe (text_safe_buf) with each byte of it in special
 * replaced by what subst writes.  Most texts have none of those bytes:
 * they are written straight into b, with no copy and no allocation.
 */
static void
put_safe(struct buf *b, const char *s, const char *special,
    void (*subst)(struct buf *, int))
{
	size_t start = b->len, n;
	char *safe;
	const char *p;

	text_safe_buf(b, s);
	if (b->len == start || strpbrk(b->s + start, special) == NULL)
		return;
	safe = xstrdup(b->s + start);
	buf_truncate(b, start);
	for (p = safe; *p != '\0'; p++) {
		n = strcspn(p, special);
		buf_add(b, p, n);
		if (p[n] == '\0')
			break;
		p += n;
		subst(b, (unsigned char)*p);
	}
	free(safe);
}

static void
subst_json(struct buf *b, int c)
{
	switch (c) {
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
		buf_printf(b, "\\u%04x", (unsigned)c);
	}
}

/* JSON string with its quotes; text_safe has already replaced controls and
 * invalid bytes, but escape every control anyway. */
void
esc_json(struct buf *b, const char *s)
{
	static const char special[] = "\"\\\001\002\003\004\005\006\007"
	    "\010\011\012\013\014\015\016\017\020\021\022\023\024\025\026"
	    "\027\030\031\032\033\034\035\036\037";

	buf_putc(b, '"');
	put_safe(b, s, special, subst_json);
	buf_putc(b, '"');
}

static void
subst_csv(struct buf *b, int c)
{
	buf_putc(b, c);		/* a quote, doubled */
	buf_putc(b, c);
}

/*
 * A CSV field (RFC 4180): quoted when it holds a comma, quote or line
 * break.  A text starting with = + - @ is prefixed with ' so that a
 * spreadsheet does not run it as a formula.
 */
void
esc_csv(struct buf *b, const char *s)
{
	size_t start = b->len;
	char *safe;
	bool formula, quote;

	text_safe_buf(b, s);
	if (b->len == start)
		return;
	formula = strchr("=+-@", b->s[start]) != NULL;
	quote = formula || strpbrk(b->s + start, ",\"\r\n") != NULL;
	if (!quote)
		return;
	safe = xstrdup(b->s + start);
	buf_truncate(b, start);
	buf_putc(b, '"');
	if (formula)
		buf_putc(b, '\'');
	put_safe(b, safe, "\"", subst_csv);
	buf_putc(b, '"');
	free(safe);
}

static void
subst_html(struct buf *b, int c)
{
	switch (c) {
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
	default:
		buf_puts(b, "&#39;");
	}
}

void
esc_html(struct buf *b, const char *s)
{
	put_safe(b, s, "&<>\"'", subst_html);
}

static void
subst_md(struct buf *b, int c)
{
	switch (c) {
	case '\n':
	case '\r':
		buf_putc(b, ' ');
		break;
	case '<':
	case '>':
	case '&':
		subst_html(b, c);
		break;
	default:
		buf_putc(b, '\\');
		buf_putc(b, c);
	}
}

/*
 * A Markdown table cell: characters that would start markup or end the
 * cell are backslash-escaped, line breaks become spaces.  "<", ">" and "&"
 * are entities instead, which every renderer shows as the characters: a
 * backslash before "<" is no escape in python-markdown (MkDocs), which
 * showed "\<= 10%".
 */
void
esc_md(struct buf *b, const char *s)
{
	put_safe(b, s, "\\|*_`[]<>&#\n\r", subst_md);
}

static void
subst_ics(struct buf *b, int c)
{
	buf_putc(b, '\\');
	buf_putc(b, c == '\n' ? 'n' : c);
}

/* An iCalendar TEXT value (RFC 5545 3.3.11). */
void
esc_ics(struct buf *b, const char *s)
{
	put_safe(b, s, "\\;,\n", subst_ics);
}
