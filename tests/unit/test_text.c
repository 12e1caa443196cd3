/* test_text.c: display widths, cutting and safe text. */
#include <locale.h>
#include <setjmp.h>
#include <stdbool.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "util/buf.h"
#include "util/text.h"

static void
test_width(void **state)
{
	(void)state;
	assert_int_equal(text_width(""), 0);
	assert_int_equal(text_width("abc"), 3);
	assert_int_equal(text_width("卫健委"), 6);
	assert_int_equal(text_width("三府办〔2024〕5号"), 17);
	/* An escape is as wide as what is shown for it. */
	assert_int_equal(text_width("a\x1b[2Jb"), 2 + 4 + 3);
	assert_int_equal(text_width("\xff"), 4);
}

static void
test_safe(void **state)
{
	char *s;

	(void)state;
	s = text_safe("ok\x1b]52;c;aGk=\x07");
	assert_string_equal(s, "ok\\x1b]52;c;aGk=\\x07");
	free(s);
	s = text_safe("abc\xe2\x80\xae" "def");	/* U+202E RLO */
	assert_string_equal(s, "abc\\u202edef");
	free(s);
	s = text_safe("\xc2\x9b" "x");	/* C1 CSI */
	assert_string_equal(s, "\\x9bx");
	free(s);
	s = text_safe("医院 %n %s");
	assert_string_equal(s, "医院 %n %s");
	free(s);
	s = text_safe("\xe4\xb8");	/* truncated sequence */
	assert_string_equal(s, "\\xe4\\xb8");
	free(s);
}

/*
 * A run text_safe() copies as it is, with one hazard put between every
 * two of its characters in turn: everything before and after the hazard
 * comes out unchanged, the hazard as its escape.  The run mixes ASCII,
 * Chinese (the three-byte fast path), a safe E2 character (the ellipsis,
 * whose lead byte the unsafe ones share), two and four bytes.
 */
static void
test_safe_positions(void **state)
{
	static const char *const units[] = { "a", "b", "\xe4\xb8\xad",
	    "\xe6\x96\x87", " ", "\xe2\x80\xa6", "\xc3\xa9", "~",
	    "\xf0\x9f\x98\x80", "\xef\xbc\x8c", "z" };
	static const struct {
		const char	*in, *out;
	} hazards[] = {
		{ "\x1b", "\\x1b" },			/* C0 */
		{ "\x7f", "\\x7f" },			/* DEL */
		{ "\xc2\x85", "\\x85" },		/* C1 NEL */
		{ "\xc2\x9b", "\\x9b" },		/* C1 CSI */
		{ "\xe2\x80\xae", "\\u202e" },	/* RLO */
		{ "\xe2\x80\xaa", "\\u202a" },	/* LRE */
		{ "\xe2\x81\xa6", "\\u2066" },	/* LRI */
		{ "\xe2\x81\xa9", "\\u2069" },	/* PDI */
		{ "\xe2\x80\x8f", "\\u200f" },	/* RLM */
		{ "\xd8\x9c", "\\u061c" },		/* ALM */
		{ "\xe2\x80\xa8", "\\u2028" },	/* LS */
		{ "\xff", "\\xff" },			/* never UTF-8 */
		{ "\x80", "\\x80" },			/* lone continuation */
		{ "\xe4\xb8", "\\xe4\\xb8" },	/* Chinese cut short */
		{ "\xe0\x80\x80", "\\xe0\\x80\\x80" },	/* overlong */
		{ "\xed\xa0\x80", "\\xed\\xa0\\x80" },	/* surrogate */
		{ "\xe9\x80", "\\xe9\\x80" },	/* two of three bytes */
	};
	size_t nu = sizeof units / sizeof units[0];

	(void)state;
	for (size_t h = 0; h < sizeof hazards / sizeof hazards[0]; h++)
		for (size_t at = 0; at <= nu; at++) {
			char in[128] = "", want[128] = "", *got;

			for (size_t u = 0; u <= nu; u++) {
				if (u == at) {
					strcat(in, hazards[h].in);
					strcat(want, hazards[h].out);
				}
				if (u < nu) {
					strcat(in, units[u]);
					strcat(want, units[u]);
				}
			}
			got = text_safe(in);
			if (strcmp(got, want) != 0)
				fail_msg("hazard %zu at %zu: '%s', not '%s'", h,
				    at, got, want);
			free(got);
		}
}

/* Where the three-byte fast path must not answer alone: its lead at the
 * very end, the leads E0, E2 and ED whose ranges hold escapes, and the
 * well-formed neighbours of those ranges, shown as they are. */
