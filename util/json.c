/* json.c: a JSON tokenizer over a buffer in memory (json.h). */
#include <stdbool.h>
#include <string.h>

#include "util/i18n.h"
#include "util/json.h"
#include "util/text.h"

static const char *const unexpected = N_("unexpected character (expected a "
    "string, a number, true, false, null, an array or an object)");

void
json_init(struct json_lexer *lx, const char *data, size_t len)
{
	memset(lx, 0, sizeof *lx);
	lx->data = data;
	lx->len = len;
	lx->at_line = lx->at_col = 1;
	if (len >= 3 && memcmp(data, "\xef\xbb\xbf", 3) == 0)
		lx->pos = 3;
}

void
json_release(struct json_lexer *lx)
{
	buf_release(&lx->text);
}

/* Step over one byte, counting lines and characters. */
static void
advance(struct json_lexer *lx)
{
	unsigned char c = (unsigned char)lx->data[lx->pos++];

	if (c == '\n') {
		lx->at_line++;
		lx->at_col = 1;
	} else if ((c & 0xc0) != 0x80)	/* not a continuation byte */
		lx->at_col++;
}

/* An error at line, col: nothing more is read. */
static enum json_token
fail_at(struct json_lexer *lx, size_t line, size_t col, const char *why)
{
	lx->error = why;
	lx->line = line;
	lx->col = col;
	lx->pos = lx->len;
	return JSON_ERROR;
}

/* An error at the byte about to be read. */
static enum json_token
fail(struct json_lexer *lx, const char *why)
{
	return fail_at(lx, lx->at_line, lx->at_col, why);
}

static bool
digit(const struct json_lexer *lx)
{
	return lx->pos < lx->len && lx->data[lx->pos] >= '0' &&
	    lx->data[lx->pos] <= '9';
}

/* -?(0|[1-9][0-9]*)(.[0-9]+)?([eE][+-]?[0-9]+)? */
static enum json_token
number(struct json_lexer *lx)
{
	size_t start = lx->pos;

	if (lx->data[lx->pos] == '-')
		advance(lx);
	if (!digit(lx))
		return fail(lx, N_("invalid number: expected a digit"));
	if (lx->data[lx->pos] == '0')
		advance(lx);
	else
		while (digit(lx))
			advance(lx);
	if (lx->pos < lx->len && lx->data[lx->pos] == '.') {
		advance(lx);
		if (!digit(lx))
			return fail(lx, N_("invalid number: expected a digit "
			    "after the point"));
		while (digit(lx))
			advance(lx);
	}
	if (lx->pos < lx->len && (lx->data[lx->pos] | 0x20) == 'e') {
		advance(lx);
		if (lx->pos < lx->len && (lx->data[lx->pos] == '+' ||
		    lx->data[lx->pos] == '-'))
			advance(lx);
		if (!digit(lx))
			return fail(lx, N_("invalid number: expected a digit "
			    "in the exponent"));
		while (digit(lx))
			advance(lx);
	}
	buf_add(&lx->text, lx->data + start, lx->pos - start);
	return JSON_NUMBER;
}

/* Four hex digits of a \u escape; -1 if they are not. */
static long
hex4(struct json_lexer *lx)
{
	long v = 0;

	if (lx->len - lx->pos < 4)
		return -1;
	for (int i = 0; i < 4; i++) {
		char c = lx->data[lx->pos];
		int d = c >= '0' && c <= '9' ? c - '0' :
		    (c | 0x20) >= 'a' && (c | 0x20) <= 'f' ? (c | 0x20) - 'a' + 10 :
		    -1;
		if (d < 0)
			return -1;
		v = v * 16 + d;
		advance(lx);
	}
	return v;
}

/* A \u escape (and the low half of a surrogate pair), lx->pos after the
 * u; an error is reported at the escape's backslash, line:col. */
static enum json_token
unicode_escape(struct json_lexer *lx, size_t line, size_t col)
{
	static const char *const lone_high = N_("the high half of a "
	    "surrogate pair without its low half");
	long cp = hex4(lx), lo;

	if (cp < 0)
		return fail_at(lx, line, col, N_("expected four hex digits "
		    "after \\u"));
	if (cp >= 0xdc00 && cp <= 0xdfff)
		return fail_at(lx, line, col, N_("the low half of a surrogate "
		    "pair without its high half"));
	if (cp >= 0xd800 && cp <= 0xdbff) {
		if (lx->len - lx->pos < 2 || lx->data[lx->pos] != '\\' ||
		    lx->data[lx->pos + 1] != 'u')
			return fail_at(lx, line, col, lone_high);
		advance(lx);
		advance(lx);
		if ((lo = hex4(lx)) < 0xdc00 || lo > 0xdfff)
			return fail_at(lx, line, col, lone_high);
		cp = 0x10000 + ((cp - 0xd800) << 10) + (lo - 0xdc00);
	}
	if (cp == 0)
		return fail_at(lx, line, col, N_("a NUL character (\\u0000) "
		    "in a string"));
	utf8_put(&lx->text, (unsigned)cp);
	return JSON_STRING;
}

