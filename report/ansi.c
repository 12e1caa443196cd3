/* ansi.c: ANSI colour for a status tone. */
#include "report/ansi.h"
#include "util/buf.h"

const char *
ansi_tone(enum tone t)
{
	switch (t) {
	case TONE_GOOD:
		return "\033[32m";
	case TONE_INFO:
		return "\033[36m";
	case TONE_WARN:
		return "\033[33m";
	case TONE_BAD:
		return "\033[1;31m";
	default:
		return "";
	}
}

void
ansi_put(struct buf *b, enum tone t, bool color, const char *s)
{
	const char *sgr = color ? ansi_tone(t) : "";

	buf_puts(b, sgr);
	buf_puts(b, s);
	if (*sgr != '\0')
		buf_puts(b, ANSI_RESET);
}
