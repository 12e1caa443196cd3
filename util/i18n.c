/* i18n.c: locale and message catalogue set-up. */
#include <locale.h>
#include <stdlib.h>
#include <string.h>

#include "util/i18n.h"

#ifndef LOCALEDIR
#define LOCALEDIR "/usr/local/share/locale"
#endif

void
i18n_init(void)
{
	const char *dir = getenv("PLANWATCH_LOCALEDIR");

	setlocale(LC_ALL, "");
	bindtextdomain("planwatch", dir != NULL && *dir ? dir : LOCALEDIR);
	bind_textdomain_codeset("planwatch", "UTF-8");
	textdomain("planwatch");
}

int
i18n_is_chinese(void)
{
	static const char header[] = "";
	const char *l = setlocale(LC_MESSAGES, NULL);

	/* Chinese dates only beside Chinese messages: without the catalogue
	 * everything stays English.  The empty msgid gives the catalogue's
	 * header, empty when none was found (a variable, so that xgettext
	 * does not take it for a message). */
	return l != NULL && strncmp(l, "zh", 2) == 0 &&
	    *gettext(header) != '\0';
}
