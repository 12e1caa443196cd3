/*
 * text.h: UTF-8 text measured in display columns, and made safe to show.
 *
 * Every string that came from a plan, a CSV file or the database passes
 * through text_safe() (or a text_fit() which calls it) before it reaches a
 * terminal or a printout: control characters, C1 controls, bidirectional
 * overrides and invalid bytes are shown as visible escapes (\x1b, \u202e),
 * never sent raw.  Widths come from wcwidth() under a UTF-8 LC_CTYPE
 * whatever the user's locale is, so Chinese is two columns under LANG=C too.
 *
 * All returned char * belong to the caller.
 */
#ifndef UTIL_TEXT_H
#define UTIL_TEXT_H

#include <stdbool.h>
#include <stddef.h>

struct buf;

/* Decode one UTF-8 character at s (n bytes available).  Returns its length
 * (1..4) and stores the code point, or returns 0 for an invalid or truncated
 * sequence (the caller treats one byte as invalid). */
size_t	 utf8_decode(const char *s, size_t n, unsigned *cp);
/* Append the UTF-8 encoding of code point cp (below 0x110000, not a
 * surrogate) to b. */
void	 utf8_put(struct buf *b, unsigned cp);
/* True when s (len bytes) is valid UTF-8 with no NUL. */
bool	 utf8_valid(const char *s, size_t len);
/* True when s (len bytes) is valid UTF-8 with no control character but tab
 * and newline: no other C0, no DEL, no C1 (the text a plan may hold). */
bool	 text_plain(const char *s, size_t len);
/* Length in characters (code points) of the first n bytes of s, for
 * column numbers counted in characters. */
size_t	 utf8_chars(const char *s, size_t n);

/* True when the code point must not reach a terminal raw. */
bool	 text_unsafe_cp(unsigned cp);
/* Display width of a string after text_safe() escaping. */
int	 text_width(const char *);
/* A copy with unsafe characters escaped. */
char	*text_safe(const char *);
/* Append s made safe to b. */
void	 text_safe_buf(struct buf *b, const char *s);

enum text_align { ALIGN_LEFT, ALIGN_RIGHT };
/*
 * Append s, made safe, to b in exactly width columns: cut at a character
 * boundary with an ellipsis when too wide, padded with spaces when narrow.
 * A wide character that would straddle the edge is replaced by a space.
 */
void	 text_fit_buf(struct buf *b, const char *s, int width, enum text_align);
char	*text_fit(const char *s, int width, enum text_align);

/*
 * The length in bytes of the first line of s wrapped at width columns, as
 * text_width() measures them: the whole characters (or escapes) that fit,
 * at least one, and never past a newline (which the caller skips).  The
 * lines cut where text_wrap() says give s back when joined.
 */
size_t	 text_wrap(const char *s, int width);

/* Width beyond which text quoted in a message is cut. */
#define TEXT_QUOTE_MAX 60
/* A copy made safe and cut at TEXT_QUOTE_MAX columns with an ellipsis (no
 * padding): for quoting what a user typed in an error message, so a 1 MB
 * value does not come back as a 1 MB message. */
char	*text_quote(const char *);

/* True when the user's LC_CTYPE is UTF-8 (block characters, "…"). */
bool	 text_utf8_locale(void);
/* The ellipsis for this locale: "…" (1 column) or "~". */
const char *text_ellipsis(void);

#endif
