/* i18n.c: locale and message catalogue set-up. */
#include <dirent.h>
#include <limits.h>
#include <locale.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "util/i18n.h"
#include "util/xalloc.h"

#ifndef LOCALEDIR
#define LOCALEDIR "/usr/local/share/locale"
#endif

static char	*locale_beside_self(void);

void
i18n_init(void)
{
	const char *env = getenv("PLANWATCH_LOCALEDIR");
	char *beside = NULL;

	setlocale(LC_ALL, "");
	if (env != NULL && *env)
		bindtextdomain("planwatch", env);
	else if ((beside = locale_beside_self()) != NULL)
		bindtextdomain("planwatch", beside);
	else
		bindtextdomain("planwatch", LOCALEDIR);
	free(beside);
	bind_textdomain_codeset("planwatch", "UTF-8");
	textdomain("planwatch");
}

/*
 * DIR/locale when the program runs as DIR/planwatch and some
 * DIR/locale/LANG/LC_MESSAGES/planwatch.mo exists: a build that was not
 * installed (make puts the catalogues in $(BUILD)/locale) speaks the
 * user's language too.  An installed program has none beside it.  NULL
 * when there is none, or the program's path is unknown.
 */
static char *
locale_beside_self(void)
{
	char exe[PATH_MAX];
	ssize_t n = readlink("/proc/self/exe", exe, sizeof exe);

	if (n <= 0 || (size_t)n >= sizeof exe)
		return NULL;
	exe[n] = '\0';
	char *slash = strrchr(exe, '/');
	if (slash == NULL)
		return NULL;
	*slash = '\0';

	char *dir = xasprintf("%s/locale", exe);
	DIR *d = opendir(dir);
	struct dirent *e;
	int found = 0;

	while (d != NULL && !found && (e = readdir(d)) != NULL) {
		if (e->d_name[0] == '.')
			continue;
		char *mo = xasprintf("%s/%s/LC_MESSAGES/planwatch.mo", dir,
		    e->d_name);
		found = access(mo, R_OK) == 0;
		free(mo);
	}
	if (d != NULL)
		closedir(d);
	if (!found) {
		free(dir);
		return NULL;
	}
	return dir;
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
