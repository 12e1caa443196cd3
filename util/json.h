/*
 * json.h: a JSON (RFC 8259) tokenizer over a buffer in memory.
 *
 * No I/O and no tree: json_next() hands back one token at a time with the
 * line and column it began on, and the caller checks the shape it expects
 * (import reads an array of flat objects this way, in bounded memory and
 * with no recursion).  Strings are decoded (escapes, surrogate pairs) and
 * must be valid UTF-8 without NUL; numbers are checked against the JSON
 * grammar and handed back as written.  A UTF-8 byte-order mark is
 * skipped.  Columns count characters, as editors do.
 *
 *	struct json_lexer lx;
 *	json_init(&lx, data, len);
 *	while ((t = json_next(&lx)) != JSON_END && t != JSON_ERROR)
 *		use t, lx.text for a string or number, lx.line and lx.col;
 *	if (t == JSON_ERROR) report lx.line, lx.col and lx.error
 *	json_release(&lx);
 */
#ifndef UTIL_JSON_H
#define UTIL_JSON_H

#include <stddef.h>

#include "util/buf.h"

enum json_token {
	JSON_END,		/* the end of the input */
	JSON_ERROR,		/* malformed: error, line and col say */
	JSON_ARRAY_BEGIN, JSON_ARRAY_END, JSON_OBJECT_BEGIN, JSON_OBJECT_END,
	JSON_COMMA, JSON_COLON,
	JSON_STRING, JSON_NUMBER, JSON_TRUE, JSON_FALSE, JSON_NULL
};

struct json_lexer {
	const char	*data;
	size_t		 len, pos;
	size_t		 at_line, at_col;	/* of data[pos], 1-based */
	size_t		 line, col;	/* where the last token began (or,
					   after JSON_ERROR, the bad byte) */
	struct buf	 text;		/* JSON_STRING: the decoded text;
					   JSON_NUMBER: as written */
	const char	*error;		/* after JSON_ERROR: why, untranslated
					   N_() */
};

void		 json_init(struct json_lexer *, const char *data, size_t len);
void		 json_release(struct json_lexer *);
/* The next token; after JSON_END or JSON_ERROR, the same again. */
enum json_token	 json_next(struct json_lexer *);
/* The token's name for messages ("a string", "'['"), untranslated N_(). */
const char	*json_token_name(enum json_token);

#endif
