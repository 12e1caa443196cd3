/* buf.c: a growable byte string. */
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>

#include "util/buf.h"
#include "util/xalloc.h"

void
buf_grow(struct buf *b, size_t extra)
{
	size_t need = b->len + extra + 1;

	if (need <= b->cap)
		return;
	size_t cap = b->cap ? b->cap : 64;
	while (cap < need)
		cap *= 2;
	b->s = xrealloc(b->s, cap);
	if (b->cap == 0)
		b->s[0] = '\0';	/* fresh storage: still the empty string */
	b->cap = cap;
}

void
buf_add(struct buf *b, const char *s, size_t n)
{
	/* The room is checked here: most adds fit, and buf_grow is a call. */
	if (n >= b->cap - b->len)
		buf_grow(b, n);
	memcpy(b->s + b->len, s, n);
	b->len += n;
	b->s[b->len] = '\0';
}

void
buf_puts(struct buf *b, const char *s)
{
	buf_add(b, s, strlen(s));
}

void
buf_putc(struct buf *b, int c)
{
	if (b->len + 1 >= b->cap)
		buf_grow(b, 1);
	b->s[b->len++] = (char)c;
	b->s[b->len] = '\0';
}

/* Append the decimal digits of v, after a minus sign when neg. */
static void
put_decimal(struct buf *b, bool neg, unsigned long long v)
{
	char d[24], *p = d + sizeof d;

	do
		*--p = (char)('0' + v % 10);
	while ((v /= 10) != 0);
	if (neg)
		*--p = '-';
	buf_add(b, p, (size_t)(d + sizeof d - p));
}

/*
 * Format fmt the way vsnprintf would when it asks only for %%, %s and
 * the integers %d %i %u with no flag, width or precision (and the length
 * modifiers l and z): most of the program's formats, and the translated
 * ones, are so.  Returns false, having added nothing, at anything else (a
 * flag, a width, %f, a positional %1$s, a NULL string) for vsnprintf to do.
 */
static bool
format_simple(struct buf *b, const char *fmt, va_list ap)
{
	size_t start = b->len;
	const char *p = fmt, *q, *str;

	while ((q = strchr(p, '%')) != NULL) {
		char mod = '\0';
		long long sv;
		unsigned long long uv;

		buf_add(b, p, (size_t)(q - p));
		p = q + 1;
		if (*p == 'l' || *p == 'z')
			mod = *p++;
		switch (*p++) {
		case '%':
			if (mod != '\0')
				goto fail;
			buf_putc(b, '%');
			continue;
		case 's':
			if (mod != '\0' ||
			    (str = va_arg(ap, const char *)) == NULL)
				goto fail;
			buf_puts(b, str);
			continue;
		case 'd':
		case 'i':
			sv = mod == 'l' ? va_arg(ap, long) :
			    mod == 'z' ? va_arg(ap, ssize_t) :
			    va_arg(ap, int);
			/* The magnitude as unsigned: -LLONG_MIN overflows. */
			uv = sv < 0 ? 0 - (unsigned long long)sv :
			    (unsigned long long)sv;
			put_decimal(b, sv < 0, uv);
			continue;
		case 'u':
			uv = mod == 'l' ? va_arg(ap, unsigned long) :
			    mod == 'z' ? va_arg(ap, size_t) :
			    va_arg(ap, unsigned);
			put_decimal(b, false, uv);
			continue;
		default:
			goto fail;
		}
	}
	buf_puts(b, p);
	return true;
fail:
	buf_truncate(b, start);
	return false;
}

void
buf_vprintf(struct buf *b, const char *fmt, va_list ap)
{
	va_list cp;
	int n;

	va_copy(cp, ap);
	if (format_simple(b, fmt, cp)) {
		va_end(cp);
		return;
	}
	va_end(cp);

	/* Format straight into the spare room, and only when the result
	 * does not fit there grow and format again: measuring first would
	 * format every number twice. */
	buf_grow(b, 64);
	va_copy(cp, ap);
	n = vsnprintf(b->s + b->len, b->cap - b->len, fmt, cp);
	va_end(cp);
	if (n < 0)
		fatal("bad format string");
	if ((size_t)n >= b->cap - b->len) {
		buf_grow(b, (size_t)n);
		vsnprintf(b->s + b->len, (size_t)n + 1, fmt, ap);
	}
	b->len += (size_t)n;
}

void
buf_printf(struct buf *b, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	buf_vprintf(b, fmt, ap);
	va_end(ap);
}

void
buf_truncate(struct buf *b, size_t len)
{
	if (len >= b->len)
		return;
	b->len = len;
	b->s[len] = '\0';
}

void
buf_reset(struct buf *b)
{
	buf_truncate(b, 0);
}

void
buf_release(struct buf *b)
{
	free(b->s);
	b->s = NULL;
	b->len = b->cap = 0;
}

char *
buf_detach(struct buf *b)
{
	char *s = b->s ? b->s : xstrdup("");

	b->s = NULL;
	b->len = b->cap = 0;
	return s;
}

const char *
buf_str(const struct buf *b)
{
	return b->s ? b->s : "";
}
