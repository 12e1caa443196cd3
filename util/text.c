/* text.c: UTF-8 text measured in display columns, and made safe to show. */
#include <langinfo.h>
#include <limits.h>
#include <locale.h>
#include <stdio.h>
#include <string.h>
#include <wchar.h>

#include "util/buf.h"
#include "util/text.h"
#include "util/xalloc.h"

void
utf8_put(struct buf *b, unsigned cp)
{
	if (cp < 0x80)
		buf_putc(b, (int)cp);
	else if (cp < 0x800) {
		buf_putc(b, (int)(0xc0 | cp >> 6));
		buf_putc(b, (int)(0x80 | (cp & 0x3f)));
	} else if (cp < 0x10000) {
		buf_putc(b, (int)(0xe0 | cp >> 12));
		buf_putc(b, (int)(0x80 | (cp >> 6 & 0x3f)));
		buf_putc(b, (int)(0x80 | (cp & 0x3f)));
	} else {
		buf_putc(b, (int)(0xf0 | cp >> 18));
		buf_putc(b, (int)(0x80 | (cp >> 12 & 0x3f)));
		buf_putc(b, (int)(0x80 | (cp >> 6 & 0x3f)));
		buf_putc(b, (int)(0x80 | (cp & 0x3f)));
	}
}

size_t
utf8_decode(const char *str, size_t n, unsigned *cp)
{
	const unsigned char *s = (const unsigned char *)str;
	unsigned c, min;
	size_t len;

	if (n == 0)
		return 0;
	c = s[0];
	if (c < 0x80) {
		*cp = c;
		return 1;
	} else if (c >= 0xe0 && c <= 0xef) {
		/* Three bytes (Chinese among them) without the loop. */
		if (n < 3 || (s[1] & 0xc0) != 0x80 || (s[2] & 0xc0) != 0x80)
			return 0;
		c = (c & 0x0f) << 12 | (s[1] & 0x3fu) << 6 | (s[2] & 0x3fu);
		if (c < 0x800 || (c >= 0xd800 && c <= 0xdfff))
			return 0;
		*cp = c;
		return 3;
	} else if (c >= 0xc2 && c <= 0xdf) {
		len = 2; c &= 0x1f; min = 0x80;
	} else if (c >= 0xf0 && c <= 0xf4) {
		len = 4; c &= 0x07; min = 0x10000;
	} else
		return 0;
	if (n < len)
		return 0;
	for (size_t i = 1; i < len; i++) {
		if ((s[i] & 0xc0) != 0x80)
			return 0;
		c = (c << 6) | (s[i] & 0x3f);
	}
	if (c < min || c > 0x10ffff || (c >= 0xd800 && c <= 0xdfff))
		return 0;
	*cp = c;
	return len;
}

bool
utf8_valid(const char *s, size_t len)
{
	size_t i = 0;
	unsigned cp;

	while (i < len) {
		size_t n = utf8_decode(s + i, len - i, &cp);
		if (n == 0 || cp == 0)
			return false;
		i += n;
	}
	return true;
}

bool
text_plain(const char *str, size_t len)
{
	const unsigned char *s = (const unsigned char *)str;
	size_t i = 0;

	/* One pass, a byte at a time: a plan's names are mostly three-byte
	 * Chinese, so there is no long ASCII run to skip. */
	while (i < len) {
		unsigned c = s[i];
		if (c < 0x80) {
			if ((c < 0x20 && c != '\t' && c != '\n') || c == 0x7f)
				return false;
			i++;
			continue;
		}
		size_t n = c < 0xc2 ? 0 : c < 0xe0 ? 2 : c < 0xf0 ? 3 :
		    c < 0xf5 ? 4 : 0;
		if (n == 0 || len - i < n)
			return false;
		unsigned c1 = s[i + 1];
		/* The second byte's range: no overlong form, no surrogate,
		 * nothing past U+10FFFF, no C1 control (0xc2 0x80..0x9f). */
		unsigned lo = c == 0xe0 ? 0xa0 : c == 0xf0 ? 0x90 :
		    c == 0xc2 ? 0xa0 : 0x80;
		unsigned hi = c == 0xed ? 0x9f : c == 0xf4 ? 0x8f : 0xbf;
		if (c1 < lo || c1 > hi)
			return false;
		for (size_t k = 2; k < n; k++)
			if ((s[i + k] & 0xc0) != 0x80)
				return false;
		i += n;
	}
	return true;
}

size_t
utf8_chars(const char *s, size_t n)
{
	size_t i = 0, count = 0;
	unsigned cp;

	while (i < n) {
		size_t k = utf8_decode(s + i, n - i, &cp);
		i += k ? k : 1;
		count++;
	}
	return count;
}