/* A string, lx->pos after the opening quote. */
static enum json_token
string(struct json_lexer *lx)
{
	static const char plain[] = "\"\\/bfnrt", meant[] = "\"\\/\b\f\n\r\t";

	for (;;) {
		size_t start = lx->pos;

		while (lx->pos < lx->len && lx->data[lx->pos] != '"' &&
		    lx->data[lx->pos] != '\\' &&
		    (unsigned char)lx->data[lx->pos] >= 0x20)
			advance(lx);
		buf_add(&lx->text, lx->data + start, lx->pos - start);
		if (lx->pos >= lx->len)
			return fail(lx, N_("unterminated string"));
		if (lx->data[lx->pos] == '"') {
			advance(lx);
			break;
		}
		if (lx->data[lx->pos] != '\\')
			return fail(lx, N_("a control character in a string "
			    "(write it as \\u00XX)"));
		size_t line = lx->at_line, col = lx->at_col;
		advance(lx);
		if (lx->pos >= lx->len)
			return fail(lx, N_("unterminated string"));
		const char *e = strchr(plain, lx->data[lx->pos]);
		if (lx->data[lx->pos] == 'u') {
			advance(lx);
			if (unicode_escape(lx, line, col) == JSON_ERROR)
				return JSON_ERROR;
		} else if (e != NULL && *e != '\0') {
			buf_putc(&lx->text, meant[e - plain]);
			advance(lx);
		} else
			return fail_at(lx, line, col, N_("invalid escape in a "
			    "string"));
	}
	if (!utf8_valid(lx->text.s != NULL ? lx->text.s : "", lx->text.len)) {
		lx->pos = lx->len;
		lx->error = N_("a string that is not valid UTF-8 text");
		return JSON_ERROR;
	}
	return JSON_STRING;
}

/* true, false or null. */
static enum json_token
word(struct json_lexer *lx, const char *w, enum json_token t)
{
	size_t n = strlen(w);

	if (lx->len - lx->pos < n || memcmp(lx->data + lx->pos, w, n) != 0)
		return fail(lx, unexpected);
	for (size_t i = 0; i < n; i++)
		advance(lx);
	return t;
}

enum json_token
json_next(struct json_lexer *lx)
{
	static const char punct[] = "[]{},:";
	static const enum json_token ptok[] = { JSON_ARRAY_BEGIN,
	    JSON_ARRAY_END, JSON_OBJECT_BEGIN, JSON_OBJECT_END, JSON_COMMA,
	    JSON_COLON };

	if (lx->error != NULL)
		return JSON_ERROR;
	buf_reset(&lx->text);
	while (lx->pos < lx->len && strchr(" \t\r\n", lx->data[lx->pos]) &&
	    lx->data[lx->pos] != '\0')
		advance(lx);
	lx->line = lx->at_line;
	lx->col = lx->at_col;
	if (lx->pos >= lx->len)
		return JSON_END;
	char c = lx->data[lx->pos];
	const char *p = c != '\0' ? strchr(punct, c) : NULL;
	if (p != NULL) {
		advance(lx);
		return ptok[p - punct];
	}
	switch (c) {
	case '"':
		advance(lx);
		return string(lx);
	case 't':
		return word(lx, "true", JSON_TRUE);
	case 'f':
		return word(lx, "false", JSON_FALSE);
	case 'n':
		return word(lx, "null", JSON_NULL);
	default:
		if (c == '-' || (c >= '0' && c <= '9'))
			return number(lx);
		return fail(lx, unexpected);
	}
}

const char *
json_token_name(enum json_token t)
{
	static const char *const names[] = {
		[JSON_END] = N_("the end of the file"),
		[JSON_ERROR] = N_("an error"),
		[JSON_ARRAY_BEGIN] = "'['", [JSON_ARRAY_END] = "']'",
		[JSON_OBJECT_BEGIN] = "'{'", [JSON_OBJECT_END] = "'}'",
		[JSON_COMMA] = "','", [JSON_COLON] = "':'",
		[JSON_STRING] = N_("a string"), [JSON_NUMBER] = N_("a number"),
		[JSON_TRUE] = "true", [JSON_FALSE] = "false",
		[JSON_NULL] = "null",
	};

	return names[t];
}
