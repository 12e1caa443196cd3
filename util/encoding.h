/*
 * encoding.h: text in another encoding than UTF-8 (GB18030 as Excel saves
 * a CSV on Chinese Windows), converted to UTF-8 with iconv.
 *
 * Only encodings that keep ASCII are taken (GB18030, GBK, Big5...): in
 * them a comma, a quote and a line break are the same single bytes as in
 * UTF-8 and never part of another character, so a CSV reader can split
 * the original bytes and each field be converted on its own, with the
 * line numbers of the file.
 *
 *	struct decoder *d;
 *	if (!enc_utf8(data, len) && decoder_new(&d, "GB18030", &err) == 0)
 *		decoder_convert(d, field, n, &out) for each field;
 *	decoder_free(d);
 */
#ifndef UTIL_ENCODING_H
#define UTIL_ENCODING_H

#include <stdbool.h>
#include <stddef.h>

struct buf;
struct decoder;

/* The encoding taken when a file is not UTF-8. */
#define ENC_FALLBACK	"GB18030"

/* True when s (len bytes) is well-formed UTF-8 (NUL allowed: that is a
 * question of content, not of encoding). */
bool		 enc_utf8(const char *s, size_t len);
/*
 * A converter from the encoding name (as iconv knows it) to UTF-8.
 * Returns 0, or -1 with *err set (allocated) for a name iconv does not know
 * or an encoding that does not keep ASCII.
 */
int		 decoder_new(struct decoder **, const char *name, char **err);
/* The name given to decoder_new(). */
const char	*decoder_name(const struct decoder *);
/*
 * Append s (len bytes) converted to UTF-8 to out.  Returns 0, or -1 when s
 * holds a byte sequence that is not text in the encoding (out then holds
 * what came before it, and *bad, when not NULL, its offset in s).
 */
int		 decoder_convert(struct decoder *, const char *s, size_t len,
		    struct buf *out, size_t *bad);
void		 decoder_free(struct decoder *);

#endif