bool
text_unsafe_cp(unsigned cp)
{
	/* Most text first: printable ASCII, and all past U+2069. */
	if ((cp >= 0x20 && cp < 0x7f) || cp > 0x2069)
		return false;
	if (cp < 0x20 || cp == 0x7f)
		return true;
	if (cp >= 0x80 && cp <= 0x9f)
		return true;
	/* Bidirectional embeddings, overrides, isolates and marks. */
	if ((cp >= 0x202a && cp <= 0x202e) || (cp >= 0x2066 && cp <= 0x2069))
		return true;
	if (cp == 0x200e || cp == 0x200f || cp == 0x061c)
		return true;
	/* Line and paragraph separators would break a line. */
	if (cp == 0x2028 || cp == 0x2029)
		return true;
	return false;
}

/*
 * wcwidth() answers for the current LC_CTYPE; measure under C.UTF-8 so that
 * a user with LANG=C still gets Chinese counted as two columns.  A walk
 * switches to it once for all the characters of a string: measure_begin()
 * returns what measure_end() restores.
 */
static locale_t
measure_begin(void)
{
	static locale_t utf8;
	static int tried;

	if (!tried) {
		tried = 1;
		utf8 = newlocale(LC_CTYPE_MASK, "C.UTF-8", (locale_t)0);
	}
	return utf8 != (locale_t)0 ? uselocale(utf8) : (locale_t)0;
}

static void
measure_end(locale_t old)
{
	if (old != (locale_t)0)
		uselocale(old);
}

/* The width of a safe code point beyond ASCII, between measure_begin and
 * measure_end. */
static int
cp_width(unsigned cp)
{
	int w = wcwidth((wchar_t)cp);

	if (w < 0) {
		/* No table: assume the CJK blocks are wide, the rest narrow. */
		if ((cp >= 0x1100 && cp <= 0x115f) ||
		    (cp >= 0x2e80 && cp <= 0xa4cf) ||
		    (cp >= 0xac00 && cp <= 0xd7a3) ||
		    (cp >= 0xf900 && cp <= 0xfaff) ||
		    (cp >= 0xfe30 && cp <= 0xfe4f) ||
		    (cp >= 0xff00 && cp <= 0xff60) ||
		    (cp >= 0xffe0 && cp <= 0xffe6) ||
		    (cp >= 0x20000 && cp <= 0x3fffd))
			return 2;
		return 1;
	}
	return w;
}

/* The escape shown for an unsafe code point or an invalid byte. */
static int
escape_cp(char out[16], unsigned cp, bool invalid)
{
	if (invalid)
		return snprintf(out, 16, "\\x%02x", cp & 0xff);
	if (cp < 0x100)
		return snprintf(out, 16, "\\x%02x", cp);
	return snprintf(out, 16, "\\u%04x", cp);
}

/*
 * A walk over a string one displayed unit at a time: a safe character as
 * itself, anything else as its escape.  It takes units while their columns
 * add up to at most room, into b unless b is NULL (measuring only), and
 * notes in cut and cut_used where the text last fitted in room - 1, for
 * an ellipsis after it.
 */
struct walk {
	struct buf	*b;
	int		 room;
	int		 used;		/* columns taken */
	size_t		 cut;
	int		 cut_used;
	size_t		 end;		/* bytes of s walked */
};

/* Returns true when every unit of s (n bytes) fitted. */
static bool
walk_units(const char *s, size_t n, struct walk *wk)
{
	size_t i = 0, run = 0;	/* s + run: not yet in b */
	locale_t old = (locale_t)0;
	bool measuring = false;

	while (i < n) {
		unsigned c = (unsigned char)s[i], cp;
		char esc[16];
		size_t k = 1;
		int w = 1, e = 0;

		if (c >= 0x20 && c < 0x7f)
			;	/* printable ASCII: itself, one column */
		else if ((k = utf8_decode(s + i, n - i, &cp)) == 0) {
			w = e = escape_cp(esc, c, true);
			k = 1;
		} else if (text_unsafe_cp(cp))
			w = e = escape_cp(esc, cp, false);
		else {
			if (!measuring) {
				old = measure_begin();
				measuring = true;
			}
			/* Combining marks are width 0: they ride on the
			 * previous unit. */
			if ((w = cp_width(cp)) < 0)
				w = 1;
		}
		if (wk->used + w > wk->room)
			break;
		wk->used += w;
		if (e > 0 && wk->b != NULL) {
			/* The run before the escape, then the escape. */
			buf_add(wk->b, s + run, i - run);
			buf_add(wk->b, esc, (size_t)e);
			run = i + k;
		}
		i += k;
		if (wk->used < wk->room && wk->b != NULL) {
			wk->cut = wk->b->len + (i - run);
			wk->cut_used = wk->used;
		}
	}
	if (wk->b != NULL)
		buf_add(wk->b, s + run, i - run);
	if (measuring)
		measure_end(old);
	wk->end = i;
	return i == n;
}

int
text_width(const char *s)
{
	struct walk wk = { NULL, INT_MAX, 0, 0, 0, 0 };
	const char *p = s;

	/* Ids, dates and numbers are printable ASCII, a column a byte: the
	 * walk starts at the first byte that is not. */
	while (*p >= 0x20 && *p < 0x7f)
		p++;
	wk.used = (int)(p - s);
	if (*p != '\0')
		walk_units(p, strlen(p), &wk);
	return wk.used;
}

