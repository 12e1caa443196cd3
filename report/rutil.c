/* rutil.c: what the report renderers share: wrapping, numbers and
 * sparklines. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model/record.h"
#include "report/report.h"
#include "util/buf.h"
#include "util/text.h"
#include "util/xalloc.h"

void
report_num(double v, char out[static 32])
{
	char s[32];

	if (!isfinite(v)) {
		strcpy(out, "-");
		return;
	}
	/*
	 * A number as a plan or a record gave it (0.0012, 7.855, 1e308) is
	 * shown as given when 10 significant digits hold it; a computed
	 * fraction (a pace, a projection) needs all 15 to 17 (one in about a
	 * million fits in 10) and is shown to two decimals.  Beyond 1e15 a
	 * double has no decimals left to round.  snprintf and strtod follow
	 * the same LC_NUMERIC, so they agree on the decimal point.
	 */
	snprintf(s, sizeof s, "%.10g", v);
	if (strtod(s, NULL) != v && fabs(v) < 1e15) {
		snprintf(s, sizeof s, "%.2f", v);
		v = strtod(s, NULL);
	}
	record_format_number(v == 0 ? 0 : v, out);
}

/* Width of one character (n bytes at s, already safe). */
static int
char_width(const char *s, size_t n)
{
	char tmp[8];

	if (n >= sizeof tmp)
		return 1;
	memcpy(tmp, s, n);
	tmp[n] = '\0';
	return text_width(tmp);
}

/* A byte of a word or number in ASCII text. */
static bool
ascii_word(char c)
{
	return (unsigned char)c < 0x80 && c != ' ';
}

/* Punctuation that must not begin a line (a short kinsoku list). */
static bool
closing(const char *s, size_t n)
{
	static const char *const marks[] = { "，", "。", "、", "：", "；", "！",
	    "？", "）", "〕", "】", "」", "』", "》", "”", "’", ",", ".", ")",
	    ":", ";", "!", "?" };

	for (size_t i = 0; i < sizeof marks / sizeof marks[0]; i++) {
		size_t k = strlen(marks[i]);
		if (k <= n && memcmp(s, marks[i], k) == 0)
			return true;
	}
	return false;
}

void
report_wrap(struct buf *out, const char *s, int width, const char *indent)
{
	char *safe = text_safe(s);
	size_t len = strlen(safe), i = 0;
	int room = width - text_width(indent);

	if (room < 8)
		room = 8;
	if (len == 0) {
		buf_puts(out, indent);
		buf_putc(out, '\n');
	}
	while (i < len) {
		size_t j = i, brk = 0;
		int w = 0;

		while (j < len) {
			unsigned cp;
			size_t k = utf8_decode(safe + j, len - j, &cp);
			int cw;

			if (k == 0)
				k = 1;
			cw = char_width(safe + j, k);
			if (w + cw > room)
				break;
			w += cw;
			j += k;
			if (safe[j - 1] == ' ')
				brk = j;
		}
		/* A closing mark never starts a line: keep it with the
		 * character before (one column over is avoided by moving
		 * that character down too). */
		if (j < len && j > i && closing(safe + j, len - j)) {
			size_t back = j - 1;
			while (back > i && ((unsigned char)safe[back] & 0xc0) ==
			    0x80)
				back--;
			if (back > i)
				j = back;
		}
		/* Never break inside a word or number of ASCII text: break
		 * after the last space, else where the word began after a
		 * Chinese character (2026 in 截至2026年 stays whole); Chinese
		 * breaks anywhere. */
		if (j < len && j > i && ascii_word(safe[j]) &&
		    ascii_word(safe[j - 1])) {
			size_t k = j;
			while (k > i && ascii_word(safe[k - 1]))
				k--;
			j = brk > i ? brk : k > i ? k : j;
		}
		size_t e = j;
		while (e > i && safe[e - 1] == ' ')
			e--;
		buf_puts(out, indent);
		buf_add(out, safe + i, e - i);
		buf_putc(out, '\n');
		i = j;
		while (i < len && safe[i] == ' ')
			i++;
	}
	free(safe);
}

void
report_spark(struct buf *b, const struct point *v, size_t n, size_t max,
    bool utf8)
{
	static const char *const blocks[] = { "▁", "▂", "▃", "▄", "▅", "▆",
	    "▇", "█" };
	static const char ascii[] = "_.-~=+*#";
	double lo, hi;
	size_t first = n > max ? n - max : 0;

	if (n == 0)
		return;
	lo = hi = v[first].value;
	for (size_t i = first; i < n; i++) {
		if (v[i].value < lo)
			lo = v[i].value;
		if (v[i].value > hi)
			hi = v[i].value;
	}
	for (size_t i = first; i < n; i++) {
		int k = hi > lo ? (int)lround((v[i].value - lo) / (hi - lo) * 7)
		    : 3;
		if (k < 0)
			k = 0;
		if (k > 7)
			k = 7;
		if (utf8)
			buf_puts(b, blocks[k]);
		else
			buf_putc(b, ascii[k]);
	}
}

int
report_item_lead(const struct plan *p, const struct ms_result *r)
{
	/* The milestone's own owner only, as the department ranking
	 * counts it; a phase's owner is not the lead of its milestones. */
	return p->ms[r->in.ms].owner;
}

struct ms_span *
report_ms_spans(const struct review *rv)
{
	struct ms_span *sp = xcalloc(rv->plan->nms + 1, sizeof *sp);

	for (size_t i = 0; i < rv->nitems; i++) {
		struct ms_span *s = &sp[rv->items[i].in.ms];

		if (s->n == 0)
			s->first = i;
		s->n++;
	}
	return sp;
}

void
rsink_mark(struct rsink *s)
{
	if (s->flush == NULL || s->b->len < RSINK_CHUNK)
		return;
	if (s->failed || s->flush(s->arg, s->b) != 0)
		s->failed = true;
	buf_reset(s->b);
}