static void
test_safe_edges(void **state)
{
	static const struct {
		const char	*in, *out;
	} cases[] = {
		{ "", "" },
		{ "ab\xe4", "ab\\xe4" },
		{ "ab\xe4\xb8", "ab\\xe4\\xb8" },
		{ "\xe4\xb8x", "\\xe4\\xb8x" },
		{ "\xe4x\xad", "\\xe4x\\xad" },
		{ "\xe0\xa0\x80", "\xe0\xa0\x80" },	/* U+0800 */
		{ "\xed\x9f\xbf", "\xed\x9f\xbf" },	/* U+D7FF */
		{ "\xee\x80\x80", "\xee\x80\x80" },	/* U+E000 */
		{ "\xef\xbf\xbf", "\xef\xbf\xbf" },	/* U+FFFF */
		{ "\xe2\x80\x8d", "\xe2\x80\x8d" },	/* ZWJ */
		{ "\xe2\x80\xaf", "\xe2\x80\xaf" },	/* after RLO */
		{ "\xe2\x81\xaa", "\xe2\x81\xaa" },	/* after PDI */
		{ "\xc2\xa0", "\xc2\xa0" },		/* after the C1 */
		{ "\xc2\x9f", "\\x9f" },
		{ "\xf4\x90\x80\x80", "\\xf4\\x90\\x80\\x80" },
		{ "\t\n\r", "\\x09\\x0a\\x0d" },
		{ "\x1b\x1b", "\\x1b\\x1b" },
	};

	(void)state;
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		char *got = text_safe(cases[i].in);

		if (strcmp(got, cases[i].out) != 0)
			fail_msg("case %zu: '%s', not '%s'", i, got,
			    cases[i].out);
		free(got);
	}
}

/* text_safe_buf and text_fit_buf append to what the buffer holds, and
 * text_fit_buf pads or cuts only what it appends. */
static void
test_safe_buf(void **state)
{
	struct buf b = BUF_INIT;

	(void)state;
	buf_puts(&b, "[");
	text_fit_buf(&b, "\xe5\x8d\xab\x1b", 8, ALIGN_RIGHT);
	text_fit_buf(&b, "ab", 3, ALIGN_LEFT);
	text_fit_buf(&b, "abcdef", 3, ALIGN_RIGHT);
	text_fit_buf(&b, "\xe5\x8d\xab\xe5\x81\xa5", 2, ALIGN_LEFT);
	text_fit_buf(&b, "", 2, ALIGN_RIGHT);
	buf_puts(&b, "]");
	assert_string_equal(buf_str(&b), "[  \xe5\x8d\xab\\x1bab ab\xe2\x80\xa6"
	    "\xe2\x80\xa6   ]");
	assert_int_equal(b.len, strlen(buf_str(&b)));
	buf_reset(&b);
	buf_puts(&b, "x=");
	text_safe_buf(&b, "\xe5\x8c\xbb\x1b\xe9\x99\xa2");
	text_safe_buf(&b, "");
	text_safe_buf(&b, "!");
	assert_string_equal(buf_str(&b), "x=\xe5\x8c\xbb\\x1b\xe9\x99\xa2!");
	assert_int_equal(b.len, strlen(buf_str(&b)));
	buf_release(&b);
}

/*
 * Widths through the walk and its ASCII short cuts: a hazard anywhere in
 * a mixed run adds its escape's width, and text_fit cuts the escaped text
 * at a unit boundary, the most that fits beside the ellipsis.
 */
static void
test_width_positions(void **state)
{
	static const char *const units[] = { "i", "d", "\xe5\x8d\xab",
	    "7", "\xe2\x80\xa6", "\xcc\x81", "\xe5\xa7\x94", "-" };
	/* A combining mark (U+0301) is no column of its own. */
	static const int widths[] = { 1, 1, 2, 1, 1, 0, 2, 1 };
	static const struct {
		const char	*in, *out;
	} hazards[] = {
		{ "\x1b", "\\x1b" }, { "\xe2\x80\xae", "\\u202e" },
		{ "\xff", "\\xff" }, { "\xc2\x85", "\\x85" },
	};
	size_t nu = sizeof units / sizeof units[0];

	(void)state;
	for (size_t h = 0; h < sizeof hazards / sizeof hazards[0]; h++)
		for (size_t at = 0; at <= nu; at++) {
			char in[64] = "", safe[64] = "";
			size_t ends[16], nends = 0;
			int total = 0, cols[16];

			for (size_t u = 0; u <= nu; u++) {
				if (u == at) {
					strcat(in, hazards[h].in);
					strcat(safe, hazards[h].out);
					total += (int)strlen(hazards[h].out);
					ends[nends] = strlen(safe);
					cols[nends++] = total;
				}
				if (u < nu) {
					strcat(in, units[u]);
					strcat(safe, units[u]);
					total += widths[u];
					ends[nends] = strlen(safe);
					cols[nends++] = total;
				}
			}
			assert_int_equal(text_width(in), total);
			for (int w = 1; w <= total + 2; w++) {
				char *got = text_fit(in, w, ALIGN_LEFT);
				char *right = text_fit(in, w, ALIGN_RIGHT);
				char want[96], rwant[96];
				size_t keep = 0;
				int used = 0;

				if (w >= total) {
					snprintf(want, sizeof want, "%s%*s",
					    safe, w - total, "");
					snprintf(rwant, sizeof rwant, "%*s%s",
					    w - total, "", safe);
				} else {
					for (size_t e = 0; e < nends; e++)
						if (cols[e] <= w - 1) {
							keep = ends[e];
							used = cols[e];
						}
					snprintf(want, sizeof want,
					    "%.*s\xe2\x80\xa6%*s", (int)keep,
					    safe, w - 1 - used, "");
					/* Cut, it is as wide either way. */
					strcpy(rwant, want);
				}
				if (strcmp(got, want) != 0)
					fail_msg("hazard %zu at %zu, width %d: "
					    "'%s', not '%s'", h, at, w, got,
					    want);
				if (strcmp(right, rwant) != 0)
					fail_msg("hazard %zu at %zu, width %d, "
					    "right: '%s', not '%s'", h, at, w,
					    right, rwant);
				free(got);
				free(right);
			}
		}
}

