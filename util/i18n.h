/*
 * i18n.h: message translation through GNU gettext (libintl is part of glibc).
 *
 * Wrap every user-facing string in _() and every string in a static table in
 * N_() (translated where it is shown).  Machine-facing text (check's first
 * line keyword and perfdata, CSV and JSON field names, the plan format) is
 * never translated.
 */
#ifndef UTIL_I18N_H
#define UTIL_I18N_H

#include <libintl.h>

#define _(s)	gettext(s)
#define N_(s)	(s)

/* setlocale(LC_ALL, "") and bind the "planwatch" catalogue. */
void	i18n_init(void);
/* True when the messages locale is Chinese and its catalogue was found
 * (for 2025年12月31日 dates). */
int	i18n_is_chinese(void);

#endif
