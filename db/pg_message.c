/*
 * pg_message.c: libpq's messages as one line (pg_message.h).
 */
#include <ctype.h>
#include <libpq-fe.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "db/pg_message.h"
#include "util/buf.h"
#include "util/text.h"
#include "util/xalloc.h"

/* Replace every s in b by "***". */
static void
hide(struct buf *b, const char *s)
{
	struct buf out = BUF_INIT;
	const char *p = buf_str(b), *hit;
	size_t n = strlen(s);

	if (n == 0 || b->len < n)
		return;
	while ((hit = strstr(p, s)) != NULL) {
		buf_add(&out, p, (size_t)(hit - p));
		buf_puts(&out, "***");
		p = hit + n;
	}
	buf_puts(&out, p);
	buf_release(b);
	*b = out;
}

/* Hide s[0..n) in b, as written and percent-decoded. */
static void
hide_both(struct buf *b, const char *s, size_t n)
{
	struct buf dec = BUF_INIT;
	char *raw = xasprintf("%.*s", (int)n, s);

	for (size_t i = 0; i < n; i++) {
		if (s[i] == '%' && i + 2 < n &&
		    isxdigit((unsigned char)s[i + 1]) &&
		    isxdigit((unsigned char)s[i + 2])) {
			char hx[3] = { s[i + 1], s[i + 2], '\0' };
			buf_putc(&dec, (int)strtol(hx, NULL, 16));
			i += 2;
		} else
			buf_putc(&dec, s[i]);
	}
	hide(b, raw);
	hide(b, buf_str(&dec));
	buf_release(&dec);
	free(raw);
}

/* Hide in b the passwords written in the location where, read as libpq
 * reads a URI: user:password@ before the first '/', and the password=
 * parameters after the '?'. */
static void
hide_passwords(struct buf *b, const char *where)
{
	const char *p, *q, *colon;
	size_t n;

	if (where == NULL || (p = strstr(where, "://")) == NULL)
		return;
	p += 3;
	n = strcspn(p, "@/");
	if (p[n] == '@' && (colon = memchr(p, ':', n)) != NULL)
		hide_both(b, colon + 1, (size_t)(p + n - colon - 1));
	if ((q = strchr(p, '?')) == NULL)
		return;
	for (q++; *q != '\0'; q += *q == '&') {
		n = strcspn(q, "&");
		if (strncmp(q, "password=", 9) == 0)
			hide_both(b, q + 9, n - 9);
		q += n;
	}
}

/* Skip a leading severity, "FATAL:  " or "ERROR:  ". */
static const char *
no_severity(const char *s, size_t *n)
{
	size_t k = 0;

	while (k < *n && s[k] >= 'A' && s[k] <= 'Z')
		k++;
	if (k > 0 && k + 3 <= *n && strncmp(s + k, ":  ", 3) == 0) {
		*n -= k + 3;
		return s + k + 3;
	}
	return s;
}

char *
pg_message(const char *shown, const char *where, const char *what,
    const char *msg)
{
	struct buf b = BUF_INIT;
	const char *line, *end;
	char *safe, *out;

	for (line = msg != NULL ? msg : ""; *line != '\0'; line = end) {
		bool indented = *line == ' ' || *line == '\t';
		size_t n;

		end = line + strcspn(line, "\n");
		while (line < end && (*line == ' ' || *line == '\t' ||
		    *line == '\r'))
			line++;
		n = (size_t)(end - line);
		while (n > 0 && (line[n - 1] == ' ' || line[n - 1] == '\t' ||
		    line[n - 1] == '\r'))
			n--;
		if (*end == '\n')
			end++;
		line = no_severity(line, &n);
		if (n == 0)
			continue;
		if (b.len > 0)
			buf_puts(&b, indented && *line >= 'a' && *line <= 'z' ?
			    " " : "; ");
		buf_add(&b, line, n);
	}
	if (b.len == 0)
		buf_putc(&b, '?');
	hide_passwords(&b, where);
	safe = text_safe(buf_str(&b));
	out = what != NULL ? xasprintf("%s: %s: %s", shown, what, safe) :
	    xasprintf("%s: %s", shown, safe);
	free(safe);
	buf_release(&b);
	return out;
}

static void
drop_notice(void *arg, const char *message)
{
	(void)arg;
	(void)message;
}

void
pg_quiet(PGconn *conn)
{
	if (conn != NULL)
		PQsetNoticeProcessor(conn, drop_notice, NULL);
}