/* Chinese is two columns whatever LC_CTYPE says, and measuring leaves the
 * thread's locale as it found it. */
static void
test_width_c_locale(void **state)
{
	(void)state;
	assert_non_null(setlocale(LC_ALL, "C"));
	assert_int_equal(MB_CUR_MAX, 1);
	assert_int_equal(text_width("\xe5\x8d\xab\xe5\x81\xa5\xe5\xa7\x94"),
	    6);
	assert_int_equal(text_width("a\xe5\x8d\xab\x1b"), 1 + 2 + 4);
	assert_int_equal(MB_CUR_MAX, 1);
	assert_non_null(setlocale(LC_ALL, "C.UTF-8"));
	assert_int_equal(MB_CUR_MAX, 6);
}

static void
test_fit(void **state)
{
	char *s;

	(void)state;
	s = text_fit("abc", 5, ALIGN_LEFT);
	assert_string_equal(s, "abc  ");
	free(s);
	s = text_fit("abc", 5, ALIGN_RIGHT);
	assert_string_equal(s, "  abc");
	free(s);
	/* Cut at a character boundary: 4 columns hold one CJK char, the
	 * ellipsis and a pad, never half a character. */
	s = text_fit("市卫生健康委员会", 4, ALIGN_LEFT);
	assert_int_equal(text_width(s), 4);
	assert_string_equal(s, "市\xe2\x80\xa6 ");
	free(s);
	s = text_fit("市卫生健康委员会", 16, ALIGN_LEFT);
	assert_string_equal(s, "市卫生健康委员会");
	free(s);
	s = text_fit("市卫生健康委员会", 15, ALIGN_LEFT);
	assert_int_equal(text_width(s), 15);
	free(s);
	s = text_fit("anything", 0, ALIGN_LEFT);
	assert_string_equal(s, "");
	free(s);
}

static void
test_quote(void **state)
{
	char big[4096], *s;

	(void)state;
	memset(big, 'x', sizeof big - 1);
	big[sizeof big - 1] = '\0';
	s = text_quote(big);
	assert_int_equal(text_width(s), TEXT_QUOTE_MAX);
	assert_string_equal(s + strlen(s) - 3, "\xe2\x80\xa6");
	free(s);
	s = text_quote("短\x1b");
	assert_string_equal(s, "短\\x1b");
	free(s);
}

static void
test_utf8(void **state)
{
	unsigned cp;

	(void)state;
	assert_true(utf8_valid("中文 ok", strlen("中文 ok")));
	assert_false(utf8_valid("\xc0\x80", 2));	/* overlong NUL */
	assert_false(utf8_valid("\xed\xa0\x80", 3));	/* surrogate */
	assert_false(utf8_valid("a\0b", 3));
	assert_int_equal(utf8_decode("\xf0\x9f\x98\x80", 4, &cp), 4);
	assert_int_equal(cp, 0x1f600);
	assert_int_equal(utf8_chars("中a文", strlen("中a文")), 3);
}

/* text_plain as its definition says: valid UTF-8 (utf8_valid) whose code
 * points are none of C0 but tab and newline, DEL, C1. */
static bool
plain_by_definition(const char *s, size_t n)
{
	unsigned cp;

	if (!utf8_valid(s, n))
		return false;
	for (size_t i = 0, k; i < n; i += k) {
		k = utf8_decode(s + i, n - i, &cp);
		if ((cp < 0x20 && cp != '\t' && cp != '\n') ||
		    (cp >= 0x7f && cp <= 0x9f))
			return false;
	}
	return true;
}