/*
 * Length of the run at str (n bytes) that text_safe() shows as itself:
 * printable ASCII and well-formed UTF-8 with no unsafe code point.  It
 * stops at the first byte that needs an escape.
 */
static size_t
safe_run(const char *str, size_t n)
{
	const unsigned char *s = (const unsigned char *)str;
	size_t i = 0, k;
	unsigned cp;

	while (i < n) {
		unsigned c = s[i];

		if (c >= 0x20 && c < 0x7f) {
			i++;
			continue;
		}
		/* Three bytes led by E1, E3..EC, EE or EF (Chinese among them)
		 * are well formed once their continuation bytes are: no
		 * overlong (E0), surrogate (ED) or unsafe code point (E2, the
		 * bidi controls and separators) can start so. */
		if (c >= 0xe1 && c <= 0xef && c != 0xe2 && c != 0xed &&
		    n - i >= 3 && (s[i + 1] & 0xc0) == 0x80 &&
		    (s[i + 2] & 0xc0) == 0x80) {
			i += 3;
			continue;
		}
		if (c < 0x80 || (k = utf8_decode(str + i, n - i, &cp)) == 0 ||
		    text_unsafe_cp(cp))
			break;
		i += k;
	}
	return i;
}

/*
 * The units walk_units() finds, but a run is found without decoding most
 * characters, and no width is wanted here.
 */
void
text_safe_buf(struct buf *b, const char *s)
{
	size_t n = strlen(s), i = 0;

	buf_grow(b, n);
	while (i < n) {
		size_t run = safe_run(s + i, n - i), k;
		unsigned cp;
		char esc[16];
		int e;

		buf_add(b, s + i, run);
		if ((i += run) == n)
			break;
		if ((k = utf8_decode(s + i, n - i, &cp)) == 0) {
			e = escape_cp(esc, (unsigned char)s[i], true);
			k = 1;
		} else
			e = escape_cp(esc, cp, false);
		buf_add(b, esc, (size_t)e);
		i += k;
	}
}

char *
text_safe(const char *s)
{
	struct buf b = BUF_INIT;

	text_safe_buf(&b, s);
	return buf_detach(&b);
}

bool
text_utf8_locale(void)
{
	const char *cs = nl_langinfo(CODESET);

	return cs != NULL && (strcmp(cs, "UTF-8") == 0 ||
	    strcmp(cs, "utf8") == 0);
}

const char *
text_ellipsis(void)
{
	return text_utf8_locale() ? "\xe2\x80\xa6" : "~";
}

/*
 * One walk, which stops at width columns: a long name is not measured to
 * its end first and walked again to cut it.
 */
void
text_fit_buf(struct buf *b, const char *s, int width, enum text_align align)
{
	struct walk wk = { b, width, 0, b->len, 0, 0 };
	size_t start = b->len, pad;

	if (width <= 0)
		return;
	if (!walk_units(s, strlen(s), &wk)) {
		/* Too wide: keep what fits in width - 1, then the ellipsis. */
		buf_truncate(b, wk.cut);
		buf_puts(b, text_ellipsis());
		for (int i = wk.cut_used + 1; i < width; i++)
			buf_putc(b, ' ');
		return;
	}
	pad = (size_t)(width - wk.used);
	buf_grow(b, pad);
	if (align == ALIGN_RIGHT)
		memmove(b->s + start + pad, b->s + start, b->len - start);
	memset(align == ALIGN_RIGHT ? b->s + start : b->s + b->len, ' ', pad);
	b->len += pad;
	b->s[b->len] = '\0';
}

char *
text_fit(const char *s, int width, enum text_align align)
{
	struct buf b = BUF_INIT;

	text_fit_buf(&b, s, width, align);
	return buf_detach(&b);
}

char *
text_quote(const char *s)
{
	struct buf b = BUF_INIT;

	if (text_width(s) <= TEXT_QUOTE_MAX)
		return text_safe(s);
	text_fit_buf(&b, s, TEXT_QUOTE_MAX, ALIGN_LEFT);
	while (b.len > 0 && b.s[b.len - 1] == ' ')
		b.s[--b.len] = '\0';
	return buf_detach(&b);
}

/*
 * The walk of text_width() up to the first newline, stopped where the
 * next unit would pass width: a line never cuts a character or an escape,
 * and never drops one.
 */
size_t
text_wrap(const char *s, int width)
{
	struct walk wk = { NULL, width, 0, 0, 0, 0 };
	size_t n = strcspn(s, "\n"), k;
	unsigned cp;

	if (walk_units(s, n, &wk) || wk.end > 0)
		return wk.end;
	/* Not even the first unit fits: it makes a line of its own. */
	k = utf8_decode(s, n, &cp);
	return k > 0 ? k : 1;
}
