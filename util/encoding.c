/* encoding.c: text in another encoding converted to UTF-8 (encoding.h). */
#include <errno.h>
#include <iconv.h>
#include <stdlib.h>
#include <string.h>

#include "util/buf.h"
#include "util/encoding.h"
#include "util/i18n.h"
#include "util/text.h"
#include "util/xalloc.h"

struct decoder {
	iconv_t		 cd;
	char		*name;
};

bool
enc_utf8(const char *s, size_t len)
{
	size_t i = 0, n;
	unsigned cp;

	while (i < len) {
		if (s[i] == '\0') {
			i++;
			continue;
		}
		if ((n = utf8_decode(s + i, len - i, &cp)) == 0)
			return false;
		i += n;
	}
	return true;
}

int
decoder_convert(struct decoder *d, const char *s, size_t len,
    struct buf *out, size_t *bad)
{
	char *in = (char *)s, *o;
	size_t left = len, room;

	/* Back to the initial shift state: each call is a text of its own. */
	iconv(d->cd, NULL, NULL, NULL, NULL);
	while (left > 0) {
		/* A character is at most 4 bytes in UTF-8 for each input
		 * byte; a little over a quarter more is room enough. */
		buf_grow(out, left + left / 2 + 16);
		o = out->s + out->len;
		room = out->cap - out->len - 1;
		if (iconv(d->cd, &in, &left, &o, &room) == (size_t)-1 &&
		    errno != E2BIG) {
			out->len = (size_t)(o - out->s);
			out->s[out->len] = '\0';
			if (bad != NULL)
				*bad = (size_t)(in - s);
			return -1;
		}
		out->len = (size_t)(o - out->s);
		out->s[out->len] = '\0';
	}
	return 0;
}

int
decoder_new(struct decoder **dp, const char *name, char **err)
{
	/* What must come through unchanged for the CSV reader to split the
	 * original bytes. */
	static const char ascii[] = ",\"\r\n'=+-@ 0123456789AZaz";
	struct decoder *d;
	struct buf b = BUF_INIT;
	char *safe;
	size_t bad;

	*dp = NULL;
	d = xcalloc(1, sizeof *d);
	d->cd = iconv_open("UTF-8", name);
	if (d->cd == (iconv_t)-1) {
		safe = text_quote(name);
		*err = xasprintf(_("unknown encoding '%s'"), safe);
		free(safe);
		free(d);
		return -1;
	}
	d->name = xstrdup(name);
	if (decoder_convert(d, ascii, sizeof ascii - 1, &b, &bad) != 0 ||
	    b.len != sizeof ascii - 1 || memcmp(b.s, ascii, b.len) != 0) {
		safe = text_quote(name);
		*err = xasprintf(_("encoding '%s' does not keep ASCII: import "
		    "reads UTF-8, or an encoding such as GB18030"), safe);
		free(safe);
		buf_release(&b);
		decoder_free(d);
		return -1;
	}
	buf_release(&b);
	*dp = d;
	return 0;
}

const char *
decoder_name(const struct decoder *d)
{
	return d->name;
}

void
decoder_free(struct decoder *d)
{
	if (d == NULL)
		return;
	iconv_close(d->cd);
	free(d->name);
	free(d);
}