/* Every sequence of one and two bytes, every one of three bytes whose
 * lead is 0xe0..0xef (a three-byte lead), and the four-byte edges. */
static void
test_plain(void **state)
{
	unsigned char b[4];

	(void)state;
	for (unsigned x = 0; x < 256; x++) {
		b[0] = (unsigned char)x;
		assert_int_equal(text_plain((char *)b, 1),
		    plain_by_definition((char *)b, 1));
		for (unsigned y = 0; y < 256; y++) {
			b[1] = (unsigned char)y;
			if (text_plain((char *)b, 2) !=
			    plain_by_definition((char *)b, 2))
				fail_msg("%02x %02x", x, y);
			if (x < 0xe0 || x > 0xef)
				continue;
			for (unsigned z = 0; z < 256; z++) {
				b[2] = (unsigned char)z;
				if (text_plain((char *)b, 3) !=
				    plain_by_definition((char *)b, 3))
					fail_msg("%02x %02x %02x", x, y, z);
			}
		}
	}
	static const char *const four[] = { "\xf0\x90\x80\x80",
	    "\xf4\x8f\xbf\xbf", "\xf4\x90\x80\x80", "\xf0\x8f\xbf\xbf",
	    "\xf5\x80\x80\x80", "\xf0\x9f\x98", "\xf0\x9f\x98\x80" };
	for (size_t i = 0; i < sizeof four / sizeof four[0]; i++)
		assert_int_equal(text_plain(four[i], strlen(four[i])),
		    plain_by_definition(four[i], strlen(four[i])));
	const char *names = "三亚市\t卫健委\n";
	assert_true(text_plain(names, strlen(names)));
	assert_false(text_plain("a\033[31m", 6));
}

/* Every code point: unsafe exactly when it is a C0 or C1 control, DEL, a
 * bidi embedding, override, isolate or mark, or a line or paragraph
 * separator. */
static void
test_unsafe_all(void **state)
{
	(void)state;
	for (unsigned cp = 0; cp <= 0x10ffff; cp++) {
		bool want = cp < 0x20 || (cp >= 0x7f && cp <= 0x9f) ||
		    (cp >= 0x202a && cp <= 0x202e) ||
		    (cp >= 0x2066 && cp <= 0x2069) || cp == 0x200e ||
		    cp == 0x200f || cp == 0x061c || cp == 0x2028 ||
		    cp == 0x2029;

		if (text_unsafe_cp(cp) != want)
			fail_msg("U+%04X: %s", cp, want ? "unsafe" : "safe");
	}
}

/* Every three bytes led by E0..EF, whole and cut short: a character
 * exactly when both continuation bytes are 10xxxxxx and the code point
 * is neither overlong (below U+0800) nor a surrogate. */
static void
test_decode3_all(void **state)
{
	(void)state;
	for (unsigned lead = 0xe0; lead <= 0xef; lead++)
		for (unsigned b1 = 0; b1 < 0x100; b1++)
			for (unsigned b2 = 0; b2 < 0x100; b2++) {
				char s[3] = { (char)lead, (char)b1, (char)b2 };
				unsigned want = (lead & 0x0f) << 12 |
				    (b1 & 0x3f) << 6 | (b2 & 0x3f), cp = 0;
				bool ok = (b1 & 0xc0) == 0x80 &&
				    (b2 & 0xc0) == 0x80 && want >= 0x800 &&
				    (want < 0xd800 || want > 0xdfff);
				size_t k = utf8_decode(s, 3, &cp);

				if (k != (ok ? 3u : 0u) || (ok && cp != want))
					fail_msg("%02x %02x %02x: %zu U+%04X",
					    lead, b1, b2, k, cp);
				if (b2 == 0x80 &&
				    (utf8_decode(s, 2, &cp) != 0 ||
				    utf8_decode(s, 1, &cp) != 0))
					fail_msg("%02x %02x cut short", lead,
					    b1);
			}
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_width),
		cmocka_unit_test(test_safe),
		cmocka_unit_test(test_safe_positions),
		cmocka_unit_test(test_safe_edges),
		cmocka_unit_test(test_safe_buf),
		cmocka_unit_test(test_width_positions),
		cmocka_unit_test(test_width_c_locale),
		cmocka_unit_test(test_fit),
		cmocka_unit_test(test_quote),
		cmocka_unit_test(test_utf8),
		cmocka_unit_test(test_plain),
		cmocka_unit_test(test_unsafe_all),
		cmocka_unit_test(test_decode3_all),
	};

	setlocale(LC_ALL, "C.UTF-8");
	return cmocka_run_group_tests(tests, NULL, NULL);
}
